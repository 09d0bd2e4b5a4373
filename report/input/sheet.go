package input

import (
	"fmt"
	"iter"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/names"
)

// cellKind is what a spreadsheet cell holds once its type and number format are known.
type cellKind uint8

const (
	cellEmpty    cellKind = iota
	cellText              // text, or anything from a CSV file
	cellNumber            // a plain number
	cellPercent           // a %-formatted number: num holds the fraction as stored (0.85)
	cellDate              // a date-formatted number: num holds the Excel serial
	cellDuration          // a time-formatted number ([h]:mm): num holds days, as Excel stores it
	cellError             // an Excel error value: text holds it (#DIV/0!)
	cellBool              // TRUE or FALSE
	// cellUnsaved is a formula without a saved result, as scripts write workbooks; the
	// cell counts as blank, and the reader reports it once (see unsavedFormulas).
	cellUnsaved
)

// cell is one cell of a sheet, whatever file it came from.
type cell struct {
	kind cellKind
	text string  // the text as stored; for numbers the raw value
	num  float64 // cellNumber, cellPercent, cellDate
}

// sheet is one sheet of an input: a workbook sheet or a CSV file. Both readers produce
// it, so one parser serves both formats.
type sheet struct {
	name         string // canonical: "Engagement", "Metrics", "Targets", "Commentary"
	file         string // the input path as given (a workbook or a CSV folder)
	csv          bool
	decimalComma bool // CSV in a locale that writes 85,5 (';'-separated)
	date1904     bool
	rows         [][]cell        // rows[i] is spreadsheet row i+1
	warnings     report.Findings // about the file as a whole, such as the encoding it was read in
}

// at returns the cell at 1-based row and column, empty when out of range.
func (s *sheet) at(row, col int) cell {
	if row < 1 || row > len(s.rows) || col < 1 || col > len(s.rows[row-1]) {
		return cell{}
	}
	return s.rows[row-1][col-1]
}

// finding makes a finding placed at a cell of this sheet.
func (s *sheet) finding(sev report.Severity, row, col int, format string, args ...any) *report.Finding {
	return &report.Finding{Severity: sev, File: s.file, Sheet: s.name, Row: row, Col: col, CSV: s.csv,
		Message: fmt.Sprintf(format, args...)}
}

// columnRef names a column as the user sees it: "column D" in a workbook, "column 4"
// in a CSV file.
func (s *sheet) columnRef(col int) string {
	if s.csv {
		return fmt.Sprintf("column %d", col)
	}
	return "column " + report.ColumnName(col)
}

// headerRow returns the 1-based number of the header row: the first of the sheet's
// first 10 non-empty rows with a cell named key (the sheet's key column: Month, Field,
// KPI), so a title above the header is passed over; else the first non-empty row; 0 when
// the sheet is empty.
func (s *sheet) headerRow(key string) int {
	key = names.Fold(key)
	first, seen := 0, 0
	for i, r := range s.rows {
		if blankRow(r) {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		for _, c := range r {
			if !c.blank() && names.Fold(names.StripUnit(c.textValue())) == key {
				return i + 1
			}
		}
		if seen++; seen == 10 {
			break
		}
	}
	return first
}

func blankRow(r []cell) bool {
	for _, c := range r {
		if !c.blank() {
			return false
		}
	}
	return true
}

// blank reports whether the cell holds nothing but spaces.
func (c cell) blank() bool {
	return c.kind == cellEmpty || c.kind == cellUnsaved || (c.kind == cellText && strings.TrimSpace(c.text) == "")
}

// display is the cell as a user would recognise it in a message.
func (c cell) display() string {
	switch c.kind {
	case cellPercent:
		return formatNumber(roundConverted(c.num*100)) + "%"
	case cellDuration:
		minutes := int64(math.Round(math.Abs(c.num) * 24 * 60))
		sign := ""
		if c.num < 0 {
			sign = "-"
		}
		return fmt.Sprintf("%s%d:%02d", sign, minutes/60, minutes%60)
	case cellBool:
		if c.text == "1" || strings.EqualFold(c.text, "true") {
			return "TRUE"
		}
		return "FALSE"
	}
	return strings.TrimSpace(c.text)
}

// unsavedFormulas reports each formula without a saved result. Below the header row, the
// Team column (teamCol, 0 when none) names the team the finding belongs to.
func (s *sheet) unsavedFormulas(header, teamCol int) report.Findings {
	var fs report.Findings
	for i, row := range s.rows {
		for j, c := range row {
			if c.kind != cellUnsaved {
				continue
			}
			f := s.finding(report.Error, i+1, j+1, "a formula without a saved result: open the workbook in Excel or LibreOffice and save it, so its values are stored")
			if teamCol != 0 && i+1 > header {
				f.Team = s.at(i+1, teamCol).textValue()
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// dataRows yields the 1-based number and cells of each row below the header that holds
// data. Blank rows are skipped, and so are the template's example rows, each with a
// warning passed to warn.
func (s *sheet) dataRows(header int, warn func(*report.Finding)) iter.Seq2[int, []cell] {
	return func(yield func(int, []cell) bool) {
		for i := header + 1; i <= len(s.rows); i++ {
			row := s.rows[i-1]
			if blankRow(row) {
				continue
			}
			if isExample(row) {
				warn(s.finding(report.Warning, i, 1, "example row from the template is skipped: type over it or delete it"))
				continue
			}
			if !yield(i, row) {
				return
			}
		}
	}
}

// isExample reports whether a row is the template's example row: its first non-blank
// cell starts with "e.g.".
func isExample(r []cell) bool {
	for _, c := range r {
		if c.blank() {
			continue
		}
		return c.kind == cellText && strings.HasPrefix(strings.ToLower(strings.TrimSpace(c.text)), "e.g.")
	}
	return false
}

// excelErrors are the error values Excel writes, in English, Spanish and Portuguese.
var excelError = regexp.MustCompile(`^#(¡|¿)?(NULL|NULO|DIV/0|VALUE|VALOR|REF|NAME|NOMBRE|NOME|NUM|N/A|N/D|SPILL|DESBORDAMIENTO|CALC|GETTING_DATA)(!|\?)?$`)

// valueError carries the reason a cell is not a usable number.
type valueError struct{ msg string }

func (e *valueError) Error() string { return e.msg }

// number reads the cell as a number. pct is true when the cell says itself that it is a
// percentage ("85%" or a %-formatted cell); the value is then in percentage points.
func (c cell) number(decimalComma bool) (v float64, pct bool, err error) {
	switch c.kind {
	case cellNumber:
		return c.num, false, nil
	case cellPercent:
		return roundConverted(c.num * 100), true, nil
	case cellDate:
		return 0, false, &valueError{"a date where a number belongs: format the cell as a number"}
	case cellDuration:
		return 0, false, &valueError{fmt.Sprintf("a duration (%s) where a number belongs: format the cell as a number", c.display())}
	case cellError:
		return 0, false, excelErrorMsg(c.text)
	case cellBool:
		return 0, false, &valueError{fmt.Sprintf("not a number: %s", c.display())}
	}
	s := strings.TrimSpace(c.text)
	if excelError.MatchString(strings.ToUpper(s)) {
		return 0, false, excelErrorMsg(s)
	}
	return parseNumberText(s, decimalComma)
}

// kpiNumber reads the cell as a value of KPI k, in its unit. A duration cell holds days,
// as Excel stores 96:00: hours KPIs get days × 24, days KPIs the days; other KPIs are
// not measured in time, and a duration there is an error.
func (c cell) kpiNumber(k *report.KPI, decimalComma bool) (v float64, pct bool, err error) {
	if c.kind != cellDuration {
		return c.number(decimalComma)
	}
	switch k.Unit {
	case "hours":
		return roundConverted(c.num * 24), false, nil
	case "days":
		return c.num, false, nil
	}
	return 0, false, &valueError{fmt.Sprintf("a duration (%s) but %s is measured in %s: format the cell as a number", c.display(), k.Name, k.Unit)}
}

func excelErrorMsg(code string) error {
	return &valueError{fmt.Sprintf("Excel error %s: fix the formula, or clear the cell if the month has no data", strings.TrimSpace(code))}
}

var (
	// numberSpaces drops the spaces people and locales put in numbers and turns a
	// typographic minus into '-'.
	numberSpaces = strings.NewReplacer("\u00a0", "", "\u202f", "", " ", "", "\u2212", "-")
	// A thousands group never starts the number with 0: 0,125 is a decimal.
	thousandsComma = regexp.MustCompile(`^[+-]?[1-9]\d{0,2}(,\d{3})+$`)
	thousandsDot   = regexp.MustCompile(`^[+-]?[1-9]\d{0,2}(\.\d{3})+$`)
	// thousandsOne is an amount with one separator and three digits after it.
	thousandsOne = regexp.MustCompile(`^[+-]?[1-9]\d{0,2}[.,]\d{3}$`)
)

// currencyMarks are the symbols and ISO codes that may stand before or after an amount:
// $92,573, 92.573 €, R$ 1.234,50, COP 1.234.567. R$ comes before $, which it ends with.
var currencyMarks = []string{"R$", "$", "€", "£",
	"USD", "EUR", "GBP", "BRL", "COP", "MXN", "ARS", "CLP", "PEN", "UYU", "CAD"}

// stripCurrency removes one currency symbol or code from either end of s (spaces
// already removed), keeping a leading sign: -$12 is -12.
func stripCurrency(s string) (string, bool) {
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = s[:1], s[1:]
	}
	for _, mark := range currencyMarks {
		if rest, ok := strings.CutPrefix(s, mark); ok {
			return sign + rest, true
		}
		if rest, ok := strings.CutSuffix(s, mark); ok {
			return sign + rest, true
		}
	}
	return sign + s, false
}

// parseNumberText reads a number typed as text: 85, 85.5, 85,5 (decimal comma), 85%,
// 85,5 %, 1,234.5, 1.234,5, 1.234.567 and −12, and amounts with a currency symbol or
// code: $92,573, USD 92,573, R$ 1.234,50. decimalComma says the file writes decimals with
// a comma (a ';'-separated CSV), which makes "1.234" ambiguous rather than 1.234. An
// amount never has three decimals, so in one 92.573 and 92,573 are thousands.
func parseNumberText(s string, decimalComma bool) (float64, bool, error) {
	orig := s
	s = numberSpaces.Replace(s)
	s, amount := stripCurrency(s)
	if amount && thousandsOne.MatchString(s) {
		s = strings.NewReplacer(".", "", ",", "").Replace(s)
	}
	pct := false
	if strings.HasSuffix(s, "%") {
		pct = true
		s = strings.TrimSuffix(s, "%")
	}
	notNumber := &valueError{fmt.Sprintf("not a number: %q: write a number, or clear the cell if the month has no data", orig)}
	if s == "" {
		return 0, false, notNumber
	}
	dot, comma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case dot >= 0 && comma >= 0: // both: the last one is the decimal separator
		if comma > dot {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case comma >= 0:
		if !decimalComma && thousandsComma.MatchString(s) {
			s = strings.ReplaceAll(s, ",", "")
		} else if strings.Count(s, ",") == 1 {
			s = strings.Replace(s, ",", ".", 1)
		} else {
			return 0, false, notNumber
		}
	case strings.Count(s, ".") > 1 && thousandsDot.MatchString(s): // 1.234.567 has no decimals
		s = strings.ReplaceAll(s, ".", "")
	case dot >= 0 && decimalComma && thousandsDot.MatchString(s):
		// Say which spelling means which: in this file 92,343 is a decimal, not 92343.
		suffix := ""
		if pct {
			suffix = "%"
		}
		return 0, false, &valueError{fmt.Sprintf("ambiguous number %q: this file writes decimals with a comma, so write %s%s if the dot separates thousands, or %s%s if it is a decimal point",
			orig, strings.ReplaceAll(s, ".", ""), suffix, strings.Replace(s, ".", ",", 1), suffix)}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false, notNumber
	}
	return v, pct, nil
}

// text returns the cell's text, trimmed; numbers give their shortest form.
func (c cell) textValue() string {
	switch c.kind {
	case cellNumber:
		return formatNumber(c.num)
	case cellEmpty:
		return ""
	}
	return c.display()
}

// roundConverted rounds a value converted from a fraction (×100) or from days (×24) to 10
// significant digits, so the product's float noise stays out of the dataset: 0.704 × 100
// is 70.39999999999999, and Excel writes 0:42 as 0.0291666666666667 days, 0.7000000000000007
// hours. No KPI is measured to 10 digits, so nothing real is lost.
func roundConverted(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	if err != nil { // rounding up past the largest float
		return v
	}
	return r
}

// formatNumber writes v in its shortest exact form: 85, 85.5, 0.0125.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// columns maps the header row of a sheet to canonical column names.
type columns struct {
	row   int            // the header's 1-based row
	index map[string]int // canonical name -> 1-based column
}

// readHeader finds the header row, by the key column want[0], and the columns named in
// want (canonical names, matched by foldName). Other header cells are returned in extra
// by column, for the caller to interpret (KPI columns of a wide Metrics sheet).
func readHeader(s *sheet, want []string) (cols columns, extra map[int]cell) {
	cols.row = s.headerRow(want[0])
	cols.index = map[string]int{}
	extra = map[int]cell{}
	if cols.row == 0 {
		return cols, extra
	}
	byFold := map[string]string{}
	for _, w := range want {
		byFold[names.Fold(w)] = w
	}
	for j, c := range s.rows[cols.row-1] {
		if c.blank() {
			continue
		}
		name, ok := byFold[names.Fold(names.StripUnit(c.textValue()))]
		if ok {
			if _, dup := cols.index[name]; !dup {
				cols.index[name] = j + 1
				continue
			}
		}
		extra[j+1] = c
	}
	return cols, extra
}
