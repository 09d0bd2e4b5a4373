package xlsx

import (
	"fmt"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/report"
)

// The Summary's fixed rows: the defined names Decision and ReadinessScore point at them.
const (
	summaryFactsRow    = 4
	summaryDecisionRow = 11
	summaryScoreRow    = 14
	summaryGatesRow    = 17
)

// Summary columns: labels in A, values from B; long text spans B to G.
const (
	sumLabel = 1
	sumValue = 2
	sumLast  = 7
)

// summary is the first sheet: the engagement, the decision, the readiness score, each
// gate and its status, then the headline, why, the conditions or terms, and the month's
// commentary.
func (b *book) summary() *sheet {
	p := b.p
	s := newSheet(sheetSummary)
	s.fixed[sumLabel] = 24
	for c := sumValue; c <= sumLast; c++ {
		s.fixed[c] = 15
	}
	s.text(1, rowTitle, p.Team, b.id(title))
	s.text(1, rowSubtitle, p.Client, b.id(subtitle))

	lbl := b.id(label)
	fact := func(row int, name, value string) {
		s.text(sumLabel, row, name, lbl)
		if value != "" {
			s.text(sumValue, row, value, b.id(body))
		}
	}
	for i, f := range [][2]string{
		{"Client", p.Client},
		{"Partner", p.Partner},
		{"Location", p.Location},
		{"Report month", p.Display.ReportMonth},
		{"Operate start", p.Display.OperateStart},
		{"Planned Transfer", p.Display.TransferMonth},
		{"Months to Transfer", p.Display.MonthsToTransfer},
	} {
		fact(summaryFactsRow+i, f[0], f[1])
	}

	rec := p.Recommendation
	s.text(sumLabel, summaryDecisionRow, "Decision", lbl)
	dec := markStyle(charts.DecisionMark(rec.Decision))
	dec.size = 14
	s.text(sumValue, summaryDecisionRow, p.Display.Decision, b.id(dec))
	for c := sumValue + 1; c <= sumValue+2; c++ {
		s.text(c, summaryDecisionRow, "", b.id(dec))
	}
	s.merge(sumValue, summaryDecisionRow, sumValue+2, summaryDecisionRow)
	s.height[summaryDecisionRow] = 24
	s.text(sumLabel, summaryDecisionRow+1, "Delay (months)", lbl)
	s.number(sumValue, summaryDecisionRow+1, float64(rec.DelayMonths), b.id(left.with("0")), "")
	fact(summaryDecisionRow+2, "New Transfer month", p.Display.NewTransferMonth)

	s.text(sumLabel, summaryScoreRow, "Readiness score", lbl)
	score := style{bold: true, size: 14, align: "left"}.with(valueFormat(p.Display.ReadinessScore))
	if f := b.readinessFormula(); f != "" {
		s.formula(sumValue, summaryScoreRow, f, p.ReadinessScore, b.id(score), "")
	} else {
		s.number(sumValue, summaryScoreRow, p.ReadinessScore, b.id(score), "")
	}
	s.height[summaryScoreRow] = 22
	s.text(sumLabel, summaryScoreRow+1, "Scored KPIs", lbl)
	s.number(sumValue, summaryScoreRow+1, float64(p.ScoredKPIs), b.id(left.with("0")), "")

	b.gates(s, summaryGatesRow)
	row := s.lastRow() + 2
	s.text(sumLabel, row, "Headline", lbl)
	s.long(sumValue, sumLast, row, rec.Headline, b.id(style{bold: true, wrap: true}))
	row++
	list := func(name string, items []string) {
		for i, it := range items {
			if i == 0 {
				s.text(sumLabel, row, name, lbl)
			}
			s.long(sumValue, sumLast, row, it, b.id(wrapped))
			row++
		}
	}
	list("Why", rec.Rationale)
	list("Conditions", rec.Conditions)
	list("Terms to revisit", rec.Terms)

	row++
	for _, c := range p.Commentary { // the summary section has no category section
		if c.Section == report.SectionSummary {
			s.text(sumLabel, row, "Commentary", lbl)
			s.long(sumValue, sumLast, row, plainText(c.Text), b.id(wrapped))
			row++
		}
	}
	for _, sec := range p.Sections {
		for i, c := range sec.Commentary {
			if i == 0 {
				s.text(sumLabel, row, "Commentary: "+sec.Title, lbl)
			}
			s.long(sumValue, sumLast, row, plainText(c), b.id(wrapped))
			row++
		}
	}
	return s
}

// gates writes the table of gates from row: each gate's level, target and variance as
// formulas over the Scorecard, its status and its trend.
func (b *book) gates(s *sheet, row int) {
	hdr, num := b.id(header), b.id(numHeader)
	for i, h := range []string{"Gate", "Level", "Target", "vs target", "Status", "Trend"} {
		st := hdr
		switch {
		case i >= 1 && i <= 3:
			st = num
		case h == "Status":
			st = b.id(statusHeader)
		}
		s.text(sumLabel+i, row, h, st)
	}
	s.text(sumLast, row, "", hdr)
	s.merge(sumLabel+5, row, sumLast, row)
	first := row + 1
	for i := range b.p.KPIs {
		r := &b.p.KPIs[i]
		if !r.Gate {
			continue
		}
		row++
		sc := b.row[r.ID]
		d := r.Display
		s.text(sumLabel, row, r.Name, b.id(body))
		link := func(col, scCol int, v *float64, format string) {
			if v != nil {
				s.formula(col, row, fmt.Sprintf("%s!%s", sheetScorecard, cell(scCol, sc)), *v, b.id(body.with(format)), "")
			}
		}
		link(2, scLevel, r.Level, valueFormat(d.Level))
		link(3, scTarget, r.Target, valueFormat(d.Target))
		if v, ok := figureValue(d.VsTarget); ok && r.VsTarget != nil {
			link(4, scVsTarget, &v, deltaFormat(d.VsTarget))
		}
		s.text(5, row, d.Status, b.id(statusWord))
		s.text(6, row, d.Slope, b.id(body))
	}
	if row >= first {
		s.conds = append(s.conds, cond{ref: cell(5, first) + ":" + cell(5, row), opts: b.statusRules()})
	}
}

// readinessFormula is the readiness score as a formula over the Scorecard's scores and
// weights: the weighted mean of the scored KPIs × 100, rounded to a whole number; "" when
// no KPI is scored (the score is then 0, a value).
func (b *book) readinessFormula() string {
	if b.p.ScoredKPIs == 0 || len(b.p.KPIs) == 0 {
		return ""
	}
	first, last := rowFirst, rowFirst+len(b.p.KPIs)-1
	score := fmt.Sprintf("%s!%s%d:%s%d", sheetScorecard, colName(scScore), first, colName(scScore), last)
	weight := fmt.Sprintf("%s!%s%d:%s%d", sheetScorecard, colName(scWeight), first, colName(scWeight), last)
	return fmt.Sprintf(`ROUND(SUMPRODUCT(%s,%s,--(%s>0))/SUMIFS(%s,%s,"<>",%s,">0")*100,0)`, score, weight, weight, weight, score, weight)
}
