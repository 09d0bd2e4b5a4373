package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkReadTemplate reads the untouched template: 400 pre-formatted rows a sheet,
// which must cost no more than the rows that hold something.
func BenchmarkReadTemplate(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "template.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Read(path, ReadOptions{})
	}
}

// TestDurationCells: Excel stores a duration typed as 96:00 in a [h]:mm cell as 4 (days).
// Hours KPIs get hours, days KPIs days, and any other KPI an error at the cell.
func TestDurationCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.NewSheet("Engagement")
	must(err)
	for i, r := range [][]any{{"Field", "Value"}, {"Team", "Clock"}, {"Operate start", "2025-11"}, {"Transfer date", "2027-01"}} {
		must(f.SetSheetRow("Engagement", CellName(1, i+1), &r))
	}
	must(f.SetSheetName("Sheet1", "Metrics"))
	must(f.SetSheetRow("Metrics", "A1", &[]any{"Month", "Lead time", "Time to restore", "Ramp-up time", "PR response time"}))
	must(f.SetSheetRow("Metrics", "A2", &[]any{"2025-11", 4.0, 0.0625, 10.5, 1.0}))
	must(f.SetSheetRow("Metrics", "A3", &[]any{"2025-12", 3.5, 0.5, 12.0, 0.5}))
	elapsed, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("[h]:mm")})
	must(err)
	builtin, err := f.NewStyle(&excelize.Style{NumFmt: 46}) // [h]:mm:ss
	must(err)
	days, err := f.NewStyle(&excelize.Style{NumFmt: 20}) // h:mm
	must(err)
	must(f.SetCellStyle("Metrics", "B2", "B3", elapsed))
	must(f.SetCellStyle("Metrics", "C2", "C3", builtin))
	must(f.SetCellStyle("Metrics", "D2", "D3", days))
	path := filepath.Join(t.TempDir(), "durations.xlsx")
	must(f.SaveAs(path))

	in, err := Read(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := in.Teams[0]
	for _, tt := range []struct {
		kpi  string
		want []float64
	}{
		{"lead_time", []float64{96, 84}},
		{"time_to_restore", []float64{1.5, 12}},
		{"ramp_up_days", []float64{10.5, 12}},
		{"pr_response_time", []float64{1, 0.5}}, // plain numbers: hours as typed
	} {
		s := d.SeriesFor(tt.kpi)
		if s == nil || len(s.Points) != len(tt.want) {
			t.Errorf("%s = %+v, want %v", tt.kpi, s, tt.want)
			continue
		}
		for i, p := range s.Points {
			if !near(p.Value, tt.want[i]) {
				t.Errorf("%s[%d] = %v, want %v", tt.kpi, i, p.Value, tt.want[i])
			}
		}
	}
}
