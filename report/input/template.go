package input

import (
	"fmt"
	"io"

	"github.com/transferpack/transferpack/report"
	"github.com/xuri/excelize/v2"
)

// templateNotes explains each Engagement field in the template.
var templateNotes = map[string]string{
	"Client":              "The client company, e.g. Acme Payments.",
	"Partner":             "The BOT partner operating the centre, e.g. Nearshore Partners S.A.",
	"Team":                "The team's name, as packs show it, e.g. Medellín Payments. Leave empty if Metrics has a Team column.",
	"Location":            "City and country of the centre, e.g. Medellín, Colombia.",
	"Operate start":       "Required. First month of the Operate phase, e.g. 2025-11.",
	"Transfer date":       "Required. Planned Transfer month, e.g. 2027-01.",
	"Baseline months":     "Months from Operate start that set the baseline (1–12). Default 2.",
	"Delay window months": "How many months a delay may last (0–24). Default 3.",
	"Partner aligned":     "yes or no: does the partner agree with the gaps and the plan? Default yes.",
	"Report month":        "The month the pack reports on. Default: the latest month with data.",
	"Currency":            "Currency of cost KPIs, e.g. USD.",
	"Headcount":           "People on the team today.",
}

var templateInstructions = []string{
	"transferpack input workbook",
	"",
	"Fill in one workbook per team (or one for many teams: add a Team column to Metrics in the long layout: Month, KPI, Value, Team).",
	"Engagement: one value per field. Operate start and Transfer date are required.",
	"Metrics: one row per month, one column per KPI. Leave a cell empty when there is no data: empty is missing, never zero.",
	"  Delete the columns of KPIs you do not track, or leave them empty. Months: type a date (1 Nov 2025) or 2025-11.",
	"  Percent KPIs: type 85% or 85. A plain number in a percent KPI means percentage points (85 = 85 %).",
	"  Attrition is the monthly rate: voluntary leavers ÷ headcount in the month (1.25 % a month ≈ 15 % a year).",
	"Targets (optional): the agreed framework. A KPI without a row uses the catalog default (transferpack kpis).",
	"  Attrition's target is the annual rate. Gate: yes makes the KPI a Transfer gate. Weight: its weight in the readiness score.",
	"Commentary (optional): Markdown text per month and section (summary, delivery, quality, dora, collaboration, team, business, cost).",
	"Rows whose first cell starts with \"e.g.\" are examples: type over them or delete them. Engagement's notes give an example for each field.",
	"",
	"Check the workbook with: transferpack validate FILE.xlsx",
}

// WriteTemplate writes a blank input workbook a person can fill in: the four sheets of the
// input contract with headers, formats, dropdowns and one example row each, an
// Instructions sheet, and the KPI list the dropdowns use.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	t := &templateWriter{f: f}
	t.instructions()
	t.engagement()
	t.metrics()
	t.targets()
	t.commentary()
	t.lists()
	if t.err != nil {
		return fmt.Errorf("writing the template: %w", t.err)
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return err
	}
	f.SetActiveSheet(1)
	if err := setFixedDocProps(f); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// setFixedDocProps pins the document properties so the same template is the same bytes.
func setFixedDocProps(f *excelize.File) error {
	return f.SetDocProps(&excelize.DocProperties{
		Creator:  "transferpack",
		Title:    "transferpack input",
		Created:  "2026-01-01T00:00:00Z",
		Modified: "2026-01-01T00:00:00Z",
	})
}

// templateWriter keeps the first error, so the layout code reads as a list of steps.
type templateWriter struct {
	f   *excelize.File
	err error
	hdr int // header style
	ex  int // example row style
}

func (t *templateWriter) do(err error) {
	if t.err == nil {
		t.err = err
	}
}

func (t *templateWriter) style(s *excelize.Style) int {
	id, err := t.f.NewStyle(s)
	t.do(err)
	return id
}

func (t *templateWriter) sheet(name string, widths map[string]float64) {
	_, err := t.f.NewSheet(name)
	t.do(err)
	if t.hdr == 0 {
		t.hdr = t.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}}})
		t.ex = t.style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}})
	}
	for col, wd := range widths {
		t.do(t.f.SetColWidth(name, col, col, wd))
	}
	// Printed, a sheet fits the width of a landscape page.
	t.do(t.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	t.do(t.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}))
}

// header writes the header row and freezes it.
func (t *templateWriter) header(sheet string, names []string) {
	for i, n := range names {
		t.do(t.f.SetCellStr(sheet, report.CellName(i+1, 1), n))
	}
	t.do(t.f.SetCellStyle(sheet, "A1", report.CellName(len(names), 1), t.hdr))
	t.do(t.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

func (t *templateWriter) list(sheet, sqref string, values ...string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	t.do(dv.SetDropList(values))
	t.do(t.f.AddDataValidation(sheet, dv))
}

func (t *templateWriter) rangeList(sheet, sqref, source string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.SetSqrefDropList(source)
	t.do(t.f.AddDataValidation(sheet, dv))
}

const templateRows = 400 // rows prepared with formats and dropdowns

func (t *templateWriter) instructions() {
	const s = "Instructions"
	t.sheet(s, map[string]float64{"A": 120})
	for i, line := range templateInstructions {
		t.do(t.f.SetCellStr(s, report.CellName(1, i+1), line))
	}
	t.do(t.f.SetCellStyle(s, "A1", "A1", t.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})))
}

func (t *templateWriter) engagement() {
	const s = "Engagement"
	t.sheet(s, map[string]float64{"A": 22, "B": 28, "C": 80})
	t.header(s, []string{"Field", "Value", "Notes"})
	month := t.style(&excelize.Style{CustomNumFmt: ptr("yyyy-mm")})
	for i, field := range engagementFields {
		row := i + 2
		t.do(t.f.SetSheetRow(s, report.CellName(1, row), &[]any{field, nil, templateNotes[field]}))
		switch field {
		case "Operate start", "Transfer date", "Report month":
			t.do(t.f.SetCellStyle(s, report.CellName(2, row), report.CellName(2, row), month))
		case "Partner aligned":
			t.list(s, report.CellName(2, row), "yes", "no")
		}
	}
}

func (t *templateWriter) metrics() {
	const s = "Metrics"
	t.sheet(s, map[string]float64{"A": 14})
	names := []string{"Month"}
	for _, k := range catalog {
		names = append(names, fmt.Sprintf("%s (%s)", k.Name, k.Unit))
	}
	t.header(s, names)
	month := t.style(&excelize.Style{CustomNumFmt: ptr("mmm yyyy")})
	// Percent KPIs are plain numbers in percentage points under a "(%)" header: a cell
	// formatted as a percentage would turn a pasted 72 into 7200 %.
	num := t.style(&excelize.Style{CustomNumFmt: ptr("0.0##")})
	last := fmt.Sprint(templateRows)
	t.do(t.f.SetCellStyle(s, "A2", "A"+last, month))
	example := []any{"e.g. Nov 2025"}
	for i, k := range catalog {
		col := report.ColumnName(i + 2)
		t.do(t.f.SetColWidth(s, col, col, float64(max(12, len(names[i+1])+2))))
		t.do(t.f.SetCellStyle(s, col+"2", col+last, num))
		example = append(example, exampleValue(k))
	}
	t.do(t.f.SetSheetRow(s, "A2", &example))
	t.do(t.f.SetCellStyle(s, "A2", "A2", t.ex))
}

// exampleValue is a plausible month's value for the example row: a fraction for percent
// KPIs (their cells are %-formatted), the default target or a typical figure otherwise.
func exampleValue(k report.KPI) any {
	v := k.Target
	if !k.HasTarget {
		v = map[report.Category]float64{report.Delivery: 80, report.Quality: 5, report.DORA: 12, report.Collaboration: 90, report.Team: 10, report.Business: 60, report.Cost: 1000}[k.Category]
	}
	switch {
	case k.AnnualTarget():
		v = k.Target / 12
	case k.Unit == "ratio":
		v = 0.9
	}
	return v
}

func (t *templateWriter) targets() {
	const s = "Targets"
	t.sheet(s, map[string]float64{"A": 28, "B": 10, "C": 11, "D": 8, "E": 9, "F": 9, "G": 10})
	t.header(s, []string{"KPI", "Target", "Direction", "Gate", "Weight", "Amber", "Baseline"})
	t.do(t.f.SetSheetRow(s, "A2", &[]any{"e.g. Sprint predictability", 85, "higher", "yes", 2, 5, nil}))
	t.do(t.f.SetCellStyle(s, "A2", "G2", t.ex))
	last := fmt.Sprint(templateRows)
	t.rangeList(s, "A3:A"+last, fmt.Sprintf("Lists!$A$2:$A$%d", len(catalog)+1))
	t.list(s, "C3:C"+last, "higher", "lower")
	t.list(s, "D3:D"+last, "yes", "no")
}

func (t *templateWriter) commentary() {
	const s = "Commentary"
	t.sheet(s, map[string]float64{"A": 12, "B": 16, "C": 100})
	t.header(s, []string{"Month", "Section", "Text"})
	t.do(t.f.SetSheetRow(s, "A2", &[]any{"e.g. Nov 2025", "summary", "Markdown: **bold**, lists with - item, [links](https://example.com)."}))
	t.do(t.f.SetCellStyle(s, "A2", "C2", t.ex))
	last := fmt.Sprint(templateRows)
	t.do(t.f.SetCellStyle(s, "A3", "A"+last, t.style(&excelize.Style{CustomNumFmt: ptr("mmm yyyy")})))
	t.list(s, "B3:B"+last, sectionNames...)
	wrap := t.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	t.do(t.f.SetCellStyle(s, "C3", "C"+last, wrap))
}

// lists holds the values the KPI dropdown offers; it is hidden.
func (t *templateWriter) lists() {
	const s = "Lists"
	t.sheet(s, map[string]float64{"A": 28, "B": 30})
	t.header(s, []string{"KPI", "Id"})
	for i, k := range catalog {
		t.do(t.f.SetSheetRow(s, report.CellName(1, i+2), &[]any{k.Name, k.ID}))
	}
	t.do(t.f.SetSheetVisible(s, false))
}

func ptr[T any](v T) *T { return &v }
