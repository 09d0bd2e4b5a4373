package report

import (
	"fmt"
	"strings"
)

// Severity says whether a finding stops a team's pack (Error) or is shown in it (Warning).
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem found in an input, placed so a spreadsheet user can fix it.
// It is an error, so callers can errors.As it out of a Findings.
type Finding struct {
	Severity Severity
	// File is the path as the user gave it; for a CSV input, the CSV file within it.
	File  string
	Sheet string // "Metrics"; empty for the whole file
	// Row and Col are 1-based, as in Excel; 0 means the whole sheet (Row 0) or the whole
	// row (Col 0). Header cells are row 1.
	Row, Col int
	CSV      bool   // the sheet is a CSV file: positions print as row and column
	Message  string // lower-case, no final punctuation, says what to do

	// Team is the team the finding's row belongs to in an input of several teams; ""
	// when it concerns them all.
	Team string
	// Assumption marks a warning that states how the reader took ambiguous values (a
	// column of fractions read as percentages): right as far as the file shows, but for
	// the user to confirm; a pack shows it as a condition. A warning about the file as a
	// whole (its encoding) is not one.
	Assumption bool
	// ReportMonthOnly marks a finding that holds only as of the engagement's report
	// month (values after it, a report month past the Transfer date); a pack says these
	// itself, as of the month it is built for.
	ReportMonthOnly bool
	// Also are the other rows of the same column with the same finding, in order: one
	// finding stands for them all.
	Also []int
}

// Cell names the finding's place within its file: "Metrics!C14" for a workbook,
// "row 14, column 3" for a CSV file; a finding that stands for several cells of a column
// names the first few and counts the rest: "Metrics!C14, C15, C16 and 9 more cells".
func (f *Finding) Cell() string {
	if len(f.Also) > 0 && f.Sheet != "" && f.Row > 0 && f.Col > 0 {
		return f.cells()
	}
	switch {
	case f.Sheet == "":
		return ""
	case f.CSV && f.Row == 0:
		return ""
	case f.CSV && f.Col == 0:
		return fmt.Sprintf("row %d", f.Row)
	case f.CSV:
		return fmt.Sprintf("row %d, column %d", f.Row, f.Col)
	case f.Row == 0:
		return f.Sheet
	case f.Col == 0:
		return fmt.Sprintf("%s!%d:%d", f.Sheet, f.Row, f.Row)
	}
	return f.Sheet + "!" + CellName(f.Col, f.Row)
}

// shownCells is how many cells a finding that stands for several names before it counts
// the rest.
const shownCells = 3

// cells names the cells of a finding that stands for several.
func (f *Finding) cells() string {
	rows := append([]int{f.Row}, f.Also...)
	names := make([]string, 0, shownCells)
	for _, r := range rows[:min(len(rows), shownCells)] {
		if f.CSV {
			names = append(names, fmt.Sprint(r))
		} else {
			names = append(names, CellName(f.Col, r))
		}
	}
	list := strings.Join(names, ", ")
	if more := len(rows) - len(names); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	} else if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	if f.CSV {
		return fmt.Sprintf("rows %s, column %d", list, f.Col)
	}
	return f.Sheet + "!" + list
}

// String is the finding as validate prints it:
// medellin.xlsx: Metrics!C14: error: not a number: "n/a".
func (f *Finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if c := f.Cell(); c != "" {
		b.WriteString(": " + c)
	}
	b.WriteString(": " + string(f.Severity) + ": " + f.Message)
	return b.String()
}

// Error makes a Finding an error.
func (f *Finding) Error() string { return f.String() }

// Findings is a list of findings; as an error it stands for its error-severity ones.
type Findings []*Finding

// Errors returns the error-severity findings.
func (fs Findings) Errors() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == Error {
			out = append(out, f)
		}
	}
	return out
}

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool { return len(fs.Errors()) > 0 }

// Error summarises the error findings: the first, and how many more.
func (fs Findings) Error() string {
	errs := fs.Errors()
	switch len(errs) {
	case 0:
		return "no errors"
	case 1:
		return errs[0].String()
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0], len(errs)-1)
}

// Unwrap exposes each error finding to errors.Is and errors.As.
func (fs Findings) Unwrap() []error {
	var out []error
	for _, f := range fs.Errors() {
		out = append(out, f)
	}
	return out
}

// CellName returns the Excel name of a 1-based column and row: CellName(3, 14) = "C14".
func CellName(col, row int) string {
	return ColumnName(col) + fmt.Sprint(row)
}

// ColumnName returns the Excel letters of a 1-based column: 1 = A, 27 = AA.
func ColumnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}
