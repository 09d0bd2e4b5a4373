package xlsx

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/report"
)

// chartSpecRefs is a charted KPI and the columns of Chart data its series are in; 0
// for a line the KPI does not have.
type chartSpecRefs struct {
	spec                           charts.Spec
	r                              *report.KPIResult
	actual, baseline, target, last int
}

// chartPlan lays out Chart data: a block of columns per KPI with data, in chart order
// (gates first), after the month column.
func (b *book) chartPlan() {
	col := 2
	for _, sp := range charts.Specs(b.p) {
		r := kpiByID(b.p, sp.KPI)
		if r == nil {
			continue
		}
		c := chartSpecRefs{spec: sp, r: r, actual: col}
		col++
		if r.Baseline != nil {
			c.baseline = col
			col++
		}
		if r.Target != nil {
			c.target = col
			col++
		}
		c.last = col - 1
		b.specs = append(b.specs, c)
	}
}

// The chart grid: two charts a row, each in a block of columns and rows of the default
// size, two rows of charts a printed page.
const (
	chartsPerRow   = 2
	chartCols      = 8 // columns a chart spans; a narrow gutter column follows
	gutterWidth    = 2
	chartRows      = 14 // rows a chart's block spans: a caption row, the chart and a gap
	chartColWidth  = 8.43
	chartRowPoints = 15
	// excelize anchors a chart to cells by converting their sizes to pixels with its own
	// factors (8 per character of width, 4/3.4 per point of height), which differ from a
	// viewer's; the chart's size is given in excelize's pixels so that it ends inside its
	// block of cells in every viewer.
	chartColPixels = 67 // int(chartColWidth × 8 + 0.5)
	chartRowPixels = 18 // ⌈chartRowPoints × 4/3.4⌉
	chartRowsPage  = 2  // rows of charts a printed page holds
	chartTop       = 4  // the first caption row
)

// charts is one native line chart per KPI with data, gates first, on a grid that prints
// two by two: the actuals, the baseline and the target, from Chart data. Above each
// chart, its KPI, whether it is a gate and its status.
func (b *book) charts() *sheet {
	s := newSheet(sheetCharts)
	b.heading(s, sheetCharts)
	for k := 0; k < chartsPerRow; k++ {
		for c := 1; c <= chartCols; c++ {
			s.fixed[k*(chartCols+1)+c] = chartColWidth
		}
		s.fixed[(k+1)*(chartCols+1)] = gutterWidth
	}
	last := b.lastMonthRow()
	months := rangeRef(sheetChartData, 1, rowFirst, last)
	for i, c := range b.specs {
		r := c.r
		col := 1 + (i%chartsPerRow)*(chartCols+1)
		row := chartTop + (i/chartsPerRow)*chartRows
		if i > 0 && i%(chartsPerRow*chartRowsPage) == 0 {
			s.breaks = append(s.breaks, row)
		}
		s.text(col, row, r.Name, b.id(label))
		if r.Gate {
			s.text(col+chartCols-3, row, "Gate", b.id(subtitle))
		}
		mark := markStyle(charts.StatusMark(r.Status))
		mark.align = "center"
		s.text(col+chartCols-2, row, r.Display.Status, b.id(mark))
		s.text(col+chartCols-1, row, "", b.id(mark))
		s.merge(col+chartCols-2, row, col+chartCols-1, row)

		series := []excelize.ChartSeries{{
			Name:       ref(sheetChartData, c.actual, rowHeader),
			Categories: months,
			Values:     rangeRef(sheetChartData, c.actual, rowFirst, last),
			Fill:       solid(charts.ColorActual),
			Line:       excelize.LineOptions{Width: charts.LineActual},
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: int(charts.MarkerSize), Fill: solid(charts.ColorActual)},
		}}
		if c.baseline != 0 {
			series = append(series, line(c.baseline, charts.ColorBaseline, excelize.LineDashSysDot, months, last))
		}
		if c.target != 0 {
			series = append(series, line(c.target, charts.ColorTarget, excelize.LineDashDash, months, last))
		}
		sp := c.spec
		alt := r.Summary
		if alt == "" {
			alt = r.Name
		}
		s.charts = append(s.charts, placedChart{cell: cell(col, row+1), chart: &excelize.Chart{
			Type:   excelize.Line,
			Series: series,
			Format: excelize.GraphicOptions{OffsetX: 4, OffsetY: 2, AltText: alt, PrintObject: ptr(true)},
			Dimension: excelize.ChartDimension{
				Width:  uint(chartCols*chartColPixels - 4),
				Height: uint((chartRows-2)*chartRowPixels - 4),
			},
			Legend: excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Size: 8, Color: charts.ColorMuted, Family: fontFamily}},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
				Text: withUnit(r.Name, r.Display.Unit),
				Font: &excelize.Font{Size: 10, Bold: true, Color: charts.ColorText, Family: fontFamily},
			}}},
			XAxis: excelize.ChartAxis{
				NumFmt:        excelize.ChartNumFmt{CustomNumFmt: "mmm yy"},
				Font:          excelize.Font{Size: 8, Color: charts.ColorMuted, Family: fontFamily},
				TickLabelSkip: (len(b.months) + 11) / 12, // about a dozen labels, so they do not run together
			},
			YAxis: excelize.ChartAxis{
				MajorGridLines: true, Minimum: ptr(sp.Min), Maximum: ptr(sp.Max), MajorUnit: sp.Step,
				NumFmt: excelize.ChartNumFmt{CustomNumFmt: digits(stepDecimals(sp.Step))},
				Font:   excelize.Font{Size: 8, Color: charts.ColorMuted, Family: fontFamily},
			},
			ShowBlanksAs: "gap",
		}})
	}
	// Every row gets the height excelize assumes when it anchors a chart, so a chart
	// ends where its block does whatever the default row height of the viewer.
	end := chartTop + (len(b.specs)+chartsPerRow-1)/chartsPerRow*chartRows
	for r := 1; r < end; r++ {
		s.height[r] = chartRowPoints
	}
	s.rowsTo(end - 1)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowTitle, rowSubtitle)
	return s
}

// stepDecimals is how many decimals the ticks of an axis with this step need.
func stepDecimals(step float64) int {
	if step <= 0 || step >= 1 {
		return 0
	}
	return int(math.Ceil(-math.Log10(step) - 1e-9))
}

// line is a horizontal line series (baseline or target) from a column of Chart data.
func line(col int, color string, dash excelize.LineDashType, months string, last int) excelize.ChartSeries {
	return excelize.ChartSeries{
		Name:       ref(sheetChartData, col, rowHeader),
		Categories: months,
		Values:     rangeRef(sheetChartData, col, rowFirst, last),
		Fill:       solid(color),
		Line:       excelize.LineOptions{Width: charts.LineOther, Dash: dash},
		Marker:     excelize.ChartMarker{Symbol: "none"},
	}
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}
