package portfolio

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/report"
)

// sheetName is the workbook's one sheet, and its table's name.
const sheetName = "Portfolio"

// WriteXLSX writes the rows as a workbook: one row per team with the decision, delay and
// new date, readiness score, each gate's status, the number of conditions, the report
// month and links to the team's packs, in an Excel table with filters, the statuses in
// their colours. Text from the inputs is always a string cell, never a formula. The
// workbook's dates are the latest report month's, so the same rows give the same bytes.
func WriteXLSX(rows []Row, version string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &xlsxWriter{f: f, widths: map[int]int{}}
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	gates := gateNames(rows)
	head := []string{"Team", "Decision", "Delay (months)", "New Transfer month", "Readiness (0–100)"}
	head = append(head, gates...)
	head = append(head, "Conditions", "Report month", "Status", "HTML pack", "PDF pack", "Excel annex", "Findings")
	for i, h := range head {
		w.str(i+1, 1, h)
	}
	for r, row := range rows {
		y := r + 2
		w.str(1, y, row.Team)
		w.str(2, y, row.DecisionLabel)
		if row.Decision == string(report.Delay) {
			w.num(3, y, float64(row.DelayMonths))
		}
		w.str(4, y, row.NewTransferMonth)
		if row.Decision != "" {
			w.num(5, y, row.Score)
		}
		for g, name := range gates {
			for _, gate := range row.Gates {
				if gate.Name == name {
					w.str(6+g, y, gate.StatusLabel)
				}
			}
		}
		x := 6 + len(gates)
		if row.Decision != "" {
			w.num(x, y, float64(row.Conditions))
		}
		w.str(x+1, y, row.ReportMonth)
		status := "built"
		if row.Failed {
			status = "failed: last run's pack"
			if row.Decision == "" {
				status = "failed"
			}
		}
		w.str(x+2, y, status)
		for i, format := range []string{"html", "pdf", "xlsx"} {
			if file := row.Files[format]; file != "" {
				w.link(x+3+i, y, file)
			}
		}
		w.str(x+6, y, strings.Join(row.Findings, "; "))
	}
	last := len(rows) + 1
	ref := fmt.Sprintf("A1:%s", report.CellName(len(head), max(last, 2)))
	w.do(f.AddTable(sheetName, &excelize.Table{Range: ref, Name: sheetName, StyleName: "TableStyleMedium2", ShowRowStripes: ptr(true)}))
	head_, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(charts.ColorActual, "#")}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	w.do(err)
	w.do(f.SetCellStyle(sheetName, "A1", report.CellName(len(head), 1), head_))
	centred, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center"}})
	w.do(err)
	for _, col := range []int{3, 5, 6 + len(gates)} {
		w.do(f.SetCellStyle(sheetName, report.CellName(col, 2), report.CellName(col, max(last, 2)), centred))
	}
	w.statusColours(gates, last)
	w.layout(head, last)
	w.props(rows, version)
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// gateNames are the gates of every row, in the order they first appear.
func gateNames(rows []Row) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range rows {
		for _, g := range r.Gates {
			if !seen[g.Name] {
				seen[g.Name] = true
				names = append(names, g.Name)
			}
		}
	}
	return names
}

// xlsxWriter keeps the first error of a sequence of excelize calls.
type xlsxWriter struct {
	f      *excelize.File
	err    error
	widths map[int]int // the longest text of each column, in characters
}

func (w *xlsxWriter) do(err error) {
	if w.err == nil {
		w.err = err
	}
}

// str writes text as a string cell: never a formula, whatever it starts with.
func (w *xlsxWriter) str(col, row int, s string) {
	if s != "" {
		w.do(w.f.SetCellStr(sheetName, report.CellName(col, row), s))
		w.widths[col] = max(w.widths[col], len([]rune(s)))
	}
}

func (w *xlsxWriter) num(col, row int, v float64) {
	w.do(w.f.SetCellFloat(sheetName, report.CellName(col, row), v, -1, 64))
}

// link writes a file name that opens the file, relative to the workbook.
func (w *xlsxWriter) link(col, row int, file string) {
	cell := report.CellName(col, row)
	w.str(col, row, file)
	w.do(w.f.SetCellHyperLink(sheetName, cell, file, "External"))
}

// statusColours colours the decisions and the gates' statuses: the word is in the cell,
// the colour only repeats it.
func (w *xlsxWriter) statusColours(gates []string, last int) {
	if last < 2 {
		return
	}
	fill := func(m charts.Mark) int {
		id, err := w.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: strings.TrimPrefix(m.Text, "#"), Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(m.Tint, "#")}},
		})
		w.do(err)
		return id
	}
	rule := func(col int, begins string, m charts.Mark) {
		ref := fmt.Sprintf("%s2:%s%d", report.ColumnName(col), report.ColumnName(col), last)
		first := fmt.Sprintf("%s2", report.ColumnName(col))
		w.do(w.f.SetConditionalFormat(sheetName, ref, []excelize.ConditionalFormatOptions{{
			Type: "formula", Format: ptr(fill(m)),
			Criteria: fmt.Sprintf(`LEFT(%s,%d)="%s"`, first, len([]rune(begins)), begins),
		}}))
	}
	rule(2, "Proceed", charts.DecisionMark(report.Proceed))
	rule(2, "Delay", charts.DecisionMark(report.Delay))
	rule(2, "Renegotiate", charts.DecisionMark(report.Renegotiate))
	for g := range gates {
		for _, s := range []report.Status{report.Met, report.OnTrack, report.AtRisk, report.Recoverable, report.OffTrack} {
			rule(6+g, statusWord(s), charts.StatusMark(s))
		}
	}
}

// statusWord is a status as the packs print it.
func statusWord(s report.Status) string {
	return map[report.Status]string{report.Met: "Met", report.OnTrack: "On track", report.AtRisk: "At risk",
		report.Recoverable: "Recoverable", report.OffTrack: "Off track"}[s]
}

// layout sets column widths, freezes the header row and the team column, and prints the
// sheet landscape, one page wide, the header row on every page.
func (w *xlsxWriter) layout(head []string, last int) {
	f := w.f
	for i := range head {
		// Fitted to the longest text, within reason: long findings wrap in print.
		width := float64(min(48, max(8, w.widths[i+1]+2)))
		col := report.ColumnName(i + 1)
		w.do(f.SetColWidth(sheetName, col, col, width))
	}
	w.do(f.SetPanes(sheetName, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}))
	w.do(f.SetPageLayout(sheetName, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}))
	w.do(f.SetSheetProps(sheetName, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	w.do(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: sheetName + "!$1:$1", Scope: sheetName}))
	w.do(f.SetHeaderFooter(sheetName, &excelize.HeaderFooterOptions{OddHeader: "&LTransfer readiness portfolio", OddFooter: "&RPage &P of &N"}))
}

// props sets the document's properties, dated with the latest report month among the
// rows rather than the clock.
func (w *xlsxWriter) props(rows []Row, version string) {
	var latest report.Month
	for _, r := range rows {
		if m, err := report.ParseMonth(r.ReportMonth); err == nil && m > latest {
			latest = m
		}
	}
	date := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if !latest.IsZero() {
		date = time.Date(latest.Year(), time.Month(latest.Num()), 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := date.Format(time.RFC3339)
	w.do(w.f.SetDocProps(&excelize.DocProperties{Title: "Transfer readiness portfolio", Subject: "Transfer-readiness review",
		Creator: "transferpack " + version, LastModifiedBy: "transferpack " + version, Created: stamp, Modified: stamp}))
	w.do(w.f.SetAppProps(&excelize.AppProperties{Application: "transferpack", AppVersion: "1.0"}))
}

func ptr[T any](v T) *T { return &v }
