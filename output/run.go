package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
	"github.com/transferpack/transferpack/report/names"
)

// RunOptions configure a build run.
type RunOptions struct {
	Out      string   // the folder the packs, the portfolio and the manifest are written into
	Formats  []Format // the formats to write, in table order
	Writers  Options  // what the formats' writers read
	Analysis report.Options
	// Framework is the --framework file's path ("" for none) and FrameworkTargets what
	// it holds; its bytes are part of what makes a team unchanged.
	Framework        string
	FrameworkTargets []report.Target
	Jobs             int  // inputs built at once; 0 means one per CPU
	Force            bool // rebuild every team, even unchanged ones
	// Check reads and analyses every input and reports what a build would refuse, in
	// the same words, but writes nothing: validate's run.
	Check bool
	// Done is called once per input, in input order, when its teams are written,
	// skipped as unchanged, or failed; Started when an input is handed to a worker. Each
	// is called from one goroutine, but the two from different ones: a caller that
	// shares state between them guards it.
	Done    func(InputResult)
	Started func(path string)
	// Build identifies the program that made the files beyond its version (a source
	// revision): a team built by another build is built again. "" when unknown.
	Build string
}

// InputResult is what a run did with one input.
type InputResult struct {
	Path      string
	Findings  report.Findings // the reader's findings, errors and warnings
	Unchanged bool            // its bytes, options and files are as the last run left them: nothing was done
	Failed    bool            // the input or one of its teams had an error
	Teams     []TeamResult    // in input order
}

// TeamResult is what a run did with one team.
type TeamResult struct {
	Team string
	Row  Row   // the team's portfolio row; zero when Err is set
	Err  error // why the team has no new pack: a file name taken, no data as of the month
}

// Summary is what a run did, for the command's last lines.
type Summary struct {
	Inputs, FailedInputs int
	Teams                int            // teams with a pack, new or unchanged
	Unchanged            int            // teams skipped as unchanged
	Decisions            map[string]int // "proceed", "delay", "renegotiate" → teams
	Files                int            // files written this run
	Portfolio            string         // the portfolio page's path
}

// partialDir is where files are written before they are renamed into place: a run that
// is killed leaves its unfinished files there, and the next run removes them.
const partialDir = ".partial"

// Build reads every input, analyses its teams and writes their packs in every format into
// o.Out, then the portfolio and the manifest. Inputs are built in parallel (o.Jobs), but
// reported, named and written in input order, so the files are the same bytes whatever
// the number of jobs. A team whose input, options and files are unchanged since the last
// run is skipped; a team whose input fails keeps last run's files. Each file is written
// completely or not at all. When ctx is cancelled, Build stops starting inputs, removes
// its unfinished files and returns ctx.Err().
func Build(ctx context.Context, inputs []string, o RunOptions) (*Summary, error) {
	if o.Check {
		o.Formats, o.Force = nil, true
	} else {
		if err := os.MkdirAll(filepath.Join(o.Out, partialDir), 0o755); err != nil {
			return nil, err
		}
		// Unfinished files of a run that was killed, and of this one when it stops.
		defer os.RemoveAll(filepath.Join(o.Out, partialDir))
		cleanPartial(o.Out)
	}

	// The writers are prepared side by side: parsing layouts and loading fonts is most
	// of what a run of one team waits for before it starts.
	writers := make([]Writer, len(o.Formats))
	errs := make([]error, len(o.Formats))
	var wg sync.WaitGroup
	for i, f := range o.Formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if writers[i], errs[i] = f.New(o.Writers); errs[i] != nil {
				errs[i] = fmt.Errorf("%s: %w", f.Name, errs[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	prev := &Manifest{}
	if !o.Check {
		prev = readManifest(o.Out)
	}
	settings, err := o.settings()
	if err != nil {
		return nil, err
	}
	r := &run{o: o, writers: writers, prev: prev, settings: settings,
		man: &Manifest{Tool: "transferpack", Version: o.Writers.Version, Build: o.Build, Settings: settings},
		sum: &Summary{Decisions: map[string]int{}}, stems: map[string]string{}}
	if err := r.assets(); err != nil {
		return nil, err
	}
	if err := r.each(ctx, inputs); err != nil {
		return r.sum, err
	}
	if o.Check {
		return r.sum, nil
	}
	if err := r.finish(); err != nil {
		return r.sum, err
	}
	return r.sum, nil
}

// run is one Build in progress.
type run struct {
	o        RunOptions
	writers  []Writer
	prev     *Manifest // the last run's manifest; empty when there is none
	settings Settings
	man      *Manifest // this run's
	sum      *Summary
	stems    map[string]string // file stem → the input that claimed it
	rows     []Row             // the portfolio, in input order
}

// job is one input's work, done by a worker and committed in input order.
type job struct {
	path    string
	hash    string // the input's SHA-256
	size    int64
	skip    bool // unchanged since the last run: nothing to build
	result  *input.Result
	readErr error
	teams   []builtTeam
	err     error // the input could not be hashed
}

// builtTeam is one team's pack rendered in every format, in memory until it is
// committed.
type builtTeam struct {
	data   *report.Dataset
	pack   *report.Pack
	err    error
	files  [][]byte // one per format, nil when err is set
	hashes []string // the files' SHA-256, for the manifest
}

// each builds the inputs with o.Jobs workers and commits them in input order.
func (r *run) each(parent context.Context, inputs []string) error {
	// Stopping early, on an error or when interrupted, stops the dispatcher, so no new
	// input is started and the workers end with what they hold.
	ctx, stop := context.WithCancel(parent)
	defer stop()
	jobs := r.o.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	results := make([]chan *job, len(inputs))
	for i := range results {
		results[i] = make(chan *job, 1)
	}
	// A token per job in flight: at most twice the workers' results wait in memory for
	// their turn to be committed.
	tokens := make(chan struct{}, 2*jobs)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] <- r.build(inputs[i])
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range inputs {
			select {
			case <-ctx.Done():
				return
			case tokens <- struct{}{}:
			}
			if r.o.Started != nil {
				r.o.Started(inputs[i])
			}
			select {
			case <-ctx.Done():
				return
			case next <- i:
			}
		}
	}()
	var err error
	for i := range inputs {
		var j *job
		select {
		case j = <-results[i]:
		case <-ctx.Done():
		}
		if j == nil {
			err = ctx.Err()
			break
		}
		<-tokens
		if cerr := r.commit(j); cerr != nil {
			err = cerr
			break
		}
	}
	stop()
	wg.Wait() // the workers finish what they hold before the partial files go
	if err == nil {
		err = parent.Err()
	}
	return err
}

// build reads, analyses and renders one input's teams, unless the input is unchanged.
func (r *run) build(path string) *job {
	j := &job{path: path}
	j.hash, j.size, j.err = hashInput(path)
	if j.err == nil && !r.o.Force && r.unchanged(path, j.hash) {
		j.skip = true
		return j
	}
	in, err := input.Read(path, input.Options{Framework: r.o.FrameworkTargets})
	j.result, j.readErr = in, err
	for _, d := range in.Teams {
		t := builtTeam{data: d}
		t.pack, t.err = report.Analyze(d, r.o.Analysis)
		if t.err == nil {
			t.files, t.hashes, t.err = r.render(t.pack)
		}
		j.teams = append(j.teams, t)
	}
	return j
}

// render writes a pack in every format, the formats side by side: with few teams a run
// still uses every CPU. Each file's bytes depend on the pack alone.
func (r *run) render(p *report.Pack) (files [][]byte, hashes []string, err error) {
	n := len(r.o.Formats)
	files, hashes = make([][]byte, n), make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range r.o.Formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := r.writers[i].Write(&buf, p); err != nil {
				errs[i] = fmt.Errorf("writing the %s pack: %w", r.o.Formats[i].Name, err)
				return
			}
			sum := sha256.Sum256(buf.Bytes())
			files[i], hashes[i] = buf.Bytes(), hex.EncodeToString(sum[:])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return files, hashes, nil
}

// commit writes one input's teams, in input order, and records them in the manifest.
func (r *run) commit(j *job) error {
	res := InputResult{Path: j.path}
	r.sum.Inputs++
	rel := relPath(j.path)
	switch {
	case j.skip:
		res.Unchanged = true
		entry := r.prev.input(rel)
		for _, t := range r.prev.teamsOf(rel) {
			if other, dup := r.stems[t.Stem]; dup {
				// An input before it now has a team of the same file name, written this
				// run: this one's packs are that team's now.
				res.Unchanged, res.Failed = false, true
				entry.Failed, entry.Errors = true, entry.Errors+1
				res.Teams = append(res.Teams, TeamResult{Team: t.Row.Team, Err: clash(t.Row.Team, t.Stem, other)})
				continue
			}
			r.stems[t.Stem] = j.path
			r.man.Teams = append(r.man.Teams, t)
			r.rows = append(r.rows, t.Row)
			res.Teams = append(res.Teams, TeamResult{Team: t.Row.Team, Row: t.Row})
			r.sum.Teams++
			r.sum.Unchanged++
			r.sum.Decisions[t.Row.Decision]++
		}
		r.man.Inputs = append(r.man.Inputs, entry)
		if res.Failed {
			r.sum.FailedInputs++
		}
		r.done(res)
		return nil
	}
	in := j.result
	if in == nil {
		in = &input.Result{Path: j.path}
	}
	res.Findings = in.Findings
	if j.err != nil && !in.Findings.HasErrors() {
		// The reader took the input, but its bytes could not be read whole for the
		// manifest (a link to nowhere, a file locked by another program): its packs
		// cannot be known to be the input's.
		f := &report.Finding{Severity: report.Error, File: j.path, Message: "cannot be read whole: " + j.err.Error() + ": check the files and their permissions"}
		res.Findings = append(res.Findings, f)
		in.Findings = res.Findings
		j.teams = nil
	}
	res.Failed = j.readErr != nil || j.err != nil
	entry := InputEntry{Path: rel, Size: j.size, SHA256: j.hash, Teams: []string{}}
	for _, t := range j.teams {
		tr := TeamResult{Team: t.data.Engagement.Team, Err: t.err}
		stem := fileStem(tr.Team)
		if other, dup := r.stems[stem]; dup && tr.Err == nil {
			tr.Err = clash(tr.Team, stem, other)
		}
		if tr.Err != nil {
			res.Failed = true
			res.Teams = append(res.Teams, tr)
			continue
		}
		r.stems[stem] = j.path
		te := TeamEntry{Input: rel, Stem: stem, Row: rowOf(t.pack, stem, r.o.Formats)}
		te.Row.Input = rel
		for i, f := range r.o.Formats {
			name := stem + f.Ext
			if err := writeAtomic(r.o.Out, name, t.files[i]); err != nil {
				return fmt.Errorf("%s: %w", tr.Team, err)
			}
			r.sum.Files++
			te.Files = append(te.Files, FileEntry{Path: name, Format: f.Name, Size: int64(len(t.files[i])), SHA256: t.hashes[i]})
		}
		tr.Row = te.Row
		entry.Teams = append(entry.Teams, tr.Team)
		r.man.Teams = append(r.man.Teams, te)
		r.rows = append(r.rows, te.Row)
		r.sum.Teams++
		r.sum.Decisions[te.Row.Decision]++
		res.Teams = append(res.Teams, tr)
	}
	if res.Failed {
		r.sum.FailedInputs++
		entry.Failed = true
		entry.Errors = len(in.Findings.Errors())
		for _, t := range res.Teams {
			if t.Err != nil {
				entry.Errors++
			}
		}
		// A team this input had last time and not now keeps its files and its row,
		// marked failed with the input's errors: the portfolio links to last run's pack,
		// of last run's month. An input without one is listed on its own.
		failed := failedRow(rel, in.Findings, res.Teams)
		kept := false
		for _, old := range r.prev.teamsOf(rel) {
			if containsTeam(res.Teams, old.Row.Team) && !failedTeam(res.Teams, old.Row.Team) {
				continue
			}
			if _, taken := r.stems[old.Stem]; taken {
				continue
			}
			r.stems[old.Stem] = j.path
			old.Stale = true
			old.Row.Failed, old.Row.Findings = true, failed.Findings
			r.man.Teams = append(r.man.Teams, old)
			r.rows = append(r.rows, old.Row)
			kept = true
		}
		if !kept {
			r.rows = append(r.rows, failed)
		}
	}
	r.man.Inputs = append(r.man.Inputs, entry)
	r.done(res)
	return nil
}

// clash says two teams would write the same files.
func clash(team, stem, other string) error {
	return fmt.Errorf("team %q has the same file name %q as a team in %s: rename one", team, stem, other)
}

// reservedStems are the names of the run's own files: a team named after one of them has
// "-team" added, so its packs never replace the portfolio or the manifest.
var reservedStems = map[string]bool{"index": true, "manifest": true, "portfolio": true}

// fileStem is the name of a team's packs, without extension.
func fileStem(team string) string {
	stem := names.FileStem(team)
	if reservedStems[stem] {
		stem += "-team"
	}
	return stem
}

func (r *run) done(res InputResult) {
	if r.o.Done != nil {
		r.o.Done(res)
	}
}

func containsTeam(ts []TeamResult, team string) bool {
	for _, t := range ts {
		if t.Team == team {
			return true
		}
	}
	return false
}

func failedTeam(ts []TeamResult, team string) bool {
	for _, t := range ts {
		if t.Team == team && t.Err != nil {
			return true
		}
	}
	return false
}

// unchanged reports whether an input can be skipped: the last run read the same bytes
// with the same settings and tool version, and every file it wrote for the input's teams
// is still there with the same bytes.
func (r *run) unchanged(path, hash string) bool {
	rel := relPath(path)
	prev := r.prev.input(rel)
	if prev.Path == "" || prev.SHA256 != hash || prev.Failed || r.prev.Version != r.man.Version || r.prev.Build != r.man.Build ||
		r.prev.Settings != r.settings {
		return false
	}
	teams := r.prev.teamsOf(rel)
	if len(teams) == 0 {
		return false
	}
	for _, t := range teams {
		if t.Stale || len(t.Files) != len(r.o.Formats) {
			return false
		}
		for _, f := range t.Files {
			data, err := os.ReadFile(filepath.Join(r.o.Out, f.Path))
			if err != nil {
				return false
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
				return false
			}
		}
	}
	return true
}

// assets writes the files the formats share across a run (the HTML packs' script when
// it is shared), once.
func (r *run) assets() error {
	for _, f := range r.o.Formats {
		if f.Assets == nil {
			continue
		}
		files, err := f.Assets(r.o.Writers)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			written, err := writeIfChanged(r.o.Out, name, files[name])
			if err != nil {
				return err
			}
			if written {
				r.sum.Files++
			}
			sum := sha256.Sum256(files[name])
			r.man.Assets = append(r.man.Assets, FileEntry{Path: name, Format: f.Name, Size: int64(len(files[name])), SHA256: hex.EncodeToString(sum[:])})
		}
	}
	return nil
}

// finish writes the portfolio and, last, the manifest: a run killed before this keeps
// the last run's manifest, whose hashes no longer match the files it rewrote, so the
// next run builds those again.
func (r *run) finish() error {
	// The portfolio lists the teams in input order, as the command does; its files are
	// made side by side.
	files := make([][]byte, len(portfolioFiles))
	errs := make([]error, len(portfolioFiles))
	var wg sync.WaitGroup
	for i, p := range portfolioFiles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if files[i], errs[i] = p.write(r.rows, r.o); errs[i] != nil {
				errs[i] = fmt.Errorf("portfolio %s: %w", p.name, errs[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, p := range portfolioFiles {
		data := files[i]
		written, err := writeIfChanged(r.o.Out, p.name, data)
		if err != nil {
			return err
		}
		if written {
			r.sum.Files++
		}
		if p.name == "index.html" {
			r.sum.Portfolio = filepath.Join(r.o.Out, p.name)
		}
		sum := sha256.Sum256(data)
		r.man.Portfolio = append(r.man.Portfolio, FileEntry{Path: p.name, Format: p.format, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	}
	if r.sum.Portfolio == "" && len(portfolioFiles) > 0 {
		r.sum.Portfolio = filepath.Join(r.o.Out, portfolioFiles[0].name)
	}
	data, err := r.man.encode()
	if err != nil {
		return err
	}
	written, err := writeIfChanged(r.o.Out, ManifestName, data)
	if written {
		r.sum.Files++
	}
	return err
}

// writeIfChanged writes a run-level file unless it already holds these bytes: a run that
// changes nothing writes nothing.
func writeIfChanged(dir, name string, data []byte) (written bool, err error) {
	if old, err := os.ReadFile(filepath.Join(dir, name)); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	return true, writeAtomic(dir, name, data)
}

// writeAtomic writes data to dir/name through a file in dir's partial folder, where a
// killed run's unfinished files wait for the next run to clear them.
func writeAtomic(dir, name string, data []byte) error {
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeVia(filepath.Join(dir, partialDir), path, data)
}

// WriteFile writes data to path through a temporary file beside it and a rename, so a
// reader never sees half a file and a failure leaves the old one. Files are readable by
// everyone (0644).
func WriteFile(path string, data []byte) error {
	return writeVia(filepath.Dir(path), path, data)
}

// writeVia writes data to path through a temporary file in tmpDir, on the same file
// system, and a rename.
func writeVia(tmpDir, path string, data []byte) error {
	tmp, err := os.CreateTemp(tmpDir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// cleanPartial removes what a killed run left in the partial folder.
func cleanPartial(out string) {
	entries, _ := os.ReadDir(filepath.Join(out, partialDir))
	for _, e := range entries {
		os.RemoveAll(filepath.Join(out, partialDir, e.Name()))
	}
}

// hashInput returns the SHA-256 and size of an input: a file's bytes, or a CSV folder's
// .csv files' names and bytes in name order. Files are streamed through the hash, so a
// file far larger than any input allows costs no memory here; the reader refuses it.
func hashInput(path string) (string, int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", 0, err
	}
	h := sha256.New()
	if !fi.IsDir() {
		n, err := hashFile(h, path)
		return hex.EncodeToString(h.Sum(nil)), n, err
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", 0, err
	}
	var size int64
	for _, e := range entries { // ReadDir sorts by name
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			continue // the files the reader reads, whatever the case of their extension
		}
		fmt.Fprintf(h, "%s\x00", e.Name())
		n, err := hashFile(h, filepath.Join(path, e.Name()))
		if err != nil {
			return "", 0, err
		}
		fmt.Fprintf(h, "\x00%d\x00", n)
		size += n
	}
	return hex.EncodeToString(h.Sum(nil)), size, nil
}

// hashFile streams a file into h and returns its size.
func hashFile(h io.Writer, path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return io.Copy(h, f)
}

// relPath is an input's path as the manifest records it: relative to the folder the run
// was started in when it lies below it, otherwise as given, with slashes.
func relPath(path string) string {
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil && !filepath.IsAbs(rel) && !startsWithDotDot(rel) {
				path = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

func startsWithDotDot(p string) bool {
	return p == ".." || len(p) > 2 && p[:3] == ".."+string(filepath.Separator)
}

// ErrNoInputs is returned when a run is given nothing to build.
var ErrNoInputs = errors.New("no inputs")
