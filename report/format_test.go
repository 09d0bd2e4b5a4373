package report

import "testing"

// TestChangeUnits: a change of exactly one takes the singular, any other the plural;
// percentages change by points, money by the currency.
func TestChangeUnits(t *testing.T) {
	kpi := func(id string) *KPI {
		k, ok := LookupKPI(id)
		if !ok {
			t.Fatalf("no KPI %s", id)
		}
		return k
	}
	for _, c := range []struct{ got, want string }{
		{formatDelta(kpi("headcount"), 1, ""), "+1 person"},
		{formatDelta(kpi("headcount"), -2, ""), "−2 people"},
		{formatDelta(kpi("incidents"), -1, ""), "−1 incident"},
		{formatDelta(kpi("predictability"), 3.5, ""), "+3.5 pts"},
		{formatDelta(kpi("monthly_cost"), -1200, "USD"), "−USD 1,200"},
		{formatSlope(kpi("predictability"), 1, ""), "+1 pt per month"},
		{formatSlope(kpi("predictability"), 1.5, ""), "+1.5 pts per month"},
		{formatSlope(kpi("attrition"), -1, ""), "−1 pt/yr per month"},
		{formatSlope(kpi("enps"), 0.4, ""), "+0.4 per month"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
