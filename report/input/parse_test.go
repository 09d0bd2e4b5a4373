package input

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/xuri/excelize/v2"
)

func TestMonthFromSerial(t *testing.T) {
	tests := []struct {
		serial   float64
		date1904 bool
		want     report.Month
	}{
		// Serials as Excel shows them: =DATE(2026,3,1) is 46082 in the 1900 system and
		// 44620 in the 1904 system (1462 days fewer).
		{46082, false, report.MonthOf(2026, 3)},
		{46081, false, report.MonthOf(2026, 2)},
		{46082.75, false, report.MonthOf(2026, 3)}, // a time of day does not change the month
		{44620, true, report.MonthOf(2026, 3)},
		{44619, true, report.MonthOf(2026, 2)},
		{61, false, report.MonthOf(1900, 3)}, // past Excel's phantom 29 Feb 1900
	}
	for _, tt := range tests {
		got, err := MonthFromSerial(tt.serial, tt.date1904)
		if tt.want == report.MonthOf(1900, 3) {
			// 1900 is outside the plausible range: the conversion must refuse it.
			if err == nil {
				t.Errorf("MonthFromSerial(%v) = %v, want an out-of-range error", tt.serial, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("MonthFromSerial(%v, %v) = %v, %v; want %v", tt.serial, tt.date1904, got, err, tt.want)
		}
	}
}

func TestParseNumberText(t *testing.T) {
	tests := []struct {
		in           string
		decimalComma bool
		want         float64
		pct          bool
		err          string
	}{
		{"85", false, 85, false, ""},
		{"85.5", false, 85.5, false, ""},
		{"85,5", false, 85.5, false, ""},
		{"85,5", true, 85.5, false, ""},
		{"85%", false, 85, true, ""},
		{"85,5 %", true, 85.5, true, ""},
		{"-12", false, -12, false, ""},
		{"−12", false, -12, false, ""}, // a typographic minus
		{"1,234.5", false, 1234.5, false, ""},
		{"1.234,5", true, 1234.5, false, ""},
		{"1,234", false, 1234, false, ""},
		{"1 234,5", true, 1234.5, false, ""},
		{"1.5E3", false, 1500, false, ""},
		{"1.234", true, 0, false, "ambiguous number"},
		{"0,125", false, 0.125, false, ""}, // a thousands group never starts with 0
		{"0,750", false, 0.75, false, ""},
		{"0.125", true, 0.125, false, ""},
		{"-0,5", false, -0.5, false, ""},
		{"1.234.567", false, 1234567, false, ""},
		{"1.234.567", true, 1234567, false, ""},
		{"$92,573", false, 92573, false, ""},
		{"USD 92,573", false, 92573, false, ""},
		{"92.573 €", false, 92573, false, ""}, // an amount has no 3 decimals
		{"92,573 €", true, 92573, false, ""},
		{"€ 1.234", true, 1234, false, ""},
		{"R$ 1.234,50", false, 1234.5, false, ""},
		{"COP 1.234.567", false, 1234567, false, ""},
		{"£12.50", false, 12.5, false, ""},
		{"$ 1,234.5", false, 1234.5, false, ""},
		{"-$12", false, -12, false, ""},
		{"1 234 EUR", true, 1234, false, ""},
		{"USD", false, 0, false, "not a number"},
		{"usd 12", false, 0, false, "not a number"},
		{"XYZ 12", false, 0, false, "not a number"},
		{"n/a", false, 0, false, `not a number: "n/a"`},
		{"%", false, 0, false, "not a number"},
		{"1,2,3", true, 0, false, "not a number"},
		{"NaN", false, 0, false, "not a number"},
		{"Inf", false, 0, false, "not a number"},
	}
	for _, tt := range tests {
		got, pct, err := parseNumberText(tt.in, tt.decimalComma)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseNumberText(%q, %v) = %v, %v; want error %q", tt.in, tt.decimalComma, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want || pct != tt.pct {
			t.Errorf("parseNumberText(%q, %v) = %v, %v, %v; want %v, %v", tt.in, tt.decimalComma, got, pct, err, tt.want, tt.pct)
		}
	}
}

func TestCellNumberExcelErrors(t *testing.T) {
	for _, code := range []string{"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#¡DIV/0!", "#N/D", "#¡VALOR!", "#VALOR!", "#NOME?"} {
		_, _, err := cell{kind: cellText, text: code}.number(false)
		if err == nil || !strings.Contains(err.Error(), "Excel error "+code) {
			t.Errorf("cell %q: err = %v, want an Excel error", code, err)
		}
	}
}

func TestFormatKind(t *testing.T) {
	tests := []struct {
		code string
		want cellKind
	}{
		{"0.0%", cellPercent},
		{"0%;[Red]-0%", cellPercent},
		{`0" %"`, cellNumber}, // a literal % in quotes is decoration, not a percent format
		{"mmm yyyy", cellDate},
		{"yyyy-mm", cellDate},
		{"dd/mm/yyyy", cellDate},
		{"[$-es-CO]mmmm yyyy", cellDate},
		{"#,##0.00", cellNumber},
		{`0.0"d"`, cellNumber},
		{"h:mm", cellDuration},
		{"[h]:mm", cellDuration},
		{"[hh]:mm:ss", cellDuration},
		{"[mm]:ss", cellDuration},
		{"mm:ss", cellDuration},
		{"[$-409]h:mm AM/PM", cellDuration},
		{"yyyy-mm-dd hh:mm", cellDate},
		{"[Red]0.0", cellNumber},
		{`0" hours"`, cellNumber},
	}
	for _, tt := range tests {
		if got := formatKind(tt.code); got != tt.want {
			t.Errorf("formatKind(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestPlainPercentReading(t *testing.T) {
	pred, _ := report.LookupKPI("predictability")
	bug, _ := report.LookupKPI("bug_escape_rate")
	att, _ := report.LookupKPI("attrition")
	tests := []struct {
		name      string
		k         *report.KPI
		plain     []float64
		scale     float64
		noted     bool
		suspected int
	}{
		{"points", pred, []float64{84, 86, 90}, 1, false, 0},
		{"fractions", pred, []float64{0.84, 0.86, 0.9}, 100, true, 0},
		{"fraction among points", pred, []float64{84, 0.86, 90}, 1, false, 1},
		{"zero is zero either way", pred, []float64{0, 84}, 1, false, 0},
		{"low KPI small values are points", bug, []float64{0.5, 0.8}, 1, true, 0},
		{"low KPI mixed is fine", bug, []float64{0.5, 8, 12}, 1, false, 0},
		{"attrition below 1 is normal", att, []float64{0.8, 0.9, 1.2}, 1, false, 0},
		{"attrition all small", att, []float64{0.5, 0.8}, 1, false, 0},
	}
	for _, tt := range tests {
		scale, note, suspects := plainPercentReading(tt.k, tt.plain)
		if scale != tt.scale || (note != "") != tt.noted || len(suspects) != tt.suspected {
			t.Errorf("%s: plainPercentReading(%s, %v) = %v, %q, %v", tt.name, tt.k.ID, tt.plain, scale, note, suspects)
		}
	}
}

// TestDate1904Workbook: a workbook in the 1904 date system (Excel for Mac's old default)
// stores 1462 days fewer for the same date; its months must read the same.
func TestDate1904Workbook(t *testing.T) {
	f, must := testWorkbook(t, "Mac", "2025-11", "2027-01")
	yes := true
	must(f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	must(f.SetSheetRow("Metrics", "A1", &[]any{"Month", "velocity"}))
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("mmm yyyy")})
	must(err)
	// 1 Nov 2025 is serial 45962 in the 1900 system, 44500 in the 1904 system.
	for i, serial := range []float64{44500, 44530, 44561} {
		must(f.SetCellValue("Metrics", report.CellName(1, i+2), serial))
		must(f.SetCellValue("Metrics", report.CellName(2, i+2), 40+i))
	}
	must(f.SetCellStyle("Metrics", "A2", "A4", style))
	path := filepath.Join(t.TempDir(), "mac.xlsx")
	must(f.SaveAs(path))
	in, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pts := in.Teams[0].SeriesFor("velocity").Points
	want := []report.Month{report.MonthOf(2025, 11), report.MonthOf(2025, 12), report.MonthOf(2026, 1)}
	for i, p := range pts {
		if p.Month != want[i] {
			t.Errorf("month %d = %s, want %s", i, p.Month, want[i])
		}
	}
}

// TestAmbiguousNumberAdvice: in a file that writes decimals with a comma, the advice for
// 92.343 says which spelling means which; 92,343 alone would be read as a decimal.
func TestAmbiguousNumberAdvice(t *testing.T) {
	tests := []struct{ in, want string }{
		{"92.343", `ambiguous number "92.343": this file writes decimals with a comma, so write 92343 if the dot separates thousands, or 92,343 if it is a decimal point`},
		{"-1.234", `ambiguous number "-1.234": this file writes decimals with a comma, so write -1234 if the dot separates thousands, or -1,234 if it is a decimal point`},
		{"1.234 %", `ambiguous number "1.234 %": this file writes decimals with a comma, so write 1234% if the dot separates thousands, or 1,234% if it is a decimal point`},
	}
	for _, tt := range tests {
		_, _, err := parseNumberText(tt.in, true)
		if err == nil || err.Error() != tt.want {
			t.Errorf("parseNumberText(%q, true) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}
