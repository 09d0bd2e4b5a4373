package html_test

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	htmlpack "github.com/transferpack/transferpack/output/html"
	"github.com/transferpack/transferpack/output/portfolio"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

// portfolioRows are the sample teams' rows, a hostile team's and a failed input's.
func portfolioRows(t testing.TB) []portfolio.Row {
	var rows []portfolio.Row
	for _, p := range append(inputtest.Samples(t), hostilePack(t)) {
		r := portfolio.Row{Team: p.Team, ReportMonth: p.Display.ReportMonth, Decision: string(p.Recommendation.Decision),
			DecisionLabel: p.Display.Decision, NewTransferMonth: p.Display.NewTransferMonth, Score: p.ReadinessScore,
			ScoreLabel: p.Display.ReadinessScore, Conditions: len(p.Recommendation.Conditions),
			Files: map[string]string{"html": "team.html", "json": "team.json"}}
		for _, k := range p.KPIs {
			if k.Gate {
				r.Gates = append(r.Gates, portfolio.Gate{KPI: k.ID, Name: k.Name, Status: k.Status, StatusLabel: k.Display.Status})
			}
		}
		rows = append(rows, r)
	}
	return append(rows, portfolio.Row{Team: "inputs/broken.xlsx", Input: "inputs/broken.xlsx", Failed: true,
		Findings: []string{`Metrics!C14: not a number: "` + hostileScript + `"`}, Files: map[string]string{}})
}

func writePortfolio(t testing.TB, rows []portfolio.Row) []byte {
	w, err := htmlpack.New(htmlpack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.WritePortfolio(&buf, rows, "test"); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPortfolioPage: every team has a row with its links, the failed input is listed
// with its finding, input text is escaped, and the same rows give the same bytes.
func TestPortfolioPage(t *testing.T) {
	rows := portfolioRows(t)
	page := writePortfolio(t, rows)
	if !bytes.Equal(page, writePortfolio(t, rows)) {
		t.Error("two writes of the same portfolio differ")
	}
	s := string(page)
	for _, r := range rows {
		if !strings.Contains(s, html.EscapeString(r.Team)) {
			t.Errorf("the page lacks the team %q", r.Team)
		}
	}
	if strings.Contains(s, hostileScript) || strings.Contains(s, hostileOnError) {
		t.Error("a hostile team name or finding reached the page unescaped")
	}
	for _, want := range []string{`<a href="team.html">HTML</a>`, `input failed`, `id="show-delay"`, report.Count(len(rows)-1, "team")} {
		if !strings.Contains(s, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(s, "http://") || strings.Contains(s, "https://") {
		t.Error("the page names a remote address")
	}
}

// TestPortfolioInBrowser opens the portfolio page in Chromium offline: nothing is
// requested or logged, nothing injected runs, the decision filter works without script
// and sorting works with it, and axe finds no serious accessibility problem.
func TestPortfolioInBrowser(t *testing.T) {
	browser, axe := startBrowser(t)
	path := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(path, writePortfolio(t, portfolioRows(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := open(t, browser, fileURL(path))
	visible, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`(() => {
  document.querySelector('#show-delay').click();
  return [...document.querySelectorAll('.pf-table tbody tr')].filter(r => r.offsetParent !== null).length;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(() => {
  document.querySelector('#show-all').click();
  const b = [...document.querySelectorAll('.pf-sort')].find(b => b.textContent === 'Readiness');
  b.click(); b.click();
  return document.querySelector('.pf-table tbody tr th').textContent.trim();
})()`))
	if err != nil {
		t.Fatal(err)
	}
	delayed := 0
	for _, r := range portfolioRows(t) {
		if r.Decision == string(report.Delay) {
			delayed++
		}
	}
	if visible != delayed {
		t.Errorf("%d rows shown with Delay picked, want the %d delayed teams", visible, delayed)
	}
	if !strings.HasPrefix(first, "Quito Data") {
		t.Errorf("sorted by readiness, highest first, the first team is %q; want Quito Data (100)", first)
	}
	if pwned, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`typeof window.pwned === 'undefined' ? '' : String(window.pwned)`)); err != nil || pwned != "" {
		t.Errorf("injected code ran: %q %v", pwned, err)
	}
	runAxe(t, tb.ctx, axe)
	messages, requests := tb.reported()
	for _, m := range messages {
		t.Errorf("console: %s", m)
	}
	for _, u := range requests {
		if u != fileURL(path) {
			t.Errorf("the page requested %s", u)
		}
	}
}
