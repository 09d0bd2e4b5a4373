package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestParseMonth(t *testing.T) {
	tests := []struct {
		in   string
		want Month
		err  string // a fragment of the error, "" when it must parse
	}{
		{"2026-03", MonthOf(2026, 3), ""},
		{" 2026-03 ", MonthOf(2026, 3), ""},
		{"2026-3", MonthOf(2026, 3), ""},
		{"2026/03", MonthOf(2026, 3), ""},
		{"2026-03-01", MonthOf(2026, 3), ""},
		{"2026-03-01T00:00:00", MonthOf(2026, 3), ""},
		{"Mar 2026", MonthOf(2026, 3), ""},
		{"March 2026", MonthOf(2026, 3), ""},
		{"mar-26", MonthOf(2026, 3), ""},
		{"Sep 2025", MonthOf(2025, 9), ""},
		{"Sept 2025", MonthOf(2025, 9), ""},
		{"marzo 2026", MonthOf(2026, 3), ""},
		{"março de 2026", MonthOf(2026, 3), ""},
		{"dez/2025", MonthOf(2025, 12), ""},
		{"ene-26", MonthOf(2026, 1), ""},
		{"2026 Mar", MonthOf(2026, 3), ""},
		{"01/03/2026", MonthOf(2026, 3), ""}, // day first, the 1st
		{"03/01/2026", MonthOf(2026, 3), ""}, // month first, the 1st
		{"01/01/2026", MonthOf(2026, 1), ""},
		{"15/03/2026", MonthOf(2026, 3), ""},
		{"03/15/2026", MonthOf(2026, 3), ""},
		{"05/03/2026", 0, "ambiguous date"},
		{"1/15/2026", MonthOf(2026, 1), ""}, // month first: 15 is no month
		{"15/1/2026", MonthOf(2026, 1), ""}, // day first
		{"13/14/2026", 0, "not 1–12"},
		{"45/03/2026", 0, "not a month"},
		{"11/2025", MonthOf(2025, 11), ""},
		{"3-2026", MonthOf(2026, 3), ""},
		{"13/2025", 0, "not 1–12"},
		{"2025.11", MonthOf(2025, 11), ""},
		{"2025.11.01", MonthOf(2025, 11), ""},
		{"1-Nov-2025", MonthOf(2025, 11), ""},
		{"1-Nov-25", MonthOf(2025, 11), ""}, // Excel's d-mmm-yy
		{"15 Nov 2025", MonthOf(2025, 11), ""},
		{"Nov 15, 2025", MonthOf(2025, 11), ""},
		{"1 de noviembre de 2025", MonthOf(2025, 11), ""},
		{"1º de novembro de 2025", 0, "not a month"},
		{"32 Nov 2025", 0, "not a month"},
		{"1 Nov 2025 2026", 0, "not a month"},
		{"2026-13", 0, "not 1–12"},
		{"Q3 2026", 0, "not a month"},
		{"", 0, "not a month"},
		{"1899-12", 0, "out of range"},
		{"Smarch 2026", 0, "not a month"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMonth(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseMonth(%q) = %v, %v; want error with %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseMonth(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestMonthFromSerial(t *testing.T) {
	tests := []struct {
		serial   float64
		date1904 bool
		want     Month
	}{
		// Serials as Excel shows them: =DATE(2026,3,1) is 46082 in the 1900 system and
		// 44620 in the 1904 system (1462 days fewer).
		{46082, false, MonthOf(2026, 3)},
		{46081, false, MonthOf(2026, 2)},
		{46082.75, false, MonthOf(2026, 3)}, // a time of day does not change the month
		{44620, true, MonthOf(2026, 3)},
		{44619, true, MonthOf(2026, 2)},
		{61, false, MonthOf(1900, 3)}, // past Excel's phantom 29 Feb 1900
	}
	for _, tt := range tests {
		got, err := MonthFromSerial(tt.serial, tt.date1904)
		if tt.want == MonthOf(1900, 3) {
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

func TestLookupKPI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"predictability", "predictability"},
		{"Sprint predictability", "predictability"},
		{"SPRINT PREDICTABILITY (%)", "predictability"},
		{" lead_time ", "lead_time"},
		{"Lead time for changes (hours)", "lead_time"},
		{"eNPS", "enps"},
		{"Change-failure rate", "change_failure_rate"},
		{"Rampup time", "ramp_up_days"},
	}
	for _, tt := range tests {
		k, ok := LookupKPI(tt.in)
		if !ok || k.ID != tt.want {
			t.Errorf("LookupKPI(%q) = %v, %v; want %s", tt.in, k, ok, tt.want)
		}
	}
	if k, ok := LookupKPI("happiness"); ok {
		t.Errorf("LookupKPI(happiness) = %v, want none", k.ID)
	}
}

func TestSuggestKPI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"predictabilty", "predictability"},
		{"Sprint predictibility", "predictability"},
		{"bug escape", "bug_escape_rate"},
		{"test coverge", "test_coverage"},
		{"atrition", "attrition"},
		{"happiness index", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SuggestKPI(tt.in); got != tt.want {
			t.Errorf("SuggestKPI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCatalogComplete(t *testing.T) {
	ids := map[string]bool{}
	for _, k := range Catalog() {
		if ids[k.ID] {
			t.Errorf("duplicate id %s", k.ID)
		}
		ids[k.ID] = true
		if k.Name == "" || k.Unit == "" || k.Definition == "" || k.Category == "" || k.Aggregation == "" || k.Direction == "" {
			t.Errorf("%s: incomplete entry %+v", k.ID, k)
		}
		if k.Min >= k.Max {
			t.Errorf("%s: empty plausible range %v–%v", k.ID, k.Min, k.Max)
		}
		if k.HasTarget && (k.Target < k.Min || k.Target > k.Max) {
			t.Errorf("%s: default target %v outside its range", k.ID, k.Target)
		}
	}
	// Every KPI DESIGN section 4 names.
	for _, id := range strings.Fields(`velocity predictability completion release_frequency on_time_delivery
		bug_escape_rate defect_rate incidents test_coverage tech_debt_ratio reopen_rate review_rework_rate
		deployment_frequency lead_time change_failure_rate time_to_restore rework_rate
		pr_response_time sla_compliance blocker_resolution ceremony_participation
		attrition ramp_up_days enps headcount feature_adoption time_to_market roadmap_alignment
		cost_per_point monthly_cost`) {
		if !ids[id] {
			t.Errorf("catalog lacks %s", id)
		}
	}
	gates := map[string]float64{"predictability": 85, "bug_escape_rate": 10, "attrition": 15}
	for _, k := range Catalog() {
		want, gate := gates[k.ID]
		if k.Gate != gate || (gate && k.Target != want) {
			t.Errorf("%s: gate %v target %v, want gate %v target %v", k.ID, k.Gate, k.Target, gate, want)
		}
	}
}

func TestPlainPercentReading(t *testing.T) {
	pred, _ := LookupKPI("predictability")
	bug, _ := LookupKPI("bug_escape_rate")
	att, _ := LookupKPI("attrition")
	tests := []struct {
		name      string
		k         *KPI
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

func TestFindingString(t *testing.T) {
	tests := []struct {
		f    Finding
		want string
	}{
		{Finding{Severity: Error, File: "medellin.xlsx", Sheet: "Metrics", Row: 14, Col: 3, Message: `not a number: "n/a"`},
			`medellin.xlsx: Metrics!C14: error: not a number: "n/a"`},
		{Finding{Severity: Warning, File: "lima/metrics.csv", Sheet: "Metrics", Row: 4, Col: 28, CSV: true, Message: "x"},
			`lima/metrics.csv: row 4, column 28: warning: x`},
		{Finding{Severity: Error, File: "a.xlsx", Message: "the file is empty"}, `a.xlsx: error: the file is empty`},
		{Finding{Severity: Error, File: "a.xlsx", Sheet: "Engagement", Message: "m"}, `a.xlsx: Engagement: error: m`},
		{Finding{Severity: Error, File: "a.xlsx", Sheet: "Metrics", Row: 1, Col: 27, Message: "m"}, `a.xlsx: Metrics!AA1: error: m`},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
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
		must(f.SetCellValue("Metrics", CellName(1, i+2), serial))
		must(f.SetCellValue("Metrics", CellName(2, i+2), 40+i))
	}
	must(f.SetCellStyle("Metrics", "A2", "A4", style))
	path := filepath.Join(t.TempDir(), "mac.xlsx")
	must(f.SaveAs(path))
	in, err := Read(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pts := in.Teams[0].SeriesFor("velocity").Points
	want := []Month{MonthOf(2025, 11), MonthOf(2025, 12), MonthOf(2026, 1)}
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
