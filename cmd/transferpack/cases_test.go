package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// These cases run `transferpack build` in-process from CSV inputs to the JSON pack, one
// for every status and every rule of DESIGN sections 5 and 6. Every case has the shape
// of the worked cases: Operate starts in Jan 2025 (month 1), 12 months are observed (to
// Dec 2025, month 12), the Transfer is planned for Mar 2026 (month 15), the delay window
// is 3 months and the partner is aligned, unless the case says otherwise.
//
// Data is a line plus a small fixed noise, so every expected number can be worked out by
// hand. With the noise alternating +a in odd months and −a in even ones:
//   - the Theil–Sen slope is exactly the line's: the 30 pairs an even number of months
//     apart have no noise between them; of the 36 others, 21 lie below the line's slope
//     and 15 above, so the two middle slopes of the 66 (the 33rd and 34th) are exact;
//   - the level (median of months 10, 11, 12) is month 11's value, start + 10·slope + a,
//     as long as |slope| > 2a;
//   - projections run from month 11, the middle of the last three: level + slope·(m − 11).

// kpiSpec is one KPI column of metrics.csv: the value in Operate month i (1-based) is
// start + slope·(i−1) + noise[(i−1) mod len(noise)], blank in the months of missing and
// before from.
type kpiSpec struct {
	id           string
	start, slope float64
	noise        []float64
	from         int   // first Operate month with a value; 0 means month 1
	missing      []int // Operate months left blank
}

// line is a KPI whose noise alternates +a (odd months) and −a (even months).
func line(id string, start, slope, a float64) kpiSpec {
	return kpiSpec{id: id, start: start, slope: slope, noise: []float64{a, -a}}
}

// pattern replaces the noise with a repeating pattern.
func (k kpiSpec) pattern(noise ...float64) kpiSpec { k.noise = noise; return k }

// blank leaves the given Operate months empty.
func (k kpiSpec) blank(months ...int) kpiSpec { k.missing = months; return k }

// startingIn leaves the months before month empty.
func (k kpiSpec) startingIn(month int) kpiSpec { k.from = month; return k }

// value is the KPI's value in Operate month i, and whether it has one.
func (k kpiSpec) value(i int) (float64, bool) {
	if i < k.from || slices.Contains(k.missing, i) {
		return 0, false
	}
	v := k.start + k.slope*float64(i-1)
	if len(k.noise) > 0 {
		v += k.noise[(i-1)%len(k.noise)]
	}
	return math.Round(v*1e6) / 1e6, true
}

// teamInput is one team's CSV folder.
type teamInput struct {
	team        string
	months      int    // months of data from Jan 2025; 12 when 0
	transfer    string // Transfer date; 2026-03 when ""
	report      string // Report month; none (the latest month with data) when ""
	aligned     string // Partner aligned; yes when ""
	blankMonths []int  // months written as a row with the month and no values
	kpis        []kpiSpec
	targets     string // targets.csv; none when ""
}

// month returns Operate month i (1 = Jan 2025) as 2025-01.
func month(i int) string {
	return fmt.Sprintf("%04d-%02d", 2025+(i-1)/12, (i-1)%12+1)
}

// write writes the input's engagement.csv, metrics.csv and targets.csv into dir.
func (in teamInput) write(t *testing.T, dir string) {
	t.Helper()
	months, transfer, aligned := cmp.Or(in.months, 12), cmp.Or(in.transfer, "2026-03"), cmp.Or(in.aligned, "yes")
	eng := "Field,Value\nClient,Example Client\nPartner,Example Partner\nTeam," + in.team +
		"\nOperate start,2025-01\nTransfer date," + transfer + "\nDelay window months,3\nPartner aligned," + aligned + "\n"
	if in.report != "" {
		eng += "Report month," + in.report + "\n"
	}
	var m strings.Builder
	m.WriteString("Month")
	for _, k := range in.kpis {
		m.WriteString("," + k.id)
	}
	m.WriteString("\n")
	for i := 1; i <= months; i++ {
		m.WriteString(month(i))
		for _, k := range in.kpis {
			m.WriteString(",")
			if v, ok := k.value(i); ok && !slices.Contains(in.blankMonths, i) {
				m.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
		m.WriteString("\n")
	}
	writeCSV(t, dir, "engagement.csv", eng)
	writeCSV(t, dir, "metrics.csv", m.String())
	if in.targets != "" {
		writeCSV(t, dir, "targets.csv", in.targets)
	}
}

// healthy is a team that meets every target and improves: the base the rule cases
// change one KPI of. Levels (month 11, see the top of the file): predictability 90.0 %,
// bug escape 6.0 %, coverage 75.0 %, lead time 48 h, eNPS +30, attrition the mean of
// 0.78, 0.82, 0.78 % a month × 12 = 9.5 %/yr with no clear trend; velocity has no target.
func healthy() []kpiSpec {
	return []kpiSpec{
		line("velocity", 40, 2, 1),
		line("predictability", 85.9, 0.4, 0.1),
		line("bug_escape_rate", 7.95, -0.2, 0.05),
		line("test_coverage", 71.9, 0.3, 0.1),
		line("lead_time", 52.8, -0.5, 0.2),
		line("attrition", 0.8, 0, 0.02),
		line("enps", 20, 1, 0),
	}
}

// with returns base with the KPIs of over replacing those with the same id.
func with(base []kpiSpec, over ...kpiSpec) []kpiSpec {
	out := slices.Clone(base)
	for _, o := range over {
		if i := slices.IndexFunc(out, func(k kpiSpec) bool { return k.id == o.id }); i >= 0 {
			out[i] = o
		} else {
			out = append(out, o)
		}
	}
	return out
}

// The JSON pack, as far as the cases read it: the names are the contract.
type packJSON struct {
	ReportMonth    string  `json:"report_month"`
	TransferMonth  string  `json:"transfer_month"`
	ReadinessScore float64 `json:"readiness_score"`
	Recommendation struct {
		Decision    string   `json:"decision"`
		DelayMonths int      `json:"delay_months"`
		Headline    string   `json:"headline"`
		Rationale   []string `json:"rationale"`
		Rules       []string `json:"rules"`
		Conditions  []string `json:"conditions"`
		Terms       []string `json:"terms"`
	} `json:"recommendation"`
	KPIs    []kpiJSON `json:"kpis"`
	Changes *struct {
		Since            string `json:"since"`
		PreviousDecision string `json:"previous_decision"`
		StatusChanges    []struct {
			KPI  string `json:"kpi"`
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"status_changes"`
		Summary []string `json:"summary"`
	} `json:"changes"`
	DataQuality []struct {
		Kind string `json:"kind"`
		KPI  string `json:"kpi"`
		Text string `json:"text"`
	} `json:"data_quality"`
	Display struct {
		ReadinessScore string `json:"readiness_score"`
		Decision       string `json:"decision"`
	} `json:"display"`
}

type kpiJSON struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Direction      string   `json:"direction"`
	MonthsWithData int      `json:"months_with_data"`
	Level          *float64 `json:"level"`
	Target         *float64 `json:"target"`
	Trend          struct {
		SlopePerMonth float64  `json:"slope_per_month"`
		Estimate      float64  `json:"theil_sen_slope"`
		PValue        *float64 `json:"p_value"`
		Significant   bool     `json:"significant"`
		Points        int      `json:"points"`
		Word          string   `json:"word"`
	} `json:"trend"`
	Projection       *float64    `json:"projection_at_transfer"`
	MeetsTargetMonth string      `json:"meets_target_month"`
	BreachMonth      string      `json:"breach_month"`
	Status           string      `json:"status"`
	Series           []pointJSON `json:"series"`
	Projected        []pointJSON `json:"projected"`
	Display          struct {
		Level      string `json:"level"`
		Target     string `json:"target"`
		Slope      string `json:"slope"`
		Projection string `json:"projection"`
	} `json:"display"`
}

type pointJSON struct {
	Month string  `json:"month"`
	Value float64 `json:"value"`
}

func (p *packJSON) kpi(t *testing.T, id string) *kpiJSON {
	t.Helper()
	for i := range p.KPIs {
		if p.KPIs[i].ID == id {
			return &p.KPIs[i]
		}
	}
	t.Fatalf("the pack has no KPI %q", id)
	return nil
}

// build runs `transferpack build --out DIR [flags] INPUT` in-process and decodes the one
// pack it writes; it also returns the pack's bytes.
func build(t *testing.T, input string, flags ...string) (*packJSON, []byte) {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := append(append([]string{"build", "--format", "json", "--out", out}, flags...), input)
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run(%q) = %v\nstdout:\n%s\nstderr:\n%s", args, err, stdout.String(), stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.json"))
	files = slices.DeleteFunc(files, func(f string) bool {
		return filepath.Base(f) == "manifest.json" || filepath.Base(f) == "portfolio.json"
	})
	if len(files) != 1 {
		t.Fatalf("run(%q) wrote %q, want one JSON pack", args, files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var p packJSON
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%s: %v", files[0], err)
	}
	return &p, data
}

// buildInput writes a generated input into a temporary folder and builds it.
func buildInput(t *testing.T, in teamInput, flags ...string) *packJSON {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "input")
	in.write(t, dir)
	p, _ := build(t, dir, flags...)
	return p
}

// want is what a case expects of the recommendation and the statuses.
type want struct {
	decision string
	delay    int // recommendation.delay_months
	// rules are the rule ids in order, each with the KPIs whose numbers its sentence
	// must show after a colon: "delay.gate_recoverable:predictability".
	rules      []string
	status     map[string]string // KPI id → status
	conditions int               // how many conditions; -1 to leave unchecked
}

// check asserts the decision, the delay, the rules, the statuses, and that each rationale
// sentence shows the figures behind it as the KPI's display prints them: the KPI's name,
// the figures of its level, target and slope (a sentence says "at least 85.0 %" and "up
// 1.5 points a month" where the scorecard prints "≥ 85.0 %" and "+1.5 pts per month");
// with too little data for a trend, the months of data instead of the slope; for a
// readiness rule, the score.
func check(t *testing.T, p *packJSON, w want) {
	t.Helper()
	rec := p.Recommendation
	if rec.Decision != w.decision || rec.DelayMonths != w.delay {
		t.Errorf("decision = %s, delay %d months, want %s, %d months\n%s", rec.Decision, rec.DelayMonths, w.decision, w.delay, rationale(p))
	}
	for id, st := range w.status {
		if k := p.kpi(t, id); k.Status != st {
			t.Errorf("%s status = %s, want %s (level %s, target %s, slope %s, projection %s)",
				id, k.Status, st, k.Display.Level, k.Display.Target, k.Display.Slope, k.Display.Projection)
		}
	}
	if w.conditions >= 0 && len(rec.Conditions) != w.conditions {
		t.Errorf("%d conditions, want %d:\n  %s", len(rec.Conditions), w.conditions, strings.Join(rec.Conditions, "\n  "))
	}
	var ids []string
	for _, r := range w.rules {
		ids = append(ids, strings.SplitN(r, ":", 2)[0])
	}
	if !slices.Equal(rec.Rules, ids) || len(rec.Rationale) != len(rec.Rules) {
		t.Errorf("rules = %q, want %q\n%s", rec.Rules, ids, rationale(p))
		return
	}
	for i, r := range w.rules {
		id, kpis, _ := strings.Cut(r, ":")
		sentence := rec.Rationale[i]
		var need []string
		if id == "delay.low_readiness" || id == "proceed.readiness" {
			need = append(need, strings.TrimSuffix(p.Display.ReadinessScore, " / 100"))
		}
		for _, kid := range strings.Split(kpis, ",") {
			if kid == "" {
				continue
			}
			k := p.kpi(t, kid)
			need = append(need, figure(k.Display.Level), figure(k.Display.Target))
			if !strings.Contains(strings.ToLower(sentence), strings.ToLower(k.Name)) {
				t.Errorf("rule %s: sentence lacks %q:\n  %s", id, k.Name, sentence)
			}
			switch {
			case k.Status == "insufficient_data":
				need = append(need, monthsOf(k.MonthsWithData))
			case k.Trend.Significant:
				need = append(need, strings.TrimLeft(figure(k.Display.Slope), "+−")+" ")
			default:
				need = append(need, "no clear trend")
			}
		}
		for _, n := range need {
			if !strings.Contains(sentence, n) {
				t.Errorf("rule %s: sentence lacks %q:\n  %s", id, n, sentence)
			}
		}
	}
}

// figure is the number of a displayed figure, with its sign: "85.0" of "≥ 85.0 %",
// "−1.5" of "−1.5 pts per month", "USD 92,573" keeps its code.
func figure(display string) string {
	return figureRE.FindString(display)
}

var figureRE = regexp.MustCompile(`(?:[A-Z]{3} )?[−+]?[0-9][0-9,]*(?:\.[0-9]+)?`)

func monthsOf(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// rationale prints the recommendation and the statuses for a failure message.
func rationale(p *packJSON) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s (score %s)\n", p.Recommendation.Headline, p.Display.ReadinessScore)
	for i, s := range p.Recommendation.Rationale {
		fmt.Fprintf(&b, "  %s: %s\n", p.Recommendation.Rules[i], s)
	}
	for _, k := range p.KPIs {
		fmt.Fprintf(&b, "  %-20s %-17s level %s, target %s, %s, projected %s\n", k.ID, k.Status, k.Display.Level, k.Display.Target, k.Display.Slope, k.Display.Projection)
	}
	return b.String()
}

// TestCasesWorked builds the three worked cases of DESIGN section 6 from the folders in
// testdata/cases. Their metrics.csv hold these lines (month i = 1 … 12, noise ±a
// alternating, + in odd months, see the top of the file):
//
// worked-proceed, every KPI meets its target and improves:
//
//	predictability  85.9 + 0.4(i−1) ± 0.1   86.0 … level 90.0 %, +0.4 pts/month, 91.6 % in month 15
//	bug escape      7.95 − 0.2(i−1) ± 0.05  8.0 … level 6.0 %, 5.2 % in month 15
//	attrition       0.725 − 0.01(i−1)       mean of 0.635, 0.625, 0.615 × 12 = 7.5 %/yr, −0.12 %/yr a month,
//	                                        7.5 − 0.12·4 = 7.02 %/yr in month 15
//	coverage 75.0 %, lead time 48 h, eNPS +30, all improving; velocity without a target
//	→ every gate met, score 100, proceed with no condition.
//
// worked-delay, predictability 76 % rising 1.5 a month:
//
//	predictability  60.7 + 1.5(i−1) ± 0.3   61.0 … 73.9, 76.0, 76.9: level 76.0 %
//	    month 15: 76.0 + 1.5·4 = 82.0 % (misses 85 %); month 18: 76.0 + 1.5·7 = 86.5 %
//	    meets 85 % from 76.0 + 1.5·6 = 85.0, month 17 (May 2026): recoverable, 2 months
//	bug escape      15.9 − 0.5(i−1) ± 0.1   level 11.0 %, 9.0 % in month 15, ≤ 10 % from month 13: on track
//	attrition       0.9 − 0.01(i−1)         level 9.6 %/yr, met
//	coverage, lead time, eNPS met (as in worked-proceed)
//	→ score (0.5·2 + 0.75·2 + 1·2 + 3) / 9 = 83.3, printed 83, ≥ 70: delay 2 months, to May 2026.
//
// worked-renegotiate, predictability falling from 86 % to about 70 %, escape rate
// rising to about 17 %, eNPS collapsing:
//
//	predictability  85.7 − 1.5(i−1) ± 0.3   86.0 … 71.9, 71.0, 68.9: level 71.0 %, 65.0 % in month 15
//	bug escape      8.3 + 0.8(i−1) ± 0.2    8.5 … 15.3, 16.5, 16.9: level 16.5 %, 19.7 % in month 15
//	eNPS            29 − 4(i−1) ± 1         30 … −8, −10, −16: level −10, −26 in month 15
//	attrition       0.75 every month        9.0 %/yr, no trend, met
//	→ delivery and quality gates off track, and 3 KPIs in 3 categories worsening.
func TestCasesWorked(t *testing.T) {
	t.Run("proceed", func(t *testing.T) {
		p, _ := build(t, filepath.Join("testdata", "cases", "worked-proceed"))
		check(t, p, want{
			decision: "proceed",
			rules: []string{"proceed.gate_met:predictability", "proceed.gate_met:bug_escape_rate",
				"proceed.gate_met:attrition", "proceed.readiness"},
			status: map[string]string{"predictability": "met", "bug_escape_rate": "met", "attrition": "met",
				"test_coverage": "met", "lead_time": "met", "enps": "met", "velocity": "no_target"},
		})
		displays(t, p, "predictability", "90.0 %", "+0.4 pts per month", "91.6 %")
		displays(t, p, "bug_escape_rate", "6.0 %", "−0.2 pts per month", "5.2 %")
		// The slope is −0.12 %/yr a month; the pack prints it with one decimal.
		displays(t, p, "attrition", "7.5 %/yr", "−0.12 pts/yr per month", "7.0 %/yr")
		for _, k := range p.KPIs {
			if k.Trend.Word != "improving" && k.ID != "velocity" {
				t.Errorf("%s trend is %q, want improving", k.ID, k.Trend.Word)
			}
		}
		if p.ReadinessScore != 100 || p.Recommendation.Headline != "Proceed with the Transfer in Mar 2026." {
			t.Errorf("score %v, headline %q", p.ReadinessScore, p.Recommendation.Headline)
		}
	})
	t.Run("delay", func(t *testing.T) {
		p, _ := build(t, filepath.Join("testdata", "cases", "worked-delay"))
		check(t, p, want{
			decision: "delay", delay: 2,
			rules:      []string{"delay.gate_recoverable:predictability"},
			conditions: 1,
			status: map[string]string{"predictability": "recoverable", "bug_escape_rate": "on_track", "attrition": "met",
				"test_coverage": "met", "lead_time": "met", "enps": "met"},
		})
		displays(t, p, "predictability", "76.0 %", "+1.5 pts per month", "82.0 %")
		if p.ReadinessScore != 83 {
			t.Errorf("readiness score %v, want 83 (83.3 rounded)", p.ReadinessScore)
		}
		pred := p.kpi(t, "predictability")
		if pred.MeetsTargetMonth != "2026-05" || projected(pred, "2026-06") != 86.5 {
			t.Errorf("predictability meets the target from %s and is projected %v in Jun 2026, want 2026-05 and 86.5",
				pred.MeetsTargetMonth, projected(pred, "2026-06"))
		}
		if bug := p.kpi(t, "bug_escape_rate"); bug.MeetsTargetMonth != "2026-01" || *bug.Projection != 9 {
			t.Errorf("bug escape meets the target from %s, projected %v, want 2026-01 and 9", bug.MeetsTargetMonth, *bug.Projection)
		}
		if got := p.Recommendation.Headline; got != "Delay the Transfer by 2 months, from Mar 2026 to May 2026." {
			t.Errorf("headline %q", got)
		}
		if s := p.Recommendation.Rationale[0]; !strings.Contains(s, "82.0 % by the Transfer") || !strings.Contains(s, "May 2026") || !strings.Contains(s, "2 months") {
			t.Errorf("the recoverable sentence lacks the projection, the month the gap closes or the delay: %s", s)
		}
	})
	t.Run("renegotiate", func(t *testing.T) {
		p, _ := build(t, filepath.Join("testdata", "cases", "worked-renegotiate"))
		check(t, p, want{
			decision: "renegotiate",
			rules: []string{"renegotiate.gate_off_track:predictability", "renegotiate.gate_off_track:bug_escape_rate",
				"renegotiate.broad_decline:enps"}, // the gates are in the sentences above it
			status:     map[string]string{"predictability": "off_track", "bug_escape_rate": "off_track", "enps": "off_track", "attrition": "met"},
			conditions: -1,
		})
		displays(t, p, "predictability", "71.0 %", "−1.5 pts per month", "65.0 %")
		displays(t, p, "bug_escape_rate", "16.5 %", "+0.8 pts per month", "19.7 %")
		displays(t, p, "enps", "−10", "−4 per month", "−26")
		if len(p.Recommendation.Terms) != 3 {
			t.Errorf("terms %q, want the fee, holdback and retention terms", p.Recommendation.Terms)
		}
	})
}

// displays asserts a KPI's level, slope and projection as the pack prints them.
func displays(t *testing.T, p *packJSON, id, level, slope, projection string) {
	t.Helper()
	k := p.kpi(t, id)
	if k.Display.Level != level || k.Display.Slope != slope || k.Display.Projection != projection {
		t.Errorf("%s: level %q, slope %q, projection %q; want %q, %q, %q",
			id, k.Display.Level, k.Display.Slope, k.Display.Projection, level, slope, projection)
	}
}

// projected is a KPI's projection in a month, NaN when there is none.
func projected(k *kpiJSON, m string) float64 {
	for _, pt := range k.Projected {
		if pt.Month == m {
			return pt.Value
		}
	}
	return math.NaN()
}

// TestCasesRules gives every status and every rule of DESIGN section 6 a team of its own:
// the healthy team with one or two KPIs changed. The hand computation is in each comment:
// level at month 11, projection to month 15 (Mar 2026) and 18 (Jun 2026).
func TestCasesRules(t *testing.T) {
	gatesMet := map[string]string{"predictability": "met", "bug_escape_rate": "met", "attrition": "met"}
	merge := func(a map[string]string, kv ...string) map[string]string {
		out := maps.Clone(a)
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	proceedRules := []string{"proceed.gate_met:predictability", "proceed.gate_met:bug_escape_rate", "proceed.gate_met:attrition", "proceed.readiness"}
	tests := []struct {
		name string
		in   teamInput
		want want
		also func(t *testing.T, p *packJSON) // further checks, or nil
	}{
		{
			name: "healthy team proceeds",
			in:   teamInput{kpis: healthy()},
			want: want{decision: "proceed", rules: proceedRules,
				status: merge(gatesMet, "test_coverage", "met", "velocity", "no_target")},
		},
		{
			// 70 ± 0.3, flat: level 69.7 % (the median of 69.7, 70.3, 69.7), no trend.
			name: "delivery gate off track",
			in:   teamInput{kpis: with(healthy(), line("predictability", 70, 0, 0.3))},
			want: want{decision: "renegotiate", rules: []string{"renegotiate.gate_off_track:predictability"},
				status: merge(gatesMet, "predictability", "off_track")},
		},
		{
			// 65 + 0.5(i−1) ± 0.1: level 70.1 %, improving, but 70.1 + 0.5·7 = 73.6 % by Jun 2026.
			name: "delivery gate improving too slowly is off track",
			in:   teamInput{kpis: with(healthy(), line("predictability", 65, 0.5, 0.1))},
			want: want{decision: "renegotiate", rules: []string{"renegotiate.gate_off_track:predictability"},
				status: merge(gatesMet, "predictability", "off_track")},
		},
		{
			// 14 ± 0.2, flat: level 13.8 % against ≤ 10 %.
			name: "quality gate off track",
			in:   teamInput{kpis: with(healthy(), line("bug_escape_rate", 14, 0, 0.2))},
			want: want{decision: "renegotiate", rules: []string{"renegotiate.gate_off_track:bug_escape_rate"},
				status: merge(gatesMet, "bug_escape_rate", "off_track")},
		},
		{
			// Three non-gate KPIs in two categories miss and worsen, every gate is met:
			// coverage 70 − 0.5(i−1) → 65.1 %, lead time 70 + 1(i−1) → 80 h,
			// change failure 12 + 0.5(i−1) → 17.1 %.
			name: "broad decline",
			in: teamInput{kpis: with(healthy(),
				line("test_coverage", 70, -0.5, 0.1),
				line("lead_time", 70, 1, 0.2),
				line("change_failure_rate", 12, 0.5, 0.1))},
			want: want{decision: "renegotiate",
				rules:      []string{"renegotiate.broad_decline:test_coverage,lead_time,change_failure_rate"},
				status:     merge(gatesMet, "test_coverage", "off_track", "lead_time", "off_track", "change_failure_rate", "off_track"),
				conditions: -1},
		},
		{
			// Three worsening KPIs in one category are not a broad decline: lead time 80 h,
			// change failure 17.1 % and time to restore 6 + 0.5(i−1) → 11.1 h against 4 h,
			// all DORA. Score (6 + 2) / 11 = 72.7: proceed on three conditions.
			name: "three worsening KPIs in one category",
			in: teamInput{
				kpis: with(healthy(),
					line("lead_time", 70, 1, 0.2),
					line("change_failure_rate", 12, 0.5, 0.1),
					line("time_to_restore", 6, 0.5, 0.1)),
				targets: "KPI,Target,Direction\ntime_to_restore,4,lower\n",
			},
			want: want{decision: "proceed", rules: proceedRules, conditions: 3,
				status: merge(gatesMet, "lead_time", "off_track", "change_failure_rate", "off_track", "time_to_restore", "off_track")},
		},
		{
			// Predictability recoverable as in worked-delay, but the partner is not aligned.
			name: "partner not aligned while a gate misses",
			in:   teamInput{aligned: "no", kpis: with(healthy(), line("predictability", 60.7, 1.5, 0.3))},
			want: want{decision: "renegotiate", rules: []string{"renegotiate.partner_not_aligned:predictability"},
				status: merge(gatesMet, "predictability", "recoverable")},
		},
		{
			name: "partner not aligned, every gate met",
			in:   teamInput{aligned: "no", kpis: healthy()},
			want: want{decision: "proceed", rules: proceedRules, status: gatesMet},
		},
		{
			// 78.5 % (63.2 + 15 + 0.3), +1.5: 84.5 % at Transfer, 85 % from 78.5 + 1.5·5 = 86.0, month 16.
			name: "gate recoverable in 1 month",
			in:   teamInput{kpis: with(healthy(), line("predictability", 63.2, 1.5, 0.3))},
			want: want{decision: "delay", delay: 1, rules: []string{"delay.gate_recoverable:predictability"},
				conditions: 1, // proceed in Apr 2026 if it reaches the target
				status:     merge(gatesMet, "predictability", "recoverable")},
		},
		{
			// 77.0 % (64.7 + 12 + 0.3), +1.2: 81.8 % at Transfer, 77 + 1.2·6 = 84.2 in month 17,
			// 77 + 1.2·7 = 85.4 in month 18 (Jun 2026): 3 months, the whole window.
			name: "gate recoverable in 3 months",
			in:   teamInput{kpis: with(healthy(), line("predictability", 64.7, 1.2, 0.3))},
			want: want{decision: "delay", delay: 3, rules: []string{"delay.gate_recoverable:predictability"},
				conditions: 1,
				status:     merge(gatesMet, "predictability", "recoverable")},
			also: func(t *testing.T, p *packJSON) {
				if k := p.kpi(t, "predictability"); k.MeetsTargetMonth != "2026-06" {
					t.Errorf("predictability meets the target from %q, want 2026-06", k.MeetsTargetMonth)
				}
			},
		},
		{
			// 77.0 %, +1.0: 81.0 % at Transfer and 84.0 % in Jun 2026: outside the window.
			name: "gate improving beyond the delay window is off track",
			in:   teamInput{kpis: with(healthy(), line("predictability", 66.9, 1.0, 0.1))},
			want: want{decision: "renegotiate", rules: []string{"renegotiate.gate_off_track:predictability"},
				status: merge(gatesMet, "predictability", "off_track")},
		},
		{
			// 87.0 % (92.9 − 6 + 0.1), −0.6: 87 − 0.6·4 = 84.6 % at Transfer; misses from
			// month 15. No projection meets the target again: the delay is the minimum, 1 month.
			name: "gate at risk",
			in:   teamInput{kpis: with(healthy(), line("predictability", 92.9, -0.6, 0.1))},
			want: want{decision: "delay", delay: 1, rules: []string{"delay.gate_at_risk:predictability"},
				conditions: 1,
				status:     merge(gatesMet, "predictability", "at_risk")},
			also: func(t *testing.T, p *packJSON) {
				if k := p.kpi(t, "predictability"); k.BreachMonth != "2026-03" {
					t.Errorf("predictability misses the target from %q, want 2026-03", k.BreachMonth)
				}
			},
		},
		{
			// 82.0 % (71.9 + 1.0·10 + 0.1), +1.0: 86.0 % at Transfer, 85 % from month 14.
			name: "gate on track proceeds",
			in:   teamInput{kpis: with(healthy(), line("predictability", 71.9, 1.0, 0.1))},
			want: want{decision: "proceed", rules: []string{"proceed.gate_on_track:predictability", "proceed.gate_met:bug_escape_rate", "proceed.gate_met:attrition", "proceed.readiness"}, status: merge(gatesMet, "predictability", "on_track")},
		},
		{
			// Bug escape reported from Sep 2025 only: 4 months, 2 short of a status; the 6th
			// comes in Feb 2026, before the Transfer: the minimum delay, 1 month.
			name: "gate with too little data",
			in:   teamInput{kpis: with(healthy(), line("bug_escape_rate", 7.95, -0.2, 0.05).startingIn(9))},
			want: want{decision: "delay", delay: 1, rules: []string{"delay.gate_insufficient_data:bug_escape_rate"},
				conditions: 1,
				status:     merge(gatesMet, "bug_escape_rate", "insufficient_data")},
		},
		{
			// No attrition column: a gate with no data, 6 months short, by Jun 2026.
			name: "gate without data",
			in:   teamInput{kpis: slices.DeleteFunc(healthy(), func(k kpiSpec) bool { return k.id == "attrition" })},
			want: want{decision: "delay", delay: 3, rules: []string{"delay.gate_insufficient_data"}, conditions: 2, // proceed once it has data; report it monthly
				status: merge(gatesMet, "attrition", "insufficient_data")},
		},
		{
			// Attrition 2.0 ± 0.05 % a month: (1.95 + 2.05 + 1.95) / 3 × 12 = 23.8 %/yr; the
			// delivery and quality gates are met. Score (2 + 2 + 0 + 3) / 9 = 77.8.
			name: "attrition off track: time-boxed delay",
			in:   teamInput{kpis: with(healthy(), line("attrition", 2.0, 0, 0.05))},
			want: want{decision: "delay", delay: 3, rules: []string{"delay.time_boxed:attrition"},
				conditions: 1,
				status:     merge(gatesMet, "attrition", "off_track")},
		},
		{
			// The same team with the Transfer planned for Dec 2025 and a month of data past
			// it, reviewed in Jan 2026 with the delay in force: the Dec 2025 review gave the
			// time-boxed delay (the Transfer month had come), and attrition is still off
			// track.
			name: "attrition off track after the time-boxed delay",
			in: teamInput{transfer: "2025-12", months: 13,
				kpis: with(healthy(), line("attrition", 2.0, 0, 0.05))},
			want: want{decision: "renegotiate", rules: []string{"renegotiate.time_boxed_delay_failed:attrition"},
				status: merge(gatesMet, "attrition", "off_track"), conditions: -1},
			also: func(t *testing.T, p *packJSON) {
				if p.Changes == nil || p.Changes.Since != "2025-12" || p.Changes.PreviousDecision != "delay" {
					t.Errorf("changes %+v, want the Dec 2025 review's delay", p.Changes)
				}
			},
		},
		{
			// Gates met; five non-gate KPIs, flat, miss the targets of the Targets sheet:
			// score (6 + 3) / (9 + 5) = 64.3.
			name: "low readiness",
			in: teamInput{
				kpis: with(healthy(),
					line("velocity", 40, 0, 1),
					line("completion", 85, 0, 0.5),
					line("deployment_frequency", 10, 0, 1),
					line("sla_compliance", 85, 0, 0.5),
					line("ceremony_participation", 80, 0, 0.5)),
				targets: "KPI,Target,Direction\nvelocity,60,higher\ncompletion,95,\ndeployment_frequency,20,\nsla_compliance,95,\nceremony_participation,90,\n",
			},
			want: want{decision: "delay", delay: 3, rules: []string{"delay.low_readiness"}, conditions: 6,
				status: merge(gatesMet, "velocity", "off_track", "completion", "off_track", "deployment_frequency", "off_track",
					"sla_compliance", "off_track", "ceremony_participation", "off_track")},
		},
		{
			// Coverage 60 ± 0.2, flat: 59.8 % against ≥ 70 %, a non-gate KPI off track.
			name: "proceed on a condition",
			in:   teamInput{kpis: with(healthy(), line("test_coverage", 60, 0, 0.2))},
			want: want{decision: "proceed", rules: proceedRules, conditions: 1,
				status: merge(gatesMet, "test_coverage", "off_track")},
			also: func(t *testing.T, p *packJSON) {
				c := p.Recommendation.Conditions
				if p.Recommendation.Headline != "Proceed with the Transfer in Mar 2026, on one condition." ||
					len(c) != 1 || !strings.HasPrefix(c[0], "Agree a plan to raise test coverage to at least 70.0 %. Test coverage is 59.8 %") {
					t.Errorf("headline %q, conditions %q", p.Recommendation.Headline, c)
				}
			},
		},
	}

	statuses, rules := map[string]bool{}, map[string]bool{}
	for _, tt := range tests {
		for _, s := range tt.want.status {
			statuses[s] = true
		}
		for _, r := range tt.want.rules {
			rules[strings.SplitN(r, ":", 2)[0]] = true
		}
		t.Run(tt.name, func(t *testing.T) {
			tt.in.team = tt.name
			p := buildInput(t, tt.in)
			check(t, p, tt.want)
			if tt.also != nil {
				tt.also(t, p)
			}
		})
	}

	// The table covers every status and every rule.
	for _, s := range []string{"met", "at_risk", "on_track", "recoverable", "off_track", "insufficient_data", "no_target"} {
		if !statuses[s] {
			t.Errorf("no case asserts status %s", s)
		}
	}
	for _, r := range []string{"renegotiate.gate_off_track", "renegotiate.broad_decline", "renegotiate.partner_not_aligned",
		"renegotiate.time_boxed_delay_failed", "delay.gate_recoverable", "delay.gate_at_risk", "delay.gate_insufficient_data",
		"delay.time_boxed", "delay.low_readiness", "proceed.gate_met", "proceed.gate_on_track", "proceed.readiness"} {
		if !rules[r] {
			t.Errorf("no case asserts rule %s", r)
		}
	}
}

// TestCasesNoisyMissingMonths builds the worked delay case with irregular noise, blank
// cells and a month (Jul 2025) whose row holds no value at all. The build must succeed,
// the trend still calls for a delay, and a blank is a missing point, never a zero.
//
// Predictability without noise, 60.7 + 1.5(i−1), reaches 85 % in month 18 (86.2 %;
// 84.7 % in month 17): a 3-month delay. With the noise and Jul and Nov 2025 blank, the
// last three months with data are Sep, Oct, Dec: 72.9, 73.7, 77.1, level 73.7 % centred
// on Oct (month 10); Theil–Sen over the 10 points gives 1.45 a month, so
// 73.7 + 1.45·5 = 81.0 % at Transfer and 73.7 + 1.45·8 = 85.3 % in Jun 2026: 3 months.
// Attrition is blank in Dec 2025: its level is the mean of Sep–Nov, (0.84 + 0.76 + 0.83)
// ÷ 3 × 12 = 9.72 %/yr; a blank read as zero would make it (0.76 + 0.83 + 0) ÷ 3 × 12 = 6.36.
func TestCasesNoisyMissingMonths(t *testing.T) {
	in := teamInput{
		team:        "Noisy",
		blankMonths: []int{7},
		kpis: []kpiSpec{
			line("velocity", 40, 2, 0).pattern(3, -2, 1, -4, 2, 0).blank(3),
			line("predictability", 60.7, 1.5, 0).pattern(0.6, -0.4, 0.2, -0.5, 0.3, -0.1).blank(11),
			line("bug_escape_rate", 15.9, -0.5, 0).pattern(0.2, -0.15, 0.05, -0.25, 0.1, 0).blank(4, 5),
			line("test_coverage", 71.9, 0.3, 0).pattern(0.5, -0.4, 0.2, -0.6, 0.3, 0).blank(2),
			line("lead_time", 52.8, -0.5, 0).pattern(2, -1.5, 0.5, -2.5, 1, 0),
			line("attrition", 0.9, -0.01, 0).pattern(0.05, -0.03, 0.02, -0.05, 0.03, 0).blank(12),
			line("enps", 20, 1, 0).pattern(2, -1, 0, -2, 1, 0),
		},
	}
	p := buildInput(t, in)
	check(t, p, want{
		decision: "delay", delay: 3,
		rules:      []string{"delay.gate_recoverable:predictability"},
		status:     map[string]string{"predictability": "recoverable", "bug_escape_rate": "on_track", "attrition": "met"},
		conditions: -1,
	})
	for _, spec := range in.kpis {
		k := p.kpi(t, spec.id)
		var present []float64
		for i := 1; i <= 12; i++ {
			v, ok := spec.value(i)
			ok = ok && !slices.Contains(in.blankMonths, i)
			j := slices.IndexFunc(k.Series, func(pt pointJSON) bool { return pt.Month == month(i) })
			switch {
			case !ok && j >= 0:
				t.Errorf("%s has a point %v in %s, a blank cell", spec.id, k.Series[j].Value, month(i))
			case ok && j < 0:
				t.Errorf("%s has no point in %s, want %v", spec.id, month(i), v)
			case ok:
				present = append(present, v)
			}
		}
		// The level is the median (attrition: mean × 12) of the last three values present.
		last := present[len(present)-3:]
		level := median3(last)
		if spec.id == "attrition" {
			level = (last[0] + last[1] + last[2]) / 3 * 12
		}
		if k.Level == nil || math.Abs(*k.Level-level) > 1e-4 {
			t.Errorf("%s level = %v, want %v from %v", spec.id, k.Level, level, last)
		}
		if k.MonthsWithData != len(present) {
			t.Errorf("%s has %d months with data, want %d", spec.id, k.MonthsWithData, len(present))
		}
	}
	var notes []string
	for _, n := range p.DataQuality {
		if n.Kind == "missing_months" {
			notes = append(notes, n.Text)
		}
	}
	if len(notes) != len(in.kpis) || !strings.Contains(notes[0], "Jul 2025") {
		t.Errorf("missing-month notes:\n  %s\nwant one per KPI, each naming Jul 2025", strings.Join(notes, "\n  "))
	}
}

func median3(xs []float64) float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	return s[1]
}

// TestCasesFlatProjection: a trend that is not real (p ≥ 0.10, or fewer than 6 points)
// projects flat: slope 0, not significant, the projection equal to the level.
func TestCasesFlatProjection(t *testing.T) {
	t.Run("p at least 0.10", func(t *testing.T) {
		// 88 + 0.1(i−1) with noise of ±1.6: the Theil–Sen estimate is not 0, the test is
		// far from significant.
		p := buildInput(t, teamInput{team: "Flat", kpis: with(healthy(),
			line("predictability", 88, 0.1, 0).pattern(1.5, -1.2, 0.4, -1.6, 1.1, -0.3))})
		k := p.kpi(t, "predictability")
		if k.Trend.PValue == nil || *k.Trend.PValue < 0.10 || k.Trend.Estimate == 0 {
			t.Fatalf("the case is not what it means to test: p %v, estimate %v", k.Trend.PValue, k.Trend.Estimate)
		}
		flat(t, k)
		check(t, p, want{decision: "proceed", status: map[string]string{"predictability": "met"},
			rules: []string{"proceed.gate_met:predictability", "proceed.gate_met:bug_escape_rate", "proceed.gate_met:attrition", "proceed.readiness"}})
		if s := p.Recommendation.Rationale[0]; !strings.Contains(s, "no clear trend") {
			t.Errorf("sentence for a flat gate: %s", s)
		}
	})
	t.Run("fewer than 6 points", func(t *testing.T) {
		// Bug escape from Aug 2025: 5.5, 6.0, 6.5, 7.0, 7.5 %, rising without a tie
		// (p = 2/5! = 0.017) but on 5 points only.
		p := buildInput(t, teamInput{team: "Short", kpis: with(healthy(),
			line("bug_escape_rate", 2, 0.5, 0).startingIn(8))})
		k := p.kpi(t, "bug_escape_rate")
		if k.Trend.Points != 5 || k.Trend.Estimate != 0.5 || k.Trend.PValue == nil || *k.Trend.PValue >= 0.10 {
			t.Fatalf("the case is not what it means to test: %+v", k.Trend)
		}
		flat(t, k)
		check(t, p, want{decision: "delay", delay: 1, rules: []string{"delay.gate_insufficient_data"},
			status: map[string]string{"bug_escape_rate": "insufficient_data"}, conditions: -1})
	})
}

// flat asserts a KPI projects its level unchanged.
func flat(t *testing.T, k *kpiJSON) {
	t.Helper()
	if k.Trend.SlopePerMonth != 0 || k.Trend.Significant || k.Trend.Word != "no clear trend" || k.Display.Slope != "no clear trend" {
		t.Errorf("%s trend = %+v, slope shown %q; want slope 0, not significant, no clear trend", k.ID, k.Trend, k.Display.Slope)
	}
	if k.Projection == nil || k.Level == nil || *k.Projection != *k.Level {
		t.Errorf("%s projection = %v, want the level %v", k.ID, k.Projection, k.Level)
	}
	for _, pt := range k.Projected {
		if pt.Value != *k.Level {
			t.Errorf("%s projected %v in %s, want the level %v", k.ID, pt.Value, pt.Month, *k.Level)
			break
		}
	}
}

// TestCasesDirection: coverage at 75.0 % rising 0.4 a month (76.6 % at Transfer) against
// 76 %. Higher is better: it misses, improves, and meets it from 75 + 0.4·3 = 76.2 in
// Feb 2026: on track. Lower is better (Targets Direction lower): it meets it now, worsens,
// and misses it from Feb 2026: at risk, a condition of the Transfer.
func TestCasesDirection(t *testing.T) {
	coverage := line("test_coverage", 70.9, 0.4, 0.1)
	tests := []struct {
		direction, word, status, target, month string
		conditions                             int
	}{
		{"higher", "improving", "on_track", "≥ 76.0 %", "2026-02", 0},
		{"lower", "worsening", "at_risk", "≤ 76.0 %", "2026-02", 1},
	}
	for _, tt := range tests {
		t.Run(tt.direction, func(t *testing.T) {
			p := buildInput(t, teamInput{team: "Direction " + tt.direction, kpis: with(healthy(), coverage),
				targets: "KPI,Target,Direction\ntest_coverage,76," + tt.direction + "\n"})
			k := p.kpi(t, "test_coverage")
			m := k.MeetsTargetMonth + k.BreachMonth
			if k.Direction != tt.direction || k.Trend.Word != tt.word || k.Status != tt.status || k.Display.Target != tt.target || m != tt.month {
				t.Errorf("direction %s: trend %s, status %s, target %q, month %s; want %s, %s, %q, %s",
					k.Direction, k.Trend.Word, k.Status, k.Display.Target, m, tt.word, tt.status, tt.target, tt.month)
			}
			check(t, p, want{decision: "proceed", conditions: tt.conditions,
				rules: []string{"proceed.gate_met:predictability", "proceed.gate_met:bug_escape_rate", "proceed.gate_met:attrition", "proceed.readiness"}})
		})
	}
}

// TestCasesAsOf: predictability 75.2 + 1.0(i−1) ± 0.2 crosses 85 % in Nov 2025. As of
// Dec 2025 its level is 85.4 % (median of 84.0, 85.4, 86.0): met. As of Nov 2025 it is
// 84.0 % (median of 83.4, 84.0, 85.4), improving to 89.0 % by the Transfer: on track.
// Building as of Nov 2025 is building the data up to Nov 2025.
func TestCasesAsOf(t *testing.T) {
	in := teamInput{team: "As of", kpis: with(healthy(), line("predictability", 75.2, 1.0, 0.2))}
	full := filepath.Join(t.TempDir(), "full")
	in.write(t, full)
	in.months = 11
	upToNov := filepath.Join(t.TempDir(), "up-to-nov")
	in.write(t, upToNov)

	dec, _ := build(t, full)
	nov, novData := build(t, full, "--as-of", "2025-11")
	truncated, truncatedData := build(t, upToNov)

	if dec.ReportMonth != "2025-12" || nov.ReportMonth != "2025-11" {
		t.Errorf("report months %s and %s, want 2025-12 and 2025-11", dec.ReportMonth, nov.ReportMonth)
	}
	if s := dec.kpi(t, "predictability"); s.Status != "met" || s.Display.Level != "85.4 %" {
		t.Errorf("as of Dec 2025: predictability %s at %s, want met at 85.4 %%", s.Status, s.Display.Level)
	}
	if s := nov.kpi(t, "predictability"); s.Status != "on_track" || s.Display.Level != "84.0 %" || s.Display.Projection != "89.0 %" {
		t.Errorf("as of Nov 2025: predictability %s at %s, projected %s, want on_track at 84.0 %%, projected 89.0 %%",
			s.Status, s.Display.Level, s.Display.Projection)
	}
	c := dec.Changes
	if c == nil || c.Since != "2025-11" || c.PreviousDecision != nov.Recommendation.Decision ||
		len(c.StatusChanges) != 1 || c.StatusChanges[0].KPI != "predictability" || c.StatusChanges[0].From != "on_track" || c.StatusChanges[0].To != "met" {
		t.Errorf("changes as of Dec 2025 = %+v, want since 2025-11, predictability on_track → met", c)
	}
	if nov.Changes == nil || nov.Changes.Since != "2025-10" {
		t.Errorf("changes as of Nov 2025 = %+v, want since 2025-10", nov.Changes)
	}
	// The same pack but for the note that Dec 2025's values are left out of it.
	var a, b map[string]any
	if err := json.Unmarshal(novData, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(truncatedData, &b); err != nil {
		t.Fatal(err)
	}
	var kept []any
	left := false
	for _, n := range a["data_quality"].([]any) {
		if n.(map[string]any)["kind"] == "after_report_month" {
			left = true
			continue
		}
		kept = append(kept, n)
	}
	if kept == nil {
		kept = []any{}
	}
	a["data_quality"] = kept
	if !left {
		t.Errorf("the pack as of Nov 2025 does not say what it leaves out")
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the pack as of Nov 2025 differs from the pack of the data up to Nov 2025 (decisions %s and %s)",
			nov.Recommendation.Decision, truncated.Recommendation.Decision)
	}
}

// TestCasesDeterminism: building the same inputs twice gives byte-identical packs,
// portfolio and manifest.
func TestCasesDeterminism(t *testing.T) {
	outs := [2]string{t.TempDir(), t.TempDir()}
	for _, out := range outs {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{"build", "--format", "json", "--out", out, filepath.Join("testdata", "cases")}, &stdout, &stderr); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr.String())
		}
	}
	files, _ := filepath.Glob(filepath.Join(outs[0], "*.json"))
	if len(files) != 5 {
		t.Fatalf("wrote %q, want the three worked cases, the portfolio and the manifest", files)
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(outs[1], filepath.Base(f)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds (%v)", filepath.Base(f), err)
		}
	}
}
