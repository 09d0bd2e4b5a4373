package html

import (
	"fmt"
	"html/template"
	"io"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/output/portfolio"
	"github.com/transferpack/transferpack/report"
)

// portfolioPage is a run's portfolio laid out for portfolio.html.
type portfolioPage struct {
	CSP     string
	Style   template.CSS
	Script  template.JS
	Version string
	Month   string // the latest report month of the rows: "Oct 2026"
	Count   string // "5 teams"
	Counts  []decisionCount
	Chart   scoreChart
	Bars    []scoreBar
	Gates   []string // every gate's name, in the order the rows first show them
	Rows    []portfolioRow
}

// decisionCount is how many teams have a decision, with its mark.
type decisionCount struct {
	Class, Label string
	N            int
	Mark         charts.Mark
}

// scoreChart is the geometry of the scores' bar chart, in SVG units.
type scoreChart struct {
	Width, Height, Label, Left, Bar, Threshold float64
}

// scoreBar is one team's bar.
type scoreBar struct {
	Team, Score             string
	Y, TextY, Width, ValueX float64
	Mark                    charts.Mark
}

// portfolioRow is one team's row.
type portfolioRow struct {
	portfolio.Row
	Class string // proceed, delay, renegotiate or failed: the filter's class
	Mark  charts.Mark
	Pack  bool // the row links to a pack
	Gates []gateCell
	Links []packLink
	// Sort keys, as the cells' data-value: numbers, so months and scores sort as such.
	DecisionOrder, NewMonthOrder, MonthOrder, ConditionsValue, ScoreValue string
}

type gateCell struct {
	Label string
	Mark  charts.Mark
}

type packLink struct{ Href, Label string }

// formatLinks are the packs a row links to, in the order an executive, an account
// manager and finance reach for them.
var formatLinks = []struct{ format, label string }{{"html", "HTML"}, {"pdf", "PDF"}, {"xlsx", "Annex"}, {"json", "JSON"}}

// WritePortfolio writes a run's portfolio page: counts per decision, a chart of the
// teams' readiness scores, and a table of every team with its decision, delay and new
// date, score, each gate's status, conditions, report month and links to its packs. The
// table reads without script and filters by decision without it too; with script its
// columns sort. Like the packs it fetches nothing and escapes everything from the input.
func (w *Writer) WritePortfolio(out io.Writer, rows []portfolio.Row, version string) error {
	v := portfolioView(rows)
	v.Version = version
	v.Style = w.style + template.CSS(w.layouts.portfolioStyle)
	v.Script = template.JS(w.layouts.portfolioScript)
	v.CSP = "default-src 'none'; script-src " + hash(w.layouts.portfolioScript) +
		"; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
	if err := w.layouts.page.ExecuteTemplate(out, portfolioFile, v); err != nil {
		return positioned(err, w.layouts.origin, w.layouts.origin[portfolioFile])
	}
	return nil
}

func portfolioView(rows []portfolio.Row) *portfolioPage {
	v := &portfolioPage{}
	counts := map[string]int{}
	var latest report.Month
	gateSeen := map[string]bool{}
	for _, r := range rows {
		for _, g := range r.Gates {
			if !gateSeen[g.Name] {
				gateSeen[g.Name] = true
				v.Gates = append(v.Gates, g.Name)
			}
		}
	}
	teams := 0
	for _, r := range rows {
		m, _ := report.ParseMonth(r.ReportMonth)
		latest = max(latest, m)
		row := portfolioRow{Row: r, Class: r.Decision, Pack: len(r.Files) > 0,
			DecisionOrder: fmt.Sprint(decisionOrder(r)), MonthOrder: fmt.Sprint(int(m)),
			ConditionsValue: fmt.Sprint(r.Conditions), ScoreValue: fmt.Sprint(r.Score)}
		if r.Decision == "" {
			row.ScoreValue, row.ConditionsValue = "", ""
		}
		if nm, err := report.ParseMonth(r.NewTransferMonth); err == nil {
			row.NewMonthOrder = fmt.Sprint(int(nm))
		}
		if r.Decision != "" {
			row.Mark = charts.DecisionMark(report.Decision(r.Decision))
			teams++
		}
		if r.Failed {
			row.Class = "failed"
		}
		counts[row.Class]++
		for _, name := range v.Gates {
			cell := gateCell{}
			for _, g := range r.Gates {
				if g.Name == name {
					cell = gateCell{Label: g.StatusLabel, Mark: charts.StatusMark(g.Status)}
				}
			}
			row.Gates = append(row.Gates, cell)
		}
		for _, l := range formatLinks {
			if f := r.Files[l.format]; f != "" {
				row.Links = append(row.Links, packLink{Href: f, Label: l.label})
			}
		}
		v.Rows = append(v.Rows, row)
	}
	v.Month = latest.Label()
	v.Count = report.Count(teams, "team")
	for _, d := range []struct{ class, label string }{{"proceed", "Proceed"}, {"delay", "Delay"}, {"renegotiate", "Renegotiate"}, {"failed", "Failed"}} {
		if n := counts[d.class]; n > 0 || d.class != "failed" {
			mark := charts.DecisionMark(report.Decision(d.class))
			if d.class == "failed" {
				mark = charts.StatusMark(report.NoTarget)
			}
			v.Counts = append(v.Counts, decisionCount{Class: d.class, Label: d.label, N: n, Mark: mark})
		}
	}
	v.Chart, v.Bars = scoreBars(v.Rows)
	return v
}

// decisionOrder sorts rows from proceed to renegotiate, failed inputs last.
func decisionOrder(r portfolio.Row) int {
	switch {
	case r.Failed && r.Decision == "":
		return 4
	case r.Decision == string(report.Proceed):
		return 1
	case r.Decision == string(report.Delay):
		return 2
	}
	return 3
}

// scoreBars lays out one bar per team with a score, in the rows' order.
func scoreBars(rows []portfolioRow) (scoreChart, []scoreBar) {
	c := scoreChart{Width: 720, Label: 250, Left: 260, Bar: 14}
	plot := c.Width - c.Left - 40
	c.Threshold = c.Left + plot*0.70
	var bars []scoreBar
	for _, r := range rows {
		if r.Decision == "" {
			continue
		}
		y := float64(len(bars))*22 + 18
		w := plot * r.Score / 100
		bars = append(bars, scoreBar{Team: truncate(r.Team, 40), Score: fmt.Sprintf("%.0f", r.Score), Y: y, TextY: y + c.Bar/2,
			Width: w, ValueX: c.Left + w + 6, Mark: r.Mark})
	}
	c.Height = float64(len(bars))*22 + 22
	return c, bars
}

// truncate shortens a name for a chart label; the table keeps it whole.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
