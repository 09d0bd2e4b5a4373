package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command in-process and returns its output and exit code.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), exitCode(err)
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string // fragment of stdout+stderr
	}{
		{"no command", nil, 2, "Commands:"},
		{"help", []string{"--help"}, 0, "validate"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"validate", "--nope"}, 2, "unknown flag: --nope"},
		{"validate without input", []string{"validate"}, 2, "no input given"},
		{"validate help has an example", []string{"validate", "--help"}, 0, "Example:\n  transferpack validate samples/*"},
		{"build help", []string{"build", "--help"}, 0, "--out DIR"},
		{"template help", []string{"template", "-h"}, 0, "transferpack template medellin.xlsx"},
		{"kpis bad format", []string{"kpis", "--format", "xml"}, 2, `unknown format "xml"`},
		{"version", []string{"version"}, 0, "transferpack " + version},
		{"help command", []string{"help", "kpis"}, 0, "Usage: transferpack kpis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errOut, tt.out) {
				t.Errorf("run(%q) = exit %d, output:\n%s%s\nwant exit %d and %q", tt.args, code, out, errOut, tt.code, tt.out)
			}
		})
	}
}

func TestKPIs(t *testing.T) {
	out, _, code := runCmd(t, "kpis")
	if code != 0 || !strings.Contains(out, "predictability") || !strings.Contains(out, "≥ 85.0 %") || !strings.Contains(out, "≤ 15.0 %/yr") {
		t.Errorf("kpis table:\n%s", out)
	}
	out, _, code = runCmd(t, "kpis", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 31 || recs[0][0] != "id" || len(recs[1]) != len(kpiHeader) {
		t.Errorf("kpis csv: %d records, err %v:\n%s", len(recs), err, out)
	}
}

func TestValidateExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	writeCSV(t, good, "engagement.csv", "Field,Value\nTeam,Lima Mobile\nOperate start,2025-11\nTransfer date,2027-01\n")
	writeCSV(t, good, "metrics.csv", "Month,Velocity,Predictability\n2025-11,40,80%\n2025-12,42,82%\n")
	bad := filepath.Join(dir, "bad")
	writeCSV(t, bad, "engagement.csv", "Field,Value\nTeam,Quito\nOperate start,2025-11\nTransfer date,2027-01\n")
	writeCSV(t, bad, "metrics.csv", "Month,Velocity\n2025-11,n/a\n")

	out, _, code := runCmd(t, "validate", good)
	if code != 0 || !strings.Contains(out, "ok, 1 team (Lima Mobile)") || !strings.Contains(out, "1 input checked: 0 failed") {
		t.Errorf("validate good: exit %d\n%s", code, out)
	}
	out, _, code = runCmd(t, "validate", good, bad)
	want := filepath.Join(bad, "metrics.csv") + `: row 2, column 2: error: not a number: "n/a"`
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "2 inputs checked: 1 failed, 1 error, 0 warnings") {
		t.Errorf("validate bad: exit %d\n%s\nwant %s", code, out, want)
	}
	// A folder of inputs is a batch.
	out, _, code = runCmd(t, "validate", dir)
	if code != 1 || !strings.Contains(out, "2 inputs checked") {
		t.Errorf("validate batch folder: exit %d\n%s", code, out)
	}
	// build reads the same way: the bad input is reported, the good one read.
	_, errOut, code := runCmd(t, "build", "--out", filepath.Join(dir, "out"), good, bad)
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("build: exit %d\n%s", code, errOut)
	}
}

func TestTemplateCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "input.xlsx")
	if _, _, code := runCmd(t, "template", path); code != 0 {
		t.Fatalf("template: exit %d", code)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("template file: %v, mode %v", err, fi.Mode())
	}
	if _, errOut, code := runCmd(t, "template", path); code != 2 || !strings.Contains(errOut, "exists") {
		t.Errorf("template over an existing file: exit %d, want 2", code)
	}
	if _, _, code := runCmd(t, "template", "--force", path); code != 0 {
		t.Errorf("template --force: exit %d", code)
	}
	if _, _, code := runCmd(t, "template", filepath.Join(t.TempDir(), "input.csv")); code != 2 {
		t.Errorf("template to .csv: exit %d, want 2", code)
	}
}

func writeCSV(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBuildSamples runs every input in samples/ end to end, twice: one JSON pack per
// team, readable by everyone, the same bytes each time.
func TestBuildSamples(t *testing.T) {
	inputs, err := filepath.Glob("../../samples/*")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("samples: %v %v", inputs, err)
	}
	out1, out2 := t.TempDir(), t.TempDir()
	for _, out := range []string{out1, out2} {
		stdout, stderr, code := runCmd(t, append([]string{"build", "--format", "json", "--out", out}, inputs...)...)
		if code != 0 || stderr != "" {
			t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
		}
	}
	want := map[string]string{
		"medellin-payments.json": "proceed", "sao-paulo-core-banking.json": "delay",
		"bogota-platform.json": "renegotiate", "lima-mobile.json": "delay", "quito-data.json": "proceed",
	}
	entries, _ := os.ReadDir(out1)
	if len(entries) != len(want)+4 { // and the portfolio (page, workbook and JSON) and the manifest
		t.Errorf("wrote %d files, want %d", len(entries), len(want)+4)
	}
	for name, decision := range want {
		a, err := os.ReadFile(filepath.Join(out1, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		b, _ := os.ReadFile(filepath.Join(out2, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", name)
		}
		if fi, _ := os.Stat(filepath.Join(out1, name)); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", name, fi.Mode().Perm())
		}
		if !bytes.Contains(a, []byte(`"decision": "`+decision+`"`)) {
			t.Errorf("%s: decision is not %s", name, decision)
		}
	}
}

// TestBuildTeamNameClash: two teams whose names make the same file name are not allowed
// to overwrite each other.
func TestBuildTeamNameClash(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b"} {
		team := map[string]string{"a": "São Paulo", "b": "sao  paulo"}[name]
		writeCSV(t, filepath.Join(dir, name), "engagement.csv", "Field,Value\nTeam,"+team+"\nOperate start,2025-11\nTransfer date,2027-01\n")
		writeCSV(t, filepath.Join(dir, name), "metrics.csv", "Month,velocity\n2025-11,40\n2025-12,41\n")
	}
	out := filepath.Join(dir, "out")
	_, stderr, code := runCmd(t, "build", "--out", out, filepath.Join(dir, "a"), filepath.Join(dir, "b"))
	if code != 1 || !strings.Contains(stderr, `the same file name "sao-paulo"`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "sao-paulo.json")); err != nil {
		t.Errorf("the first team's pack is missing: %v", err)
	}
}

// errorLines are the lines of command output that report an error.
func errorLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ": error: ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestValidateFindsWhatBuildRefuses: validate reports everything build would refuse, in
// the same words: two teams with one file name, and a month without data.
func TestValidateFindsWhatBuildRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b"} {
		team := map[string]string{"a": "São Paulo", "b": "sao  paulo"}[name]
		writeCSV(t, filepath.Join(dir, name), "engagement.csv", "Field,Value\nTeam,"+team+"\nOperate start,2025-11\nTransfer date,2027-01\n")
		writeCSV(t, filepath.Join(dir, name), "metrics.csv", "Month,velocity\n2025-11,40\n2025-12,41\n")
	}
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, flags := range [][]string{nil, {"--as-of", "2026-03"}} {
		vout, _, vcode := runCmd(t, append(append([]string{"validate"}, flags...), a, b)...)
		_, berr, bcode := runCmd(t, append(append([]string{"build", "--out", filepath.Join(dir, "out")}, flags...), a, b)...)
		v, bl := errorLines(vout), errorLines(berr)
		if vcode != 1 || bcode != 1 || len(v) == 0 || strings.Join(v, "\n") != strings.Join(bl, "\n") {
			t.Errorf("flags %q: validate (exit %d) said\n%s\nbuild (exit %d) said\n%s", flags, vcode, strings.Join(v, "\n"), bcode, strings.Join(bl, "\n"))
		}
	}
	out, _, _ := runCmd(t, "validate", "--as-of", "2026-03", a)
	if !strings.Contains(out, "São Paulo has no data for Mar 2026: the latest month with data is Dec 2025") {
		t.Errorf("validate --as-of after the data:\n%s", out)
	}
}

// TestBuildSummaryWords: counts agree in number, the summary says where the files went,
// and a long team name does not push the table out of line.
func TestBuildSummaryWords(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("Equipo de Plataforma ", 6) + "Medellín"
	writeCSV(t, dir, "engagement.csv", "Field,Value\nTeam,"+long+"\nOperate start,2025-11\nTransfer date,2027-01\n")
	writeCSV(t, dir, "metrics.csv", "Month,velocity\n2025-11,40\n2025-12,41\n")
	out := filepath.Join(t.TempDir(), "packs")
	stdout, stderr, code := runCmd(t, "build", "--format", "json", "--out", out, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || len([]rune(lines[0])) > 28+1+16+1+len("100 / 100") || !strings.Contains(lines[0], "…") {
		t.Errorf("the team's line is not fitted to the table:\n%s", stdout)
	}
	if want := "1 team: 0 proceed, 1 delay, 0 renegotiate; 0 of 1 input failed; wrote 5 files to " + out + string(filepath.Separator) +
		"; portfolio: " + filepath.Join(out, "index.html"); lines[1] != want {
		t.Errorf("summary %q, want %q", lines[1], want)
	}
}

// TestTemplateCSVCommand: template --csv writes the CSV folder form the README offers.
func TestTemplateCSVCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "team")
	stdout, stderr, code := runCmd(t, "template", "--csv", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"engagement.csv", "metrics.csv", "targets.csv", "commentary.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !strings.Contains(stdout, "transferpack validate "+dir) {
		t.Errorf("stdout %q does not say what to do next", stdout)
	}
	if _, _, code := runCmd(t, "template", "--csv", dir); code != 2 {
		t.Errorf("writing over an existing template: exit %d, want 2", code)
	}
}

// TestInterruptedExitCode: a build interrupted by Ctrl-C (its context cancelled) exits
// with status 130.
func TestInterruptedExitCode(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	dir := t.TempDir()
	err := run(ctx, []string{"build", "--format", "json", "--out", dir, "../../samples/sao-paulo"}, &out, &errb)
	if code := exitCode(err); code != 130 {
		t.Errorf("exit %d (%v), want 130", code, err)
	}
	if packs, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(packs) != 0 {
		t.Errorf("an interrupted build wrote %q", packs)
	}
}

// TestOutputInsideABatch: a batch folder that holds the output folder (or is it) is
// built without reading the run's own workbooks as inputs, run after run.
func TestOutputInsideABatch(t *testing.T) {
	dir := t.TempDir()
	writeCSV(t, filepath.Join(dir, "team"), "engagement.csv", "Field,Value\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n")
	writeCSV(t, filepath.Join(dir, "team"), "metrics.csv", "Month,velocity\n2025-11,40\n2025-12,41\n")
	for i := 0; i < 2; i++ {
		if _, stderr, code := runCmd(t, "build", "--format", "json,xlsx", "--out", dir, dir); code != 0 {
			t.Fatalf("run %d: exit %d\n%s", i+1, code, stderr)
		}
	}
}
