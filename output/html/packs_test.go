package html_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

// samplePack is the São Paulo sample: a delay, with commentary and a gap in its data.
func samplePack(t testing.TB) *report.Pack {
	t.Helper()
	return readPack(t, "../../samples/sao-paulo")
}

func readPack(t testing.TB, path string) *report.Pack {
	t.Helper()
	in, err := input.Read(path, input.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	p, err := report.Analyze(in.Teams[0], report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// What hostile input carries. Each would set window.pwned if it ran; the browser test
// checks that nothing did and that the text is on the page as typed.
const (
	hostileScript  = `<script>window.pwned="script"</script>`
	hostileClose   = `</script><script>window.pwned="close"</script>`
	hostileOnError = `<img src=x onerror="window.pwned='onerror'">`
	hostileBraces  = `{{.Pack.Team}} {{template "cover.html" .}}`
	hostileLink    = `[click me](javascript:window.pwned='link')`
	hostileComment = `<!-- <script>window.pwned="comment"</script>`
)

// hostilePack is a pack whose every text from the input tries to run or inject
// something: read from a CSV input written here, then with the KPI labels and
// sentences the input cannot reach edited in, so the chart options and tooltips carry
// them too. The team name is 300 characters; the summary commentary 50,000.
func hostilePack(t testing.TB) *report.Pack {
	t.Helper()
	dir := t.TempDir()
	metrics, err := os.ReadFile("../../samples/sao-paulo/metrics.csv")
	if err != nil {
		t.Fatal(err)
	}
	team := hostileScript + " " + hostileOnError + " "
	team += strings.Repeat("Equipo", (300-len([]rune(team)))/6)
	team += strings.Repeat("x", 300-len([]rune(team)))
	writeCSV(t, filepath.Join(dir, "engagement.csv"), [][]string{
		{"Field", "Value"},
		{"Client", hostileOnError},
		{"Partner", hostileBraces},
		{"Team", team},
		{"Location", hostileClose},
		{"Operate start", "2025-11"},
		{"Transfer date", "2027-01"},
		{"Currency", "USD"},
	})
	if err := os.WriteFile(filepath.Join(dir, "metrics.csv"), metrics, 0o644); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("A long commentary line that goes on and on without a break. ", 50_000/60)
	long += strings.Repeat("Unbroken", 1000)
	writeCSV(t, filepath.Join(dir, "commentary.csv"), [][]string{
		{"Month", "Section", "Text"},
		{"2026-10", "summary", "# A heading\n\n" + hostileScript + "\n\nInline " + hostileOnError + " and " + hostileLink +
			" and ![tracker](https://example.com/pixel.png) and <a href=\"javascript:window.pwned='a'\">a</a>.\n\n" +
			hostileComment + "\n\n| KPI | Note |\n|---|---|\n| " + hostileBraces + " | " + hostileClose + " |\n\n" + long},
		{"2026-10", "delivery", "<div onclick=\"window.pwned='div'\">" + hostileScript + "</div>\n\n" + hostileClose +
			"\n\n[a site](https://example.com) and <javascript:window.pwned='auto'>"},
	})
	p := readPack(t, dir)
	if len([]rune(p.Team)) != 300 {
		t.Fatalf("the hostile team name has %d characters, want 300", len([]rune(p.Team)))
	}
	// Labels and sentences the input does not reach, edited as a future reader might
	// fill them: every chart's option JSON and tooltip carries them.
	for i := range p.KPIs {
		r := &p.KPIs[i]
		r.Name = hostileScript + r.Name + hostileClose
		r.Summary = hostileOnError + " " + hostileBraces
		r.Display.Target = hostileClose
		r.Display.Baseline = hostileComment
		r.Display.Status = hostileScript
		for j := range r.Chart.ActualLabels {
			r.Chart.ActualLabels[j] = hostileClose
		}
	}
	p.Recommendation.Headline = hostileScript
	p.Recommendation.Rationale = append(p.Recommendation.Rationale, hostileClose, hostileOnError)
	p.Display.Decision = hostileOnError
	return p
}

func writeCSV(t testing.TB, path string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Comma = ';'
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
