package report

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"

	"github.com/transferpack/transferpack/report/internal/stats"
)

// Options change what Analyze computes.
type Options struct {
	// AsOf is the month the pack reports on; zero means the engagement's report month.
	AsOf Month
	// DORAYear is the State of DevOps report year tiers come from: 2023 or 2024 (the
	// default when 0).
	DORAYear int
}

// The analysis rules, in months with data and p-values.
const (
	minTrendPoints = 6    // a trend is real only with at least this many months
	trendWindow    = 12   // months with data the trend is fitted over
	trendAlpha     = 0.10 // and only with a Mann–Kendall p below this
	levelWindow    = 3    // months with data the level is the median of
	minStatusData  = 6    // months with data below which a status is insufficient_data
	delayScoreMin  = 70   // a readiness score below this delays the Transfer
)

// Validate reports an option Analyze cannot use: a DORA report year without tiers.
func (o Options) Validate() error {
	if o.DORAYear != 0 && o.DORAYear != 2023 && o.DORAYear != 2024 {
		return fmt.Errorf("the DORA report year %d has no performance clusters: use 2023 or 2024", o.DORAYear)
	}
	return nil
}

// AsOfError says a team's pack cannot be made as of the month asked for: the team has no
// data for that month or before it.
type AsOfError struct {
	Team string
	AsOf Month // the month asked for
	// First and Latest are the team's first and latest months with data; zero when it
	// has none.
	First, Latest Month
}

func (e *AsOfError) Error() string {
	switch {
	case e.Latest.IsZero():
		return fmt.Sprintf("%s has no data", e.Team)
	case e.AsOf > e.Latest:
		return fmt.Sprintf("%s has no data for %s: the latest month with data is %s", e.Team, e.AsOf.Label(), e.Latest.Label())
	}
	return fmt.Sprintf("%s has no data up to %s: the first month with data is %s", e.Team, e.AsOf.Label(), e.First.Label())
}

// Analyze computes a team's pack as of a month: every number, status and sentence the
// formats show, the recommendation, and what changed since the month before.
func Analyze(d *Dataset, o Options) (*Pack, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.DORAYear == 0 {
		o.DORAYear = 2024
	}
	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = d.Engagement.ReportMonth
	}
	if asOf.IsZero() {
		asOf = d.LastMonth()
	}
	var p *Pack
	if asOf <= d.LastMonth() {
		p = analyzeAt(d, asOf, o.DORAYear)
	}
	if p == nil {
		return nil, &AsOfError{Team: d.Engagement.Team, AsOf: asOf, First: d.FirstMonth(), Latest: d.LastMonth()}
	}
	prev := analyzeAt(d, asOf-1, o.DORAYear)
	recommend(p, prev)
	if prev != nil {
		// The previous month's own recommendation needs the month before it only when a
		// time-boxed delay could have been in force then.
		var prev2 *Pack
		if prev.ReportMonth > prev.TransferMonth {
			prev2 = analyzeAt(d, asOf-2, o.DORAYear)
		}
		recommend(prev, prev2)
		p.Changes = diff(prev, p)
	}
	p.Agenda = agenda(p)
	return p, nil
}

// analyzeAt computes everything but the recommendation as of a month; nil when there is
// no data up to it.
func analyzeAt(d *Dataset, asOf Month, doraYear int) *Pack {
	e := d.Engagement
	p := &Pack{
		SchemaVersion: SchemaVersion,
		Team:          e.Team, Client: e.Client, Partner: e.Partner, Location: e.Location,
		Currency: e.Currency, Headcount: e.Headcount,
		OperateStart: e.OperateStart, ReportMonth: asOf, TransferMonth: e.TransferDate,
		MonthsToTransfer:  int(e.TransferDate - asOf),
		BaselineMonths:    e.BaselineMonths,
		DelayWindowMonths: e.DelayWindowMonths,
		PartnerAligned:    e.PartnerAligned,
		DORAYear:          doraYear,
	}
	targets := map[string]Target{}
	for _, t := range d.Targets {
		targets[t.KPI] = t
	}
	anyData := false
	hasDORA, hasAttrition := false, false
	for i := range catalog {
		k := &catalog[i]
		var pts []Point
		if s := d.SeriesFor(k.ID); s != nil {
			for _, pt := range s.Points {
				if pt.Month >= e.OperateStart && pt.Month <= asOf {
					pts = append(pts, Point{Month: pt.Month, Value: round4(pt.Value)})
				}
			}
		}
		t, hasRow := targets[k.ID]
		gate := k.Gate
		if hasRow && t.Gate != nil {
			gate = *t.Gate
		}
		if len(pts) == 0 && !gate {
			continue
		}
		anyData = anyData || len(pts) > 0
		r := analyzeKPI(k, t, hasRow, gate, pts, p, doraYear)
		hasDORA = hasDORA || r.DORATier != nil || r.DORANote != ""
		hasAttrition = hasAttrition || (k.ID == "attrition" && r.Level != nil)
		p.KPIs = append(p.KPIs, r)
	}
	if !anyData {
		return nil
	}
	p.ReadinessScore, p.ScoredKPIs = readiness(p.KPIs)
	for i := range p.KPIs {
		p.KPIs[i].Summary = p.trendSummary(&p.KPIs[i])
	}
	p.Sources = benchmarkSources(doraYear, hasDORA, hasAttrition)
	p.DataQuality = dataQuality(d, p)
	for _, c := range d.Commentary {
		if c.Month == asOf {
			p.Commentary = append(p.Commentary, c)
		}
	}
	p.Sections = sections(p)
	p.Display = PackLabels{
		ReportMonth:       asOf.Label(),
		TransferMonth:     e.TransferDate.Label(),
		MonthsToTransfer:  monthsToGo(p.MonthsToTransfer),
		Headcount:         headcountLabel(e.Headcount),
		ProjectionHeading: "At Transfer",
		ProjectionMonth:   e.TransferDate.Label(),
		OperateStart:      e.OperateStart.Label(),
		ReadinessScore:    fmt.Sprintf("%.0f / 100", p.ReadinessScore),
	}
	if asOf > e.TransferDate { // a delay in force
		p.Display.ProjectionHeading, p.Display.ProjectionMonth = "At window end", p.windowEnd().Label()
	}
	return p
}

// analyzeKPI computes one KPI's result from its points up to the as-of month, in steps:
// the agreed framework, then baseline, level, trend, projection and status, then the
// figures as printed, one-offs and benchmarks.
func analyzeKPI(k *KPI, t Target, hasRow, gate bool, pts []Point, p *Pack, doraYear int) KPIResult {
	r := KPIResult{
		ID: k.ID, Name: k.Name, Category: k.Category, Unit: k.Unit, Direction: k.Direction,
		Definition: k.Definition, Gate: gate, MonthsWithData: len(pts),
		Series: pts, Spikes: []Spike{}, Projected: []Point{}, LevelMonths: []Month{},
		Chart: Chart{Actual: []Point{}, ActualLabels: []string{}, Projected: []Point{}},
	}
	if r.Series == nil {
		r.Series = []Point{}
	}
	r.kpi = k
	a := &kpiAnalysis{k: k, p: p, r: &r, pts: pts}
	a.framework(t, hasRow)
	if len(pts) == 0 {
		r.Status = InsufficientData
		r.Trend.Word = NoClearTrend
		r.Display.Status = statusLabel(r.Status)
		r.Display.Slope = "no data"
		r.Display.Series = []string{}
		return r
	}
	a.judgedValues()
	a.baseline(t, hasRow)
	a.level()
	a.trend()
	a.projection()
	a.status()
	a.labels()
	r.Spikes = spikes(k, pts[len(pts)-r.Trend.Points:], a.ys[len(a.ys)-r.Trend.Points:], r.Trend.Estimate, a.icept, a.scale, p)
	if k.Category == DORA {
		r.DORATier, r.DORANote = doraTier(k.ID, *r.Level, doraYear)
		if r.DORATier != nil {
			r.Display.DORATier = capitalize(*r.DORATier)
		}
	}
	if k.AnnualTarget() {
		r.Benchmark = attritionBenchmark(*r.Level)
	}
	return r
}

// kpiAnalysis is one KPI's analysis in progress: each step reads what the steps before
// it set.
type kpiAnalysis struct {
	k   *KPI
	p   *Pack
	r   *KPIResult
	pts []Point

	// xs are the months of pts and ys their values as judged: attrition is annualised
	// (monthly × scale, 12) to meet its annual target; other KPIs have scale 1.
	xs, ys []float64
	scale  float64
	last   []float64 // the judged values of the last 3 months with data
	lvl    float64   // the level, unrounded
	mid    Month     // the month the level stands for: projections run from it
	icept  float64   // the Theil–Sen line's value at month 0, for the one-offs
	slope  float64   // per month: the Theil–Sen slope when the trend is real, else 0
	// from and pace are the level and the slope as printed: projections are made of
	// them, so a reader can redo every projection from the page.
	from, pace float64
	// transfer is the month projected to: the planned Transfer, or the latest data once
	// that has passed; windowEnd is the end of the delay window.
	transfer, windowEnd Month
}

// project is the printed level carried along the printed slope to month m, as judged,
// held within the values the KPI can take: no rate goes below zero.
func (a *kpiAnalysis) project(m Month) float64 {
	return min(max(a.from+a.pace*float64(m-a.mid), a.k.Min*a.scale), a.k.Max*a.scale)
}

// framework sets direction, weight, target and tolerance: the input's Targets row where
// it gives them, else the catalog's defaults.
func (a *kpiAnalysis) framework(t Target, hasRow bool) {
	k, r := a.k, a.r
	if hasRow && t.Direction != "" {
		r.Direction = t.Direction
	}
	r.Weight = 1
	if r.Gate {
		r.Weight = 2
	}
	if hasRow && t.Weight != nil {
		r.Weight = *t.Weight
	}
	switch {
	case hasRow && t.Target != nil:
		r.Target = ptrFloat(*t.Target)
		r.TargetSource = "input"
	case k.HasTarget:
		r.Target = ptrFloat(k.Target)
		r.TargetSource = "catalog"
	}
	if hasRow && t.Amber != nil {
		r.Amber = ptrFloat(*t.Amber)
	}
	r.Display.Unit = unitLabel(k)
	if k.Unit == "currency" {
		r.Display.Unit = a.p.Currency
	}
	if r.Target != nil {
		r.Display.Target = formatTarget(k, r.Direction, *r.Target, a.p.Currency)
	}
}

// judgedValues sets the months and values as judged: attrition's monthly rates × 12.
func (a *kpiAnalysis) judgedValues() {
	a.scale = 1.0
	if a.k.AnnualTarget() {
		a.scale = 12
	}
	a.xs = make([]float64, len(a.pts))
	a.ys = make([]float64, len(a.pts))
	for i, pt := range a.pts {
		a.xs[i] = float64(pt.Month)
		a.ys[i] = pt.Value * a.scale
		a.r.Chart.Actual = append(a.r.Chart.Actual, Point{Month: pt.Month, Value: round4(a.ys[i])})
	}
}

// baseline is the median of the baseline months, or the agreed override.
func (a *kpiAnalysis) baseline(t Target, hasRow bool) {
	p, r := a.p, a.r
	var base []float64
	for i, pt := range a.pts {
		if pt.Month < p.OperateStart+Month(p.BaselineMonths) {
			base = append(base, a.ys[i])
		}
	}
	switch {
	case hasRow && t.Baseline != nil:
		r.Baseline = ptrFloat(*t.Baseline)
		r.BaselineSource = "agreed in Targets"
	case len(base) > 0:
		r.Baseline = ptrFloat(round4(stats.Median(base)))
		r.BaselineFrom, r.BaselineTo = p.OperateStart, p.OperateStart+Month(p.BaselineMonths)-1
		r.BaselineSource = fmt.Sprintf("median of %s–%s", p.OperateStart.Label(), (p.OperateStart + Month(p.BaselineMonths) - 1).Label())
	default:
		r.BaselineSource = "no data in the baseline months"
	}
}

// level is the median of the last 3 months with data (attrition: their mean monthly
// rate × 12), standing for their middle month.
func (a *kpiAnalysis) level() {
	r, pts := a.r, a.pts
	a.last = a.ys[max(0, len(a.ys)-levelWindow):]
	a.lvl = stats.Median(a.last)
	r.LevelBasis = fmt.Sprintf("median of the last %s with data", monthsWord(len(a.last)))
	if a.k.AnnualTarget() {
		a.lvl = mean(a.last)
		r.LevelBasis = fmt.Sprintf("mean monthly rate of the last %s × 12", monthsWord(len(a.last)))
	}
	r.Level = ptrFloat(round4(a.lvl))
	for _, pt := range pts[len(pts)-len(a.last):] {
		r.LevelMonths = append(r.LevelMonths, pt.Month)
	}
	a.mid = pts[max(0, len(pts)-levelWindow):][len(a.last)/2].Month
	if len(a.last) == 2 {
		a.mid = pts[len(pts)-1].Month
	}
}

// trend is the Theil–Sen slope over the last 12 months with data, real only with 6 or
// more months and a Mann–Kendall p below 0.10.
func (a *kpiAnalysis) trend() {
	r := a.r
	tx, ty := a.xs[max(0, len(a.xs)-trendWindow):], a.ys[max(0, len(a.ys)-trendWindow):]
	r.Trend.Points = len(tx)
	if len(tx) >= 2 {
		var est float64
		est, a.icept = stats.TheilSen(tx, ty)
		r.Trend.Estimate = round4(est)
	}
	if len(tx) >= 3 {
		_, pv := stats.MannKendall(tx, ty)
		r.Trend.PValue = ptrFloat(roundP(pv))
		r.Trend.Significant = len(tx) >= minTrendPoints && pv < trendAlpha && r.Trend.Estimate != 0
	}
	if r.Trend.Significant {
		a.slope = r.Trend.Estimate
	}
	a.from, a.pace = roundAt(a.k, a.lvl), roundSlope(a.k, a.slope)
	r.Trend.SlopePerMonth = a.pace
	r.ProjectionFrom = a.mid
	r.Trend.Word = trendWord(r.Direction, a.slope)
	if r.Baseline != nil {
		r.VsBaseline = ptrFloat(round4(a.lvl - *r.Baseline))
		if *r.Baseline != 0 {
			r.VsBaselinePct = ptrFloat(round4((a.lvl - *r.Baseline) / math.Abs(*r.Baseline) * 100))
		}
	}
	if r.Target != nil {
		r.VsTarget = ptrFloat(round4(a.lvl - *r.Target))
	}
}

// projection carries the level along the slope to the Transfer month (or the latest
// data, once it has passed) and to the end of the delay window. A projection further
// ahead than half the months observed is low confidence.
func (a *kpiAnalysis) projection() {
	r, pts := a.r, a.pts
	latest := pts[len(pts)-1].Month
	a.transfer = max(a.p.TransferMonth, latest)
	a.windowEnd = max(a.p.windowEnd(), a.transfer)
	r.Projection = ptrFloat(round4(a.project(a.transfer)))
	r.ProjectionWindowEnd = ptrFloat(round4(a.project(a.windowEnd)))
	r.ProjectionLowConfidence = float64(a.transfer-latest) > float64(len(pts))/2
	for m := a.mid; m <= a.windowEnd; m++ {
		r.Projected = append(r.Projected, Point{Month: m, Value: round4(a.project(m) / a.scale)})
		r.Chart.Projected = append(r.Chart.Projected, Point{Month: m, Value: round4(a.project(m))})
	}
}

// status judges the level and the projections against the target, at the precision
// the pack prints, so "85.0 %" never misses "≥ 85.0 %"; and flags a KPI that has been
// flat or worse at each step of the last 3 months.
func (a *kpiAnalysis) status() {
	k, r := a.k, a.r
	switch {
	case r.Target == nil:
		r.Status = NoTarget
	case len(a.pts) < minStatusData:
		r.Status = InsufficientData
	default:
		T := *r.Target
		meets := func(v float64) bool {
			v = roundAt(k, v)
			if r.Direction == LowerIsBetter {
				return v <= T+1e-9
			}
			return v >= T-1e-9
		}
		meetsAt := func(m Month) bool { return meets(a.project(m)) }
		improving := r.Trend.Word == Improving
		switch {
		case meets(a.lvl) && meetsAt(a.transfer):
			r.Status = Met
		case meets(a.lvl):
			r.Status = AtRisk
			r.BreachMonth = firstMonth(a.mid, a.transfer, func(m Month) bool { return !meetsAt(m) })
		case improving && meetsAt(a.transfer):
			r.Status = OnTrack
			r.MeetsTargetMonth = firstMonth(a.mid, a.transfer, meetsAt)
		case improving && meetsAt(a.windowEnd):
			r.Status = Recoverable
			r.MeetsTargetMonth = firstMonth(a.mid, a.windowEnd, meetsAt)
		default:
			r.Status = OffTrack
		}
	}
	if len(a.last) == levelWindow && r.Direction != Neutral {
		r.Stalled = true
		for i := 1; i < len(a.last); i++ {
			step := a.last[i] - a.last[i-1]
			if r.Direction == LowerIsBetter {
				step = -step
			}
			if step > 0 {
				r.Stalled = false
			}
		}
	}
	if sc, ok := r.Status.score(); ok {
		r.Score = ptrFloat(sc)
	}
	r.Band = band(k, *r)
	if r.Target != nil && r.Amber != nil {
		lo, hi := *r.Target-*r.Amber, *r.Target
		if r.Direction == LowerIsBetter {
			lo, hi = *r.Target, *r.Target+*r.Amber
		}
		r.Chart.AmberLow, r.Chart.AmberHigh = ptrFloat(round4(lo)), ptrFloat(round4(hi))
	}
}

// labels formats the figures once, as every format prints them. Differences are taken
// between the printed figures, so the page adds up.
func (a *kpiAnalysis) labels() {
	k, r, cur := a.k, a.r, a.p.Currency
	if r.Baseline != nil {
		r.Display.Baseline = formatValue(k, *r.Baseline, cur)
		r.Display.VsBaseline = formatDelta(k, roundAt(k, a.lvl)-roundAt(k, *r.Baseline), cur)
	}
	if r.Target != nil {
		r.Display.VsTarget = formatDelta(k, roundAt(k, a.lvl)-*r.Target, cur)
	}
	r.Display.Level = formatValue(k, a.lvl, cur)
	r.Display.ProjectionWindowEnd = formatValue(k, a.project(a.windowEnd), cur)
	r.Display.Projection = formatValue(k, a.project(a.transfer), cur)
	if a.p.ReportMonth > a.p.TransferMonth { // a delay in force: where the window ends is what matters
		r.Display.Projection = r.Display.ProjectionWindowEnd
	}
	if r.ProjectionLowConfidence {
		r.Display.Projection += " (low confidence)"
	}
	if r.Trend.Significant {
		r.Display.Slope = formatSlope(k, a.pace, cur)
	} else {
		r.Display.Slope = "no clear trend"
	}
	if r.Trend.PValue != nil {
		r.Display.TrendTest = fmt.Sprintf("Theil–Sen over %s, Mann–Kendall %s", monthsWord(r.Trend.Points), formatP(*r.Trend.PValue))
	}
	r.Display.LevelPeriod = period(r.LevelMonths)
	r.Display.Latest = formatValue(k, a.ys[len(a.ys)-1], cur)
	r.Display.LatestMonth = a.pts[len(a.pts)-1].Month.Label()
	r.Display.Status = statusLabel(r.Status)
	r.Display.Series = make([]string, len(a.pts))
	for i, pt := range a.pts {
		r.Display.Series[i] = formatValue(k, pt.Value, cur)
		if k.AnnualTarget() {
			r.Display.Series[i] = formatFixed(pt.Value, 2) + " %"
		}
		r.Chart.ActualLabels = append(r.Chart.ActualLabels, formatValue(k, a.ys[i], cur))
	}
}

// headcountLabel prints a team's size: "22 people", "1 person"; "" when not given.
func headcountLabel(n float64) string {
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return "1 person"
	}
	return formatFixed(n, 0) + " people"
}

// monthsToGo says how far the planned Transfer is: "3 months", "this month", or "2
// months past" once it has gone by.
func monthsToGo(n int) string {
	switch {
	case n == 0:
		return "this month"
	case n < 0:
		return monthsWord(-n) + " past"
	}
	return monthsWord(n)
}

// sections groups the pack's KPIs into its category sections, with their commentary.
func sections(p *Pack) []PackSection {
	out := []PackSection{}
	for _, c := range Categories() {
		sec := PackSection{Section: Section(c), Title: c.Title(), KPIs: []string{}, Commentary: []string{}}
		for _, r := range p.KPIs {
			if r.Category == c && len(r.Series) > 0 {
				sec.KPIs = append(sec.KPIs, r.ID)
			}
		}
		for _, cm := range p.Commentary {
			if cm.Section == sec.Section {
				sec.Commentary = append(sec.Commentary, cm.Text)
			}
		}
		if len(sec.KPIs) > 0 || len(sec.Commentary) > 0 {
			out = append(out, sec)
		}
	}
	return out
}

// band places a KPI's level against its target and the agreed tolerance (Amber):
// green meets the target, amber misses it by no more than the tolerance, red by more.
func band(k *KPI, r KPIResult) Band {
	if r.Target == nil || r.Level == nil {
		return ""
	}
	miss := *r.Target - roundAt(k, *r.Level)
	if r.Direction == LowerIsBetter {
		miss = -miss
	}
	switch {
	case miss <= 1e-9:
		return Green
	case r.Amber != nil && miss <= *r.Amber+1e-9:
		return Amber
	}
	return Red
}

// windowEnd is the last month of the delay window: the planned Transfer month plus the
// delay window.
func (p *Pack) windowEnd() Month { return p.TransferMonth + Month(p.DelayWindowMonths) }

// firstMonth returns the first month in [from, to] for which ok holds, or zero.
func firstMonth(from, to Month, ok func(Month) bool) Month {
	for m := from; m <= to; m++ {
		if ok(m) {
			return m
		}
	}
	return 0
}

func trendWord(dir Direction, slope float64) Movement {
	switch {
	case slope == 0:
		return NoClearTrend
	case dir == Neutral && slope > 0:
		return Rising
	case dir == Neutral:
		return Falling
	case (slope > 0) == (dir == HigherIsBetter):
		return Improving
	}
	return Worsening
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// spikes finds one-off months in the trend window with XmR limits: σ is the median
// moving range ÷ 0.954, and a month is a one-off when it lies more than 3σ from the
// window's Theil–Sen line and stands apart from the months beside it. The line stands in
// for the centre line so a trend is not read as a run of one-offs, and σ comes from the
// window rather than the baseline period: a 2-month baseline has a single moving range,
// too few for limits. ys are the judged values (attrition annualised); scale undoes that
// for the note.
func spikes(k *KPI, pts []Point, ys []float64, slope, icept, scale float64, p *Pack) []Spike {
	out := []Spike{}
	if len(pts) < minTrendPoints || k.Direction == Neutral {
		return out
	}
	var buf [trendWindow]float64
	res := buf[:0]
	for i, pt := range pts {
		res = append(res, ys[i]-(icept+slope*float64(pt.Month)))
	}
	sigma, ok := stats.XmRSigma(res)
	if !ok {
		return out
	}
	for _, i := range stats.XmRSpikes(0, sigma, res) {
		// A one-off also stands apart from each month beside it, on the same side: a
		// difference of two months has a spread of σ√2, so 3 of those. A step or a bend
		// in the trend moves the neighbours too, and is not a one-off.
		if i == 0 {
			continue // no month before it to tell a one-off from a starting level
		}
		apart := func(j int) bool {
			d := res[i] - res[j]
			return math.Abs(d) > 3*math.Sqrt2*sigma && (d > 0) == (res[i] > 0)
		}
		// The latest month has no month after it: it must stand apart from the two
		// before it, or it may be the start of a shift.
		last := i == len(res)-1
		if !apart(i-1) || (!last && !apart(i+1)) || (last && (i < 2 || !apart(i-2))) {
			continue
		}
		expected := icept + slope*float64(pts[i].Month)
		lo, hi := max(k.Min, (expected-3*sigma)/scale), min(k.Max, (expected+3*sigma)/scale)
		usual := formatFixed(lo, decimals(k, lo)) + " to " + formatValue(k, hi, p.Currency)
		if k.Unit == "currency" {
			usual = formatValue(k, lo, p.Currency) + " to " + formatFixed(hi, decimals(k, hi))
		}
		value := formatValue(k, pts[i].Value, p.Currency)
		if k.AnnualTarget() {
			value = formatFixed(pts[i].Value, 2) + " % a month"
			usual = formatFixed(lo, 2) + " to " + formatFixed(hi, 2) + " % a month"
		}
		note := fmt.Sprintf("%s in %s is outside the usual range of %s: a one-off to explain, not a trend",
			value, pts[i].Month.Label(), usual)
		if last {
			note += " (the latest month: next month tells whether it is a shift)"
		}
		out = append(out, Spike{Month: pts[i].Month, Value: round4(pts[i].Value), Display: value, UsualRange: usual, Note: note})
	}
	return out
}

// readiness is the weighted mean of status scores × 100 over scored KPIs.
func readiness(kpis []KPIResult) (float64, int) {
	sum, weights, n := 0.0, 0.0, 0
	for _, r := range kpis {
		if r.Score == nil || r.Weight <= 0 {
			continue
		}
		sum += *r.Score * r.Weight
		weights += r.Weight
		n++
	}
	if weights == 0 {
		return 0, 0
	}
	// A whole number, so the score the pack prints is the score the rules compare.
	return math.Round(sum / weights * 100), n
}

// dataQuality lists missing months, low evidence, one-offs and the reader's assumptions.
func dataQuality(d *Dataset, p *Pack) []Note {
	notes := []Note{}
	for _, r := range p.KPIs {
		if len(r.Series) == 0 {
			notes = append(notes, Note{Kind: NoteNoData, KPI: r.ID,
				Text: fmt.Sprintf("%s %s a gate but %s no data: track it monthly, or set Gate to no in Targets", r.Name, verb(&r, "is", "are"), verb(&r, "has", "have"))})
			continue
		}
		var missing []string
		next := r.Series[0].Month
		for _, pt := range r.Series {
			for ; next < pt.Month; next++ {
				missing = append(missing, next.Label())
			}
			next = pt.Month + 1
		}
		for ; next <= p.ReportMonth; next++ {
			missing = append(missing, next.Label())
		}
		if len(missing) > 0 {
			// A gap among the last 3 months moves the level: that one is a condition.
			var recent []string
			for m := p.ReportMonth - levelWindow + 1; m <= p.ReportMonth; m++ {
				if slices.Contains(missing, m.Label()) {
					recent = append(recent, m.Label())
				}
			}
			notes = append(notes, Note{Kind: NoteMissingMonths, KPI: r.ID, months: recent,
				Text: fmt.Sprintf("%s %s no value for %s: fill it in, or leave it empty if there was none", r.Name, verb(&r, "has", "have"), joinAnd(missing))})
		}
		if r.Status == InsufficientData || (r.Target != nil && r.MonthsWithData < minStatusData) {
			notes = append(notes, Note{Kind: NoteLowEvidence, KPI: r.ID,
				Text: fmt.Sprintf("%s %s %s of data; a status needs %d", r.Name, verb(&r, "has", "have"), monthsWord(r.MonthsWithData), minStatusData)})
		}
		if r.ProjectionLowConfidence && r.Target != nil {
			notes = append(notes, Note{Kind: NoteLowEvidence, KPI: r.ID,
				Text: fmt.Sprintf("%s %s projected %s ahead on %s of data: low confidence", r.Name, verb(&r, "is", "are"),
					monthsWord(int(max(p.TransferMonth, p.ReportMonth)-r.Series[len(r.Series)-1].Month)), monthsWord(r.MonthsWithData))})
		}
		for _, s := range r.Spikes {
			notes = append(notes, Note{Kind: NoteOneOff, KPI: r.ID, Text: r.Name + ": " + s.Note})
		}
	}
	for _, f := range d.Findings {
		if f.ReportMonthOnly {
			continue
		}
		kind := NoteInput
		if f.Assumption {
			kind = NoteAssumption
		}
		// A pack goes to clients: it names the file, not the folders it was read from.
		at := filepath.Base(f.File)
		if c := f.Cell(); c != "" {
			at += ": " + c
		}
		notes = append(notes, Note{Kind: kind, Text: at + ": " + f.Message})
	}
	later := 0
	for _, s := range d.Series {
		for _, pt := range s.Points {
			if pt.Month > p.ReportMonth {
				later++
			}
		}
	}
	if later > 0 {
		verb := map[bool]string{true: "is", false: "are"}[later == 1]
		notes = append(notes, Note{Kind: NoteAfterReportMonth,
			Text: fmt.Sprintf("%s after %s %s not part of this pack", Count(later, "value"), p.ReportMonth.Label(), verb)})
	}
	if p.ReportMonth > p.TransferMonth { // months past the plan, within the delay window
		notes = append(notes, Note{Kind: NoteDelayInForce, Text: fmt.Sprintf(
			"The Transfer was planned for %s; %s reviews the delay in force, whose %d-month window ends in %s",
			p.TransferMonth.Label(), p.ReportMonth.Label(), p.DelayWindowMonths, p.windowEnd().Label())})
	}
	return notes
}

// kpi returns the pack's result for an id, or nil.
func (p *Pack) kpi(id string) *KPIResult {
	i := slices.IndexFunc(p.KPIs, func(r KPIResult) bool { return r.ID == id })
	if i < 0 {
		return nil
	}
	return &p.KPIs[i]
}
