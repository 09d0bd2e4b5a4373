package report

import (
	"strings"
	"testing"
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

// TestCatalogCannotBeChanged: what the catalog's functions return are copies, so no
// caller can change the KPIs or the categories other callers see.
func TestCatalogCannotBeChanged(t *testing.T) {
	k, _ := LookupKPI("predictability")
	k.Target, k.Gate = 1, false
	Catalog()[0].Name = "changed"
	Categories()[0] = "changed"
	Sections()[0] = "changed"
	if k, _ := LookupKPI("predictability"); k.Target != 85 || !k.Gate {
		t.Errorf("LookupKPI after a caller changed its result: target %v, gate %v", k.Target, k.Gate)
	}
	if Catalog()[0].Name != "Velocity" || Categories()[0] != Delivery || Sections()[0] != SectionSummary {
		t.Error("the catalog, categories or sections changed through a returned slice")
	}
}
