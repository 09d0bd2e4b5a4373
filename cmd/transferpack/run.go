package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

// version is the tool's version, written into every pack and manifest.
const version = "0.1.0"

// buildID is the source revision the program was built from, "-dirty" when the tree
// had changes: a re-run rebuilds what another build made. "" when the build did not
// record it (go run, or a build outside version control).
func buildID() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

// errInputFailed says some input had errors; they have been printed already.
var errInputFailed = errors.New("some inputs failed")

// usageError is a misuse of the command line; run has printed the usage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // arguments after the name
	example string
	run     func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error
	flags   func(fs *pflag.FlagSet)
}

func commands() []*command {
	return []*command{buildCommand(), validateCommand(), templateCommand(), kpisCommand(), versionCommand()}
}

const topUsage = `transferpack turns spreadsheets of monthly team metrics into Transfer-readiness packs.

Usage:
  transferpack <command> [flags] [arguments]

Commands:
%s
Run "transferpack <command> --help" for a command's flags and an example.
`

// run is the whole program: main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmds := commands()
	var list strings.Builder
	for _, c := range cmds {
		fmt.Fprintf(&list, "  %-9s %s\n", c.name, c.summary)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			args = []string{args[1], "--help"}
		} else {
			out := stdout
			if len(args) == 0 {
				out = stderr
			}
			fmt.Fprintf(out, topUsage, list.String())
			if len(args) == 0 {
				return &usageError{"no command given"}
			}
			return nil
		}
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	for _, c := range cmds {
		if c.name != args[0] {
			continue
		}
		fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.SortFlags = false
		if c.flags != nil {
			c.flags(fs)
		}
		usage := func(w io.Writer) {
			fmt.Fprintf(w, "Usage: transferpack %s %s\n\n%s.\n", c.name, c.usage, c.summary)
			if f := fs.FlagUsages(); f != "" {
				fmt.Fprintf(w, "\nFlags:\n%s", f)
			}
			fmt.Fprintf(w, "\nExample:\n%s\n", c.example)
		}
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, pflag.ErrHelp) {
				usage(stdout)
				return nil
			}
			fmt.Fprintf(stderr, "transferpack %s: %v\n\n", c.name, err)
			usage(stderr)
			return &usageError{err.Error()}
		}
		err := c.run(ctx, fs, fs.Args(), stdout, stderr)
		var u *usageError
		switch {
		case errors.As(err, &u):
			fmt.Fprintf(stderr, "transferpack %s: %s\n\n", c.name, u.msg)
			usage(stderr)
		case err != nil && !errors.Is(err, errInputFailed):
			fmt.Fprintf(stderr, "transferpack %s: %v\n", c.name, err)
		}
		return err
	}
	fmt.Fprintf(stderr, "transferpack: unknown command %q\n\n", args[0])
	fmt.Fprintf(stderr, topUsage, list.String())
	return &usageError{fmt.Sprintf("unknown command %q", args[0])}
}

// expandInputs turns the arguments into inputs: workbooks, CSV folders, and the inputs
// found directly inside a folder that is not itself a CSV input (a batch).
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() || input.IsCSVFolder(a) {
			out = append(out, a) // Read reports a missing file as a finding
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		var found []string
		for _, e := range entries {
			p := filepath.Join(a, e.Name())
			switch {
			case e.IsDir() && input.IsCSVFolder(p):
				found = append(found, p)
			case !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".xlsx") && !strings.HasPrefix(e.Name(), "~$"):
				found = append(found, p)
			}
		}
		if len(found) == 0 {
			return nil, &usageError{fmt.Sprintf("%s holds no inputs (.xlsx workbooks or folders of .csv files)", a)}
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// readFramework reads the --framework file, printing its findings.
func readFramework(path string, stderr io.Writer) ([]report.Target, error) {
	if path == "" {
		return nil, nil
	}
	fw, fs := input.ReadFramework(path)
	for _, f := range fs {
		fmt.Fprintln(stderr, f)
	}
	if fs.HasErrors() {
		return nil, errInputFailed
	}
	return fw, nil
}
