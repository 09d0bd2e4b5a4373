package html

import (
	"bytes"
	"encoding/json"
	"html/template"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/report"
)

// The words a trend chart draws beside its lines and bands, so that no colour carries
// a meaning alone, and the names of its series and tooltip rows.
const (
	labelActual     = "Actual"
	labelProjection = "Projection"
	labelBaseline   = "Baseline"
	labelTarget     = "Target"
	labelTransfer   = "Transfer"
	labelWindow     = "Delay\nwindow" // two lines: the band is narrow
	labelAmber      = "Amber band"
	labelOneOff     = "One-off"
	labelStatus     = "Status"
)

// chartData is what a chart's <script type="application/json"> holds for charts.js:
// the ECharts option, and the words its tooltip shows for each month.
type chartData struct {
	Option map[string]any `json:"option"`
	Tips   chartTips      `json:"tips"`
}

// chartTips are the tooltip's texts, one per month of the x axis where they vary, all
// as the Pack prints them: charts.js writes them into the tooltip as text.
type chartTips struct {
	Title  string   `json:"title"`  // the KPI's name
	Months []string `json:"months"` // "Oct 2026"
	Values []string `json:"values"` // the actual as printed; "" for a month without one
	Notes  []string `json:"notes"`  // the one-off note of the month; "" for most
	Target string   `json:"target,omitempty"`
	Status string   `json:"status"` // the KPI's status as of the report month, with its shape
	Labels struct {
		Actual string `json:"actual"`
		Target string `json:"target"`
		Status string `json:"status"`
	} `json:"labels"`
}

// markLineItem is one line of a series' markLine with its own label and style, which
// go-echarts' item types cannot carry.
type markLineItem struct {
	Name      string          `json:"name,omitempty"`
	XAxis     any             `json:"xAxis,omitempty"`
	YAxis     any             `json:"yAxis,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
}

// markAreaEdge is one corner of a markArea band, with the band's label and style on the
// first.
type markAreaEdge struct {
	Name      string          `json:"name,omitempty"`
	XAxis     any             `json:"xAxis,omitempty"`
	YAxis     any             `json:"yAxis,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// xAxis and tooltip add the options go-echarts' types lack: a line chart's months sit on
// the ticks, so the delay window's band spans whole months; a tooltip stays inside its
// chart.
type xAxis struct {
	opts.XAxis
	BoundaryGap bool `json:"boundaryGap"`
}

type tooltip struct {
	opts.Tooltip
	Confine   bool            `json:"confine"`
	TextStyle *opts.TextStyle `json:"textStyle,omitempty"`
}

// chartOption builds the ECharts option of one KPI's trend chart with go-echarts' types,
// in the house style of package charts. Every figure and label comes from the spec or
// the KPI's printed labels.
func chartOption(s *charts.Spec, r *report.KPIResult) map[string]any {
	line := ec.NewLine()
	// go-echarts would load ECharts from its remote host and name the chart at random;
	// the pack carries its own script and needs the same bytes every time.
	line.ClearPresetAssets()
	line.AssetsHost = ""
	line.ChartID = s.ID
	line.SetGlobalOptions(
		ec.WithAnimation(false), // drawn at once: for print, screenshots and the reader
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0",
			TextStyle: &opts.TextStyle{Color: charts.ColorText}}),
		ec.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{
			Type: "value", Name: s.Unit, Min: s.Min, Max: s.Max, MinInterval: s.Step, MaxInterval: s.Step,
			AxisLabel: &opts.AxisLabel{Color: charts.ColorMuted},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: charts.ColorGrid}},
		}),
	)
	line.SetXAxis(s.Labels)

	actual := make([]opts.LineData, len(s.Months))
	projection := make([]opts.LineData, len(s.Months))
	hasProjection := false
	for i := range s.Months {
		actual[i], projection[i] = point(s.Actual[i]), point(s.Projection[i])
		hasProjection = hasProjection || s.Projection[i] != nil
	}
	line.AddSeries(labelActual, actual,
		ec.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: charts.MarkerSize * 1.4, ConnectNulls: opts.Bool(false)}),
		ec.WithLineStyleOpts(opts.LineStyle{Color: charts.ColorActual, Width: charts.LineActual, Type: "solid"}),
		ec.WithItemStyleOpts(opts.ItemStyle{Color: charts.ColorActual}),
		ec.WithSeriesOpts(func(ss *ec.SingleSeries) { marks(ss, s, r) }),
	)
	if hasProjection {
		line.AddSeries(labelProjection, projection,
			ec.WithLineChartOpts(opts.LineChart{Symbol: "none", ConnectNulls: opts.Bool(false)}),
			ec.WithLineStyleOpts(opts.LineStyle{Color: charts.ColorProjection, Width: charts.LineActual, Type: "dashed"}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: charts.ColorProjection}),
		)
	}
	line.Validate()

	option := line.JSON()
	option["xAxis"] = []xAxis{{XAxis: opts.XAxis{
		Type: "category", Data: s.Labels,
		AxisLabel: &opts.AxisLabel{Color: charts.ColorMuted},
		AxisLine:  &opts.AxisLine{LineStyle: &opts.LineStyle{Color: charts.ColorMuted}},
	}}}
	option["tooltip"] = tooltip{Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}, Confine: true,
		TextStyle: &opts.TextStyle{Color: charts.ColorText}}
	option["textStyle"] = opts.TextStyle{FontFamily: charts.FontFamily, Color: charts.ColorText}
	option["color"] = []string{charts.ColorActual, charts.ColorProjection} // not go-echarts' palette
	delete(option, "toolbox")                                              // an empty toolbox draws nothing; left out, the option says less
	return option
}

// marks puts the chart's reference lines, bands and one-off markers on its actuals.
func marks(ss *ec.SingleSeries, s *charts.Spec, r *report.KPIResult) {
	text := func(words, position string) *opts.Label {
		return &opts.Label{Show: opts.Bool(true), Formatter: words, Position: position, Color: charts.ColorText,
			FontSize: 11, LineHeight: 13}
	}
	var lines []any
	if s.Baseline != nil {
		lines = append(lines, markLineItem{Name: labelBaseline, YAxis: *s.Baseline,
			Label:     text(labelBaseline+" "+r.Display.Baseline, "insideStartTop"),
			LineStyle: &opts.LineStyle{Color: charts.ColorBaseline, Width: charts.LineOther, Type: "dotted"}})
	}
	if s.Target != nil {
		lines = append(lines, markLineItem{Name: labelTarget, YAxis: *s.Target,
			Label:     text(labelTarget+" "+r.Display.Target, "insideEndTop"),
			LineStyle: &opts.LineStyle{Color: charts.ColorTarget, Width: charts.LineOther, Type: "dashed"}})
	}
	if s.Transfer >= 0 {
		lines = append(lines, markLineItem{Name: labelTransfer, XAxis: s.Labels[s.Transfer],
			Label:     text(labelTransfer, "end"),
			LineStyle: &opts.LineStyle{Color: charts.ColorTransfer, Width: charts.LineTransfer, Type: "solid"}})
	}
	if len(lines) > 0 {
		ss.MarkLines = &opts.MarkLines{Data: lines, MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}}}
	}

	var areas []any
	if s.AmberLow != nil && s.AmberHigh != nil {
		areas = append(areas, []markAreaEdge{
			{Name: labelAmber, YAxis: *s.AmberLow, Label: text(labelAmber, "insideLeft"),
				ItemStyle: &opts.ItemStyle{Color: charts.ColorAmberBand}},
			{YAxis: *s.AmberHigh},
		})
	}
	if s.Transfer >= 0 && s.WindowTo > s.Transfer {
		areas = append(areas, []markAreaEdge{
			{Name: labelWindow, XAxis: s.Labels[s.Transfer], Label: text(labelWindow, "insideBottom"),
				ItemStyle: &opts.ItemStyle{Color: charts.ColorWindow}},
			{XAxis: s.Labels[s.WindowTo]},
		})
	}
	if len(areas) > 0 {
		ss.MarkAreas = &opts.MarkAreas{Data: areas, MarkAreaStyle: opts.MarkAreaStyle{Label: &opts.Label{Color: charts.ColorText}}}
	}

	var points []any
	for _, i := range s.OneOffs {
		if i < 0 || i >= len(s.Months) || s.Actual[i] == nil {
			continue
		}
		points = append(points, opts.MarkPointNameCoordItem{
			Name: labelOneOff, Coordinate: []any{s.Labels[i], *s.Actual[i]},
			Symbol: "emptyCircle", SymbolSize: 16,
			ItemStyle: &opts.ItemStyle{Color: "#FFFFFF", BorderColor: charts.ColorTarget, BorderWidth: 2},
			Label:     text(labelOneOff, "top"),
		})
	}
	if len(points) > 0 {
		ss.MarkPoints = &opts.MarkPoints{Data: points}
	}
}

// point is one month of a series: ECharts draws "-" as a gap, never as zero.
func point(v *float64) opts.LineData {
	if v == nil {
		return opts.LineData{Value: "-"}
	}
	return opts.LineData{Value: *v}
}

// tips are the tooltip's texts for a chart.
func tips(s *charts.Spec, r *report.KPIResult, p *report.Pack) chartTips {
	t := chartTips{Title: r.Name, Target: r.Display.Target,
		Status: charts.StatusMark(r.Status).Shape + " " + r.Display.Status}
	t.Labels.Actual, t.Labels.Target = labelActual, labelTarget
	t.Labels.Status = labelStatus + ", " + p.Display.ReportMonth
	t.Months = make([]string, len(s.Months))
	t.Values = make([]string, len(s.Months))
	t.Notes = make([]string, len(s.Months))
	for i, m := range s.Months {
		t.Months[i] = m.Label()
		t.Values[i] = s.ActualLabels[i]
		for _, sp := range r.Spikes {
			if sp.Month == m {
				t.Notes[i] = sp.Note
			}
		}
	}
	return t
}

// scriptJSON writes v as JSON to go inside a <script> element. The HTML parser ends a
// script at "</script" and changes state at "<!--", whatever the JSON means, and
// go-echarts writes its JSON unescaped: so every <, > and & in a string is written as a
// \u escape, which JSON.parse reads back as the same character. U+2028 and U+2029 are
// escaped too.
func scriptJSON(v any) (template.JS, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	// Encode already escapes <; this states the rule where it matters, at no cost when
	// nothing is left to replace.
	b = bytes.ReplaceAll(b, []byte("</"), []byte(`\u003c/`))
	return template.JS(b), nil
}
