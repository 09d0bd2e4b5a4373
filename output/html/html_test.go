package html_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/charts"
	htmlpack "github.com/transferpack/transferpack/output/html"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

func render(t testing.TB, p *report.Pack, o htmlpack.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := htmlpack.Write(&buf, p, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// maxPackBytes is the most a self-contained pack may weigh: it is mailed and opened on
// laptops, and most of it is the chart script.
const maxPackBytes = 1_000_000

// TestSamplesSelfContained: every sample pack is one file under 1 MB that names no
// script, style or image to fetch, with a chart per KPI with data and the script inline.
func TestSamplesSelfContained(t *testing.T) {
	for _, p := range inputtest.Samples(t) {
		page := render(t, p, htmlpack.Options{})
		t.Logf("%s: %d bytes", p.Team, len(page))
		if len(page) > maxPackBytes {
			t.Errorf("%s: %d bytes, want at most %d", p.Team, len(page), maxPackBytes)
		}
		for _, ref := range []string{"<script src", "<link", "<img", "<iframe", "@import", "url(http", "go-echarts.github.io"} {
			if bytes.Contains(page, []byte(ref)) {
				t.Errorf("%s: the pack holds %q", p.Team, ref)
			}
		}
		if got, want := bytes.Count(page, []byte(`class="chart-canvas"`)), len(charts.Specs(p)); got != want {
			t.Errorf("%s: %d charts, want %d", p.Team, got, want)
		}
		if !bytes.Contains(page, []byte("/*! Apache ECharts")) {
			t.Errorf("%s: no inline ECharts script", p.Team)
		}
	}
}

// TestDeterministic: the same pack gives the same bytes, from one writer and from two.
func TestDeterministic(t *testing.T) {
	for _, p := range inputtest.Samples(t) {
		w, err := htmlpack.New(htmlpack.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := w.Write(&a, p); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&b, p); err != nil {
			t.Fatal(err)
		}
		c := render(t, p, htmlpack.Options{})
		if !bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.Equal(a.Bytes(), c) {
			t.Errorf("%s: two writes of the same pack differ", p.Team)
		}
	}
}

var (
	scriptElement = regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)
	eventAttr     = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
)

// TestHostileTextStaysText: what the input says is escaped in the page and in every
// chart's JSON, where it survives as typed: no element, attribute, script or link is
// made from it.
func TestHostileTextStaysText(t *testing.T) {
	p := hostilePack(t)
	page := string(render(t, p, htmlpack.Options{Assets: htmlpack.Shared}))
	specs := charts.Specs(p)

	scripts := scriptElement.FindAllStringSubmatch(page, -1)
	targets := 0
	if want := 2 + len(specs); len(scripts) != want {
		t.Fatalf("%d script elements, want %d: the shared script, one JSON per chart and charts.js", len(scripts), want)
	}
	for _, s := range scripts {
		attrs, body := s[1], s[2]
		if strings.Contains(body, "pwned") && !strings.Contains(attrs, "application/json") {
			t.Errorf("input text inside an executable script: <script%s>%.80s", attrs, body)
		}
		if strings.Contains(body, "<!--") || strings.Contains(strings.ToLower(body), "<script") {
			t.Errorf("a script holds markup the HTML parser acts on: %.120s", body)
		}
		if strings.Contains(attrs, "application/json") {
			var data struct {
				Option map[string]any `json:"option"`
				Tips   struct {
					Title  string   `json:"title"`
					Values []string `json:"values"`
				} `json:"tips"`
			}
			if err := json.Unmarshal([]byte(body), &data); err != nil {
				t.Fatalf("chart JSON: %v", err)
			}
			if !strings.HasPrefix(data.Tips.Title, hostileScript) || !strings.HasSuffix(data.Tips.Title, hostileClose) {
				t.Errorf("the tooltip title does not read as typed: %q", data.Tips.Title)
			}
			if opt, _ := json.Marshal(data.Option); strings.Contains(string(opt), `Target \u003c/script\u003e`) {
				targets++ // the target label, as typed
			}
		}
	}
	if targets == 0 {
		t.Error("no chart's option holds its target label as typed")
	}
	outside := scriptElement.ReplaceAllString(page, "")
	if m := eventAttr.FindString(outside); m != "" {
		t.Errorf("an element with an event handler: %q", m)
	}
	for _, bad := range []string{"<img", "<div onclick", `href="javascript`, "href='javascript", "{{.Pack.Team}}</h1>"} {
		if strings.Contains(strings.ToLower(outside), strings.ToLower(bad)) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, typed := range []string{
		"&lt;script&gt;window.pwned=&#34;script&#34;&lt;/script&gt;",
		"&lt;img src=x onerror=&#34;window.pwned=&#39;onerror&#39;&#34;&gt;",
		"{{.Pack.Team}} {{template &#34;cover.html&#34; .}}",
	} {
		if !strings.Contains(outside, typed) {
			t.Errorf("the page does not show %q as typed", typed)
		}
	}
	if !strings.Contains(outside, "click me (javascript:window.pwned='link')") {
		t.Error("the javascript: link is not shown as its text and destination")
	}
	if !strings.Contains(outside, "tracker (https://example.com/pixel.png)") {
		t.Error("the remote image is not shown as its description and address")
	}
	if !strings.Contains(outside, `<a href="https://example.com">a site</a>`) {
		t.Error("a web link in the commentary is not a link")
	}
}

func TestSharedAssets(t *testing.T) {
	p := samplePack(t)
	page := render(t, p, htmlpack.Options{Assets: htmlpack.Shared})
	path := htmlpack.SharedScriptPath()
	if !regexp.MustCompile(`^assets/echarts-[0-9a-f]{12}\.js$`).MatchString(path) {
		t.Errorf("SharedScriptPath() = %q", path)
	}
	if !bytes.Contains(page, []byte(`<script src="`+path+`"></script>`)) || bytes.Contains(page, []byte("/*! Apache ECharts")) {
		t.Errorf("a shared pack does not refer to %s alone", path)
	}
	if len(page) > 200_000 {
		t.Errorf("a shared pack is %d bytes", len(page))
	}
	files, err := htmlpack.RunFiles(htmlpack.Options{Assets: htmlpack.Shared})
	if err != nil || len(files) != 1 || !bytes.HasPrefix(files[path], []byte("/*! Apache ECharts")) {
		t.Errorf("RunFiles(shared) = %d files, %v", len(files), err)
	}
	if files, err := htmlpack.RunFiles(htmlpack.Options{}); err != nil || len(files) != 0 {
		t.Errorf("RunFiles(inline) = %v, %v; want none", files, err)
	}
	if _, err := htmlpack.New(htmlpack.Options{Assets: "remote"}); err == nil {
		t.Error("assets \"remote\" was accepted")
	}
}

// TestPackParts: the page holds every part of the pack, in the order of DESIGN
// section 7, and the scorecard a row per KPI.
func TestPackParts(t *testing.T) {
	p := samplePack(t)
	page := string(render(t, p, htmlpack.Options{}))
	last := -1
	for _, id := range []string{`id="recommendation"`, `id="scorecard"`, `id="changes"`, `id="trends"`, `id="sections"`, `id="quality"`, `id="agenda"`, `id="appendix"`} {
		i := strings.Index(page, id)
		if i < 0 || i < last {
			t.Errorf("%s at %d, after the part before it at %d", id, i, last)
		}
		last = i
	}
	scorecard := page[strings.Index(page, `id="scorecard"`):strings.Index(page, `id="changes"`)]
	if got := strings.Count(scorecard, `<th scope="row" class="kpi">`); got != len(p.KPIs) {
		t.Errorf("the scorecard has %d KPI rows, want %d", got, len(p.KPIs))
	}
	if got := strings.Count(scorecard, "<svg "); got != len(p.KPIs) {
		t.Errorf("the scorecard has %d sparklines, want %d", got, len(p.KPIs))
	}
	for _, want := range []string{p.Display.Decision, p.Display.NewTransferMonth, p.Recommendation.Headline, p.Display.ReadinessScore, p.Recommendation.Rationale[0]} {
		if !strings.Contains(page[:strings.Index(page, `id="scorecard"`)], template(want)) {
			t.Errorf("the first screen lacks %q", want)
		}
	}
	if got, want := strings.Count(page, `<details class="chart-data">`), len(charts.Specs(p)); got != want {
		t.Errorf("%d data tables, want one per chart (%d)", got, want)
	}
}

// template escapes s as html/template does in text.
func template(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestLayoutsOverride(t *testing.T) {
	p := samplePack(t)
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cover.html", `<header class="cover"><h1>{{.Pack.Team}}</h1>{{template "brand.html" .}}</header>`)
	write("brand.html", `<p class="brand">Brought to you by a partner</p>`)
	write("pack.css", `body { color: #111; }`)
	page := string(render(t, p, htmlpack.Options{Layouts: dir}))
	if !strings.Contains(page, `<p class="brand">Brought to you by a partner</p>`) || !strings.Contains(page, "body { color: #111; }") {
		t.Error("the layouts folder did not replace cover.html and pack.css")
	}
	if !strings.Contains(page, `id="scorecard"`) {
		t.Error("the layouts not replaced went missing")
	}

	tests := []struct {
		name, file, text string
		line             int
		msg              string
	}{
		{"does not parse", "decision.html", "<section>\n<h2>{{.Pack.Team}</h2>\n</section>", 2, "bad character"},
		{"does not escape", "agenda.html", "<section>\n\n{{if .Scored}}<a href=\"{{end}}\">x</a></section>", 3, ""},
		{"fails to run", "quality.html", "<section>\n{{.Pack.NoSuchField}}\n</section>", 2, "NoSuchField"},
		{"replaces nothing", "pack.ccs", "body{}", 0, "replaces no layout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := htmlpack.New(htmlpack.Options{Layouts: dir})
			var le *htmlpack.LayoutError
			if !errors.As(err, &le) {
				t.Fatalf("New = %v, want a *LayoutError", err)
			}
			if le.File != path || le.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("New = %q (file %q, line %d), want %s line %d and %q", err, le.File, le.Line, path, tt.line, tt.msg)
			}
			if tt.line > 0 && !strings.Contains(err.Error(), path+":"+string(rune('0'+tt.line))+":") {
				t.Errorf("the error %q does not name %s:%d", err, path, tt.line)
			}
		})
	}
	if _, err := htmlpack.New(htmlpack.Options{Layouts: filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing layouts folder was accepted")
	}
}

// TestEmptyPack: a pack with nothing in it yet lays out without a chart or an error.
func TestEmptyPack(t *testing.T) {
	page := string(render(t, &report.Pack{Team: "Nobody"}, htmlpack.Options{}))
	if !strings.Contains(page, "<h1>Nobody</h1>") || strings.Contains(page, `class="chart-canvas"`) {
		t.Errorf("an empty pack: %.300s", page)
	}
}
