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
	check func(c *ruleContext) []reason
}

// ruleContext is what a rule's test reads: the pack, the previous month's pack (nil for
// the first month) and the KPIs earlier reasons already spoke of.
type ruleContext struct {
	p, prev *Pack
	named   []string
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
	// proceedIf is what must be true to proceed at the delayed date: "sprint
	// predictability reaches at least 85.0 %".
	proceedIf string
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
	c := &ruleContext{p: p, prev: prev}
	delay, gateDelay := 0, false
	var proceedIf []string
	for _, d := range []Decision{Renegotiate, Delay, Proceed} {
		for _, ru := range rules {
			if ru.decision != d {
				continue
			}
			for _, why := range ru.check(c) {
				rec.Rules = append(rec.Rules, ru.id)
				rec.Rationale = append(rec.Rationale, why.sentence)
				for _, r := range why.about {
					c.named = append(c.named, r.ID)
				}
				for _, cat := range why.terms {
					rec.Terms = appendTerm(rec.Terms, cat)
				}
				delay, gateDelay = max(delay, why.delay), gateDelay || why.gateDelay
				if why.proceedIf != "" {
					proceedIf = append(proceedIf, why.proceedIf)
				}
			}
		}
		if len(rec.Rules) > 0 || d == Proceed {
			rec.Decision = d
			break
		}
	}
	switch rec.Decision {
	case Renegotiate:
		rec.Conditions = conditions(p, c.named)
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
		// What must be true to proceed at the new date comes first.
		when := "in " + rec.NewTransferMonth.Label()
		if rec.NewTransferMonth <= p.ReportMonth {
			when = "at the next review"
		}
		for _, cond := range proceedIf {
			rec.Conditions = append(rec.Conditions, fmt.Sprintf("Proceed %s if %s.", when, cond))
		}
		rec.Conditions = append(rec.Conditions, conditions(p, c.named)...)
		rec.Headline = fmt.Sprintf("Delay the Transfer by %s, from %s to %s.", monthsWord(rec.DelayMonths),
			p.TransferMonth.Label(), rec.NewTransferMonth.Label())
		if p.ReportMonth > p.TransferMonth {
			rec.Headline = fmt.Sprintf("Keep the Transfer on hold until %s, %s after the planned %s.",
				rec.NewTransferMonth.Label(), monthsWord(rec.DelayMonths), p.TransferMonth.Label())
		}
		p.Display.Decision = "Delay " + monthsWord(rec.DelayMonths)
	case Proceed:
		rec.Conditions = conditions(p, c.named)
		when := "in " + p.TransferMonth.Label()
		switch {
		case p.ReportMonth > p.TransferMonth:
			when = fmt.Sprintf("now, %s into the delay window", monthsWord(int(p.ReportMonth-p.TransferMonth)))
		case p.ReportMonth == p.TransferMonth:
			when = "this month, " + p.TransferMonth.Label()
		}
		rec.Headline = fmt.Sprintf("Proceed with the Transfer %s.", when)
		switch n := len(rec.Conditions); {
		case n == 1:
			rec.Headline = fmt.Sprintf("Proceed with the Transfer %s, on one condition.", when)
		case n > 1:
			rec.Headline = fmt.Sprintf("Proceed with the Transfer %s, on %d conditions.", when, n)
		}
		p.Display.Decision = "Proceed"
	}
	p.Recommendation = rec
}

// gateOffTrack holds for each delivery or quality gate that is off track.
func gateOffTrack(c *ruleContext) []reason {
	var out []reason
	for _, g := range c.p.gates() {
		if g.Status == OffTrack && (g.Category == Delivery || g.Category == Quality) {
			out = append(out, reason{sentence: fmt.Sprintf("The %s gate is off track: %s.", g.Category, c.p.kpiSentence(g)),
				about: []*KPIResult{g}, terms: []Category{g.Category}})
		}
	}
	return out
}

// broadDecline holds when 3 or more KPIs in 2 or more categories miss their targets
// with a real worsening trend. Its sentence details only the KPIs no earlier reason
// spoke of.
func broadDecline(c *ruleContext) []reason {
	var worsening []*KPIResult
	cats := map[Category]bool{}
	var terms []Category
	for i := range c.p.KPIs {
		r := &c.p.KPIs[i]
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
		if !slices.Contains(c.named, r.ID) {
			parts = append(parts, fmt.Sprintf("%s, %s against %s, %s", name(r),
				plainValue(r.kpi, *r.Level, c.p.Currency), plainTarget(r, c.p.Currency), moving(r, c.p.Currency)))
		}
	}
	s := fmt.Sprintf("%d KPIs in %d categories miss their targets and are getting worse", len(worsening), len(cats))
	switch {
	case len(parts) == len(worsening):
		s += ": " + strings.Join(parts, "; ") + "."
	case len(parts) > 0:
		s = "In all, " + s + "; besides those above: " + strings.Join(parts, "; ") + "."
	default:
		s = "In all, " + s + ": those above."
	}
	return []reason{{sentence: s, about: worsening, terms: terms}}
}

// partnerNotAligned holds for each gate that misses its target while the partner is not
// aligned on the gaps.
func partnerNotAligned(c *ruleContext) []reason {
	if c.p.PartnerAligned {
		return nil
	}
	var out []reason
	for _, g := range c.p.gates() {
		if misses(g) {
			out = append(out, reason{sentence: fmt.Sprintf("The partner is not aligned on closing the gaps, and a gate misses its target: %s.", c.p.kpiSentence(g)),
				about: []*KPIResult{g}, terms: []Category{g.Category}})
		}
	}
	return out
}

// timeBoxedDelayFailed holds for each gate on a time-boxed delay that was off track at
// the previous review, held at or after the planned Transfer month (so with the delay
// in force), and still is.
func timeBoxedDelayFailed(c *ruleContext) []reason {
	prev := c.prev
	if prev == nil || prev.ReportMonth < prev.TransferMonth {
		return nil
	}
	var out []reason
	for _, g := range c.p.gates() {
		if was := prev.kpi(g.ID); timeBoxed(g) && was != nil && timeBoxed(was) {
			out = append(out, reason{sentence: fmt.Sprintf("%s %s off track at the %s review, with the time-boxed delay in force, and still %s: %s.",
				g.Name, verb(g, "was", "were"), prev.ReportMonth.Label(), verb(g, "is", "are"), c.p.kpiSentence(g)), about: []*KPIResult{g}, terms: []Category{g.Category}})
		}
	}
	return out
}

// gateRecoverable holds for each gate projected to meet its target within the delay
// window; it delays the Transfer until the month the projection meets it.
func gateRecoverable(c *ruleContext) []reason {
	p := c.p
	var out []reason
	for _, g := range p.gates() {
		if g.Status == Recoverable {
			n := max(1, int(g.MeetsTargetMonth-p.TransferMonth))
			out = append(out, reason{sentence: fmt.Sprintf("%s: %s after the planned Transfer, within the %d-month delay window.",
				p.kpiSentence(g), monthsWord(n), p.DelayWindowMonths), about: []*KPIResult{g}, delay: n, gateDelay: true,
				proceedIf: fmt.Sprintf("%s %s %s", name(g), verb(g, "reaches", "reach"), plainTarget(g, p.Currency))})
		}
	}
	return out
}

// gateAtRisk holds for each gate that meets its target now but not on its trend; it
// delays the Transfer by a month, until the decline is stopped.
func gateAtRisk(c *ruleContext) []reason {
	p := c.p
	var out []reason
	for _, g := range p.gates() {
		if g.Status == AtRisk {
			out = append(out, reason{sentence: fmt.Sprintf("%s. It meets the target today, but not on this trend: hold the Transfer until the decline is stopped.",
				p.kpiSentence(g)), about: []*KPIResult{g}, delay: 1, gateDelay: true,
				proceedIf: fmt.Sprintf("%s %s stopped worsening and %s still %s", name(g), verb(g, "has", "have"), verb(g, "is", "are"), plainTarget(g, p.Currency))})
		}
	}
	return out
}

// gateInsufficientData holds for each gate with fewer than 6 months of data; it delays
// the Transfer until the month the sixth arrives.
func gateInsufficientData(c *ruleContext) []reason {
	p := c.p
	var out []reason
	for _, g := range p.gates() {
		if g.Status != InsufficientData {
			continue
		}
		need := minStatusData - g.MonthsWithData
		n := max(1, int(p.ReportMonth+Month(need)-p.TransferMonth))
		more := fmt.Sprintf("%d more %s", need, Plural(need, "month")) + map[bool]string{true: " is", false: " are"}[need == 1]
		by := (p.ReportMonth + Month(need)).Label()
		if n > p.DelayWindowMonths { // the data cannot be had sooner: say the window is not enough
			by += fmt.Sprintf(", %s after the planned Transfer, beyond the agreed %d-month delay window", monthsWord(n), p.DelayWindowMonths)
		}
		out = append(out, reason{sentence: fmt.Sprintf("%s; %s needed to judge this gate (by %s).",
			p.kpiSentence(g), more, by), about: []*KPIResult{g}, delay: n, gateDelay: true,
			proceedIf: fmt.Sprintf("%s %s %d months of data and %s its target of %s", name(g), verb(g, "has", "have"), minStatusData, verb(g, "meets", "meet"), plainTarget(g, p.Currency))})
	}
	return out
}

// timeBoxedDelay holds for each gate outside delivery and quality that is off track
// (attrition): a delay of the whole window with a plan, renegotiated if it fails.
func timeBoxedDelay(c *ruleContext) []reason {
	p := c.p
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
		act := fmt.Sprintf("delay the Transfer by %s, to %s, with %s", monthsWord(n), (p.TransferMonth + Month(n)).Label(), plan)
		if deliveryQualityPass(p) {
			act = "Delivery and quality gates pass, so " + act
		}
		out = append(out, reason{sentence: fmt.Sprintf("%s. %s; if %s still %s its target at the first review after %s, renegotiate.",
			p.kpiSentence(g), capitalize(act), name(g), verb(g, "misses", "miss"), p.TransferMonth.Label()),
			about: []*KPIResult{g}, delay: n, gateDelay: true,
			proceedIf: fmt.Sprintf("%s %s back to %s, with %s agreed", name(g), verb(g, "is", "are"), plainTarget(g, p.Currency), plan)})
	}
	return out
}

// lowReadiness holds when the readiness score is below 70. The KPIs it lists stay
// conditions: each needs its own plan before the Transfer.
func lowReadiness(c *ruleContext) []reason {
	p := c.p
	if p.ScoredKPIs == 0 || p.ReadinessScore >= delayScoreMin {
		return nil
	}
	var parts []string
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if r.Score != nil && *r.Score < 1 {
			parts = append(parts, fmt.Sprintf("%s, %s at %s against %s", name(r), strings.ToLower(statusLabel(r.Status)),
				plainValue(r.kpi, *r.Level, p.Currency), plainTarget(r, p.Currency)))
		}
	}
	return []reason{{sentence: fmt.Sprintf("The readiness score is %s, below the %d needed to proceed; it is held down by %s.",
		formatFixed(p.ReadinessScore, 0), delayScoreMin, strings.Join(parts, "; ")),
		proceedIf: fmt.Sprintf("the readiness score is %d or more", delayScoreMin)}}
}

// gatesWith holds for each gate with the status: the gates a Transfer proceeds on.
func gatesWith(s Status) func(c *ruleContext) []reason {
	return func(c *ruleContext) []reason {
		var out []reason
		for _, g := range c.p.gates() {
			if g.Status == s {
				out = append(out, reason{sentence: c.p.kpiSentence(g) + ".", about: []*KPIResult{g}})
			}
		}
		return out
	}
}

// readinessStated states the readiness score when the Transfer proceeds.
func readinessStated(c *ruleContext) []reason {
	if c.p.ScoredKPIs == 0 {
		return nil
	}
	return []reason{{sentence: fmt.Sprintf("The readiness score is %s of 100 across %s with targets.",
		formatFixed(c.p.ReadinessScore, 0), Count(c.p.ScoredKPIs, "KPI"))}}
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
		Delivery:      "Fee: tie part of the fee to delivery predictability.",
		Quality:       "Holdback and warranty: hold back part of the fee against escaped defects and incidents.",
		Team:          "Retention funding: fund retention for key people before and after the Transfer.",
		DORA:          "Engineering practice: agree delivery-pipeline milestones before the Transfer.",
		Collaboration: "Ways of working: restate overlap hours and response SLAs.",
		Business:      "Scope: re-baseline the roadmap the team is accountable for.",
		Cost:          "Rate card: revisit the rate card against the output delivered.",
	}[c]
	if slices.Contains(terms, term) {
		return terms
	}
	return append(terms, term)
}
