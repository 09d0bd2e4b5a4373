package charts_test

import (
	"math"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

func samplePack(t *testing.T, path, team string) *report.Pack {
	t.Helper()
	return inputtest.Pack(t, path, team)
}

// TestSpecsFromThePack: every KPI with data gets a spec, gates first; each spec's months
// run from the first data to the end of the delay window, with gaps kept as gaps, the
// Transfer and the window placed, and every value inside the y range.
func TestSpecsFromThePack(t *testing.T) {
	p := samplePack(t, "../samples/sao-paulo", "São Paulo Core Banking")
	specs := charts.Specs(p)
	withData := 0
	for _, r := range p.KPIs {
		if len(r.Series) > 0 {
			withData++
		}
	}
	if len(specs) != withData {
		t.Fatalf("%d specs, want one per KPI with data (%d)", len(specs), withData)
	}
	seenOther := false
	for _, s := range specs {
		if !s.Gate {
			seenOther = true
		} else if seenOther {
			t.Errorf("gate %s after a non-gate KPI: gates come first", s.KPI)
		}
	}
	s, ok := charts.Of(p, "predictability")
	if !ok {
		t.Fatal("no predictability chart")
	}
	if s.Labels[0] != "Nov 25" || s.Months[len(s.Months)-1] != report.MonthOf(2027, 4) {
		t.Errorf("axis %s … %s, want Nov 25 to the window's end, Apr 27", s.Labels[0], s.Months[len(s.Months)-1].Label())
	}
	if s.Transfer < 0 || s.Months[s.Transfer] != report.MonthOf(2027, 1) || s.WindowFrom != s.Transfer+1 || s.WindowTo != s.Transfer+3 {
		t.Errorf("Transfer at %d, window %d–%d", s.Transfer, s.WindowFrom, s.WindowTo)
	}
	if s.Target == nil || *s.Target != 85 || s.Actual[0] == nil || s.Actual[len(s.Actual)-1] != nil {
		t.Errorf("target %v, first actual %v, last actual %v", s.Target, s.Actual[0], s.Actual[len(s.Actual)-1])
	}
	for _, sp := range specs {
		for i := range sp.Months {
			for _, v := range []*float64{sp.Actual[i], sp.Projection[i]} {
				if v != nil && (*v < sp.Min || *v > sp.Max) {
					t.Errorf("%s: %v outside the y range %v–%v", sp.KPI, *v, sp.Min, sp.Max)
				}
			}
		}
	}
	cov, _ := charts.Of(p, "test_coverage") // May 2026 has no value
	if cov.Actual[int(report.MonthOf(2026, 5)-cov.Months[0])] != nil {
		t.Error("a month without data has a value in the chart")
	}
	if path := cov.Sparkline(80, 20); strings.Count(path, "M") != 2 {
		t.Errorf("sparkline %q: want two runs around the missing month", path)
	}
}

// TestAttritionChartIsAnnual: attrition's chart is drawn in annual rates, against its
// annual target.
func TestAttritionChartIsAnnual(t *testing.T) {
	p := samplePack(t, "../samples/andes.xlsx", "Lima Mobile")
	s, _ := charts.Of(p, "attrition")
	var r *report.KPIResult
	for i := range p.KPIs {
		if p.KPIs[i].ID == "attrition" {
			r = &p.KPIs[i]
		}
	}
	if math.Abs(*s.Actual[0]-r.Series[0].Value*12) > 1e-9 || s.Unit != "%/yr" || *s.Target != 15 {
		t.Errorf("first value %v (monthly %v), unit %q, target %v; want the annual rate against 15 %%/yr", *s.Actual[0], r.Series[0].Value, s.Unit, *s.Target)
	}
}

func TestStatusMarks(t *testing.T) {
	for _, tt := range []struct {
		s     report.Status
		shape string
	}{{report.Met, "✓"}, {report.OnTrack, "✓"}, {report.AtRisk, "▲"}, {report.Recoverable, "▲"}, {report.OffTrack, "✕"}, {report.InsufficientData, "○"}, {report.NoTarget, "○"}} {
		if got := charts.StatusMark(tt.s).Shape; got != tt.shape {
			t.Errorf("StatusMark(%s) = %s, want %s", tt.s, got, tt.shape)
		}
	}
}
