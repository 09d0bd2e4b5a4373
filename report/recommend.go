package report

import (
	"fmt"
	"slices"
	"strings"
)

// A rule is one of the recommendation's rules: the decision it makes, and the test that
// says whether it holds and why, with the numbers.
type rule struct {
	id       Rule
	decision Decision
	// check returns one reason for each time the rule holds (once per gate, say); none
	// when it does not hold.
	check func(p, prev *Pack) []reason
}

// A reason is one sentence of the rationale and what it brings to the recommendation.
type reason struct {
	sentence string
	about    []*KPIResult // the KPIs it speaks of: they are not repeated as conditions
	terms    []Category   // renegotiation: the categories whose contract terms to revisit
	// delay is the months this reason holds the Transfer back (delay rules). A gate's
	// reason sets the delay's length; a low score alone takes the whole window.
	delay     int
	gateDelay bool
}

// rules are tried in this order; the first decision with a rule that holds wins, and
// every rule of that decision that holds gives its reasons.
var rules = []rule{
	{RuleGateOffTrack, Renegotiate, gateOffTrack},
	{RuleBroadDecline, Renegotiate, broadDecline},
	{RulePartnerNotAligned, Renegotiate, partnerNotAligned},
	{RuleTimeBoxedDelayFailed, Renegotiate, timeBoxedDelayFailed},
	{RuleGateRecoverable, Delay, gateRecoverable},
	{RuleGateAtRisk, Delay, gateAtRisk},
	{RuleGateInsufficientData, Delay, gateInsufficientData},
	{RuleTimeBoxed, Delay, timeBoxedDelay},
	{RuleLowReadiness, Delay, lowReadiness},
	{RuleGateOnTrack, Proceed, gatesWith(OnTrack)}, // the gate still closing its gap first
	{RuleGateMet, Proceed, gatesWith(Met)},
	{RuleReadiness, Proceed, readinessStated},
}

// recommend decides the pack's recommendation: the first decision (renegotiate, delay,
// proceed) with a rule that holds, its rationale, its conditions and, for a
// renegotiation, the terms to revisit. prev is the previous month's pack (nil when there
// is none); it tells whether a time-boxed delay in force has already failed once.
func recommend(p *Pack, prev *Pack) {
	rec := Recommendation{Decision: Proceed, Rationale: []string{}, Rules: []Rule{}, Conditions: []string{}, Terms: []string{}}
	var named []string // KPIs the rationale already speaks of
	delay, gateDelay := 0, false
	for _, d := range []Decision{Renegotiate, Delay, Proceed} {
		for _, ru := range rules {
			if ru.decision != d {
				continue
			}
			for _, why := range ru.check(p, prev) {
				rec.Rules = append(rec.Rules, ru.id)
				rec.Rationale = append(rec.Rationale, why.sentence)
				for _, r := range why.about {
					named = append(named, r.ID)
				}
				for _, c := range why.terms {
					rec.Terms = appendTerm(rec.Terms, c)
				}
				delay, gateDelay = max(delay, why.delay), gateDelay || why.gateDelay
			}
		}
		if len(rec.Rules) > 0 || d == Proceed {
			rec.Decision = d
			break
		}
	}
	rec.Conditions = conditions(p, named)
	switch rec.Decision {
	case Renegotiate:
		rec.Headline = map[Rule]string{
			RuleGateOffTrack:         "Renegotiate the terms of the Transfer: a delivery or quality gate will not be met, even with a delay.",
			RuleBroadDecline:         "Renegotiate the terms of the Transfer: the decline is broad and structural.",
			RulePartnerNotAligned:    "Renegotiate the terms of the Transfer: a gate misses and the partner is not aligned on closing it.",
			RuleTimeBoxedDelayFailed: "Renegotiate the terms of the Transfer: the time-boxed delay has not closed the gap.",
		}[rec.Rules[0]]
		p.Display.Decision = "Renegotiate"
	case Delay:
		if !gateDelay {
			delay = p.DelayWindowMonths // a low score alone takes the whole window
		}
		rec.DelayMonths = max(1, delay)
		rec.NewTransferMonth = p.TransferMonth + Month(rec.DelayMonths)
		p.Display.NewTransferMonth = rec.NewTransferMonth.Label()
		rec.Headline = fmt.Sprintf("Delay the Transfer by %s, from %s to %s.", monthsWord(rec.DelayMonths),
			p.TransferMonth.Label(), (p.TransferMonth + Month(rec.DelayMonths)).Label())
		p.Display.Decision = "Delay " + monthsWord(rec.DelayMonths)
	case Proceed:
		rec.Headline = fmt.Sprintf("Proceed with the Transfer in %s.", p.TransferMonth.Label())
		switch n := len(rec.Conditions); {
		case n == 1:
			rec.Headline = fmt.Sprintf("Proceed with the Transfer in %s, on one condition.", p.TransferMonth.Label())
		case n > 1:
			rec.Headline = fmt.Sprintf("Proceed with the Transfer in %s, on %d conditions.", p.TransferMonth.Label(), n)
		}
		p.Display.Decision = "Proceed"
	}
	p.Recommendation = rec
}

// gateOffTrack holds for each delivery or quality gate that is off track.
func gateOffTrack(p, _ *Pack) []reason {
	var out []reason
	for _, g := range p.gates() {
		if g.Status == OffTrack && (g.Category == Delivery || g.Category == Quality) {
			out = append(out, reason{sentence: fmt.Sprintf("The %s gate is off track: %s.", g.Category, p.kpiSentence(g)),
				about: []*KPIResult{g}, terms: []Category{g.Category}})
		}
	}
	return out
}

// broadDecline holds when 3 or more KPIs in 2 or more categories miss their targets
// with a real worsening trend.
func broadDecline(p, _ *Pack) []reason {
	var worsening []*KPIResult
	cats := map[Category]bool{}
	var terms []Category
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if misses(r) && r.Trend.Word == Worsening {
			worsening = append(worsening, r)
			cats[r.Category] = true
			terms = append(terms, r.Category)
		}
	}
	if len(worsening) < 3 || len(cats) < 2 {
		return nil
	}
	var parts []string
	for _, r := range worsening {
		parts = append(parts, fmt.Sprintf("%s %s (target %s, %s, %s at the Transfer)",
			r.Name, r.Display.Level, r.Display.Target, r.Display.Slope, r.Display.Projection))
	}
	return []reason{{sentence: fmt.Sprintf("%d KPIs in %d categories miss their targets and are getting worse: %s.",
		len(worsening), len(cats), joinAnd(parts)), about: worsening, terms: terms}}
}

// partnerNotAligned holds for each gate that misses its target while the partner is not
// aligned on the gaps.
func partnerNotAligned(p, _ *Pack) []reason {
	if p.PartnerAligned {
		return nil
	}
	var out []reason
	for _, g := range p.gates() {
		if misses(g) {
			out = append(out, reason{sentence: fmt.Sprintf("The partner is not aligned on the gaps while a gate misses: %s.", p.kpiSentence(g)),
				about: []*KPIResult{g}, terms: []Category{g.Category}})
		}
	}
	return out
}

// timeBoxedDelayFailed holds for each gate on a time-boxed delay that was off track at
// the previous review, held at or after the planned Transfer month (so with the delay
// in force), and still is.
func timeBoxedDelayFailed(p, prev *Pack) []reason {
	if prev == nil || prev.ReportMonth < prev.TransferMonth {
		return nil
	}
	var out []reason
	for _, g := range p.gates() {
		if was := prev.kpi(g.ID); timeBoxed(g) && was != nil && timeBoxed(was) {
			out = append(out, reason{sentence: fmt.Sprintf("%s was off track at the %s review, with the time-boxed delay in force, and still is: %s.",
				g.Name, prev.ReportMonth.Label(), p.kpiSentence(g)), about: []*KPIResult{g}, terms: []Category{g.Category}})
		}
	}
	return out
}

// gateRecoverable holds for each gate projected to meet its target within the delay
// window; it delays the Transfer until the month the projection meets it.
func gateRecoverable(p, _ *Pack) []reason {
	var out []reason
	for _, g := range p.gates() {
		if g.Status == Recoverable {
			n := max(1, int(g.MeetsTargetMonth-p.TransferMonth))
			out = append(out, reason{sentence: fmt.Sprintf("%s: the gap closes %s after the planned Transfer, within the %d-month delay window.",
				p.kpiSentence(g), monthsWord(n), p.DelayWindowMonths), about: []*KPIResult{g}, delay: n, gateDelay: true})
		}
	}
	return out
}

// gateAtRisk holds for each gate that meets its target now but not on its trend; it
// delays the Transfer by a month, until the decline is stopped.
func gateAtRisk(p, _ *Pack) []reason {
	var out []reason
	for _, g := range p.gates() {
		if g.Status == AtRisk {
			out = append(out, reason{sentence: fmt.Sprintf("%s: it meets the target today, but not on this trend; hold the Transfer until the decline is stopped.",
				p.kpiSentence(g)), about: []*KPIResult{g}, delay: 1, gateDelay: true})
		}
	}
	return out
}

// gateInsufficientData holds for each gate with fewer than 6 months of data; it delays
// the Transfer until the month the sixth arrives.
func gateInsufficientData(p, _ *Pack) []reason {
	var out []reason
	for _, g := range p.gates() {
		if g.Status != InsufficientData {
			continue
		}
		need := minStatusData - g.MonthsWithData
		n := max(1, int(p.ReportMonth+Month(need)-p.TransferMonth))
		more := fmt.Sprintf("%d more %s", need, Plural(need, "month")) + map[bool]string{true: " is", false: " are"}[need == 1]
		out = append(out, reason{sentence: fmt.Sprintf("%s; %s needed to judge this gate (by %s).",
			p.kpiSentence(g), more, (p.ReportMonth + Month(need)).Label()), about: []*KPIResult{g}, delay: n, gateDelay: true})
	}
	return out
}

// timeBoxedDelay holds for each gate outside delivery and quality that is off track
// (attrition): a delay of the whole window with a plan, renegotiated if it fails.
func timeBoxedDelay(p, _ *Pack) []reason {
	var out []reason
	for _, g := range p.gates() {
		if !timeBoxed(g) {
			continue
		}
		n := max(1, p.DelayWindowMonths)
		plan := "a plan to bring it back to target"
		if g.ID == "attrition" {
			plan = "a retention plan"
		}
		while := ""
		if deliveryQualityPass(p) {
			while = ", while delivery and quality gates pass"
		}
		out = append(out, reason{sentence: fmt.Sprintf("%s%s: delay by %s with %s; if it still misses at the first review after %s, renegotiate.",
			p.kpiSentence(g), while, monthsWord(n), plan, p.TransferMonth.Label()), about: []*KPIResult{g}, delay: n, gateDelay: true})
	}
	return out
}

// lowReadiness holds when the readiness score is below 70. The KPIs it lists stay
// conditions: each needs its own plan before the Transfer.
func lowReadiness(p, _ *Pack) []reason {
	if p.ScoredKPIs == 0 || p.ReadinessScore >= delayScoreMin {
		return nil
	}
	return []reason{{sentence: fmt.Sprintf("The readiness score is %s, below %d: %s.", formatFixed(p.ReadinessScore, 0), delayScoreMin, p.scoreBreakdown())}}
}

// gatesWith holds for each gate with the status: the gates a Transfer proceeds on.
func gatesWith(s Status) func(p, _ *Pack) []reason {
	return func(p, _ *Pack) []reason {
		var out []reason
		for _, g := range p.gates() {
			if g.Status == s {
				out = append(out, reason{sentence: p.kpiSentence(g) + ".", about: []*KPIResult{g}})
			}
		}
		return out
	}
}

// readinessStated states the readiness score when the Transfer proceeds.
func readinessStated(p, _ *Pack) []reason {
	if p.ScoredKPIs == 0 {
		return nil
	}
	return []reason{{sentence: fmt.Sprintf("The readiness score is %s of 100 over %d KPIs with targets.", formatFixed(p.ReadinessScore, 0), p.ScoredKPIs)}}
}

// gates returns the pack's gate KPIs.
func (p *Pack) gates() []*KPIResult {
	var out []*KPIResult
	for i := range p.KPIs {
		if p.KPIs[i].Gate {
			out = append(out, &p.KPIs[i])
		}
	}
	return out
}

// misses reports whether a KPI's level misses its target.
func misses(r *KPIResult) bool {
	return r.Status == OnTrack || r.Status == Recoverable || r.Status == OffTrack
}

// timeBoxed reports whether a gate outside delivery and quality is off track: the case
// for a time-boxed delay with a plan (attrition: a retention plan). An off-track
// delivery or quality gate is a renegotiation instead.
func timeBoxed(g *KPIResult) bool {
	return g.Gate && g.Status == OffTrack && g.Category != Delivery && g.Category != Quality
}

// deliveryQualityPass reports whether every delivery and quality gate is met or on track.
func deliveryQualityPass(p *Pack) bool {
	for _, o := range p.gates() {
		if (o.Category == Delivery || o.Category == Quality) && o.Status != Met && o.Status != OnTrack {
			return false
		}
	}
	return true
}

// appendTerm adds the contract term a failing category bears on, once.
func appendTerm(terms []string, c Category) []string {
	term := map[Category]string{
		Delivery:      "fee: tie part of the fee to delivery predictability",
		Quality:       "holdback and warranty: hold back part of the fee against escaped defects and incidents",
		Team:          "retention funding: fund retention for key people before and after the Transfer",
		DORA:          "engineering practice: agree delivery-pipeline milestones before the Transfer",
		Collaboration: "ways of working: restate overlap hours and response SLAs",
		Business:      "scope: re-baseline the roadmap the team is accountable for",
		Cost:          "fee: revisit the rate card against the output delivered",
	}[c]
	for _, t := range terms {
		if t == term {
			return terms
		}
	}
	return append(terms, term)
}

// conditions are the non-gate KPIs at risk or off track and the data-quality problems
// that must be addressed for the Transfer; KPIs the rationale names are left out.
func conditions(p *Pack, named []string) []string {
	out := []string{}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if r.Gate && r.Status == NoTarget {
			out = append(out, fmt.Sprintf("%s is a gate without a target: agree one in Targets, or set Gate to no.", r.Name))
			continue
		}
		if r.Gate || (r.Status != AtRisk && r.Status != OffTrack) || r.Band == Amber || slices.Contains(named, r.ID) {
			continue
		}
		out = append(out, p.kpiSentence(r)+".")
	}
	for _, n := range p.DataQuality {
		if (n.Kind == NoteMissingMonths && n.recent) || n.Kind == NoteNoData || n.Kind == NoteAssumption {
			out = append(out, "Data: "+n.Text+".")
		}
	}
	return out
}

// kpiSentence describes a KPI with every number behind its status: level, target,
// slope, projection and the month it meets or breaches the target.
func (p *Pack) kpiSentence(r *KPIResult) string {
	var b strings.Builder
	if r.Level == nil {
		fmt.Fprintf(&b, "%s has no data", r.Name)
		if r.Target != nil {
			fmt.Fprintf(&b, " to set against its target of %s", r.Display.Target)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "%s is %s", r.Name, r.Display.Level)
	if r.Target != nil {
		fmt.Fprintf(&b, " against a target of %s", r.Display.Target)
	}
	if r.Status == InsufficientData {
		fmt.Fprintf(&b, ", with only %s of data", monthsWord(r.MonthsWithData))
		return b.String()
	}
	if r.Trend.Significant {
		fmt.Fprintf(&b, ", %s by %s (%s)", r.Trend.Word, strings.TrimLeft(r.Display.Slope, "+−"), formatP(*r.Trend.PValue))
	} else {
		b.WriteString(", with no clear trend")
	}
	if p.ReportMonth < p.TransferMonth {
		fmt.Fprintf(&b, ", projected %s at the Transfer in %s", r.Display.Projection, p.TransferMonth.Label())
	} else if r.Trend.Significant {
		fmt.Fprintf(&b, ", projected %s at the end of the delay window in %s", r.Display.ProjectionWindowEnd, p.windowEnd().Label())
	}
	switch {
	case !r.BreachMonth.IsZero():
		fmt.Fprintf(&b, ", missing the target from %s", r.BreachMonth.Label())
	case !r.MeetsTargetMonth.IsZero():
		fmt.Fprintf(&b, ", meeting the target by %s", r.MeetsTargetMonth.Label())
	case r.Status == OffTrack && r.Trend.Word == Improving:
		fmt.Fprintf(&b, ", not meeting the target even by %s (%s)", p.windowEnd().Label(), r.Display.ProjectionWindowEnd)
	}
	return b.String()
}

// scoreBreakdown lists the scored KPIs that pull the readiness score down.
func (p *Pack) scoreBreakdown() string {
	var parts []string
	for _, r := range p.KPIs {
		if r.Score != nil && *r.Score < 1 {
			parts = append(parts, fmt.Sprintf("%s %s against %s (%s)", r.Name, r.Display.Level, r.Display.Target, strings.ToLower(statusLabel(r.Status))))
		}
	}
	if len(parts) == 0 {
		return "every scored KPI is met"
	}
	return joinAnd(parts)
}

// diff says what changed between the previous month's pack and this one.
func diff(prev, cur *Pack) *Changes {
	c := &Changes{Since: prev.ReportMonth, PreviousDecision: prev.Recommendation.Decision, PreviousScore: prev.ReadinessScore,
		StatusChanges: []StatusChange{}, NewFlags: []string{}, ClearedFlags: []string{}, Summary: []string{}}
	if prev.Recommendation.Decision != cur.Recommendation.Decision || prev.Recommendation.DelayMonths != cur.Recommendation.DelayMonths {
		c.Summary = append(c.Summary, fmt.Sprintf("The recommendation changed from %s to %s.",
			strings.ToLower(prev.Display.Decision), strings.ToLower(cur.Display.Decision)))
	}
	if d := cur.ReadinessScore - prev.ReadinessScore; d != 0 {
		c.Summary = append(c.Summary, fmt.Sprintf("The readiness score moved from %s to %s.", formatFixed(prev.ReadinessScore, 0), formatFixed(cur.ReadinessScore, 0)))
	}
	for i := range cur.KPIs {
		r := &cur.KPIs[i]
		old := prev.kpi(r.ID)
		if old == nil {
			continue
		}
		if old.Status != r.Status {
			c.StatusChanges = append(c.StatusChanges, StatusChange{KPI: r.ID, From: old.Status, To: r.Status})
			c.Summary = append(c.Summary, fmt.Sprintf("%s went from %s to %s (%s, target %s).", r.Name,
				strings.ToLower(statusLabel(old.Status)), strings.ToLower(statusLabel(r.Status)), r.Display.Level, r.Display.Target))
		}
		for _, f := range flagsOf(r) {
			if !slices.Contains(flagsOf(old), f) {
				c.NewFlags = append(c.NewFlags, r.Name+": "+f)
			}
		}
		for _, f := range flagsOf(old) {
			if !slices.Contains(flagsOf(r), f) {
				c.ClearedFlags = append(c.ClearedFlags, r.Name+": "+f)
			}
		}
	}
	for _, f := range c.NewFlags {
		c.Summary = append(c.Summary, "New: "+f+".")
	}
	for _, f := range c.ClearedFlags {
		c.Summary = append(c.Summary, "No longer flagged: "+f+".")
	}
	if len(c.Summary) == 0 {
		c.Summary = append(c.Summary, fmt.Sprintf("No status, flag or decision changed since %s.", prev.ReportMonth.Label()))
	}
	return c
}

// watchStalled reports whether a stalled KPI is worth the review's time: it has a target
// it does not meet yet.
func watchStalled(r *KPIResult) bool {
	return r.Stalled && r.Target != nil && r.Status != Met && r.Status != NoTarget
}

// flagsOf lists a KPI's flags in words.
func flagsOf(r *KPIResult) []string {
	var out []string
	if watchStalled(r) {
		out = append(out, "stalled")
	}
	if r.Trend.Significant && r.Target != nil {
		out = append(out, string(r.Trend.Word)+" trend")
	}
	for _, s := range r.Spikes {
		out = append(out, "one-off in "+s.Month.Label())
	}
	if r.ProjectionLowConfidence && r.Target != nil {
		out = append(out, "low-confidence projection")
	}
	return out
}

// agenda proposes the monthly review's agenda.
func agenda(p *Pack) Agenda {
	a := Agenda{GatesAtRisk: []string{}, TrendsToWatch: []string{}, Changes: []string{}, Priorities: []string{}}
	for _, g := range p.gates() {
		if g.Status != Met && g.Status != OnTrack {
			a.GatesAtRisk = append(a.GatesAtRisk, fmt.Sprintf("%s (%s).", p.kpiSentence(g), strings.ToLower(statusLabel(g.Status))))
		}
	}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if r.Gate && r.Status != Met && r.Status != OnTrack {
			continue // already on the agenda as a gate at risk
		}
		switch {
		case r.Trend.Word == Worsening:
			a.TrendsToWatch = append(a.TrendsToWatch, fmt.Sprintf("%s is worsening by %s (%s): %s now, %s at the Transfer.",
				r.Name, strings.TrimLeft(r.Display.Slope, "+−"), formatP(*r.Trend.PValue), r.Display.Level, r.Display.Projection))
		case watchStalled(r):
			a.TrendsToWatch = append(a.TrendsToWatch, fmt.Sprintf("%s has not improved for three months: %s against a target of %s.",
				r.Name, r.Display.Level, r.Display.Target))
		}
	}
	if p.Changes != nil {
		a.Changes = append(a.Changes, p.Changes.Summary...)
	}
	for _, g := range p.gates() {
		k, _ := LookupKPI(g.ID)
		switch g.Status {
		case OnTrack, Recoverable:
			a.Priorities = append(a.Priorities, fmt.Sprintf("Keep %s improving by %s to reach %s by %s.",
				g.Name, strings.TrimLeft(g.Display.Slope, "+−"), g.Display.Target, g.MeetsTargetMonth.Label()))
		case OffTrack:
			// The horizon is the Transfer the recommendation proposes.
			horizon := p.TransferMonth + Month(p.Recommendation.DelayMonths)
			months := max(1, int(horizon-p.ReportMonth))
			need := (*g.Target - roundAt(k, *g.Level)) / float64(months)
			now := "no clear trend now"
			if g.Trend.Significant {
				now = g.Display.Slope + " now"
			}
			a.Priorities = append(a.Priorities, fmt.Sprintf("Agree a recovery plan for %s: from %s to %s needs %s a month over the %s to %s, against %s.",
				g.Name, g.Display.Level, g.Display.Target, strings.TrimSuffix(formatSlope(k, need, p.Currency), " per month"),
				monthsWord(months), max(horizon, p.ReportMonth+1).Label(), now))
		case AtRisk:
			a.Priorities = append(a.Priorities, fmt.Sprintf("Stop the decline of %s before it misses %s (from %s on the current trend).",
				g.Name, g.Display.Target, g.BreachMonth.Label()))
		case InsufficientData:
			a.Priorities = append(a.Priorities, fmt.Sprintf("Report %s every month: it is a gate with %s of data.", g.Name, monthsWord(g.MonthsWithData)))
		}
	}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		for _, s := range r.Spikes {
			a.Priorities = append(a.Priorities, fmt.Sprintf("Explain %s in %s: %s, outside the usual range of %s.",
				r.Name, s.Month.Label(), s.Display, s.UsualRange))
		}
	}
	for _, n := range p.DataQuality {
		if n.Kind == NoteMissingMonths {
			a.Priorities = append(a.Priorities, "Fill in the gap: "+n.Text+".")
		}
	}
	return a
}
