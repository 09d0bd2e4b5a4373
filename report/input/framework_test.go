package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/report"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFramework: a shared framework sets targets for every team; a team's own Targets
// rows replace it KPI by KPI, and KPIs in neither keep the catalog default.
func TestFramework(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"framework.csv": "KPI,Target,Gate,Weight\npredictability,80,yes,3\ntest_coverage,60,,\nenps,25,yes,\n"})
	fw, fs := ReadFramework(filepath.Join(dir, "framework.csv"))
	if len(fs) != 0 || len(fw) != 3 {
		t.Fatalf("ReadFramework = %+v, %v", fw, fs)
	}
	input := filepath.Join(dir, "team")
	writeFiles(t, input, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima Mobile\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    "Month,predictability,test_coverage,enps\n2025-11,80,70,30\n",
		"targets.csv":    "KPI,Target\ntest_coverage,75\n",
	})
	in, err := Read(input, Options{Framework: fw})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]report.Target{}
	for _, tg := range in.Teams[0].Targets {
		got[tg.KPI] = tg
	}
	if p := got["predictability"]; p.Target == nil || *p.Target != 80 || p.Weight == nil || *p.Weight != 3 {
		t.Errorf("predictability from the framework = %+v", p)
	}
	if c := got["test_coverage"]; c.Target == nil || *c.Target != 75 {
		t.Errorf("test_coverage: the team's row should replace the framework's: %+v", c)
	}
	if e := got["enps"]; e.Gate == nil || !*e.Gate {
		t.Errorf("enps: the framework makes it a gate: %+v", e)
	}
	if _, ok := got["bug_escape_rate"]; ok {
		t.Error("bug_escape_rate has a framework row it was never given")
	}
}

func TestFrameworkErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"team.csv": "KPI,Target,Team\npredictability,80,Lima\n",
		"typo.csv": "KPI,Target\npredictabilty,80\n",
	})
	tests := []struct{ file, want string }{
		{"team.csv", "a shared framework applies to every team: remove the Team column"},
		{"typo.csv", `unknown KPI "predictabilty": did you mean "Sprint predictability" (predictability)?`},
		{"missing.csv", "no such file or folder"},
	}
	for _, tt := range tests {
		_, fs := ReadFramework(filepath.Join(dir, tt.file))
		if !fs.HasErrors() || !strings.Contains(fs.Error(), tt.want) {
			t.Errorf("ReadFramework(%s) = %v, want an error with %q", tt.file, fs, tt.want)
		}
	}
	// A workbook without a Targets sheet is not a framework.
	in := filepath.Join(dir, "input.xlsx")
	if err := os.WriteFile(in, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, fs := ReadFramework(in); !fs.HasErrors() {
		t.Error("an empty workbook read as a framework")
	}
}
