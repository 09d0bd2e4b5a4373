package input

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/xuri/excelize/v2"
)

// testWorkbook returns a new workbook with an Engagement sheet for one team and an
// empty Metrics sheet, and a must that ends the test on an error; f closes with the test.
func testWorkbook(tb testing.TB, team, operateStart, transfer string) (f *excelize.File, must func(error)) {
	tb.Helper()
	f = excelize.NewFile()
	tb.Cleanup(func() { f.Close() })
	must = func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	_, err := f.NewSheet("Engagement")
	must(err)
	for i, r := range [][]any{{"Field", "Value"}, {"Team", team}, {"Operate start", operateStart}, {"Transfer date", transfer}} {
		must(f.SetSheetRow("Engagement", report.CellName(1, i+1), &r))
	}
	must(f.SetSheetName("Sheet1", "Metrics"))
	return f, must
}

// writeBenchWorkbook writes a 36-month × 30-KPI wide workbook: Excel date cells for the
// months, %-formatted fractions for percent KPIs, plain numbers for the rest.
func writeBenchWorkbook(tb testing.TB) string {
	tb.Helper()
	f, must := testWorkbook(tb, "Bench", "2023-11", "2026-12")
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("mmm yyyy")})
	must(err)
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	must(err)
	header := []any{"Month"}
	for _, k := range catalog {
		header = append(header, k.ID)
	}
	must(f.SetSheetRow("Metrics", "A1", &header))
	for m := 0; m < 36; m++ {
		row := m + 2
		must(f.SetCellValue("Metrics", report.CellName(1, row), date(2023, 11+m)))
		for i, k := range catalog {
			v := k.Min + (k.Max-k.Min)*0.01*float64(1+(m+i)%7)
			if k.ID == "attrition" {
				v = 1 + 0.01*float64(m%5)
			}
			if k.IsPercent() {
				v /= 100
			}
			must(f.SetCellValue("Metrics", report.CellName(i+2, row), v))
		}
	}
	must(f.SetCellStyle("Metrics", "A2", "A37", dateStyle))
	for i, k := range catalog {
		if k.IsPercent() {
			col := report.ColumnName(i + 2)
			must(f.SetCellStyle("Metrics", col+"2", col+"37", pctStyle))
		}
	}
	path := filepath.Join(tb.TempDir(), "bench.xlsx")
	must(f.SaveAs(path))
	return path
}

func TestBenchWorkbookReads(t *testing.T) {
	in, err := Read(writeBenchWorkbook(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := in.Teams[0]
	if len(d.Series) != len(catalog) || len(d.Series[0].Points) != 36 {
		t.Fatalf("read %d series of %d points, want %d of 36", len(d.Series), len(d.Series[0].Points), len(catalog))
	}
}

// BenchmarkReadWorkbook reads a 36-month × 30-KPI workbook from disk (aim: under 20 ms).
func BenchmarkReadWorkbook(b *testing.B) {
	path := writeBenchWorkbook(b)
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
