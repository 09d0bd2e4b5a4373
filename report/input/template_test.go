package input

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/transferpack/transferpack/report"
	"github.com/xuri/excelize/v2"
)

// TestTemplateFilledInValidatesClean fills the template the way a person does in Excel:
// deletes the example rows, types the engagement, types months as dates into the
// month column, percentages into the %-formatted cells, picks dropdown values. The
// result must read with no finding at all.
func TestTemplateFilledInValidatesClean(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{"Metrics", "Targets", "Commentary"} {
		must(f.RemoveRow(s, 2)) // the example row; Engagement has none: its notes give examples
	}
	// Engagement: the field names are already there; type the values in column B.
	values := map[string]any{
		"Client": "Banco Andino", "Partner": "Nearshore Partners", "Team": "Medellín Payments",
		"Location": "Medellín, Colombia", "Operate start": date(2025, 11), "Transfer date": date(2027, 1),
		"Partner aligned": "yes", "Currency": "USD", "Headcount": 14,
	}
	rows, err := f.GetRows("Engagement")
	must(err)
	for i, r := range rows {
		if v, ok := values[r[0]]; ok && i > 0 {
			must(f.SetCellValue("Engagement", report.CellName(2, i+1), v))
			delete(values, r[0])
		}
	}
	if len(values) != 0 {
		t.Fatalf("template lacks Engagement fields %v", values)
	}
	// Metrics: twelve months, a few KPIs, typed as a person types them: percentages as
	// plain points under the "(%)" headers.
	col := func(id string) int {
		for i, k := range catalog {
			if k.ID == id {
				return i + 2
			}
		}
		t.Fatalf("no column for %s", id)
		return 0
	}
	for m := 0; m < 12; m++ {
		row := m + 2
		must(f.SetCellValue("Metrics", report.CellName(1, row), date(2025, 11+m)))
		must(f.SetCellValue("Metrics", report.CellName(col("velocity"), row), 40+m))
		must(f.SetCellValue("Metrics", report.CellName(col("predictability"), row), 80+m))
		must(f.SetCellValue("Metrics", report.CellName(col("bug_escape_rate"), row), 8))
		must(f.SetCellValue("Metrics", report.CellName(col("attrition"), row), 0.8))
		must(f.SetCellValue("Metrics", report.CellName(col("lead_time"), row), 60.5))
		if m != 5 { // a month without a survey: left empty
			must(f.SetCellValue("Metrics", report.CellName(col("enps"), row), 25))
		}
	}
	must(f.SetSheetRow("Targets", "A2", &[]any{"Sprint predictability", 85, "higher", "yes", 2}))
	must(f.SetSheetRow("Targets", "A3", &[]any{"Test coverage", 75}))
	must(f.SetSheetRow("Commentary", "A2", &[]any{date(2026, 10), "summary", "Velocity is **up** for the third month."}))

	path := filepath.Join(t.TempDir(), "filled.xlsx")
	must(f.SaveAs(path))
	in, err := Read(path, Options{})
	for _, fd := range in.Findings {
		t.Errorf("finding: %s", fd)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Teams) != 1 {
		t.Fatalf("got %d teams, want 1", len(in.Teams))
	}
	d := in.Teams[0]
	if d.Engagement.Team != "Medellín Payments" || d.Engagement.OperateStart != report.MonthOf(2025, 11) || d.Engagement.TransferDate != report.MonthOf(2027, 1) {
		t.Errorf("engagement = %+v", d.Engagement)
	}
	if got := d.Engagement.ReportMonth; got != report.MonthOf(2026, 10) {
		t.Errorf("report month = %s, want 2026-10 (the latest month with data)", got)
	}
	pred := d.SeriesFor("predictability")
	if pred == nil || len(pred.Points) != 12 || !near(pred.Points[0].Value, 80) || !near(pred.Points[11].Value, 91) {
		t.Errorf("predictability = %+v, want 12 months from 80 to 91 %%", pred)
	}
	if att := d.SeriesFor("attrition"); att == nil || !near(att.Points[0].Value, 0.8) {
		t.Errorf("attrition = %+v, want 0.8 %% a month", att)
	}
	if enps := d.SeriesFor("enps"); enps == nil || len(enps.Points) != 11 {
		t.Errorf("eNPS has %v, want 11 months: the empty cell is missing, not zero", enps)
	}
	if len(d.Targets) != 2 || d.Targets[0].KPI != "predictability" || *d.Targets[0].Target != 85 || !*d.Targets[0].Gate {
		t.Errorf("targets = %+v", d.Targets)
	}
	if len(d.Commentary) != 1 || d.Commentary[0].Section != "summary" {
		t.Errorf("commentary = %+v", d.Commentary)
	}
}

// TestTemplateUntouched: the blank template names what is missing, and recognises each
// example row as an example instead of reporting its cells.
func TestTemplateUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "blank.xlsx")
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := Read(path, Options{})
	if err == nil {
		t.Fatal("a blank template read without error")
	}
	var got []string
	for _, f := range in.Findings {
		got = append(got, strings.TrimPrefix(f.String(), path+": "))
	}
	want := []string{
		"Engagement!B6: error: Operate start is required: write a month such as 2025-11",
		"Engagement!B7: error: Transfer date is required: write a month such as 2025-11",
		"Metrics!A2: warning: example row from the template is skipped: type over it or delete it",
		"Targets!A2: warning: example row from the template is skipped: type over it or delete it",
		"Commentary!A2: warning: example row from the template is skipped: type over it or delete it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTemplateDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteTemplate(&a); err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two templates differ")
	}
}

func date(year, month int) time.Time {
	return time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9 && d > -1e-9
}

// TestTemplateCSV: the CSV folder form of the template reads like the workbook's: the
// example rows are skipped, and the required fields are what is missing.
func TestTemplateCSV(t *testing.T) {
	files, err := TemplateCSV()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in, _ := Read(dir, Options{})
	var got []string
	for _, f := range in.Findings {
		got = append(got, filepath.Base(f.File)+": "+f.Cell()+": "+string(f.Severity)+": "+f.Message)
	}
	want := []string{
		"commentary.csv: row 2, column 1: warning: example row from the template is skipped: type over it or delete it",
		"engagement.csv: row 6, column 2: error: Operate start is required: write a month such as 2025-11",
		"engagement.csv: row 7, column 2: error: Transfer date is required: write a month such as 2025-11",
		"metrics.csv: row 2, column 1: warning: example row from the template is skipped: type over it or delete it",
		"targets.csv: row 2, column 1: warning: example row from the template is skipped: type over it or delete it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
