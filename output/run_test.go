package output_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/transferpack/transferpack/output"
)

// copyTree copies a file or folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeTeam writes a one-team CSV input: a healthy team whose velocity starts at v.
func writeTeam(t *testing.T, dir, team string, v int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var m strings.Builder
	m.WriteString("Month,velocity,predictability,bug_escape_rate,attrition\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&m, "%d-%02d,%d,%d,%d,0.5\n", 2025+(i+10)/12, (i+10)%12+1, v+i, 86+i%3, 6-i%2)
	}
	files := map[string]string{
		"engagement.csv": "Field,Value\nTeam," + team + "\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    m.String(),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// batch is a mixed batch: the sample workbooks (one of three teams), the sample CSV
// folder, and a broken CSV folder.
func batch(t *testing.T) (dir string, inputs []string) {
	t.Helper()
	dir = t.TempDir()
	for _, s := range []string{"medellin.xlsx", "sao-paulo", "andes.xlsx"} {
		copyTree(t, filepath.Join("..", "samples", s), filepath.Join(dir, s))
		inputs = append(inputs, filepath.Join(dir, s))
	}
	bad := filepath.Join(dir, "broken")
	writeTeam(t, bad, "Broken Team", 40)
	if err := os.WriteFile(filepath.Join(bad, "metrics.csv"), []byte("Month,velocity\n2025-11,n/a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, append(inputs, bad)
}

func jsonFormats(t *testing.T) []output.Format {
	t.Helper()
	f, err := output.FormatsByName("json")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// build runs a build and returns its summary and the results it reported, in order.
func build(t *testing.T, inputs []string, o output.RunOptions) (*output.Summary, []output.InputResult) {
	t.Helper()
	var results []output.InputResult
	o.Done = func(r output.InputResult) { results = append(results, r) }
	if o.Formats == nil {
		o.Formats = output.Formats
	}
	o.Writers.Version = "test"
	sum, err := output.Build(context.Background(), inputs, o)
	if err != nil {
		t.Fatal(err)
	}
	return sum, results
}

// snapshot reads every file of a folder but the unfinished ones, by relative path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".partial" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files[rel] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestMixedBatch: every good team gets every format; the broken input is reported,
// counted as failed and listed in the portfolio; the teams come back in input order.
func TestMixedBatch(t *testing.T) {
	_, inputs := batch(t)
	out := t.TempDir()
	sum, results := build(t, inputs, output.RunOptions{Out: out, Jobs: 2})
	if sum.Teams != 5 || sum.FailedInputs != 1 || sum.Inputs != 4 {
		t.Errorf("summary %+v, want 5 teams and 1 failed input of 4", sum)
	}
	var order []string
	for _, r := range results {
		for _, tm := range r.Teams {
			order = append(order, tm.Team)
		}
	}
	want := "Medellín Payments, São Paulo Core Banking, Bogotá Platform, Lima Mobile, Quito Data"
	if got := strings.Join(order, ", "); got != want {
		t.Errorf("teams reported as %s, want input order %s", got, want)
	}
	if !results[3].Failed || len(results[3].Findings.Errors()) == 0 {
		t.Errorf("the broken input: %+v", results[3])
	}
	files := snapshot(t, out)
	for _, stem := range []string{"medellin-payments", "sao-paulo-core-banking", "bogota-platform", "lima-mobile", "quito-data"} {
		for _, f := range output.Formats {
			if _, ok := files[stem+f.Ext]; !ok {
				t.Errorf("%s%s is missing", stem, f.Ext)
			}
		}
	}
	var portfolio struct {
		Teams []output.Row `json:"teams"`
	}
	if err := json.Unmarshal(files["portfolio.json"], &portfolio); err != nil {
		t.Fatal(err)
	}
	if n := len(portfolio.Teams); n != 6 || !portfolio.Teams[5].Failed || !strings.Contains(strings.Join(portfolio.Teams[5].Findings, " "), "not a number") {
		t.Errorf("portfolio rows %d, last %+v: want the five teams and the broken input with its finding", n, portfolio.Teams[n-1])
	}
	for name, data := range files {
		if fi, _ := os.Stat(filepath.Join(out, name)); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v", name, fi.Mode().Perm())
		}
		if len(data) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
}

// TestJobsGiveTheSameBytes: one job or four, the files are the same bytes.
func TestJobsGiveTheSameBytes(t *testing.T) {
	_, inputs := batch(t)
	a, b := t.TempDir(), t.TempDir()
	build(t, inputs, output.RunOptions{Out: a, Jobs: 1})
	build(t, inputs, output.RunOptions{Out: b, Jobs: 4})
	fa, fb := snapshot(t, a), snapshot(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files with one job, %d with four", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between --jobs 1 and --jobs 4", name)
		}
	}
}

// TestReRuns: a second run finds everything unchanged and writes nothing; --force
// rewrites the same bytes; a team whose input fails keeps its first files, and the
// portfolio lists it as failed with a link to them and their month.
func TestReRuns(t *testing.T) {
	dir, inputs := batch(t)
	out := t.TempDir()
	build(t, inputs, output.RunOptions{Out: out, Jobs: 2})
	first := snapshot(t, out)
	stamp := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	for name := range first {
		if err := os.Chtimes(filepath.Join(out, name), stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}

	sum, results := build(t, inputs, output.RunOptions{Out: out, Jobs: 2})
	if sum.Files != 0 || sum.Unchanged != 5 {
		t.Errorf("second run: %+v, want nothing written and 5 teams unchanged", sum)
	}
	for _, r := range results[:3] {
		if !r.Unchanged {
			t.Errorf("%s was not unchanged", r.Path)
		}
	}
	for name := range first {
		if fi, _ := os.Stat(filepath.Join(out, name)); !fi.ModTime().Equal(stamp) {
			t.Errorf("the second run rewrote %s", name)
		}
	}

	sum, _ = build(t, inputs, output.RunOptions{Out: out, Jobs: 2, Force: true})
	if sum.Unchanged != 0 || sum.Files == 0 {
		t.Errorf("--force: %+v, want every team rebuilt", sum)
	}
	for name, data := range snapshot(t, out) {
		if !bytes.Equal(data, first[name]) {
			t.Errorf("--force changed the bytes of %s", name)
		}
	}

	// São Paulo's input breaks: its files stay, and the portfolio says so.
	metrics := filepath.Join(dir, "sao-paulo", "metrics.csv")
	if err := os.WriteFile(metrics, []byte("Month;velocity\n2025-11;n/a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, _ = build(t, inputs, output.RunOptions{Out: out, Jobs: 2})
	if sum.FailedInputs != 2 {
		t.Errorf("failed inputs %d, want 2", sum.FailedInputs)
	}
	after := snapshot(t, out)
	for _, f := range output.Formats {
		name := "sao-paulo-core-banking" + f.Ext
		if !bytes.Equal(after[name], first[name]) {
			t.Errorf("%s changed although its input failed", name)
		}
	}
	var portfolio struct {
		Teams []output.Row `json:"teams"`
	}
	if err := json.Unmarshal(after["portfolio.json"], &portfolio); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range portfolio.Teams {
		if r.Team == "São Paulo Core Banking" {
			found = r.Failed && r.ReportMonth == "Oct 2026" && r.Files["json"] == "sao-paulo-core-banking.json" && len(r.Findings) > 0
		}
	}
	if !found {
		t.Errorf("the portfolio does not list São Paulo as failed, with last run's pack of Oct 2026:\n%s", after["portfolio.json"])
	}
}

// TestInterrupted: a cancelled run stops starting inputs, returns context.Canceled and
// leaves no unfinished file; what it did write is complete.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := 0; i < 20; i++ {
		p := filepath.Join(dir, fmt.Sprintf("team-%02d", i))
		writeTeam(t, p, fmt.Sprintf("Team %02d", i), 40+i)
		inputs = append(inputs, p)
	}
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	started := 0
	_, err := output.Build(ctx, inputs, output.RunOptions{Out: out, Formats: jsonFormats(t), Jobs: 2,
		Started: func(string) {
			if started++; started == 4 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(out, ".partial")); !os.IsNotExist(err) {
		t.Errorf("the unfinished files' folder is still there: %v", err)
	}
	files := snapshot(t, out)
	if len(files) >= 20 {
		t.Errorf("%d files: the run did not stop", len(files))
	}
	for name, data := range files {
		if !json.Valid(data) {
			t.Errorf("%s is not complete", name)
		}
	}
}

// TestKilled kills a run with SIGKILL mid-way: every file in the output folder is then
// complete or absent, and the next run finishes the job.
func TestKilled(t *testing.T) {
	if os.Getenv("TRANSFERPACK_KILL_CHILD") != "" {
		return // the child's own run of this test is TestKillChild
	}
	dir := t.TempDir()
	for i := 0; i < 120; i++ {
		writeTeam(t, filepath.Join(dir, fmt.Sprintf("team-%03d", i)), fmt.Sprintf("Team %03d", i), 40+i%30)
	}
	out := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	cmd.Env = append(os.Environ(), "TRANSFERPACK_KILL_CHILD=1", "TRANSFERPACK_KILL_IN="+dir, "TRANSFERPACK_KILL_OUT="+out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		packs, _ := filepath.Glob(filepath.Join(out, "team-*.json"))
		if len(packs) >= 10 || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	files := snapshot(t, out)
	if _, done := files["manifest.json"]; done {
		t.Skip("the run finished before it could be killed")
	}
	for name, data := range files {
		if !json.Valid(data) {
			t.Errorf("%s is incomplete after the kill", name)
		}
	}
	inputs, _ := filepath.Glob(filepath.Join(dir, "team-*"))
	sum, _ := build(t, inputs, output.RunOptions{Out: out, Formats: jsonFormats(t), Jobs: 2})
	if sum.Teams != 120 || sum.FailedInputs != 0 {
		t.Errorf("the run after the kill: %+v", sum)
	}
	after := snapshot(t, out)
	if len(after) != 120+4 {
		t.Errorf("%d files after the re-run, want 120 packs, the portfolio (page, workbook and JSON) and the manifest", len(after))
	}
	if _, err := os.Stat(filepath.Join(out, ".partial")); !os.IsNotExist(err) {
		t.Errorf("unfinished files left after the re-run: %v", err)
	}
}

// TestKillChild is the run TestKilled kills; it does nothing on its own.
func TestKillChild(t *testing.T) {
	if os.Getenv("TRANSFERPACK_KILL_CHILD") == "" {
		return
	}
	inputs, _ := filepath.Glob(filepath.Join(os.Getenv("TRANSFERPACK_KILL_IN"), "team-*"))
	output.Build(context.Background(), inputs, output.RunOptions{Out: os.Getenv("TRANSFERPACK_KILL_OUT"),
		Formats: jsonFormats(t), Jobs: 1, Writers: output.Options{Version: "test"}})
}

// TestRenamedTeamTakesAnotherTeamsName: a team renamed to the name of an unchanged team
// of a later input takes the file name first; the later input's team is then a clash,
// reported, not silently left pointing at the other team's files.
func TestRenamedTeamTakesAnotherTeamsName(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeTeam(t, a, "Alpha", 40)
	writeTeam(t, b, "Beta", 50)
	build(t, []string{a, b}, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	writeTeam(t, a, "Beta", 40)
	sum, results := build(t, []string{a, b}, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	if sum.FailedInputs != 1 || !results[1].Failed || results[1].Unchanged || results[1].Teams[0].Err == nil ||
		!strings.Contains(results[1].Teams[0].Err.Error(), `the same file name "beta"`) {
		t.Errorf("summary %+v, second input %+v: want Beta of b reported as a clash", sum, results[1])
	}
	// The next run does not take b for unchanged either.
	_, results = build(t, []string{a, b}, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	if results[1].Unchanged {
		t.Error("the clashing input is unchanged on the run after")
	}
}

// TestTeamNamedAfterTheRunsFiles: a team called Index, Manifest or Portfolio never
// replaces the portfolio page or the manifest.
func TestTeamNamedAfterTheRunsFiles(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	var inputs []string
	for _, team := range []string{"Index", "Manifest", "Portfolio"} {
		p := filepath.Join(dir, team)
		writeTeam(t, p, team, 40)
		inputs = append(inputs, p)
	}
	sum, _ := build(t, inputs, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	files := snapshot(t, out)
	for _, name := range []string{"index-team.json", "manifest-team.json", "portfolio-team.json"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s is missing", name)
		}
	}
	var m output.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || len(m.Teams) != 3 || sum.Teams != 3 {
		t.Errorf("manifest %v (%d teams), summary %+v", err, len(m.Teams), sum)
	}
}

// TestUnreadableInputDoesNotStopTheBatch: an input whose files cannot be read whole (a
// link to nowhere) fails with a finding that says so; the other inputs are built.
func TestUnreadableInputDoesNotStopTheBatch(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	bad, good := filepath.Join(dir, "bad"), filepath.Join(dir, "good")
	writeTeam(t, bad, "Bad", 40)
	writeTeam(t, good, "Good", 50)
	if err := os.Symlink(filepath.Join(dir, "nowhere.csv"), filepath.Join(bad, "notes.csv")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	sum, results := build(t, []string{bad, good}, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	if sum.Teams != 1 || sum.FailedInputs != 1 {
		t.Errorf("summary %+v, want the good team built and the bad input failed", sum)
	}
	if f := results[0].Findings; len(f) == 0 || !strings.Contains(f[len(f)-1].Message, "cannot be read whole") {
		t.Errorf("the bad input's findings %v do not say why", f)
	}
}

// TestUpperCaseCSVChanges: a change to a CSV file whose extension is upper-case is a
// change: the team is built again.
func TestUpperCaseCSVChanges(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	p := filepath.Join(dir, "team")
	writeTeam(t, p, "Upper", 40)
	if err := os.Rename(filepath.Join(p, "metrics.csv"), filepath.Join(p, "Metrics.CSV")); err != nil {
		t.Fatal(err)
	}
	build(t, []string{p}, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	data, _ := os.ReadFile(filepath.Join(p, "Metrics.CSV"))
	if err := os.WriteFile(filepath.Join(p, "Metrics.CSV"), bytes.Replace(data, []byte(",40,"), []byte(",41,"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, _ := build(t, []string{p}, output.RunOptions{Out: out, Formats: jsonFormats(t)})
	if sum.Unchanged != 0 || sum.Files == 0 {
		t.Errorf("summary %+v: the changed Metrics.CSV was taken for unchanged", sum)
	}
}
