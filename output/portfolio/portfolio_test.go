package portfolio

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/report"
)

func rows() []Row {
	return []Row{
		{Team: "=HYPERLINK(\"http://example.com\",\"x\")", Decision: "delay", DecisionLabel: "Delay 2 months", DelayMonths: 2,
			NewTransferMonth: "Mar 2027", Score: 90, ReportMonth: "Oct 2026", Conditions: 1,
			Gates: []Gate{{KPI: "predictability", Name: "Sprint predictability", Status: report.Recoverable, StatusLabel: "Recoverable"}},
			Files: map[string]string{"html": "a.html", "pdf": "a.pdf", "xlsx": "a-annex.xlsx"}},
		{Team: "broken", Failed: true, Findings: []string{"Metrics!C14: not a number"}, Gates: []Gate{}, Files: map[string]string{}},
	}
}

// TestXLSX: the workbook has the table with filters, a formula-looking team name stays a
// string, the links open the packs, and the same rows give the same bytes.
func TestXLSX(t *testing.T) {
	a, err := WriteXLSX(rows(), "test")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := WriteXLSX(rows(), "test")
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same rows differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	tables, err := f.GetTables(sheetName)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:M3" {
		t.Errorf("tables %+v, %v", tables, err)
	}
	if formula, _ := f.GetCellFormula(sheetName, "A2"); formula != "" {
		t.Errorf("the team name became the formula %q", formula)
	}
	if v, _ := f.GetCellValue(sheetName, "A2"); v != rows()[0].Team {
		t.Errorf("A2 = %q", v)
	}
	if ok, link, _ := f.GetCellHyperLink(sheetName, "J2"); !ok || link != "a.html" {
		t.Errorf("J2 links to %q (%v), want a.html", link, ok)
	}
	if v, _ := f.GetCellValue(sheetName, "F2"); v != "Recoverable" {
		t.Errorf("the gate's cell holds %q", v)
	}
	formats, _ := f.GetConditionalFormats(sheetName)
	if len(formats) == 0 {
		t.Error("no conditional formats for the statuses")
	}
}
