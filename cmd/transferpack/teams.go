package main

import (
	"context"
	"fmt"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
	"github.com/transferpack/transferpack/report/names"
)

// loaded is one input as build and validate see it: its findings, and each team with its
// pack or the reason it has none.
type loaded struct {
	path     string
	findings report.Findings // the reader's, errors and warnings, in workbook order
	readErr  bool            // the reader found an error: some or all teams are left out
	teams    []loadedTeam    // the teams the reader returned, in input order
}

// loadedTeam is one team of an input.
type loadedTeam struct {
	data *report.Dataset
	stem string       // the file name its packs are written under
	pack *report.Pack // nil when err is set
	err  error        // why the team has no pack: a file name taken, no data as of the month
}

// failed reports whether the input, or any of its teams, failed.
func (l *loaded) failed() bool {
	if l.readErr {
		return true
	}
	for _, t := range l.teams {
		if t.err != nil {
			return true
		}
	}
	return false
}

// teamError is the line build and validate print for a team without a pack.
func teamError(path string, err error) string { return fmt.Sprintf("%s: error: %v", path, err) }

// loadInputs reads every input, analyses every team as of the options and checks what
// writing their packs would refuse: two teams with the same file name, a month without
// data. build and validate both use it, so validate finds all that build refuses, in the
// same words. Inputs are handed to each in order, one at a time.
func loadInputs(ctx context.Context, paths []string, fw []report.Target, opts report.Options, each func(*loaded) error) error {
	stems := map[string]string{} // file stem -> the input that claimed it
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		in, err := input.Read(path, input.Options{Framework: fw})
		l := &loaded{path: path, findings: in.Findings, readErr: err != nil}
		for _, d := range in.Teams {
			t := loadedTeam{data: d, stem: names.FileStem(d.Engagement.Team)}
			if other, dup := stems[t.stem]; dup {
				t.err = fmt.Errorf("team %q has the same file name %q as a team in %s: rename one", d.Engagement.Team, t.stem, other)
			} else {
				stems[t.stem] = path
				t.pack, t.err = report.Analyze(d, opts)
			}
			l.teams = append(l.teams, t)
		}
		if err := each(l); err != nil {
			return err
		}
	}
	return nil
}
