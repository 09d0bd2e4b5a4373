package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/transferpack/transferpack/output/pdf"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

func analyze(t testing.TB, d *report.Dataset) *report.Pack {
	t.Helper()
	p, err := report.Analyze(d, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func write(t testing.TB, p *report.Pack, o pdf.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, p, o); err != nil {
		t.Fatalf("%s: %v", p.Team, err)
	}
	return buf.Bytes()
}

// tool finds a command-line client the test drives: missing, the test is skipped, or
// fails under CI=true, where .ci/run installs it.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: .ci/run installs it (Debian packages qpdf, poppler-utils)", name)
		}
		t.Skipf("%s is not installed: install qpdf and poppler-utils to run this test", name)
	}
	return path
}

// file writes data into the test's folder and returns its path; with PDF_KEEP set to
// a folder, into that folder, to look at.
func file(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := os.Getenv("PDF_KEEP")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())+"-"+name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

var space = regexp.MustCompile(`\s+`)

// text is the PDF's text in content order, pages from first to last (0 for all), every
// run of white space one space, as a reader's search would find it.
func text(t *testing.T, path string, first, last int) string {
	t.Helper()
	args := []string{"-raw", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return space.ReplaceAllString(run(t, "pdftotext", append(args, path, "-")...), " ")
}

func pages(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// checkFile runs the checks every pack must pass: qpdf finds nothing wrong, every font
// is embedded, the pages are the paper's size, and no word is set outside the margins.
func checkFile(t *testing.T, path, paper string) {
	t.Helper()
	if out, err := exec.Command(tool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	fonts := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")
	if len(fonts) < 3 {
		t.Errorf("pdffonts lists no font:\n%s", strings.Join(fonts, "\n"))
	}
	for _, f := range fonts[2:] {
		// name, type, encoding, emb, sub, uni, object, ID: emb is fifth from the end
		cols := strings.Fields(f)
		if len(cols) < 7 || cols[len(cols)-5] != "yes" {
			t.Errorf("a font is not embedded: %s", f)
		}
	}
	want := map[string]string{"a4": "595.28 x 841.89 pts (A4)", "letter": "612 x 792 pts (letter)"}[paper]
	info := run(t, "pdfinfo", "-f", "1", "-l", "999", path)
	sizes := regexp.MustCompile(`Page\s+\d+ size:\s+(.*)`).FindAllStringSubmatch(info, -1)
	if len(sizes) == 0 {
		t.Fatalf("pdfinfo gives no page size:\n%s", info)
	}
	for _, s := range sizes {
		if strings.TrimSpace(s[1]) != want {
			t.Errorf("page size %q, want %q for %s", s[1], want, paper)
		}
	}
	checkMargins(t, path, paper)
}

var (
	pageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// checkMargins: every word pdftotext finds lies inside the page's margins, so nothing
// overflows its box or the page.
func checkMargins(t *testing.T, path, paper string) {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", path, "-")
	side := map[string]float64{"a4": 15, "letter": (215.9 - 180) / 2}[paper] / 25.4 * 72
	top := 13 / 25.4 * 72
	const tolerance = 1.0 // pt: glyph boxes reach a little beyond the advance widths
	page := 0
	var w, h float64
	for _, line := range strings.Split(out, "\n") {
		if m := pageRe.FindStringSubmatch(line); m != nil {
			page++
			w, _ = strconv.ParseFloat(m[1], 64)
			h, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		m := wordRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var box [4]float64
		for i := range box {
			box[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		if box[0] < side-tolerance || box[2] > w-side+tolerance || box[1] < top-tolerance || box[3] > h-top+tolerance {
			t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f pt is outside the margins of a %.0f × %.0f pt page",
				page, m[5], box[0], box[2], box[1], box[3], w, h)
			return
		}
	}
}

// printed is every text of the pack the PDF must show as the pack prints it: the
// decision, the team, each KPI's name and scorecard figures, every sentence.
func printed(p *report.Pack) []string {
	out := []string{p.Team, p.Client, p.Partner, p.Location, p.Display.Decision, p.Display.ReadinessScore,
		p.Display.ReportMonth, p.Display.TransferMonth, p.Display.MonthsToTransfer, p.Display.NewTransferMonth,
		p.Recommendation.Headline}
	out = append(out, p.Recommendation.Rationale...)
	out = append(out, p.Recommendation.Conditions...)
	out = append(out, p.Recommendation.Terms...)
	for _, r := range p.KPIs {
		d := r.Display
		out = append(out, r.Name, r.Definition, r.Summary, r.Benchmark, d.Baseline, d.Level, d.VsBaseline, d.Target,
			d.Slope, d.Projection, d.Status)
		out = append(out, d.Series...)
		if r.DORATier != nil {
			out = append(out, r.Display.DORATier)
		}
	}
	if p.Changes != nil {
		out = append(out, p.Changes.Summary...)
	}
	for _, n := range p.DataQuality {
		out = append(out, n.Text)
	}
	out = append(out, p.Agenda.GatesAtRisk...)
	out = append(out, p.Agenda.TrendsToWatch...)
	out = append(out, p.Agenda.Changes...)
	out = append(out, p.Agenda.Priorities...)
	out = append(out, p.Sources...)
	for _, s := range p.Sections {
		out = append(out, s.Title)
	}
	return out
}

// TestSamples writes every sample team's pack on both papers and checks it with the
// real tools: a sound file, embedded fonts, the paper's size, nothing outside the
// margins, and every figure and sentence of the pack found as the pack prints it.
func TestSamples(t *testing.T) {
	for _, p := range inputtest.Samples(t) {
		for _, paper := range []string{"a4", "letter"} {
			t.Run(p.Team+"/"+paper, func(t *testing.T) {
				path := file(t, "pack.pdf", write(t, p, pdf.Options{Paper: paper}))
				checkFile(t, path, paper)
				all := text(t, path, 0, 0)
				for _, s := range printed(p) {
					if s = space.ReplaceAllString(strings.TrimSpace(s), " "); s != "" && !strings.Contains(all, s) {
						t.Errorf("the PDF does not show %q", s)
					}
				}
				// page one alone says what to do: the decision, the team, the headline
				one := text(t, path, 1, 1)
				for _, s := range []string{p.Display.Decision, p.Team, p.Recommendation.Headline, p.Display.ReadinessScore} {
					if !strings.Contains(one, space.ReplaceAllString(s, " ")) {
						t.Errorf("page one does not show %q", s)
					}
				}
				for _, r := range p.KPIs {
					if r.Gate && !strings.Contains(one, r.Name) {
						t.Errorf("page one does not show the gate %q", r.Name)
					}
				}
			})
		}
	}
}

// widePack has a series for every KPI of the catalog, 30 of them, so the scorecard spans
// two pages and the pack has a chart for each.
func widePack(t testing.TB) *report.Pack {
	d := inputtest.Dataset(t, "../../samples/sao-paulo", "")
	have := map[string]bool{}
	for _, s := range d.Series {
		have[s.KPI] = true
	}
	months := d.Series[0].Points
	var series []report.Series
	for i, k := range report.Catalog() {
		if have[k.ID] {
			for _, s := range d.Series {
				if s.KPI == k.ID {
					series = append(series, s)
				}
			}
			continue
		}
		s := report.Series{KPI: k.ID}
		for j, m := range months {
			v := 10 + float64(i) + 0.5*float64(j) + float64(j%3)
			v = min(max(v, k.Min), k.Max)
			s.Points = append(s.Points, report.Point{Month: m.Month, Value: v})
		}
		series = append(series, s)
	}
	d.Series = series
	return analyze(t, d)
}

// TestHeaderOnEveryPage: a table that spans pages shows its header on each, here the
// scorecard of 30 KPIs on Letter paper.
func TestHeaderOnEveryPage(t *testing.T) {
	p := widePack(t)
	if len(p.KPIs) < 30 {
		t.Fatalf("%d KPIs, want the catalog's 30", len(p.KPIs))
	}
	path := file(t, "wide.pdf", write(t, p, pdf.Options{Paper: "letter"}))
	checkFile(t, path, "letter")
	header := "KPI Baseline Level vs baseline Target Trend At Transfer Status DORA tier"
	var with []int
	for i := 1; i <= pages(t, path); i++ {
		if strings.Contains(text(t, path, i, i), header) {
			with = append(with, i)
		}
	}
	if len(with) < 2 || with[1] != with[0]+1 {
		t.Fatalf("the scorecard's header is on pages %v, want two pages running", with)
	}
	last := p.KPIs[len(p.KPIs)-1].Name
	if page := text(t, path, with[len(with)-1], with[len(with)-1]); !strings.Contains(page, last) {
		t.Errorf("the scorecard's last row, %s, is not on its last page", last)
	}
}

// TestHostileText: a 300-character team name, 50,000 characters of commentary, a
// Markdown table of 30 columns, emoji and CJK text lay out across pages inside the
// margins; what the font lacks prints as a white square and is listed on the
// data-quality page, and the rest of each line is kept; raw HTML and Markdown syntax
// never reach the page.
func TestHostileText(t *testing.T) {
	d := inputtest.Dataset(t, "../../samples/sao-paulo", "")
	var long strings.Builder
	for long.Len() < 240 {
		long.WriteString("Equipo Medellín – Pagos São Paulo Bogotá ≥ ≤ − € ")
	}
	d.Engagement.Team = long.String() + strings.Repeat("X", 300-len([]rune(long.String())))
	d.Engagement.Location = "Tokyo 東京 office"
	month := d.Series[0].Points[len(d.Series[0].Points)-1].Month
	var md strings.Builder
	md.WriteString("# Heading one\n\nLaunch 🚀 done, then **bold** and *italic* and [the plan](https://example.com/plan).\n\n")
	md.WriteString("<script>alert(1)</script>\n\nInline <b>html</b> gone.\n\n- first\n- second\n  1. nested\n\n")
	md.WriteString("|")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&md, " Col%02d |", i)
	}
	md.WriteString("\n|")
	for range 30 {
		md.WriteString(" ---: |")
	}
	md.WriteString("\n|")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&md, " v%d |", i)
	}
	md.WriteString("\n\n")
	for md.Len() < 50000 {
		md.WriteString("The knowledge-transfer plan moves on as agreed with the partner and the client. ")
		if md.Len()%3000 < 90 {
			md.WriteString("\n\n")
		}
	}
	md.WriteString("END-OF-COMMENTARY")
	d.Commentary = append(d.Commentary, report.Comment{Month: month, Section: report.SectionDelivery, Text: md.String()})
	p := analyze(t, d)

	data := write(t, p, pdf.Options{})
	path := file(t, "hostile.pdf", data)
	checkFile(t, path, "a4")
	all := text(t, path, 0, 0)
	for _, want := range []string{"Launch □ done, then bold and italic and the plan (https://example.com/plan).",
		"Tokyo □□ office", "Inline html gone.", "END-OF-COMMENTARY", "Heading one", "nested", "U+1F680", "U+6771, U+4EAC"} {
		if !strings.Contains(all, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	for i := 1; i <= 30; i++ {
		if col := fmt.Sprintf("Col%02d", i); !strings.Contains(all, col) {
			t.Errorf("the 30-column table lost %s", col)
		}
	}
	for _, never := range []string{"alert(1)", "<script>", "**", "](", "<b>", "🚀", "東京"} {
		if strings.Contains(all, never) {
			t.Errorf("the PDF shows %q", never)
		}
	}
	if !bytes.Equal(data, write(t, p, pdf.Options{})) {
		t.Error("two writes of the same pack differ")
	}
}

// TestDeterministic: the same pack gives the same bytes, written one after the other
// or at the same time, and its dates are the report month's.
func TestDeterministic(t *testing.T) {
	packs := inputtest.Samples(t)
	want := make([][]byte, len(packs))
	for i, p := range packs {
		want[i] = write(t, p, pdf.Options{})
	}
	var wg sync.WaitGroup
	for range 2 {
		for i, p := range packs {
			wg.Go(func() {
				var buf bytes.Buffer
				if err := pdf.Write(&buf, p, pdf.Options{}); err != nil || !bytes.Equal(buf.Bytes(), want[i]) {
					t.Errorf("%s: a second write differs (%v)", p.Team, err)
				}
			})
		}
	}
	wg.Wait()
	p := packs[0]
	date := fmt.Sprintf("D:%04d%02d01000000", p.ReportMonth.Year(), p.ReportMonth.Num())
	if n := bytes.Count(want[0], []byte(date)); n != 2 {
		t.Errorf("%s appears %d times, want as the creation and the modification date", date, n)
	}
}

func TestOptions(t *testing.T) {
	p := inputtest.Samples(t)[0]
	for _, o := range []pdf.Options{{Paper: "legal"}, {ChartDPI: 5}} {
		if err := pdf.Write(&bytes.Buffer{}, p, o); err == nil {
			t.Errorf("%+v: want an error", o)
		}
	}
	if _, err := pdf.New(pdf.Options{Paper: "A5"}); err == nil || !strings.Contains(err.Error(), `paper "A5": use a4 or letter`) {
		t.Errorf("New with paper A5: %v", err)
	}
}

// BenchmarkPack is one pack, charts included, on one core: each sample team, and a
// pack with a chart for each of the catalog's 30 KPIs.
func BenchmarkPack(b *testing.B) {
	packs := inputtest.Samples(b)
	packs = append(packs, widePack(b))
	for i, p := range packs {
		name := strings.Fields(p.Team)[0]
		if i == len(packs)-1 {
			name = "30-kpis"
		}
		b.Run(name, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if err := pdf.Write(&bytes.Buffer{}, p, pdf.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu)*1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkThroughput writes the five sample packs with 1 and 2 packs at a time, as a
// run writes teams in parallel; run with -cpu 1,2. It reports packs a second.
func BenchmarkThroughput(b *testing.B) {
	packs := inputtest.Samples(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("%d-at-a-time", workers), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				next := make(chan *report.Pack)
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for p := range next {
							if err := pdf.Write(&bytes.Buffer{}, p, pdf.Options{}); err != nil {
								b.Error(err)
							}
						}
					})
				}
				for _, p := range packs {
					next <- p
				}
				close(next)
				wg.Wait()
			}
			b.ReportMetric(float64(len(packs)*b.N)/b.Elapsed().Seconds(), "packs/s")
			b.ReportMetric((cpuTime()-cpu)*1000/float64(len(packs)*b.N), "cpu-ms/pack")
		})
	}
}

// TestEmptyPack: a pack with nothing in it still makes a sound PDF, every place empty.
func TestEmptyPack(t *testing.T) {
	path := file(t, "empty.pdf", write(t, &report.Pack{}, pdf.Options{}))
	checkFile(t, path, "a4")
}

// TestTrendSentences: each chart prints its KPI's trend sentence, whole and in reading
// order, however long; here written by the test, as the pack's may still be empty.
func TestTrendSentences(t *testing.T) {
	p := analyze(t, inputtest.Dataset(t, "../../samples/sao-paulo", ""))
	for i := range p.KPIs {
		r := &p.KPIs[i]
		r.Summary = r.Name + " moves " + r.Display.Slope + " and stands at " + r.Display.Level + " in " + p.Display.ReportMonth + "."
	}
	long := &p.KPIs[1] // a sentence longer than a page flows on, line by line
	long.Summary += strings.Repeat(" It keeps going the same way.", 250) + " The end."
	path := file(t, "sentences.pdf", write(t, p, pdf.Options{}))
	checkFile(t, path, "a4")
	all := text(t, path, 0, 0)
	for _, r := range p.KPIs {
		want := space.ReplaceAllString(r.Summary, " ")
		if r.ID == long.ID {
			// a page break puts the running footer and header inside it
			if !strings.Contains(all, want[:120]) || !strings.Contains(all, want[len(want)-60:]) {
				t.Errorf("the PDF lost part of the long trend sentence of %s", r.Name)
			}
			continue
		}
		if !strings.Contains(all, want) {
			t.Errorf("the PDF does not show the trend sentence of %s", r.Name)
		}
	}
}
