package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/report"
)

// The Scorecard's columns. Baseline to months with data are live formulas over Monthly;
// trend to DORA tier are the values transferpack computed.
const (
	scKPI = iota + 1
	scGate
	scTarget
	scBaseline
	scLevel
	scVsBaseline
	scVsBaselinePct
	scVsTarget
	scMonths
	scTrend
	scSlope
	scP
	scProjection
	scStatus
	scScore
	scWeight
	scTier
)

// Formats of the columns the pack has no label for.
const (
	fmtPercentChange = `"+"0.0%;"−"0.0%;0.0%`
	fmtSlope         = `"+"0.0###;"−"0.0###;0.0`
	fmtP             = `[<0.001]"< 0.001";0.000`
)

// scorecard is one row per KPI: the figures finance audits as formulas over Monthly,
// then the statistics Excel has no function for, as transferpack computed them.
func (b *book) scorecard() *sheet {
	p := b.p
	s := newSheet(sheetScorecard)
	b.heading(s, sheetScorecard)
	s.put(scBaseline, rowGroup, excelize.Cell{StyleID: b.id(group), Value: colLiveFormulas}, "")
	s.merge(scBaseline, rowGroup, scMonths, rowGroup)
	s.put(scTrend, rowGroup, excelize.Cell{StyleID: b.id(group), Value: colComputed}, "")
	s.merge(scTrend, rowGroup, scTier, rowGroup)
	s.headers(rowHeader, []string{"KPI", "Gate", "Target", "Baseline", "Level", "vs baseline", "vs baseline %",
		"vs target", "Months with data", "Trend", "Theil–Sen slope per month", "Mann–Kendall p",
		"Projection at Transfer", "Status", "Score", "Weight", "DORA tier"}, b.id(header))
	s.restyle(rowHeader, b.id(numHeader), scTarget, scBaseline, scLevel, scVsBaseline, scVsBaselinePct, scVsTarget, scSlope, scP, scProjection)
	s.restyle(rowHeader, b.id(centredHeader), scGate, scMonths, scScore, scWeight)
	s.restyle(rowHeader, b.id(statusHeader), scStatus)
	for i := range p.KPIs {
		b.scorecardRow(s, &p.KPIs[i])
	}
	last := max(s.lastRow(), rowFirst)
	s.freeze = cell(scKPI+1, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowGroup, rowHeader)
	s.conds = append(s.conds, cond{ref: cell(scStatus, rowFirst) + ":" + cell(scStatus, last), opts: b.statusRules()})
	for c, w := range map[int]float64{scGate: 7, scMonths: 9, scSlope: 11, scP: 10, scVsBaselinePct: 10, scScore: 7, scWeight: 8, scTier: 9} {
		s.fixed[c] = max(w, s.widthOf(c))
	}
	return s
}

func (b *book) scorecardRow(s *sheet, r *report.KPIResult) {
	row := b.row[r.ID]
	d := r.Display
	s.text(scKPI, row, r.Name, b.id(body))
	if r.Gate {
		s.text(scGate, row, "Gate", b.id(centred))
	}
	if r.Target != nil {
		s.number(scTarget, row, *r.Target, b.id(body.with(valueFormat(d.Target))), d.Target)
	}

	annual := isAnnual(r)
	monthly := func(fn string, from, to report.Month) string {
		f := fmt.Sprintf("%s(%s!%s%d:%s%d)", fn, sheetMonthly, colName(b.col[r.ID]), b.monthRow(from), colName(b.col[r.ID]), b.monthRowClamped(to))
		if annual {
			f += "*12"
		}
		return f
	}
	switch {
	case r.Baseline != nil && !r.BaselineFrom.IsZero():
		s.formula(scBaseline, row, monthly("MEDIAN", r.BaselineFrom, r.BaselineTo), *r.Baseline, b.id(body.with(valueFormat(d.Baseline))), d.Baseline)
	case r.Baseline != nil: // agreed in Targets: a value, not a formula
		s.number(scBaseline, row, *r.Baseline, b.id(body.with(valueFormat(d.Baseline))), d.Baseline)
	}
	if r.Level != nil && len(r.LevelMonths) > 0 {
		fn := "MEDIAN"
		if annual {
			fn = "AVERAGE"
		}
		s.formula(scLevel, row, monthly(fn, r.LevelMonths[0], r.LevelMonths[len(r.LevelMonths)-1]), *r.Level,
			b.id(body.with(valueFormat(d.Level))), d.Level)
	}
	level, base := cell(scLevel, row), cell(scBaseline, row)
	// The variances are taken between the figures as printed, as the pack takes them,
	// so a row reads 16.7 − 6.9 = 9.8 and agrees with the PDF and HTML packs.
	if v, ok := figureValue(d.VsBaseline); ok && r.VsBaseline != nil {
		s.formula(scVsBaseline, row, fmt.Sprintf("ROUND(%s,%d)-ROUND(%s,%d)", level, decimalsOf(d.Level), base, decimalsOf(d.Baseline)),
			v, b.id(body.with(deltaFormat(d.VsBaseline))), d.VsBaseline)
	}
	if r.VsBaselinePct != nil {
		s.formula(scVsBaselinePct, row, fmt.Sprintf("(%s-%s)/ABS(%s)", level, base, base), *r.VsBaselinePct/100,
			b.id(body.with(fmtPercentChange)), fmt.Sprintf("%+.1f%%", *r.VsBaselinePct))
	}
	if v, ok := figureValue(d.VsTarget); ok && r.VsTarget != nil {
		s.formula(scVsTarget, row, fmt.Sprintf("ROUND(%s,%d)-%s", level, decimalsOf(d.Level), cell(scTarget, row)),
			v, b.id(body.with(deltaFormat(d.VsTarget))), d.VsTarget)
	}
	col := colName(b.col[r.ID])
	s.formula(scMonths, row, fmt.Sprintf("COUNT(%s!%s%d:%s%d)", sheetMonthly, col, rowFirst, col, b.lastMonthRow()),
		float64(r.MonthsWithData), b.id(centred), fmt.Sprint(r.MonthsWithData))

	s.text(scTrend, row, d.Slope, b.id(body))
	if r.Trend.Points >= 2 {
		s.number(scSlope, row, r.Trend.Estimate, b.id(body.with(fmtSlope)), fmt.Sprint(r.Trend.Estimate))
	}
	if r.Trend.PValue != nil {
		s.number(scP, row, *r.Trend.PValue, b.id(body.with(fmtP)), "0.000")
	}
	if r.Projection != nil {
		s.number(scProjection, row, *r.Projection, b.id(body.with(valueFormat(d.Projection))), d.Projection)
	}
	s.text(scStatus, row, d.Status, b.id(statusWord))
	if r.Score != nil {
		s.number(scScore, row, *r.Score, b.id(centred), fmt.Sprint(*r.Score))
	}
	s.number(scWeight, row, r.Weight, b.id(centred), fmt.Sprint(r.Weight))
	if r.DORATier != nil {
		s.text(scTier, row, r.Display.DORATier, b.id(body))
	}
}

// monthRowClamped is the row of a month on Monthly, or of the report month for a month
// after it: a baseline window can reach past an early report month, which has no row.
func (b *book) monthRowClamped(m report.Month) int { return min(b.monthRow(m), b.lastMonthRow()) }

// isAnnual reports whether a KPI's level and target are annual rates over monthly data
// (attrition): its formulas annualise the monthly values × 12.
func isAnnual(r *report.KPIResult) bool {
	k, ok := report.LookupKPI(r.ID)
	return ok && k.AnnualTarget()
}

// heading writes a sheet's title and, under it, the team and the report month.
func (b *book) heading(s *sheet, name string) {
	s.put(1, rowTitle, excelize.Cell{StyleID: b.id(title), Value: name}, "")
	sub := b.p.Team + " · " + b.p.Display.ReportMonth
	s.put(1, rowSubtitle, excelize.Cell{StyleID: b.id(subtitle), Value: sub}, "")
}
