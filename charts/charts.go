// Package charts turns a Pack into chart specs, one per KPI, in one house style, so the
// HTML pack's interactive charts and the PDF pack's images draw the same series, lines,
// bands, markers and colours. A spec holds only what the Pack says; charts adds geometry
// (the months of the x axis, a y range that holds every line) and style, never a figure.
package charts

import (
	"math"

	"github.com/transferpack/transferpack/report"
)

// Spec is one KPI's trend chart: the monthly actuals, the baseline and the target as
// lines, the agreed amber band, the projection from the level's month to the end of the
// delay window, the planned Transfer month, the delay window and the one-off months.
// Values are in the unit of the KPI's level and target (attrition annual).
type Spec struct {
	ID      string // a stable element id: "chart-predictability"
	KPI     string // the KPI's id
	Title   string // the KPI's name
	Summary string // the pack's sentence about the KPI's trend, printed with the chart
	Unit    string // printed after values: "%", "%/yr", "h", "USD"; "" for scores
	Gate    bool
	Status  report.Status
	// StatusLabel is the status as the pack prints it: "Recoverable".
	StatusLabel string

	// Months is the x axis: every month from the first with data to the end of the
	// delay window; Labels are their short names ("Nov 25").
	Months []report.Month
	Labels []string
	// Actual and Projection hold one value per month of Months; nil where there is none
	// (a month without data is a gap, never zero). ActualLabels print Actual.
	Actual       []*float64
	ActualLabels []string
	Projection   []*float64
	Baseline     *float64 // nil without a baseline
	Target       *float64 // nil without a target
	// AmberLow and AmberHigh bound the agreed amber band; nil without one.
	AmberLow, AmberHigh *float64

	// Transfer is the index in Months of the planned Transfer month; -1 when it is not
	// on the axis. WindowFrom and WindowTo are the first and last index of the delay
	// window after it; WindowFrom > WindowTo when there is no window.
	Transfer, WindowFrom, WindowTo int
	// OneOffs are the indices of the months flagged as one-offs.
	OneOffs []int

	// Min and Max are the y axis range: every value, line and band fits, with a margin,
	// rounded out to a step of Step.
	Min, Max, Step float64
}

// Specs returns a chart spec for every KPI of the pack with data: gates first, then the
// catalog order.
func Specs(p *report.Pack) []Spec {
	var gates, rest []Spec
	for i := range p.KPIs {
		r := &p.KPIs[i]
		if len(r.Chart.Actual) == 0 {
			continue
		}
		s := spec(p, r)
		if r.Gate {
			gates = append(gates, s)
		} else {
			rest = append(rest, s)
		}
	}
	return append(gates, rest...)
}

// Of returns the spec of one KPI; ok is false when the KPI has no data in the pack.
func Of(p *report.Pack, id string) (s Spec, ok bool) {
	for i := range p.KPIs {
		if r := &p.KPIs[i]; r.ID == id && len(r.Chart.Actual) > 0 {
			return spec(p, r), true
		}
	}
	return Spec{}, false
}

func spec(p *report.Pack, r *report.KPIResult) Spec {
	s := Spec{
		ID: "chart-" + r.ID, KPI: r.ID, Title: r.Name, Summary: r.Summary, Unit: r.Display.Unit,
		Gate: r.Gate, Status: r.Status, StatusLabel: r.Display.Status,
		Baseline: r.Baseline, Target: r.Target, AmberLow: r.Chart.AmberLow, AmberHigh: r.Chart.AmberHigh,
		Transfer: -1, WindowFrom: 0, WindowTo: -1,
	}
	first := r.Chart.Actual[0].Month
	last := p.TransferMonth + report.Month(p.DelayWindowMonths)
	if n := len(r.Chart.Projected); n > 0 {
		last = max(last, r.Chart.Projected[n-1].Month)
	}
	last = max(last, r.Chart.Actual[len(r.Chart.Actual)-1].Month)
	index := func(m report.Month) int { return int(m - first) }
	for m := first; m <= last; m++ {
		s.Months = append(s.Months, m)
		s.Labels = append(s.Labels, m.Short())
	}
	s.Actual = make([]*float64, len(s.Months))
	s.ActualLabels = make([]string, len(s.Months))
	s.Projection = make([]*float64, len(s.Months))
	for i, pt := range r.Chart.Actual {
		v := pt.Value
		s.Actual[index(pt.Month)] = &v
		s.ActualLabels[index(pt.Month)] = r.Chart.ActualLabels[i]
	}
	for _, pt := range r.Chart.Projected {
		v := pt.Value
		s.Projection[index(pt.Month)] = &v
	}
	if t := index(p.TransferMonth); t >= 0 && t < len(s.Months) {
		s.Transfer = t
		s.WindowFrom, s.WindowTo = t+1, min(len(s.Months)-1, t+p.DelayWindowMonths)
	}
	for _, sp := range r.Spikes {
		s.OneOffs = append(s.OneOffs, index(sp.Month))
	}
	s.Min, s.Max, s.Step = yRange(&s)
	return s
}

// yRange is a y axis range holding every value, line and band of the chart, with a
// margin of a twentieth of the span, rounded out to a nice step (1, 2 or 5 × 10ⁿ) that
// gives about five ticks.
func yRange(s *Spec) (lo, hi, step float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(v *float64) {
		if v != nil {
			lo, hi = min(lo, *v), max(hi, *v)
		}
	}
	for i := range s.Months {
		see(s.Actual[i])
		see(s.Projection[i])
	}
	see(s.Baseline)
	see(s.Target)
	see(s.AmberLow)
	see(s.AmberHigh)
	if math.IsInf(lo, 1) {
		return 0, 1, 0.2
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(math.Abs(hi), 1)
	}
	lo, hi = lo-span/20, hi+span/20
	step = niceStep((hi - lo) / 5)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if lo < 0 && s.minValue() >= 0 {
		lo = 0 // a KPI that cannot go below zero keeps its axis there
	}
	return lo, hi, step
}

// minValue is the smallest value the chart plots; 0 without any.
func (s *Spec) minValue() float64 {
	m := math.Inf(1)
	for i := range s.Months {
		if v := s.Actual[i]; v != nil {
			m = min(m, *v)
		}
		if v := s.Projection[i]; v != nil {
			m = min(m, *v)
		}
	}
	for _, v := range []*float64{s.Baseline, s.Target, s.AmberLow} {
		if v != nil {
			m = min(m, *v)
		}
	}
	if math.IsInf(m, 1) {
		return 0
	}
	return m
}

// niceStep rounds a raw step up to 1, 2 or 5 × 10ⁿ.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 5, 10} {
		if raw <= f*mag {
			return f * mag
		}
	}
	return 10 * mag
}
