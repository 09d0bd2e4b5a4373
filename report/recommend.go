package report

import (
	"fmt"
	"slices"
	"strings"
)

// recommend applies the rules of DESIGN section 6 to a pack, first rule that holds
// wins, and writes the recommendation with one sentence per rule that fired. prev is
// the previous month's pack (nil when there is none); it tells whether a time-boxed
// delay in force has already failed once.
func recommend(p *Pack, prev *Pack) {
	rec := Recommendation{Rationale: []string{}, Rules: []string{}, Conditions: []string{}, Terms: []string{}}
	var named []string // KPIs the rationale already speaks of
	fire := func(rule, sentence string, about ...*KPIResult) {
		rec.Rules = append(rec.Rules, rule)
		rec.Rationale = append(rec.Rationale, sentence)
		for _, r := range about {
			named = append(named, r.ID)
		}
	}
	gates := p.gates()

	// 1. Renegotiate.
	for _, g := range gates {
		if g.Status == OffTrack && (g.Category == Delivery || g.Category == Quality) {
			fire("renegotiate.gate_off_track", fmt.Sprintf("The %s gate is off track: %s.", g.Category, p.kpiSentence(g)), g)
			rec.Terms = appendTerm(rec.Terms, g.Category)
		}
	}
	var worsening []*KPIResult
	cats := map[Category]bool{}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if misses(r) && r.Trend.Word == "worsening" {
			worsening = append(worsening, r)
			cats[r.Category] = true
		}
	}
	if len(worsening) >= 3 && len(cats) >= 2 {
		var parts []string
		for _, r := range worsening {
			parts = append(parts, fmt.Sprintf("%s %s (target %s, %s, %s at the Transfer)",
				r.Name, r.Display.Level, r.Display.Target, r.Display.Slope, r.Display.Projection))
		}
		fire("renegotiate.broad_decline", fmt.Sprintf("%d KPIs in %d categories miss their targets and are getting worse: %s.",
			len(worsening), len(cats), joinAnd(parts)), worsening...)
		for _, r := range worsening {
			rec.Terms = appendTerm(rec.Terms, r.Category)
		}
	}
	if !p.PartnerAligned {
		for _, g := range gates {
			if misses(g) {
				fire("renegotiate.partner_not_aligned", fmt.Sprintf("The partner is not aligned on the gaps while a gate misses: %s.", p.kpiSentence(g)), g)
				rec.Terms = appendTerm(rec.Terms, g.Category)
			}
		}
	}
	// A time-boxed delay is in force once the planned Transfer month has come without a
	// Transfer; a gate that still fails at the review after that is rule 1.
	if prev != nil && prev.ReportMonth >= prev.TransferMonth {
		for _, g := range gates {
			if timeBoxed(g) && prev.kpi(g.ID) != nil && timeBoxed(prev.kpi(g.ID)) {
				fire("renegotiate.time_boxed_delay_failed", fmt.Sprintf("%s was off track at the %s review, with the time-boxed delay in force, and still is: %s.",
					g.Name, prev.ReportMonth.Label(), p.kpiSentence(g)), g)
				rec.Terms = appendTerm(rec.Terms, g.Category)
			}
		}
	}
	if len(rec.Rules) > 0 {
		rec.Decision = Renegotiate
		rec.Headline = map[string]string{
			"renegotiate.gate_off_track":          "Renegotiate the terms of the Transfer: a delivery or quality gate will not be met, even with a delay.",
			"renegotiate.broad_decline":           "Renegotiate the terms of the Transfer: the decline is broad and structural.",
			"renegotiate.partner_not_aligned":     "Renegotiate the terms of the Transfer: a gate misses and the partner is not aligned on closing it.",
			"renegotiate.time_boxed_delay_failed": "Renegotiate the terms of the Transfer: the time-boxed delay has not closed the gap.",
		}[rec.Rules[0]]
		rec.Conditions = conditions(p, named)
		p.Recommendation = rec
		p.Display.Decision = "Renegotiate"
		return
	}

	// 2. Delay. Its length is the months until every delaying gate is projected to meet
	// its target; a time-boxed delay, or a low score alone, takes the whole window.
	delay, gateDelay := 0, false
	for _, g := range gates {
		switch g.Status {
		case Recoverable:
			n := max(1, int(g.MeetsTargetMonth-p.TransferMonth))
			delay, gateDelay = max(delay, n), true
			fire("delay.gate_recoverable", fmt.Sprintf("%s: the gap closes %s after the planned Transfer, within the %d-month delay window.",
				p.kpiSentence(g), monthsWord(n), p.DelayWindowMonths), g)
		case AtRisk:
			delay, gateDelay = max(delay, 1), true
			fire("delay.gate_at_risk", fmt.Sprintf("%s: it meets the target today, but not on this trend; hold the Transfer until the decline is stopped.",
				p.kpiSentence(g)), g)
		case InsufficientData:
			need := minStatusData - g.MonthsWithData
			n := max(1, int(p.ReportMonth+Month(need)-p.TransferMonth))
			delay, gateDelay = max(delay, n), true
			more := fmt.Sprintf("%d more months are", need)
			if need == 1 {
				more = "1 more month is"
			}
			fire("delay.gate_insufficient_data", fmt.Sprintf("%s; %s needed to judge this gate (by %s).",
				p.kpiSentence(g), more, (p.ReportMonth+Month(need)).Label()), g)
		}
	}
	for _, g := range gates {
		if timeBoxed(g) {
			n := max(1, p.DelayWindowMonths)
			delay, gateDelay = max(delay, n), true
			plan := "a plan to bring it back to target"
			if g.ID == "attrition" {
				plan = "a retention plan"
			}
			while := ""
			if deliveryQualityPass(p) {
				while = ", while delivery and quality gates pass"
			}
			fire("delay.time_boxed", fmt.Sprintf("%s%s: delay by %s with %s; if it still misses at the first review after %s, renegotiate.",
				p.kpiSentence(g), while, monthsWord(n), plan, p.TransferMonth.Label()), g)
		}
	}
	if p.ScoredKPIs > 0 && p.ReadinessScore < delayScoreMin {
		if !gateDelay {
			delay = p.DelayWindowMonths
		}
		// The KPIs it lists stay conditions: each needs its own plan before the Transfer.
		fire("delay.low_readiness", fmt.Sprintf("The readiness score is %s, below %d: %s.", formatFixed(p.ReadinessScore, 0), delayScoreMin, p.scoreBreakdown()))
	}
	if len(rec.Rules) > 0 {
		rec.Decision = Delay
		rec.DelayMonths = max(1, delay)
		rec.Headline = fmt.Sprintf("Delay the Transfer by %s, from %s to %s.", monthsWord(rec.DelayMonths),
			p.TransferMonth.Label(), (p.TransferMonth + Month(rec.DelayMonths)).Label())
		rec.Conditions = conditions(p, named)
		p.Recommendation = rec
		p.Display.Decision = "Delay " + monthsWord(rec.DelayMonths)
		return
	}

	// 3. Proceed. Every gate with a target is met or on track by now; a gate without a
	// target cannot be judged and becomes a condition.
	for _, g := range gates {
		switch g.Status {
		case Met:
			fire("proceed.gate_met", p.kpiSentence(g)+".", g)
		case OnTrack:
			fire("proceed.gate_on_track", p.kpiSentence(g)+".", g)
		}
	}
	if p.ScoredKPIs > 0 {
		fire("proceed.readiness", fmt.Sprintf("The readiness score is %s of 100 over %d KPIs with targets.", formatFixed(p.ReadinessScore, 0), p.ScoredKPIs))
	}
	rec.Decision = Proceed
	rec.Conditions = conditions(p, named)
	rec.Headline = fmt.Sprintf("Proceed with the Transfer in %s.", p.TransferMonth.Label())
	if len(rec.Conditions) > 0 {
		rec.Headline = fmt.Sprintf("Proceed with the Transfer in %s, on %d conditions.", p.TransferMonth.Label(), len(rec.Conditions))
		if len(rec.Conditions) == 1 {
			rec.Headline = fmt.Sprintf("Proceed with the Transfer in %s, on one condition.", p.TransferMonth.Label())
		}
	}
	p.Recommendation = rec
	p.Display.Decision = "Proceed"
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
		if r.Gate || (r.Status != AtRisk && r.Status != OffTrack) || r.Band == "amber" || slices.Contains(named, r.ID) {
			continue
		}
		out = append(out, p.kpiSentence(r)+".")
	}
	for _, n := range p.DataQuality {
		if (n.Kind == "missing_months" && n.recent) || n.Kind == "no_data" || n.Kind == "assumption" {
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
	case r.Status == OffTrack && r.Trend.Word == "improving":
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

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
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
		out = append(out, r.Trend.Word+" trend")
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
		case r.Trend.Word == "worsening":
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
		if n.Kind == "missing_months" {
			a.Priorities = append(a.Priorities, "Fill in the gap: "+n.Text+".")
		}
	}
	return a
}
