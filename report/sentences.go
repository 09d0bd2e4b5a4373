package report

import (
	"fmt"
	"slices"
	"strings"
)

// This file words what a pack says about its KPIs: the sentence behind each reason, the
// conditions of the Transfer, what changed since last month and the review's agenda.
// Every sentence shows the figures behind it, so a reader can redo its arithmetic: a
// projection names the month it is counted from and the months counted.

// projectionMonth is the month a KPI is projected to: the planned Transfer, or the end
// of the delay window once the Transfer month has come.
func (p *Pack) projectionMonth(r *KPIResult) (Month, string) {
	if p.ReportMonth < p.TransferMonth {
		return p.TransferMonth, "by the Transfer in " + p.TransferMonth.Label()
	}
	end := r.Projected[len(r.Projected)-1].Month
	return end, "by the end of the delay window in " + end.Label()
}

// projectedAt is a KPI's projection at month m, as printed.
func (p *Pack) projectedAt(r *KPIResult, m Month) string {
	for _, pt := range r.Chart.Projected {
		if pt.Month == m {
			return plainValue(r.kpi, pt.Value, p.Currency)
		}
	}
	return ""
}

// kpiSentence describes a KPI with every figure behind its status, in plain words: its
// level and the months it stands for, its target, its trend, where that pace takes it
// (counted from a month the sentence names), and when it meets or misses the target.
func (p *Pack) kpiSentence(r *KPIResult) string {
	if r.Level == nil {
		s := fmt.Sprintf("%s %s no data", r.Name, verb(r, "has", "have"))
		if r.Target != nil {
			s += " to set against its target of " + plainTarget(r, p.Currency)
		}
		return s
	}
	return fmt.Sprintf("%s %s %s", r.Name, verb(r, "is", "are"), p.trendStory(r, true))
}

// trendSummary is the one sentence printed with a KPI's chart: where it stands, where
// it is going, and when it meets or misses its target.
func (p *Pack) trendSummary(r *KPIResult) string {
	if r.Level == nil {
		return ""
	}
	return capitalize(p.trendStory(r, false)) + "."
}

// trendStory is a KPI's level and the months it stands for, its target when withTarget,
// its trend, where that pace takes it, and when it meets or misses the target.
func (p *Pack) trendStory(r *KPIResult, withTarget bool) string {
	cur := p.Currency
	var b strings.Builder
	b.WriteString(levelPhrase(r, cur))
	if r.Target != nil && withTarget {
		fmt.Fprintf(&b, " against a target of %s", plainTarget(r, cur))
	}
	if r.Status == InsufficientData {
		fmt.Fprintf(&b, ", with only %s of data", monthsWord(r.MonthsWithData))
		return b.String()
	}
	b.WriteString(", " + trendPhrase(r, cur))
	if !r.Trend.Significant || r.Trend.SlopePerMonth == 0 {
		return b.String()
	}
	to, where := p.projectionMonth(r)
	fmt.Fprintf(&b, "; at that pace, %s %s (%s)%s", p.projectedAt(r, to), where, fromPhrase(r, to), bound(r, to))
	if r.ProjectionLowConfidence && p.ReportMonth < p.TransferMonth {
		fmt.Fprintf(&b, ", a low-confidence projection so far ahead of %s of data", monthsWord(r.MonthsWithData))
	}
	switch end := r.Projected[len(r.Projected)-1].Month; {
	case !r.BreachMonth.IsZero():
		fmt.Fprintf(&b, ", missing the target from %s", r.BreachMonth.Label())
	case !r.MeetsTargetMonth.IsZero():
		fmt.Fprintf(&b, ", meeting the target in %s", r.MeetsTargetMonth.Label())
	case r.Status == OffTrack && r.Trend.Word == Improving && end != to:
		fmt.Fprintf(&b, ", and still short of the target at the end of the delay window in %s (%s, %s)",
			end.Label(), p.projectedAt(r, end), fromPhrase(r, end))
	case r.Status == OffTrack && r.Trend.Word == Improving:
		b.WriteString(", still short of the target")
	}
	return b.String()
}

// bound says when a projection stops at the least or the most a KPI can take (the
// analysis holds it there when the pace alone would go past): ", as low as it can go".
func bound(r *KPIResult, m Month) string {
	for _, pt := range r.Projected {
		switch {
		case pt.Month != m:
		case pt.Value <= r.kpi.Min:
			return ", as low as it can go"
		case pt.Value >= r.kpi.Max:
			return ", as high as it can go"
		}
	}
	return ""
}

// conditions are what must be done for the Transfer: the non-gate KPIs at risk or off
// track (outside an agreed amber band) and the data problems, each as an action with the
// figures behind it. KPIs the rationale names are left out.
func conditions(p *Pack, named []string) []string {
	out := []string{}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if r.Gate && r.Status == NoTarget {
			out = append(out, fmt.Sprintf("Agree a target for %s in Targets, or set Gate to no: it is a gate without a target.", name(r)))
			continue
		}
		if r.Gate || (r.Status != AtRisk && r.Status != OffTrack) || r.Band == Amber || slices.Contains(named, r.ID) {
			continue
		}
		out = append(out, fmt.Sprintf("%s. %s.", p.action(r), p.kpiSentence(r)))
	}
	for _, n := range p.DataQuality {
		switch {
		case n.Kind == NoteMissingMonths && len(n.months) > 0:
			r := p.kpi(n.KPI)
			out = append(out, fmt.Sprintf("Fill in %s for %s: a month missing among the last three moves its level.", name(r), joinAnd(n.months)))
		case n.Kind == NoteNoData:
			out = append(out, fmt.Sprintf("Report %s every month, or set Gate to no in Targets: it is a gate without data.", name(p.kpi(n.KPI))))
		case n.Kind == NoteAssumption:
			out = append(out, "Confirm how the input was read: "+n.Text+".")
		}
	}
	return out
}

// action is what to do about a KPI that misses, or is about to miss, its target.
func (p *Pack) action(r *KPIResult) string {
	move := "raise"
	if r.Direction == LowerIsBetter {
		move = "bring down"
	}
	switch {
	case r.Status == AtRisk:
		return fmt.Sprintf("Stop the decline of %s before it misses its target", name(r))
	case r.Trend.Word == Worsening:
		return fmt.Sprintf("Agree a plan to reverse the decline of %s and %s it to %s", name(r), move, plainTarget(r, p.Currency))
	case r.Trend.Word == Improving:
		return fmt.Sprintf("Agree a plan to speed up %s", name(r))
	}
	return fmt.Sprintf("Agree a plan to %s %s to %s", move, name(r), plainTarget(r, p.Currency))
}

// watchStalled reports whether a KPI that has not improved for three months is worth the
// review's time: it has a target it does not meet yet, and no clear trend says more.
func watchStalled(r *KPIResult) bool {
	return r.Stalled && !r.Trend.Significant && r.Target != nil && r.Status != Met && r.Status != NoTarget
}

// flag is one thing worth the review's attention about a KPI.
type flag struct {
	key   string // what the flag is, to match it across months
	minor bool   // summarised in one line when cleared
	month Month  // a one-off's month
}

// flagsOf lists a KPI's flags. "Not improved for three months" is only raised without a
// real trend, so it never contradicts the trend shown beside it.
func flagsOf(r *KPIResult) []flag {
	var out []flag
	if watchStalled(r) {
		out = append(out, flag{key: "stalled"})
	}
	if r.Trend.Significant && r.Target != nil {
		out = append(out, flag{key: "trend " + string(r.Trend.Word)})
	}
	for _, s := range r.Spikes {
		out = append(out, flag{key: "one-off " + s.Month.String(), minor: true, month: s.Month})
	}
	if r.ProjectionLowConfidence && r.Target != nil {
		out = append(out, flag{key: "low confidence", minor: true})
	}
	return out
}

// newFlag says a flag that was not there last month.
func newFlag(r *KPIResult, f flag) string {
	switch {
	case f.key == "stalled":
		return fmt.Sprintf("%s %s not improved for three months.", r.Name, verb(r, "has", "have"))
	case f.key == "trend "+string(Improving):
		return fmt.Sprintf("%s now %s a steady improvement.", r.Name, verb(r, "shows", "show"))
	case f.key == "trend "+string(Worsening):
		return fmt.Sprintf("%s %s now worsening steadily.", r.Name, verb(r, "is", "are"))
	case strings.HasPrefix(f.key, "trend "):
		return fmt.Sprintf("%s %s now %s steadily.", r.Name, verb(r, "is", "are"), strings.TrimPrefix(f.key, "trend "))
	case !f.month.IsZero():
		return fmt.Sprintf("%s had a one-off in %s.", r.Name, f.month.Label())
	}
	return fmt.Sprintf("%s's projection to the Transfer is now low confidence: it looks further ahead than half its months of data.", r.Name)
}

// clearedFlag says a flag that went away; minor ones are summarised together instead.
func clearedFlag(r *KPIResult, f flag) string {
	switch {
	case f.key == "stalled":
		return fmt.Sprintf("%s %s moving again after three flat months.", r.Name, verb(r, "is", "are"))
	case strings.HasPrefix(f.key, "trend "):
		return fmt.Sprintf("%s no longer %s a clear trend.", r.Name, verb(r, "shows", "show"))
	}
	return ""
}

// diff says what changed between the previous month's pack and this one, in plain
// sentences, the decision first.
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
	var minorOneOffs, minorLow []string
	for i := range cur.KPIs {
		r := &cur.KPIs[i]
		old := prev.kpi(r.ID)
		if old == nil {
			continue
		}
		if old.Status != r.Status {
			c.StatusChanges = append(c.StatusChanges, StatusChange{KPI: r.ID, From: old.Status, To: r.Status})
			change := fmt.Sprintf("%s moved from %s to %s: %s", r.Name,
				strings.ToLower(statusLabel(old.Status)), strings.ToLower(statusLabel(r.Status)), plainValue(r.kpi, *r.Level, cur.Currency))
			if r.Target != nil {
				change += " against a target of " + plainTarget(r, cur.Currency)
			}
			c.Summary = append(c.Summary, change+".")
		}
		now, before := flagsOf(r), flagsOf(old)
		for _, f := range now {
			if !slices.ContainsFunc(before, func(g flag) bool { return g.key == f.key }) {
				s := newFlag(r, f)
				c.NewFlags = append(c.NewFlags, s)
				c.Summary = append(c.Summary, s)
			}
		}
		for _, f := range before {
			if slices.ContainsFunc(now, func(g flag) bool { return g.key == f.key }) {
				continue
			}
			switch {
			case !f.month.IsZero():
				minorOneOffs = append(minorOneOffs, fmt.Sprintf("%s (%s)", name(r), f.month.Label()))
			case f.minor:
				minorLow = append(minorLow, name(r))
			default:
				s := clearedFlag(r, f)
				c.ClearedFlags = append(c.ClearedFlags, s)
				c.Summary = append(c.Summary, s)
			}
		}
	}
	var minor []string
	if len(minorOneOffs) > 0 {
		minor = append(minor, fmt.Sprintf("the %s in %s", Plural(len(minorOneOffs), "one-off"), joinAnd(minorOneOffs)))
	}
	if len(minorLow) > 0 {
		minor = append(minor, fmt.Sprintf("the low-confidence %s of %s", Plural(len(minorLow), "projection"), joinAnd(minorLow)))
	}
	if len(minor) > 0 {
		s := "No longer flagged: " + strings.Join(minor, "; ") + "."
		c.ClearedFlags = append(c.ClearedFlags, s)
		c.Summary = append(c.Summary, s)
	}
	if len(c.Summary) == 0 {
		c.Summary = append(c.Summary, fmt.Sprintf("No status, flag or decision changed since %s.", prev.ReportMonth.Label()))
	}
	return c
}

// agenda proposes the monthly review's agenda: the gates at risk with the question for
// their owner and the figure to check next month, the trends to watch, what changed,
// and the priorities, each an action.
func agenda(p *Pack) Agenda {
	a := Agenda{GatesAtRisk: []string{}, TrendsToWatch: []string{}, Changes: []string{}, Priorities: []string{}}
	for _, g := range p.gates() {
		if g.Status != Met && g.Status != OnTrack {
			a.GatesAtRisk = append(a.GatesAtRisk, p.gateQuestion(g))
		}
	}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if r.Gate && r.Status != Met && r.Status != OnTrack {
			continue // already on the agenda as a gate at risk
		}
		switch {
		case r.Trend.Word == Worsening:
			a.TrendsToWatch = append(a.TrendsToWatch, p.kpiSentence(r)+".")
		case watchStalled(r):
			a.TrendsToWatch = append(a.TrendsToWatch, fmt.Sprintf("%s %s not improved for three months: %s against a target of %s.",
				r.Name, verb(r, "has", "have"), levelPhrase(r, p.Currency), plainTarget(r, p.Currency)))
		}
	}
	if p.Changes != nil {
		a.Changes = append(a.Changes, p.Changes.Summary...)
	}
	for _, g := range p.gates() {
		if s := p.priority(g); s != "" {
			a.Priorities = append(a.Priorities, s)
		}
	}
	for i := range p.KPIs {
		r := &p.KPIs[i]
		for _, s := range r.Spikes {
			a.Priorities = append(a.Priorities, fmt.Sprintf("Explain the one-off in %s in %s: %s, outside the usual range of %s.",
				name(r), s.Month.Label(), s.Display, s.UsualRange))
		}
	}
	return a
}

// gateQuestion is a gate at risk on the agenda: where it stands, the question for its
// owner, and what to check at the next review.
func (p *Pack) gateQuestion(g *KPIResult) string {
	cur := p.Currency
	next := p.ReportMonth + 1
	who := owner(g.Category)
	if g.Level == nil {
		return fmt.Sprintf("%s %s no data: ask %s to report it monthly. Next check, at the %s review: a value for %s.",
			g.Name, verb(g, "has", "have"), who, next.Label(), p.ReportMonth.Label())
	}
	where := fmt.Sprintf("%s, %s", g.Name, levelPhrase(g, cur))
	if g.Target != nil {
		where += " against a target of " + plainTarget(g, cur)
	}
	pace := plainPace(g.kpi, g.Trend.SlopePerMonth, cur)
	// On the current pace, next month's figure, counted from the level's month.
	onPace := fmt.Sprintf("%s or better, where the pace puts it (%s)", p.projectedAt(g, next), fromPhrase(g, next))
	switch {
	case g.Status == NoTarget:
		return fmt.Sprintf("%s: agree its target with %s. Next check, at the %s review: the target in Targets.", where, who, next.Label())
	case g.Status == InsufficientData:
		return fmt.Sprintf("%s: ask %s for the missing history; it has only %s of data. Next check, at the %s review: a value for %s.",
			where, who, monthsWord(g.MonthsWithData), next.Label(), next.Label())
	case g.Status == AtRisk:
		return fmt.Sprintf("%s: ask %s why it is %s. Next check, at the %s review: still %s.",
			where, who, moving(g, cur), next.Label(), plainTarget(g, cur))
	case !g.Trend.Significant || g.Trend.SlopePerMonth == 0:
		return fmt.Sprintf("%s: ask %s what will move it towards the target; it shows no clear trend yet. Next check, at the %s review: any move from %s towards the target.",
			where, who, next.Label(), plainValue(g.kpi, *g.Level, cur))
	case g.Trend.Word == Worsening:
		return fmt.Sprintf("%s: ask %s what will turn it round; it is %s. Next check, at the %s review: that it has stopped worsening; the pace puts it at %s (%s).",
			where, who, moving(g, cur), next.Label(), p.projectedAt(g, next), fromPhrase(g, next))
	case g.Status == OffTrack:
		return fmt.Sprintf("%s: ask %s how to speed up the gain of %s a month, which falls short of the target. Next check, at the %s review: %s.",
			where, who, pace, next.Label(), onPace)
	}
	return fmt.Sprintf("%s: ask %s whether the gain of %s a month will hold. Next check, at the %s review: %s.",
		where, who, pace, next.Label(), onPace)
}

// priority is the action a gate asks of the next month, or "" for a gate that is met.
func (p *Pack) priority(g *KPIResult) string {
	cur := p.Currency
	switch g.Status {
	case OnTrack, Recoverable:
		return fmt.Sprintf("Keep %s improving by %s a month, to meet its target of %s in %s.",
			name(g), plainPace(g.kpi, g.Trend.SlopePerMonth, cur), plainTarget(g, cur), g.MeetsTargetMonth.Label())
	case OffTrack:
		// The horizon is the Transfer the recommendation proposes.
		horizon := max(p.TransferMonth+Month(p.Recommendation.DelayMonths), p.ReportMonth+1)
		months := int(horizon - p.ReportMonth)
		from := roundAt(g.kpi, *g.Level)
		need := (*g.Target - from) / float64(months)
		now := "with no clear trend now"
		if g.Trend.Significant && g.Trend.SlopePerMonth != 0 {
			now = "while it is " + moving(g, cur) + " now"
		}
		return fmt.Sprintf("Agree a recovery plan for %s: getting from %s to %s by %s, %s away, takes %s a month, %s.",
			name(g), plainValue(g.kpi, from, cur), plainValue(g.kpi, *g.Target, cur), horizon.Label(),
			monthsWord(months), plainPace(g.kpi, need, cur), now)
	case AtRisk:
		return fmt.Sprintf("Stop the decline of %s before it misses its target of %s in %s.",
			name(g), plainTarget(g, cur), g.BreachMonth.Label())
	case InsufficientData:
		return fmt.Sprintf("Report %s every month: it is a gate with %s of data.", name(g), monthsWord(g.MonthsWithData))
	}
	return ""
}
