package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// percent is written as a %-formatted cell holding the fraction (85 % as 0.85).
type percent float64

// writeMedellin writes the wide workbook: date cells for months, some percent KPIs as
// %-formatted fractions, the rest as plain percentage points, and agreed targets.
func writeMedellin(dir string) error {
	e := &medellin
	d := e.teams[0].generate(e.start, e.months)
	value := percentCells("predictability", "on_time_delivery", "test_coverage", "sla_compliance")
	month := func(t time.Time) any { return t }
	b, err := newBook(e.teams[0].name)
	if err != nil {
		return err
	}
	targets := [][]any{
		{"KPI", "Target", "Direction", "Gate", "Weight", "Amber", "Baseline"},
		{"Sprint predictability", 85, "higher", "yes", 3, 3},
		{"Test coverage", 75, "higher", "no", nil, 2},
		{"Lead time for changes", 48, "lower", "no", nil, nil, 66},
		{"Attrition", 15, "lower", "yes", nil, 10},
	}
	return b.write(filepath.Join(dir, "medellin.xlsx"),
		sheet{"Engagement", e.fields(month), []float64{22, 36}},
		sheet{"Metrics", wideRows(d, func(id string) string { return headers[id] }, month, value), []float64{11, 15}},
		sheet{"Targets", targets, []float64{24, 9, 10, 7, 8, 8, 9}},
		sheet{"Commentary", commentary(d, month), []float64{11, 14, 90}},
	)
}

// writeSaoPaulo writes the CSV folder as Excel saves it in a Portuguese locale (BOM, ";",
// decimal comma), and a workbook twin holding the very same values as plain numbers.
func writeSaoPaulo(dir, twinDir string) error {
	e := &saoPaulo
	d := e.teams[0].generate(e.start, e.months)
	id := func(id string) string { return id }
	month := func(t time.Time) any { return t.Format("2006-01") }
	withSign := set("predictability", "test_coverage", "ceremony_participation")
	text := func(id string, v float64, digits int) any {
		s := strings.Replace(strconv.FormatFloat(v, 'f', digits, 64), ".", ",", 1)
		if withSign[id] {
			s += "%"
		}
		return s
	}
	folder := filepath.Join(dir, "sao-paulo")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	for _, s := range []sheet{
		{"engagement", e.fields(month), nil},
		{"metrics", wideRows(d, id, month, text), nil},
		{"commentary", commentary(d, month), nil},
	} {
		if err := writeCSV(filepath.Join(folder, s.name+".csv"), s.rows); err != nil {
			return err
		}
	}
	b, err := newBook(e.teams[0].name)
	if err != nil {
		return err
	}
	return b.write(filepath.Join(twinDir, "sao-paulo.xlsx"),
		sheet{"Engagement", e.fields(month), []float64{22, 36}},
		sheet{"Metrics", wideRows(d, id, month, percentCells()), []float64{11, 15}},
		sheet{"Commentary", commentary(d, month), []float64{11, 14, 90}},
	)
}

// writeAndes writes one long-layout workbook holding three teams, months as text.
func writeAndes(dir string) error {
	return writeLong(filepath.Join(dir, "andes.xlsx"), "Andes engagement", &andes, percentCells("test_coverage"))
}

// percentCells writes the given percent KPIs as %-formatted fractions and every other
// value as a plain number (percent KPIs then in percentage points).
func percentCells(ids ...string) func(id string, v float64, digits int) any {
	asFraction := set(ids...)
	return func(id string, v float64, digits int) any {
		if asFraction[id] {
			return percent(round(v/100, digits+2))
		}
		return v
	}
}

// fields are the Engagement sheet's rows. Team and Headcount are left out when the
// workbook holds several teams.
func (e *engagement) fields(month func(time.Time) any) [][]any {
	single := len(e.teams) == 1
	rows := [][]any{{"Field", "Value"}, {"Client", e.client}, {"Partner", e.partner}}
	if single {
		rows = append(rows, []any{"Team", e.teams[0].name})
	}
	rows = append(rows,
		[]any{"Location", e.location},
		[]any{"Operate start", month(e.start)},
		[]any{"Transfer date", month(e.transfer)},
		[]any{"Baseline months", 2},
		[]any{"Delay window months", 3},
		[]any{"Partner aligned", "yes"},
	)
	if !e.report.IsZero() {
		rows = append(rows, []any{"Report month", month(e.report)})
	}
	rows = append(rows, []any{"Currency", "USD"})
	if single {
		rows = append(rows, []any{"Headcount", e.teams[0].headcount})
	}
	return rows
}

// wideRows lays the data out one month a row, one KPI a column; missing values are nil.
func wideRows(d *data, header func(string) string, month func(time.Time) any,
	value func(id string, v float64, digits int) any) [][]any {
	head := []any{"Month"}
	for _, id := range d.ids {
		head = append(head, header(id))
	}
	rows := [][]any{head}
	for i, m := range d.months {
		row := []any{month(m)}
		for _, id := range d.ids {
			var cell any
			if v := d.vals[id][i]; !math.IsNaN(v) {
				cell = value(id, v, d.digits[id])
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// commentary is a generated summary for every month plus the team's hand-written notes;
// a hand-written summary replaces the generated one.
func commentary(d *data, month func(time.Time) any) [][]any {
	rows := [][]any{{"Month", "Section", "Text"}}
	for i, m := range d.months {
		text, notes := summary(d, i), [][]any{}
		for _, n := range d.team.notes {
			switch {
			case n.month != i+1:
			case n.section == "summary":
				text = n.text
			default:
				notes = append(notes, []any{month(m), n.section, n.text})
			}
		}
		rows = append(append(rows, []any{month(m), "summary", text}), notes...)
	}
	return rows
}

// summary states the month's gate KPIs in a sentence and a few others as a list.
func summary(d *data, i int) string {
	var gates, list []string
	for _, id := range []string{"predictability", "bug_escape_rate", "attrition"} {
		if s := show(d, id, i); s != "" {
			if id == "attrition" {
				s += " a month"
			}
			gates = append(gates, fmt.Sprintf("%s **%s**", name(id), s))
		}
	}
	for _, id := range []string{"velocity", "deployment_frequency", "lead_time", "enps"} {
		if s := show(d, id, i); s != "" {
			list = append(list, fmt.Sprintf("- %s: %s", name(id), s))
		}
	}
	return "Gates this month: " + strings.Join(gates, ", ") + ".\n\n" + strings.Join(list, "\n")
}

// show formats a value with its unit, or "" when missing.
func show(d *data, id string, i int) string {
	v, ok := d.vals[id]
	if !ok || math.IsNaN(v[i]) {
		return ""
	}
	s := strconv.FormatFloat(v[i], 'f', d.digits[id], 64)
	if _, unit, ok := strings.Cut(headers[id], " ("); ok {
		return s + " " + strings.TrimSuffix(unit, ")")
	}
	return s
}

func name(id string) string {
	n, _, _ := strings.Cut(headers[id], " (")
	return n
}

func set(ids ...string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// writeCSV writes rows the way Excel saves "CSV UTF-8" in a Portuguese or Spanish
// locale: byte-order mark, ";" separator, CRLF line ends.
func writeCSV(path string, rows [][]any) error {
	return writeCSVAs(path, rows, ';', true)
}

// writeCSVAs writes rows with the given separator, as Excel in a Portuguese locale does
// (';', CRLF and a byte order mark) or as an analyst's script does (',', LF, no mark).
func writeCSVAs(path string, rows [][]any, comma rune, excel bool) error {
	var buf bytes.Buffer
	if excel {
		buf.WriteString("\ufeff")
	}
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = comma, excel
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, c := range r {
			if c != nil {
				rec[i] = fmt.Sprint(c)
			}
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// sheet is one worksheet: rows from the top-left cell, and the column widths.
type sheet struct {
	name   string
	rows   [][]any
	widths []float64 // the last width repeats for the remaining columns
}

// book is a workbook with the few styles the samples use.
type book struct {
	f                     *excelize.File
	head, date, pct, wrap int
}

func newBook(title string) (*book, error) {
	f := excelize.NewFile()
	stamp := "2026-11-01T00:00:00Z" // fixed, so the output is deterministic
	err := f.SetDocProps(&excelize.DocProperties{
		Creator: "transferpack samples", Title: title, Language: "en",
		Created: stamp, Modified: stamp,
	})
	b := &book{f: f}
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.head, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&b.date, excelize.Style{CustomNumFmt: ptr("mmm yyyy")}},
		{&b.pct, excelize.Style{CustomNumFmt: ptr("0.0%")}},
		{&b.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	}
	for _, s := range styles {
		if err != nil {
			break
		}
		*s.id, err = f.NewStyle(&s.s)
	}
	return b, err
}

func ptr[T any](v T) *T { return &v }

// write lays out the sheets and saves the workbook with ordinary file permissions
// (excelize's SaveAs would leave it executable).
func (b *book) write(path string, sheets ...sheet) error {
	for i, s := range sheets {
		if err := b.sheet(i, s); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func (b *book) sheet(i int, s sheet) error {
	f := b.f
	if i == 0 {
		if err := f.SetSheetName("Sheet1", s.name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	cols := 0
	for _, row := range s.rows {
		cols = max(cols, len(row))
	}
	for c := 1; c <= cols; c++ {
		col, _ := excelize.ColumnNumberToName(c)
		w := s.widths[min(c, len(s.widths))-1]
		if err := f.SetColWidth(s.name, col, col, w); err != nil {
			return err
		}
	}
	for r, row := range s.rows {
		for c, v := range row {
			if err := b.cell(s.name, c+1, r+1, v); err != nil {
				return err
			}
		}
	}
	end, _ := excelize.CoordinatesToCellName(cols, len(s.rows))
	if err := f.SetSheetDimension(s.name, "A1:"+end); err != nil { // excelize leaves "A1"
		return err
	}
	if s.rows[0][cols-1] == "Text" { // commentary: wrap the Markdown
		col, _ := excelize.ColumnNumberToName(cols)
		if err := f.SetCellStyle(s.name, col+"2", end, b.wrap); err != nil {
			return err
		}
	}
	return f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// cell writes one value: nil leaves the cell empty, a time is a date cell, a percent a
// %-formatted fraction.
func (b *book) cell(sheet string, col, row int, v any) error {
	f := b.f
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	style := 0
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		err, style = f.SetCellFloat(sheet, ref, serial(x), -1, 64), b.date
	case percent:
		err, style = f.SetCellFloat(sheet, ref, float64(x), -1, 64), b.pct
	default:
		err = f.SetCellValue(sheet, ref, v)
		if row == 1 {
			style = b.head
		}
	}
	if err != nil || style == 0 {
		return err
	}
	return f.SetCellStyle(sheet, ref, ref, style)
}

// serial is the Excel serial date of t (1900 date system).
func serial(t time.Time) float64 {
	return t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}
