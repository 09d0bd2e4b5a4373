package html

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/report"
)

// page is what the layouts see: the Pack itself, and the Pack's parts arranged the way
// the page shows them, with the house style's marks, the chart options and the
// commentary as HTML. Nothing here is a figure or a sentence the Pack does not hold.
type page struct {
	Pack *report.Pack
	// Decision is the mark of the recommendation: shape and colours.
	Decision charts.Mark
	// Scored is whether the readiness score has KPIs behind it.
	Scored bool
	// Gates are the gate KPIs, in pack order.
	Gates []*kpi
	// Groups are the scorecard's rows by category, in pack order.
	Groups []group
	// Charts are the trend charts: gates first, then the catalog order.
	Charts []chart
	// Summary is the commentary on the summary section, as HTML.
	Summary []template.HTML
	// Sections are the category sections with their KPIs and commentary.
	Sections []section
	// Monthly are the appendix's tables of monthly data, one per category.
	Monthly []monthly

	Style     template.CSS
	Script    template.JS // the ECharts bundle, inlined; "" when shared
	ScriptSrc string      // the shared ECharts script's path; "" when inlined
	ChartsJS  template.JS
	CSP       string
}

// kpi is one KPI's result with its status mark and, when it has data, its chart's id
// and sparkline.
type kpi struct {
	*report.KPIResult
	Mark  charts.Mark
	Chart string // the element id of its trend chart; "" without one
	Spark *spark // nil without data
}

// spark is a sparkline drawn as inline SVG: the path of the actuals and the target's
// height in a box of W × H pixels.
type spark struct {
	W, H    float64
	Path    string
	TargetY string // "" without a target
}

type group struct {
	Title string
	ID    string // element id
	KPIs  []*kpi
}

type chart struct {
	Spec charts.Spec
	KPI  *kpi
	Data template.JS // the option and tooltip texts, for a <script type="application/json">
	Rows []row       // the data table: the months with data
}

type row struct {
	Month, Value, Note string
}

type section struct {
	Title      string
	ID         string // element id
	KPIs       []*kpi
	Commentary []template.HTML
}

type monthly struct {
	Title string
	ID    string
	KPIs  []*kpi
	Rows  []monthRow
}

type monthRow struct {
	Month  string
	Values []string // one per KPI, as printed; "" without a value
}

// Sparkline box, in CSS pixels.
const sparkW, sparkH = 80, 22

// Heading levels of commentary: its "#" continues the outline under the section it is in.
const (
	summaryHeading = 3 // under the recommendation's h2
	sectionHeading = 4 // under a category's h3
)

var funcs = template.FuncMap{
	// dash prints an empty label as a dash, so an empty cell reads as "none", not as a gap
	// in the page.
	"dash": func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	},
}

// palette writes the house style of package charts as CSS custom properties, for
// pack.css to use.
func palette() string {
	var b strings.Builder
	b.WriteString(":root{")
	for _, c := range []struct{ name, value string }{
		{"actual", charts.ColorActual}, {"projection", charts.ColorProjection},
		{"target", charts.ColorTarget}, {"baseline", charts.ColorBaseline},
		{"window", charts.ColorWindow}, {"amber-band", charts.ColorAmberBand},
		{"grid", charts.ColorGrid}, {"text", charts.ColorText}, {"muted", charts.ColorMuted},
	} {
		fmt.Fprintf(&b, "--%s:%s;", c.name, c.value)
	}
	fmt.Fprintf(&b, "--font:%s}\n", charts.FontFamily)
	return b.String()
}

// view arranges a pack for the layouts, with the charts given; pageOf makes them.
func (w *Writer) view(p *report.Pack, cs []chart) *page {
	v := &page{
		Pack: p, Decision: charts.DecisionMark(p.Recommendation.Decision), Scored: p.ScoredKPIs > 0,
		Charts: cs, Style: w.style, Script: w.script, ScriptSrc: w.src, ChartsJS: w.chartsJS, CSP: w.csp,
	}
	return v
}

// pageOf arranges a pack for the layouts.
func (w *Writer) pageOf(p *report.Pack) (*page, error) {
	specs := map[string]*charts.Spec{}
	ordered := charts.Specs(p)
	for i := range ordered {
		specs[ordered[i].KPI] = &ordered[i]
	}
	kpis := map[string]*kpi{}
	all := make([]*kpi, len(p.KPIs))
	for i := range p.KPIs {
		r := &p.KPIs[i]
		k := &kpi{KPIResult: r, Mark: charts.StatusMark(r.Status)}
		if s := specs[r.ID]; s != nil {
			k.Chart = s.ID
			if path := s.Sparkline(sparkW, sparkH); path != "" {
				k.Spark = &spark{W: sparkW, H: sparkH, Path: path}
				if s.Target != nil {
					k.Spark.TargetY = strconv.FormatFloat(s.SparklineY(*s.Target, sparkH), 'f', 1, 64)
				}
			}
		}
		kpis[r.ID], all[i] = k, k
	}

	var cs []chart
	for i := range ordered {
		s := &ordered[i]
		k := kpis[s.KPI]
		data, err := scriptJSON(chartData{Option: chartOption(s, k.KPIResult), Tips: tips(s, k.KPIResult, p)})
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", s.KPI, err)
		}
		c := chart{Spec: *s, KPI: k, Data: data}
		for j, m := range s.Months {
			if s.Actual[j] == nil {
				continue
			}
			r := row{Month: m.Label(), Value: s.ActualLabels[j]}
			for _, sp := range k.Spikes {
				if sp.Month == m {
					r.Note = sp.Note
				}
			}
			c.Rows = append(c.Rows, r)
		}
		cs = append(cs, c)
	}

	v := w.view(p, cs)
	for _, k := range all {
		if k.Gate {
			v.Gates = append(v.Gates, k)
		}
	}
	for _, c := range report.Categories() {
		g := group{Title: c.Title(), ID: "scorecard-" + string(c)}
		for _, k := range all {
			if k.Category == c {
				g.KPIs = append(g.KPIs, k)
			}
		}
		if len(g.KPIs) > 0 {
			v.Groups = append(v.Groups, g)
			v.Monthly = append(v.Monthly, monthlyTable(g))
		}
	}
	for _, c := range p.Commentary {
		if c.Section != report.SectionSummary {
			continue
		}
		h, err := markdown(c.Text, summaryHeading)
		if err != nil {
			return nil, fmt.Errorf("commentary: %w", err)
		}
		v.Summary = append(v.Summary, h)
	}
	for _, ps := range p.Sections {
		s := section{Title: ps.Title, ID: "section-" + string(ps.Section)}
		for _, id := range ps.KPIs {
			if k := kpis[id]; k != nil {
				s.KPIs = append(s.KPIs, k)
			}
		}
		for _, text := range ps.Commentary {
			h, err := markdown(text, sectionHeading)
			if err != nil {
				return nil, fmt.Errorf("commentary on %s: %w", ps.Section, err)
			}
			s.Commentary = append(s.Commentary, h)
		}
		v.Sections = append(v.Sections, s)
	}
	return v, nil
}

// monthlyTable lays a category's monthly values out as rows of months and columns of
// KPIs, the values as the Pack prints them.
func monthlyTable(g group) monthly {
	t := monthly{Title: g.Title, ID: "data-" + strings.TrimPrefix(g.ID, "scorecard-")}
	at := map[report.Month][]string{}
	for _, k := range g.KPIs {
		if len(k.Series) == 0 {
			continue
		}
		col := len(t.KPIs)
		t.KPIs = append(t.KPIs, k)
		for i, pt := range k.Series {
			vals := at[pt.Month]
			for len(vals) <= col {
				vals = append(vals, "")
			}
			if i < len(k.Display.Series) {
				vals[col] = k.Display.Series[i]
			}
			at[pt.Month] = vals
		}
	}
	months := make([]report.Month, 0, len(at))
	for m := range at {
		months = append(months, m)
	}
	sort.Slice(months, func(i, j int) bool { return months[i] < months[j] })
	for _, m := range months {
		vals := at[m]
		for len(vals) < len(t.KPIs) {
			vals = append(vals, "")
		}
		t.Rows = append(t.Rows, monthRow{Month: m.Label(), Values: vals})
	}
	return t
}
