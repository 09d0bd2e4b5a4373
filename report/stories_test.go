package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

// These tests read real inputs, so they live outside package report: the analysis meets
// the reader here, as it does in the command.

func analyze(t *testing.T, d *report.Dataset) *report.Pack {
	t.Helper()
	p, err := report.Analyze(d, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSamplesGetTheirStories: every sample team gets the decision its story calls for.
func TestSamplesGetTheirStories(t *testing.T) {
	want := map[string]struct {
		decision report.Decision
		delay    int
	}{
		"Medellín Payments":      {report.Proceed, 0},
		"São Paulo Core Banking": {report.Delay, 2},
		"Bogotá Platform":        {report.Renegotiate, 0},
		"Lima Mobile":            {report.Delay, 3},
		"Quito Data":             {report.Proceed, 0},
	}
	for _, path := range []string{"../samples/medellin.xlsx", "../samples/sao-paulo", "../samples/andes.xlsx"} {
		in, err := input.Read(path, input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range in.Teams {
			p := analyze(t, d)
			w, ok := want[d.Engagement.Team]
			if !ok {
				t.Errorf("unexpected team %q", d.Engagement.Team)
				continue
			}
			delete(want, d.Engagement.Team)
			r := p.Recommendation
			if r.Decision != w.decision || r.DelayMonths != w.delay {
				t.Errorf("%s: %s %d months, want %s %d\n%v", d.Engagement.Team, r.Decision, r.DelayMonths, w.decision, w.delay, r.Rationale)
			}
			if len(r.Rationale) == 0 {
				t.Errorf("%s: no rationale", d.Engagement.Team)
			}
		}
	}
	for team := range want {
		t.Errorf("no sample team %q", team)
	}
}

func TestLimaStory(t *testing.T) {
	in, err := input.Read("../samples/andes.xlsx", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range in.Teams {
		if d.Engagement.Team != "Lima Mobile" {
			continue
		}
		r := analyze(t, d).Recommendation
		if len(r.Rules) != 1 || r.Rules[0] != "delay.time_boxed" {
			t.Errorf("Lima rules = %v, want the time-boxed retention delay alone", r.Rules)
		}
	}
}

// TestConditionsComeFromTheData: a reading of ambiguous data is a condition of the
// Transfer; a left-over template example row is not.
func TestConditionsComeFromTheData(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nOperate start,2025-01\nTransfer date,2026-03\n",
		"metrics.csv": "Month,predictability,bug_escape_rate,attrition\ne.g. Nov 2025,85,5,1\n" +
			"2025-01,0.88,5,1.0\n2025-02,0.89,5,1.0\n2025-03,0.90,5,1.0\n2025-04,0.90,5,1.0\n2025-05,0.91,5,1.0\n2025-06,0.90,5,1.0\n",
	})
	in, err := input.Read(dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := analyze(t, in.Teams[0])
	joined := strings.Join(p.Recommendation.Conditions, "\n")
	if !strings.Contains(joined, "read as fractions") || strings.Contains(joined, "example row") {
		t.Errorf("conditions:\n%s\nwant the fractions reading and not the example row", joined)
	}
	kinds := map[report.NoteKind]int{}
	for _, n := range p.DataQuality {
		kinds[n.Kind]++
	}
	if kinds[report.NoteAssumption] != 1 || kinds[report.NoteInput] != 1 {
		t.Errorf("data quality kinds %v, want one assumption and one input note", kinds)
	}
}

// TestSentenceArithmetic: in every sample's and every worked case's pack, each sentence
// lets a reader redo its arithmetic from the figures it prints: level ± pace × months
// gives the projection it states, the recovery pace is the gap over the months, and the
// months it counts between dates are right.
func TestSentenceArithmetic(t *testing.T) {
	inputs, _ := filepath.Glob("../samples/*")
	cases, _ := filepath.Glob("../cmd/transferpack/testdata/cases/*")
	read := 0
	for _, path := range append(inputs, cases...) {
		in, err := input.Read(path, input.Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, d := range in.Teams {
			p := analyze(t, d)
			for _, bad := range report.CheckSentences(p) {
				t.Errorf("%s: %s", d.Engagement.Team, bad)
			}
			read += report.SentenceFigures(p)
		}
	}
	if read < 20 {
		t.Errorf("only %d sentences with a projection were read: the check reads nothing", read)
	}
}
