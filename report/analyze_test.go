package report

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// series builds a dataset of one team from KPI → values, one value a month from start;
// NaN is a month without data.
func series(start Month, transfer Month, kpis map[string][]float64) *Dataset {
	d := &Dataset{Engagement: Engagement{Team: "Test", OperateStart: start, TransferDate: transfer,
		BaselineMonths: 2, DelayWindowMonths: 3, PartnerAligned: true}}
	for _, k := range catalog {
		vs, ok := kpis[k.ID]
		if !ok {
			continue
		}
		s := Series{KPI: k.ID}
		for i, v := range vs {
			if !math.IsNaN(v) {
				s.Points = append(s.Points, Point{Month: start + Month(i), Value: v})
			}
		}
		d.Series = append(d.Series, s)
	}
	d.Engagement.ReportMonth = d.LastMonth()
	return d
}

func line(n int, start, slope float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = start + slope*float64(i)
		if i%2 == 1 { // a little noise, so the trend test sees no ties
			out[i] += 0.2
		}
	}
	return out
}

func analyze(t *testing.T, d *Dataset) *Pack {
	t.Helper()
	p, err := Analyze(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSlopeIgnoresOffset: adding a constant to every value leaves the slope alone.
func TestSlopeIgnoresOffset(t *testing.T) {
	start, transfer := MonthOf(2025, 11), MonthOf(2027, 1)
	a := analyze(t, series(start, transfer, map[string][]float64{"velocity": line(12, 40, 1.5)}))
	b := analyze(t, series(start, transfer, map[string][]float64{"velocity": line(12, 140, 1.5)}))
	sa, sb := a.kpi("velocity").Trend, b.kpi("velocity").Trend
	if sa.SlopePerMonth != sb.SlopePerMonth || *sa.PValue != *sb.PValue || !sa.Significant {
		t.Errorf("trend with +100 = %+v, without = %+v; want the same significant slope", sb, sa)
	}
	if got := *b.kpi("velocity").Level - *a.kpi("velocity").Level; math.Abs(got-100) > 1e-9 {
		t.Errorf("level moved by %v, want 100", got)
	}
}

// TestMissingMonthIsNotZero: a month without data changes nothing but the evidence.
func TestMissingMonthIsNotZero(t *testing.T) {
	start, transfer := MonthOf(2025, 11), MonthOf(2027, 1)
	full := line(12, 76, 1.5)
	gappy := append([]float64(nil), full...)
	gappy[6] = math.NaN()
	a := analyze(t, series(start, transfer, map[string][]float64{"predictability": full}))
	b := analyze(t, series(start, transfer, map[string][]float64{"predictability": gappy}))
	ka, kb := a.kpi("predictability"), b.kpi("predictability")
	if *ka.Level != *kb.Level || kb.MonthsWithData != 11 || len(kb.Series) != 11 {
		t.Errorf("with a gap: level %v (full %v), %d months", *kb.Level, *ka.Level, kb.MonthsWithData)
	}
	if math.Abs(kb.Trend.SlopePerMonth-1.5) > 0.05 || kb.Status != ka.Status {
		t.Errorf("with a gap: slope %v status %s, want about 1.5 and %s", kb.Trend.SlopePerMonth, kb.Status, ka.Status)
	}
	found := false
	for _, n := range b.DataQuality {
		found = found || (n.Kind == "missing_months" && n.KPI == "predictability")
	}
	if !found {
		t.Error("the missing month is not in the data-quality notes")
	}
}

// TestReversingDirectionFlipsTheJudgement: the same rising series improves a
// higher-is-better KPI and worsens a lower-is-better one.
func TestReversingDirectionFlipsTheJudgement(t *testing.T) {
	start, transfer := MonthOf(2025, 11), MonthOf(2027, 1)
	// 70 rising 1 a month (odd months +0.2): the last three are 79.2, 80, 81.2, so the
	// level is 80, and the projection 4 months on at the Transfer is 84.
	d := series(start, transfer, map[string][]float64{"predictability": line(12, 70, 1)})
	target := 82.0
	d.Targets = []Target{{KPI: "predictability", Target: &target}}
	up := analyze(t, d).kpi("predictability")
	d.Targets[0].Direction = LowerIsBetter
	down := analyze(t, d).kpi("predictability")
	if up.Trend.Word != "improving" || down.Trend.Word != "worsening" {
		t.Errorf("higher: %s, lower: %s; want improving and worsening", up.Trend.Word, down.Trend.Word)
	}
	// Higher is better: misses 82 now, meets it by the Transfer. Lower is better: meets
	// ≤ 82 now, breaches it by the Transfer.
	if up.Status != OnTrack || down.Status != AtRisk {
		t.Errorf("higher: %s, lower: %s; want on_track and at_risk", up.Status, down.Status)
	}
}

func TestAttritionIsAnnualised(t *testing.T) {
	start, transfer := MonthOf(2025, 11), MonthOf(2027, 1)
	p := analyze(t, series(start, transfer, map[string][]float64{"attrition": {0.6, 0.7, 0.6, 0.7, 0.6, 0.7, 0.6, 0.7, 0.6, 0.6, 0.7, 0.6}}))
	k := p.kpi("attrition")
	// The last three months 0.6, 0.7, 0.6: mean 0.6333 × 12 = 7.6 %/yr.
	if math.Abs(*k.Level-7.6) > 1e-9 || k.Status != Met || k.Display.Level != "7.6 %/yr" {
		t.Errorf("attrition level %v (%s), status %s; want 7.6 %%/yr met", *k.Level, k.Display.Level, k.Status)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	d := series(MonthOf(2025, 11), MonthOf(2027, 1), map[string][]float64{"velocity": line(12, 40, 1)})
	if _, err := Analyze(d, Options{DORAYear: 2025}); err == nil {
		t.Error("DORA year 2025 accepted; it has no tiers")
	}
	var asOf *AsOfError
	if _, err := Analyze(d, Options{AsOf: MonthOf(2025, 10)}); !errors.As(err, &asOf) || asOf.First != MonthOf(2025, 11) {
		t.Errorf("an as-of month before any data: %v, want an AsOfError naming the first month", err)
	}
}

// BenchmarkAnalyze analyses 30 KPIs × 36 months (aim: under 1 ms).
func BenchmarkAnalyze(b *testing.B) {
	kpis := map[string][]float64{}
	for i, k := range catalog {
		vs := line(36, k.Min+(k.Max-k.Min)*0.3, (k.Max-k.Min)*0.001*float64(i%5-2))
		if k.ID == "attrition" {
			vs = line(36, 1, 0.01)
		}
		kpis[k.ID] = vs
	}
	d := series(MonthOf(2023, 11), MonthOf(2026, 12), kpis)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyze(d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func flat(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
		if i%2 == 1 {
			out[i] += 0.02
		}
	}
	return out
}

// TestOffTrackAttritionNeverProceeds: an off-track gate outside delivery and quality
// delays for the whole window even when a delivery gate is itself only recoverable.
func TestOffTrackAttritionNeverProceeds(t *testing.T) {
	start, transfer := MonthOf(2025, 1), MonthOf(2026, 3)
	d := series(start, transfer, map[string][]float64{
		"predictability":  line(12, 70, 1), // level 80, 84 at Transfer, 87 by the window's end: recoverable
		"bug_escape_rate": flat(12, 5),     // met
		"attrition":       flat(12, 2.5),   // 30 %/yr: off track
	})
	r := analyze(t, d).Recommendation
	if r.Decision != Delay || r.DelayMonths != 3 || !slices.Contains(r.Rules, "delay.gate_recoverable") || !slices.Contains(r.Rules, "delay.time_boxed") {
		t.Errorf("got %s %d months, rules %v; want a 3-month delay for both gates", r.Decision, r.DelayMonths, r.Rules)
	}
}

// TestPreviousDecisionAfterTransfer: past the planned Transfer the previous month's own
// recommendation depends on the month before it, and "what changed" must use it.
func TestPreviousDecisionAfterTransfer(t *testing.T) {
	start := MonthOf(2025, 1)
	transfer := start + 11 // the 12th month; data runs 2 months past it, within the window
	d := series(start, transfer, map[string][]float64{
		"predictability": flat(14, 90), "bug_escape_rate": flat(14, 5), "attrition": flat(14, 2),
	})
	p1, err := Analyze(d, Options{AsOf: transfer + 1})
	if err != nil {
		t.Fatal(err)
	}
	if p1.Recommendation.Decision != Renegotiate || p1.Changes.PreviousDecision != Delay {
		t.Errorf("as of %s: %s after %s; want renegotiate after the time-boxed delay", transfer+1, p1.Recommendation.Decision, p1.Changes.PreviousDecision)
	}
	p2, err := Analyze(d, Options{AsOf: transfer + 2})
	if err != nil {
		t.Fatal(err)
	}
	if p2.Changes.PreviousDecision != Renegotiate || len(p2.Changes.Summary) == 0 || strings.Contains(p2.Changes.Summary[0], "recommendation changed") {
		t.Errorf("as of %s: previous decision %s, summary %v; want renegotiate unchanged", transfer+2, p2.Changes.PreviousDecision, p2.Changes.Summary)
	}
}

// TestJudgedAtPrintedPrecision: a level printed "85.0 %" meets "≥ 85.0 %".
func TestJudgedAtPrintedPrecision(t *testing.T) {
	d := series(MonthOf(2025, 1), MonthOf(2026, 3), map[string][]float64{"predictability": flat(12, 84.96)})
	d.Series[0].Points[11].Value = 84.96 // no noise at the end: the level is 84.96 or 84.98
	k := analyze(t, d).kpi("predictability")
	if k.Display.Level != "85.0 %" || k.Status != Met {
		t.Errorf("level %s (%v): %s; want met", k.Display.Level, *k.Level, k.Status)
	}
}

// TestAmberBand: a non-gate KPI missing its target within the agreed tolerance is in the
// amber band and no Transfer condition; beyond it, red and a condition.
func TestAmberBand(t *testing.T) {
	start, transfer := MonthOf(2025, 1), MonthOf(2026, 3)
	kpis := map[string][]float64{"predictability": flat(12, 90), "bug_escape_rate": flat(12, 5),
		"attrition": flat(12, 0.6), "test_coverage": flat(12, 72.5)}
	for _, tt := range []struct {
		amber     float64
		band      Band
		condition bool
	}{{5, Amber, false}, {1, Red, true}} {
		d := series(start, transfer, kpis)
		target, amber := 75.0, tt.amber
		d.Targets = []Target{{KPI: "test_coverage", Target: &target, Amber: &amber}}
		p := analyze(t, d)
		k := p.kpi("test_coverage")
		cond := strings.Contains(strings.Join(p.Recommendation.Conditions, " "), "Test coverage")
		if k.Band != tt.band || cond != tt.condition || k.Status != OffTrack {
			t.Errorf("amber %v: band %s, condition %v, status %s; want %s, %v, off_track", tt.amber, k.Band, cond, k.Status, tt.band, tt.condition)
		}
	}
}

// TestOnlyRecentGapsAreConditions: a missing month is a data-quality note; one among the
// last three months moves the level and is also a condition of the Transfer. Filling in a
// gap is a chore, never one of the review's priorities.
func TestOnlyRecentGapsAreConditions(t *testing.T) {
	start, transfer := MonthOf(2025, 1), MonthOf(2026, 3)
	for _, gap := range []int{3, 10} {
		enps := flat(12, 30)
		enps[gap] = math.NaN()
		p := analyze(t, series(start, transfer, map[string][]float64{"predictability": flat(12, 90),
			"bug_escape_rate": flat(12, 5), "attrition": flat(12, 0.6), "enps": enps}))
		cond := strings.Contains(strings.Join(p.Recommendation.Conditions, " "), "Fill in eNPS for Nov 2025")
		priority := strings.Contains(strings.Join(p.Agenda.Priorities, " "), "eNPS")
		note := false
		for _, n := range p.DataQuality {
			note = note || (n.Kind == NoteMissingMonths && strings.HasPrefix(n.Text, "eNPS has no value"))
		}
		if cond != (gap == 10) || priority || !note {
			t.Errorf("gap in month %d: condition %v, a priority %v, a data-quality note %v", gap+1, cond, priority, note)
		}
	}
}

func TestAsOfBeyondData(t *testing.T) {
	d := series(MonthOf(2025, 1), MonthOf(2026, 3), map[string][]float64{"velocity": line(12, 40, 1)})
	if _, err := Analyze(d, Options{AsOf: MonthOf(2025, 12) + 2}); err == nil || !strings.Contains(err.Error(), "latest month with data is Dec 2025") {
		t.Errorf("as of two months after the data: err = %v", err)
	}
}

// TestPrintedFiguresAddUp: differences are taken between the printed figures, and halves
// round away from zero as in a spreadsheet.
func TestPrintedFiguresAddUp(t *testing.T) {
	if got := formatFixed(44.5, 0); got != "45" {
		t.Errorf("formatFixed(44.5, 0) = %s, want 45", got)
	}
	if got := formatFixed(-2.25, 1); got != "−2.3" {
		t.Errorf("formatFixed(-2.25, 1) = %s, want −2.3", got)
	}
	// Baseline 9.75 prints 9.8, level 6.25 prints 6.3: the difference prints −3.5.
	d := series(MonthOf(2025, 1), MonthOf(2026, 3), map[string][]float64{
		"bug_escape_rate": {9.75, 9.75, 9, 8.5, 8, 7.5, 7, 6.8, 6.5, 6.25, 6.25, 6.25}})
	k := analyze(t, d).kpi("bug_escape_rate")
	if k.Display.Baseline != "9.8 %" || k.Display.Level != "6.3 %" || k.Display.VsBaseline != "−3.5 pts" {
		t.Errorf("baseline %s, level %s, vs baseline %s; want 9.8 %%, 6.3 %%, −3.5 pts", k.Display.Baseline, k.Display.Level, k.Display.VsBaseline)
	}
}

// TestSentenceArithmeticHolds: the arithmetic check passes on teams in every status and
// fails on a sentence whose projection is off by a printed digit.
func TestSentenceArithmeticHolds(t *testing.T) {
	start, transfer := MonthOf(2025, 1), MonthOf(2026, 3)
	base := map[string][]float64{"bug_escape_rate": line(12, 8, -0.2), "attrition": flat(12, 0.6)}
	with := func(id string, vs []float64) map[string][]float64 {
		m := map[string][]float64{id: vs}
		for k, v := range base {
			if k != id {
				m[k] = v
			}
		}
		return m
	}
	teams := map[string]map[string][]float64{
		"recoverable":     with("predictability", line(12, 63.2, 1.5)),
		"at risk":         with("predictability", line(12, 92.9, -0.6)),
		"off track, slow": with("predictability", line(12, 66.9, 1.0)),
		"declining":       with("predictability", line(12, 86, -1.5)),
		"attrition":       with("attrition", line(12, 1.2, 0.08)),
		"costs":           with("monthly_cost", line(12, 90000, 520)),
	}
	for name, kpis := range teams {
		p := analyze(t, series(start, transfer, kpis))
		if bad := checkSentences(p); len(bad) > 0 {
			t.Errorf("%s: %s", name, strings.Join(bad, "\n"))
		}
	}
	p := analyze(t, series(start, transfer, teams["recoverable"]))
	why := p.Recommendation.Rationale[0]
	proj := p.kpi("predictability").Display.Projection
	v, d := parseFigure(strings.Fields(proj)[0])
	wrong := formatFixed(v-math.Pow10(-d), d) + " %"
	if !strings.Contains(why, proj) || wrong == proj {
		t.Fatalf("the rationale %q does not print the projection %q", why, proj)
	}
	p.Recommendation.Rationale[0] = strings.Replace(why, proj, wrong, 1)
	if bad := checkSentences(p); len(bad) == 0 {
		t.Errorf("a projection one digit off passed the check:\n%s", p.Recommendation.Rationale[0])
	}
}

// TestProjectionStaysInRange: a rate falling fast is projected to zero, not below it,
// and a percentage rising fast to 100, not past it; the sentence says so.
func TestProjectionStaysInRange(t *testing.T) {
	start, transfer := MonthOf(2025, 1), MonthOf(2026, 12)
	p := analyze(t, series(start, transfer, map[string][]float64{
		"bug_escape_rate": line(8, 20, -2.5),
		"test_coverage":   line(8, 70, 4),
	}))
	for id, want := range map[string]struct {
		v     float64
		words string
	}{"bug_escape_rate": {0, "as low as it can go"}, "test_coverage": {100, "as high as it can go"}} {
		k := p.kpi(id)
		if k.Projection == nil || *k.Projection != want.v {
			t.Errorf("%s projected to %v, want %v", id, k.Projection, want.v)
		}
		for _, pt := range k.Projected {
			if pt.Value < 0 || pt.Value > 100 {
				t.Errorf("%s projected %v in %s, outside 0–100", id, pt.Value, pt.Month)
			}
		}
		if !strings.Contains(k.Summary, want.words) || !strings.Contains(k.Summary, "low-confidence") {
			t.Errorf("%s summary %q; want %q and the low confidence said", id, k.Summary, want.words)
		}
	}
}

// TestTooLittleDataBeyondTheWindow: a gate that cannot have six months of data within
// the delay window delays until it can, and the reason says it goes past the window.
func TestTooLittleDataBeyondTheWindow(t *testing.T) {
	start := MonthOf(2026, 1)
	d := series(start, start+2, map[string][]float64{
		"predictability": flat(2, 90), "bug_escape_rate": flat(2, 5), "attrition": flat(2, 0.5),
	})
	d.Engagement.DelayWindowMonths = 2
	r := analyze(t, d).Recommendation
	if r.Decision != Delay || r.DelayMonths != 3 {
		t.Fatalf("got %s by %d months; want a delay of 3 months, until the sixth month of data", r.Decision, r.DelayMonths)
	}
	if !strings.Contains(r.Rationale[0], "beyond the agreed 2-month delay window") {
		t.Errorf("rationale %q does not say the delay goes past the window", r.Rationale[0])
	}
}
