// Package inputtest reads inputs into packs for the tests of the packages that lay packs
// out (charts, the writers), as net/http/httptest serves net/http's: one place that
// reads and analyses the samples, so every format is tested on the same packs.
package inputtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

// Packs reads every input in dir (a folder of inputs such as samples/) and analyses each
// team as of its report month, in input order. It fails the test on any error.
func Packs(tb testing.TB, dir string) []*report.Pack {
	tb.Helper()
	inputs, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(inputs) == 0 {
		tb.Fatalf("no inputs in %s: %v", dir, err)
	}
	var packs []*report.Pack
	for _, path := range inputs {
		packs = append(packs, inputPacks(tb, path)...)
	}
	return packs
}

// Samples analyses the five teams of the project's samples/ folder, found from the
// test's own folder up, in input order.
func Samples(tb testing.TB) []*report.Pack {
	tb.Helper()
	dir, err := filepath.Abs(".")
	for err == nil {
		if _, e := os.Stat(filepath.Join(dir, "go.mod")); e == nil {
			break
		}
		if up := filepath.Dir(dir); up != dir {
			dir = up
		} else {
			err = os.ErrNotExist
		}
	}
	if err != nil {
		tb.Fatalf("no module root above the test: %v", err)
	}
	packs := Packs(tb, filepath.Join(dir, "samples"))
	if len(packs) != 5 {
		tb.Fatalf("%d sample teams, want 5", len(packs))
	}
	return packs
}

// Pack reads one input and analyses the team of that name as of its report month.
func Pack(tb testing.TB, path, team string) *report.Pack {
	tb.Helper()
	for _, p := range inputPacks(tb, path) {
		if p.Team == team {
			return p
		}
	}
	tb.Fatalf("no team %q in %s", team, path)
	return nil
}

// Dataset reads one input and returns the team of that name, for a test to change.
func Dataset(tb testing.TB, path, team string) *report.Dataset {
	tb.Helper()
	in, err := input.Read(path, input.Options{})
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	for _, d := range in.Teams {
		if d.Engagement.Team == team || team == "" {
			return d
		}
	}
	tb.Fatalf("no team %q in %s", team, path)
	return nil
}

func inputPacks(tb testing.TB, path string) []*report.Pack {
	tb.Helper()
	in, err := input.Read(path, input.Options{})
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	var packs []*report.Pack
	for _, d := range in.Teams {
		p, err := report.Analyze(d, report.Options{})
		if err != nil {
			tb.Fatalf("%s: %v", d.Engagement.Team, err)
		}
		packs = append(packs, p)
	}
	return packs
}
