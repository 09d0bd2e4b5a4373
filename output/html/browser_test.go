package html_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/transferpack/transferpack/charts"
	htmlpack "github.com/transferpack/transferpack/output/html"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

var screenshots = flag.String("screenshots", "", "write screenshots of the São Paulo pack (top of page, a chart section) into `DIR`")

// axePath is axe-core as npm ci installs it from testdata/axe/package-lock.json.
const axePath = "testdata/axe/node_modules/axe-core/axe.min.js"

// needs skips the test when a client it drives is missing, except under CI=true,
// where a missing client is a failure: CI must not pass by testing nothing.
func needs(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: %v", what, err)
	}
	t.Skipf("skipped: %s: %v (CI=true makes this a failure)", what, err)
}

// browserPage is one pack the browser test opens.
type browserPage struct {
	name    string
	pack    *report.Pack
	path    string   // the pack's file
	allowed []string // the only URLs it may request: itself, and the shared script
	hostile bool
}

// TestBrowser opens every sample pack, a hostile pack and a pack with the shared
// script in Debian's Chromium, from file:// with the network blocked, and checks what a
// reader gets: no console warning or error, no request but the pack's own files, every
// chart drawn, the data tables there, nothing from the input run, and no serious or
// critical accessibility violation that axe-core finds.
func TestBrowser(t *testing.T) {
	browser, axe := startBrowser(t)

	dir := t.TempDir()
	var pages []browserPage
	add := func(name string, p *report.Pack, o htmlpack.Options, hostile bool) {
		sub := filepath.Join(dir, name)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(sub, "pack.html")
		if err := os.WriteFile(path, render(t, p, o), 0o644); err != nil {
			t.Fatal(err)
		}
		bp := browserPage{name: name, pack: p, path: path, allowed: []string{fileURL(path)}, hostile: hostile}
		files, err := htmlpack.RunFiles(o)
		if err != nil {
			t.Fatal(err)
		}
		for rel, data := range files {
			full := filepath.Join(sub, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
			bp.allowed = append(bp.allowed, fileURL(full))
		}
		pages = append(pages, bp)
	}
	for _, p := range inputtest.Samples(t) {
		add(strings.Fields(p.Team)[0], p, htmlpack.Options{}, false)
	}
	add("hostile", hostilePack(t), htmlpack.Options{}, true)
	add("shared", samplePack(t), htmlpack.Options{Assets: htmlpack.Shared}, false)

	start := time.Now()
	// Two tabs at a time: each waits on the browser as often as it works.
	t.Run("packs", func(t *testing.T) {
		t.Run("control", func(t *testing.T) {
			t.Parallel()
			checkControl(t, browser, dir)
		})
		for _, bp := range pages {
			t.Run(bp.name, func(t *testing.T) {
				t.Parallel()
				checkInBrowser(t, browser, bp, axe)
			})
		}
	})
	t.Logf("opened %d packs in Chromium in %s", len(pages), time.Since(start).Round(10*time.Millisecond))
}

// startBrowser starts Debian's Chromium headless with no network, for the test's
// lifetime, and reads axe-core; a missing one skips the test, or fails it under CI=true.
func startBrowser(t *testing.T) (browser context.Context, axe string) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		_, err = os.Stat("/usr/bin/chromium")
		chromium = "/usr/bin/chromium"
	}
	needs(t, "Chromium (apt-get install chromium)", err)
	script, err := os.ReadFile(axePath)
	needs(t, "axe-core (npm ci in output/html/testdata/axe)", err)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		// No name resolves: a request to any host fails even if the blocking below did not.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browser); err != nil {
		needs(t, "start Chromium", err)
	}
	return browser, string(script)
}

// runAxe runs axe-core on the page of a tab and fails the test on each serious or
// critical violation; the others are logged.
func runAxe(t *testing.T, ctx context.Context, axe string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		t.Fatal(err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		if strings.HasPrefix(v, "serious ") || strings.HasPrefix(v, "critical ") {
			t.Errorf("axe: %s", v)
		} else {
			t.Logf("axe: %s", v)
		}
	}
}

// pageFacts is what the test reads from an opened pack.
type pageFacts struct {
	Charts  []chartBox `json:"charts"`
	Drawn   int        `json:"drawn"`  // chart boxes with an <svg>
	Tables  []int      `json:"tables"` // rows of each chart's data table
	Scripts int        `json:"scripts"`
	Pwned   string     `json:"pwned"` // what injected code set; "" when none ran
	Text    string     `json:"text"`
}

type chartBox struct {
	ID   string    `json:"id"`
	Rect []float64 `json:"rect"` // x, y, width, height in the page, CSS pixels
}

const factsJS = `(() => {
  const boxes = [...document.querySelectorAll('.chart-canvas')];
  return {
    charts: boxes.map(b => { const r = b.getBoundingClientRect(); return {id: b.parentElement.id, rect: [r.left + scrollX, r.top + scrollY, r.width, r.height]}; }),
    drawn: boxes.filter(b => b.querySelector('svg')).length,
    tables: [...document.querySelectorAll('details.chart-data')].map(d => d.querySelectorAll('tbody tr').length),
    scripts: document.scripts.length,
    pwned: typeof window.pwned === 'undefined' ? '' : String(window.pwned),
    text: document.body.textContent,
  };
})()`

// tooltipJS shows the first chart's tooltip at its fourth month and returns its text
// once it is there, or "" after a second.
const tooltipJS = `new Promise(done => {
  const box = document.querySelector('.chart-canvas');
  echarts.getInstanceByDom(box).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 3});
  const started = Date.now();
  (function look() {
    const tip = box.querySelector('.tip');
    if (tip || Date.now() - started > 1000) return done(tip ? tip.textContent : '');
    setTimeout(look, 20);
  })();
})`

const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
  v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))`

// tab is a pack opened in a tab of its own, with what the tab reported.
type tab struct {
	ctx      context.Context
	mu       sync.Mutex
	messages []string // console messages at warning or above, exceptions, log entries
	requests []string // the URL of every request
}

// open opens url in a new tab with the network off, recording the console and the
// requests from before the navigation on.
func open(t *testing.T, browser context.Context, url string) *tab {
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	tb := &tab{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, a.Description+string(a.Value))
				}
				tb.messages = append(tb.messages, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			tb.messages = append(tb.messages, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, text))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelWarning || ev.Entry.Level == log.EntryLevelError {
				tb.messages = append(tb.messages, fmt.Sprintf("%s %s: %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text))
			}
		case *network.EventRequestWillBeSent:
			tb.requests = append(tb.requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// The network is off for the tab, and every web scheme blocked besides.
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	var block []*network.BlockPattern
	for _, scheme := range []string{"http", "https", "ws", "wss", "ftp"} {
		block = append(block, &network.BlockPattern{URLPattern: scheme + "://*:*/*", Block: true})
	}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: block}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	return tb
}

func (tb *tab) facts(t *testing.T) pageFacts {
	t.Helper()
	facts, err := chromedp.Run(tb.ctx, chromedp.Evaluate[pageFacts](factsJS))
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

// reported returns what the tab reported so far.
func (tb *tab) reported() (messages, requests []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.messages...), append([]string(nil), tb.requests...)
}

func checkInBrowser(t *testing.T, browser context.Context, bp browserPage, axe string) {
	tb := open(t, browser, bp.allowed[0])
	ctx := tb.ctx
	facts := tb.facts(t)
	specs := charts.Specs(bp.pack)
	if len(facts.Charts) != len(specs) || facts.Drawn != len(specs) {
		t.Errorf("%d chart boxes, %d drawn; want %d, all drawn", len(facts.Charts), facts.Drawn, len(specs))
	}
	if len(facts.Tables) != len(specs) {
		t.Errorf("%d data tables, want one per chart (%d)", len(facts.Tables), len(specs))
	}
	for i, rows := range facts.Tables {
		if i < len(specs) && rows != countActual(specs[i]) {
			t.Errorf("%s: its data table has %d rows, want %d", specs[i].ID, rows, countActual(specs[i]))
		}
	}
	for _, c := range facts.Charts {
		if problem := tb.blank(t, c); problem != "" {
			t.Error(problem)
		}
	}
	if facts.Pwned != "" {
		t.Errorf("injected code ran: window.pwned = %q", facts.Pwned)
	}
	if want := len(specs) + 2; facts.Scripts != want {
		t.Errorf("%d script elements, want %d", facts.Scripts, want)
	}
	if bp.hostile {
		for _, typed := range []string{hostileScript, hostileOnError, hostileBraces, hostileClose, bp.pack.Team} {
			if !strings.Contains(facts.Text, typed) {
				t.Errorf("the page does not show %q as typed", typed)
			}
		}
	}
	if *screenshots != "" && (bp.name == "São" || bp.hostile) {
		shoot(t, ctx, *screenshots, bp.name)
	}
	if len(specs) > 0 {
		tip, err := chromedp.Run(ctx, chromedp.Evaluate[string](tooltipJS, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if tip == "" || !strings.Contains(tip, specs[0].Title) {
			t.Errorf("the tooltip reads %q, want the KPI's name %q as typed", tip, specs[0].Title)
		}
		if month := specs[0].Months[3].Label(); !strings.Contains(tip, month) {
			t.Errorf("the tooltip reads %q, want its month %s", tip, month)
		}
	}
	if p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof window.pwned === 'undefined' ? '' : String(window.pwned)`)); err != nil || p != "" {
		t.Errorf("after the tooltip, window.pwned = %q, %v", p, err)
	}

	runAxe(t, ctx, axe)

	messages, requests := tb.reported()
	for _, m := range messages {
		t.Errorf("console: %s", m)
	}
	for _, u := range requests {
		if !contains(bp.allowed, u) {
			t.Errorf("the pack requested %s", u)
		}
	}
	if len(requests) == 0 || requests[0] != bp.allowed[0] {
		t.Errorf("requests %q, want the pack itself first", requests)
	}
}

// checkControl opens a pack whose charts.js only warns, and checks that the test sees
// the warning and a blank chart: the checks above can fail.
func checkControl(t *testing.T, browser context.Context, dir string) {
	layouts := filepath.Join(dir, "control-layouts")
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(layouts, "charts.js"), []byte(`console.warn("control: no chart drawn");`), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "control.html")
	if err := os.WriteFile(path, render(t, samplePack(t), htmlpack.Options{Layouts: layouts}), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := open(t, browser, fileURL(path))
	facts := tb.facts(t)
	if facts.Drawn != 0 || len(facts.Charts) == 0 {
		t.Fatalf("the control page drew %d of %d charts", facts.Drawn, len(facts.Charts))
	}
	if problem := tb.blank(t, facts.Charts[0]); problem == "" {
		t.Error("an undrawn chart passed for drawn")
	}
	messages, _ := tb.reported()
	if len(messages) != 1 || !strings.Contains(messages[0], "control: no chart drawn") {
		t.Errorf("the console reported %q, want the control's warning", messages)
	}
}

func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func countActual(s charts.Spec) int {
	n := 0
	for _, v := range s.Actual {
		if v != nil {
			n++
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// blank takes a picture of a chart's box and says what is wrong when it holds no
// drawing: it needs many pixels that are not white, some of them the actuals' blue.
func (tb *tab) blank(t *testing.T, c chartBox) string {
	t.Helper()
	if len(c.Rect) != 4 || c.Rect[2] < 100 || c.Rect[3] < 100 {
		return fmt.Sprintf("%s: the chart box is %v", c.ID, c.Rect)
	}
	// Scrolled into view, the picture needs no relayout of the whole page, which takes
	// long on a page with a long commentary.
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`window.scrollTo(0, %f); true`, c.Rect[1]-20))); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Call(tb.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format: page.CaptureScreenshotFormatPng, OptimizeForSpeed: ptr(true),
		Clip: &page.Viewport{X: c.Rect[0], Y: c.Rect[1], Width: c.Rect[2], Height: c.Rect[3], Scale: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot.Data))
	if err != nil {
		t.Fatal(err)
	}
	inked, blue, total := 0, 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			total++
			if r < 235 || g < 235 || bl < 235 {
				inked++
			}
			if near(r, 0x00) && near(g, 0x72) && near(bl, 0xB2) {
				blue++
			}
		}
	}
	if inked < total/50 || blue == 0 {
		return fmt.Sprintf("%s: the chart looks blank: %d of %d pixels inked, %d of the actuals' blue", c.ID, inked, total, blue)
	}
	return ""
}

func near(v, want uint32) bool { return v+24 >= want && v <= want+24 }

func ptr[T any](v T) *T { return &v }

// shoot writes the top of the page, the scorecard, the first trend charts and the
// appendix as a reader at 1280 pixels wide sees them, and the page printed on A4 and
// Letter.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := name
	save := func(file string, clip *page.Viewport) {
		shot, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: ptr(true), FromSurface: ptr(true), Clip: clip,
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, prefix+"-"+file), shot.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save("top.png", &page.Viewport{X: 0, Y: 0, Width: 1280, Height: 1000, Scale: 1})
	for _, id := range []string{"scorecard", "sections", "trends", "appendix"} {
		y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById('`+id+`').getBoundingClientRect().top + scrollY`))
		if err != nil {
			t.Fatal(err)
		}
		save(id+".png", &page.Viewport{X: 0, Y: y, Width: 1280, Height: 1000, Scale: 1})
	}
	for _, paper := range []struct {
		name          string
		width, height float64 // inches
	}{{"a4", 8.27, 11.69}, {"letter", 8.5, 11}} {
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: paper.width, PaperHeight: paper.height})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, prefix+"-"+paper.name+".pdf"), pdf.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
