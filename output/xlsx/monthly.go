package xlsx

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/report"
)

// monthly is the data the analysis used, months down and KPIs across, as entered (blank
// where a month has no value, never zero), with each KPI's unit in its header: the
// ranges the Scorecard's formulas read.
func (b *book) monthly() *sheet {
	p := b.p
	s := newSheet(sheetMonthly)
	b.heading(s, sheetMonthly)
	s.put(1, rowGroup, excelize.Cell{StyleID: b.id(subtitle), Value: noteMonthly}, "")
	names := []string{"Month"}
	for i := range p.KPIs {
		names = append(names, withUnit(p.KPIs[i].Name, seriesUnit(&p.KPIs[i])))
	}
	s.headers(rowHeader, names, b.id(numHeader))
	s.restyle(rowHeader, b.id(header), 1)
	b.monthColumn(s)
	for i := range p.KPIs {
		r := &p.KPIs[i]
		for j, pt := range r.Series {
			s.number(b.col[r.ID], b.monthRow(pt.Month), pt.Value, b.id(body.with(plainFormat(r.Display.Series[j]))), r.Display.Series[j])
		}
	}
	last := b.lastMonthRow()
	s.table = &excelize.Table{Range: cell(1, rowHeader) + ":" + cell(1+len(p.KPIs), last), Name: "MonthlyData",
		StyleName: "TableStyleLight1", ShowRowStripes: ptr(true)}
	s.freeze = cell(2, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowHeader, rowHeader)
	return s
}

// monthColumn writes the months down column A from the first data row, as dates.
func (b *book) monthColumn(s *sheet) {
	for _, m := range b.months {
		s.number(1, b.monthRow(m), excelDate(m), b.id(dateFmt), m.Label())
	}
}

// data is the monthly values long, one row per team, month and KPI, as an Excel table
// with filters, ready for a pivot table.
func (b *book) data() *sheet {
	p := b.p
	s := newSheet(sheetData)
	b.heading(s, sheetData)
	s.headers(rowHeader, []string{"Team", "Month", "KPI", "Category", "Value", "Unit"}, b.id(header))
	s.restyle(rowHeader, b.id(numHeader), 5)
	row := rowFirst
	for i := range p.KPIs {
		r := &p.KPIs[i]
		unit := seriesUnit(r)
		if unit == "" {
			unit = r.Unit
		}
		for j, pt := range r.Series {
			s.text(1, row, p.Team, b.id(body))
			s.number(2, row, excelDate(pt.Month), b.id(dateFmt), pt.Month.Label())
			s.text(3, row, r.Name, b.id(body))
			s.text(4, row, r.Category.Title(), b.id(body))
			s.number(5, row, pt.Value, b.id(body.with(plainFormat(r.Display.Series[j]))), r.Display.Series[j])
			s.text(6, row, unit, b.id(body))
			row++
		}
	}
	s.table = &excelize.Table{Range: cell(1, rowHeader) + ":" + cell(6, max(row-1, rowFirst)), Name: "LongData",
		StyleName: "TableStyleLight1", ShowRowStripes: ptr(true)}
	s.freeze = cell(2, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowHeader, rowHeader)
	return s
}

// chartData holds the series the charts plot, month by month: each charted KPI's
// actuals as formulas over Monthly (attrition × 12, in the unit of its annual target),
// and its baseline and target as formulas over the Scorecard.
func (b *book) chartData() *sheet {
	s := newSheet(sheetChartData)
	b.heading(s, sheetChartData)
	s.put(1, rowHeader, excelize.Cell{StyleID: b.id(header), Value: "Month"}, "Month")
	b.monthColumn(s)
	for _, c := range b.specs {
		r := c.r
		s.text(c.actual, rowGroup, r.Name, b.id(group))
		s.merge(c.actual, rowGroup, c.last, rowGroup)
		mcol := colName(b.col[r.ID])
		s.text(c.actual, rowHeader, "Actual", b.id(header))
		for i, pt := range r.Series {
			f := fmt.Sprintf("%s!%s%d", sheetMonthly, mcol, b.monthRow(pt.Month))
			if isAnnual(r) {
				f += "*12"
			}
			s.formula(c.actual, b.monthRow(pt.Month), f, r.Chart.Actual[i].Value,
				b.id(body.with(plainFormat(r.Chart.ActualLabels[i]))), r.Chart.ActualLabels[i])
		}
		line := func(col, scCol int, name string, v *float64, label string) {
			if col == 0 {
				return
			}
			s.text(col, rowHeader, name, b.id(header))
			for _, m := range b.months {
				s.formula(col, b.monthRow(m), ref(sheetScorecard, scCol, b.row[r.ID]), *v, b.id(body.with(plainFormat(label))), label)
			}
		}
		line(c.baseline, scBaseline, "Baseline", r.Baseline, r.Display.Baseline)
		line(c.target, scTarget, "Target", r.Target, r.Display.Target)
	}
	s.freeze = cell(2, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowGroup, rowHeader)
	return s
}

// seriesUnit is the unit of a KPI's monthly values as entered: its printed unit, but a
// monthly rate for attrition, whose level and target are annual.
func seriesUnit(r *report.KPIResult) string {
	if isAnnual(r) {
		return unitPerMonth
	}
	return r.Display.Unit
}

// withUnit is a header with its unit: "Lead time for changes (h)".
func withUnit(name, unit string) string {
	if unit == "" {
		return name
	}
	return name + " (" + unit + ")"
}

// excelDate is the serial number Excel stores the first day of a month as: days since 30
// December 1899.
func excelDate(m report.Month) float64 {
	day := time.Date(m.Year(), time.Month(m.Num()), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return float64(day - epoch)
}
