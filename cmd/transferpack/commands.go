package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/transferpack/transferpack/output"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

func validateCommand() *command {
	var framework, asOf string
	var doraYear int
	return &command{
		name:    "validate",
		summary: "Check inputs and list every problem with its file, sheet and cell",
		usage:   "[flags] INPUT...",
		example: `  transferpack validate samples/*
  samples/medellin.xlsx: ok, 1 team (Medellín Payments)
  bad.xlsx: Metrics!C14: error: not a number: "n/a": write a number, or clear the cell if the month has no data

  validate finds everything build would refuse, with the same flags and in the same words.
  Exit status: 0 when no input has an error, 1 when one has, 2 on misuse.`,
		flags: func(fs *pflag.FlagSet) {
			fs.StringVar(&asOf, "as-of", "", "check as of `MONTH` (2026-10) instead of each input's report month")
			fs.IntVar(&doraYear, "dora-year", 2024, "the State of DevOps report `YEAR` DORA tiers come from: 2023 or 2024")
			fs.StringVar(&framework, "framework", "", "a KPI framework `FILE` shared by every team (a Targets sheet)")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) == 0 {
				return &usageError{"no input given"}
			}
			opts, err := analysisOptions(asOf, doraYear)
			if err != nil {
				return err
			}
			fw, err := readFramework(framework, stdout)
			if err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			errs, warns := 0, 0
			sum, err := output.Build(ctx, inputs, output.RunOptions{Check: true, Analysis: opts, Framework: framework, FrameworkTargets: fw,
				Done: func(in output.InputResult) {
					for _, f := range in.Findings {
						fmt.Fprintln(stdout, f)
					}
					n := len(in.Findings.Errors())
					errs += n
					warns += len(in.Findings) - n
					var good []string
					for _, t := range in.Teams {
						if t.Err != nil {
							fmt.Fprintln(stdout, teamError(in.Path, t.Err))
							errs++
							continue
						}
						good = append(good, t.Team)
					}
					switch {
					case !in.Failed:
						fmt.Fprintf(stdout, "%s: ok, %s\n", in.Path, describeTeams(good))
					case len(good) > 0:
						fmt.Fprintf(stdout, "%s: failed; the other teams read without error: %s\n", in.Path, describeTeams(good))
					}
				}})
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s checked: %d failed, %s, %s\n", report.Count(sum.Inputs, "input"), sum.FailedInputs, report.Count(errs, "error"), report.Count(warns, "warning"))
			if sum.FailedInputs > 0 {
				return errInputFailed
			}
			return nil
		},
	}
}

// teamError is the line build and validate print for a team without a pack.
func teamError(path string, err error) string { return fmt.Sprintf("%s: error: %v", path, err) }

// analysisOptions checks the analysis flags build and validate share.
func analysisOptions(asOf string, doraYear int) (report.Options, error) {
	opts := report.Options{DORAYear: doraYear}
	if err := opts.Validate(); err != nil {
		return opts, &usageError{"--dora-year: " + err.Error()}
	}
	if asOf != "" {
		m, err := report.ParseMonth(asOf)
		if err != nil {
			return opts, &usageError{fmt.Sprintf("--as-of %q: %v", asOf, err)}
		}
		opts.AsOf = m
	}
	return opts, nil
}

// describeTeams names what an input holds: "1 team (Medellín Payments)" or "3 teams (…)".
func describeTeams(teams []string) string {
	return fmt.Sprintf("%s (%s)", report.Count(len(teams), "team"), strings.Join(teams, ", "))
}

func buildCommand() *command {
	var out, framework, formatList, asOf, layoutsDir, htmlAssets, paper string
	var doraYear, jobs int
	var force, quiet bool
	return &command{
		name:    "build",
		summary: "Read inputs and write every team's packs, a portfolio and a manifest",
		usage:   "[flags] INPUT...",
		example: `  transferpack build samples/*

  An INPUT is an .xlsx workbook, a folder of CSV files (engagement.csv, metrics.csv,
  targets.csv, commentary.csv), or a folder of such inputs. Each team gets its packs in
  DIR (packs/ unless --out says otherwise), named after the team: <team>.html, .pdf,
  -annex.xlsx and .json, with the portfolio (index.html, portfolio.xlsx,
  portfolio.json) and manifest.json beside them. A re-run skips the teams
  whose input, options and files are unchanged. An input with errors is reported and
  keeps last run's files; the others are built. Exit status 1 when any input failed,
  130 when interrupted.`,
		flags: func(fs *pflag.FlagSet) {
			fs.StringVarP(&out, "out", "o", "packs", "write the packs into `DIR`")
			fs.StringVar(&formatList, "format", strings.Join(output.Names(), ","), "the `FORMATS` to write, comma-separated: "+strings.Join(output.Names(), ", "))
			fs.StringVar(&asOf, "as-of", "", "report as of `MONTH` (2026-10) instead of each input's report month")
			fs.IntVar(&doraYear, "dora-year", 2024, "the State of DevOps report `YEAR` DORA tiers come from: 2023 or 2024")
			fs.StringVar(&framework, "framework", "", "a KPI framework `FILE` shared by every team (a Targets sheet)")
			fs.IntVarP(&jobs, "jobs", "j", runtime.GOMAXPROCS(0), "build with `N` CPUs: N inputs at once, and a team's formats and charts side by side when N > 1")
			fs.BoolVar(&force, "force", false, "rebuild every team, even those unchanged since the last run")
			fs.BoolVarP(&quiet, "quiet", "q", false, "print only errors and the summary")
			fs.StringVar(&layoutsDir, "layouts", "", "replace the HTML pack's layouts with the files of the same name in `DIR`")
			fs.StringVar(&paper, "paper", "a4", "the PDF pack's paper `SIZE`: a4 or letter")
			fs.StringVar(&htmlAssets, "html-assets", "inline", "where HTML packs find their chart `SCRIPT`: inline (in every pack) or shared (written once, in DIR/assets)")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) == 0 {
				return &usageError{"no input given"}
			}
			if jobs < 1 {
				return &usageError{fmt.Sprintf("--jobs %d: build at least one input at a time", jobs)}
			}
			formats, err := output.FormatsByName(formatList)
			if err != nil {
				return &usageError{"--format: " + err.Error()}
			}
			if htmlAssets != "inline" && htmlAssets != "shared" {
				return &usageError{fmt.Sprintf("--html-assets %q: use inline or shared", htmlAssets)}
			}
			if paper != "a4" && paper != "letter" {
				return &usageError{fmt.Sprintf("--paper %q: use a4 or letter", paper)}
			}
			opts, err := analysisOptions(asOf, doraYear)
			if err != nil {
				return err
			}
			fw, err := readFramework(framework, stderr)
			if err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			// --jobs bounds the CPUs the whole build uses, the work inside a team as well.
			if jobs != runtime.GOMAXPROCS(0) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(jobs))
			}
			inputs = withoutFolder(inputs, out) // a batch folder may hold the output folder too
			p := newProgress(stderr, len(inputs), quiet)
			sum, err := output.Build(ctx, inputs, output.RunOptions{
				Out: out, Formats: formats, Writers: output.Options{Version: version, Layouts: layoutsDir, HTMLAssets: htmlAssets, Paper: paper}, Analysis: opts,
				Framework: framework, FrameworkTargets: fw, Jobs: jobs, Force: force, Build: buildID(),
				Started: p.started,
				Done: func(in output.InputResult) {
					p.clear()
					for _, f := range in.Findings {
						fmt.Fprintln(stderr, f)
					}
					for _, t := range in.Teams {
						switch {
						case t.Err != nil:
							fmt.Fprintln(stderr, teamError(in.Path, t.Err))
						case !quiet && in.Unchanged:
							fmt.Fprintf(stdout, "%-28s %-16s %-9s unchanged\n", fitName(t.Team, 28), t.Row.DecisionLabel, t.Row.ScoreLabel)
						case !quiet:
							fmt.Fprintf(stdout, "%-28s %-16s %s\n", fitName(t.Team, 28), t.Row.DecisionLabel, t.Row.ScoreLabel)
						}
					}
					p.done(in.Path)
				},
			})
			p.finish()
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, summaryLine(sum, out))
			if sum.FailedInputs > 0 {
				return errInputFailed
			}
			return nil
		},
	}
}

// summaryLine says what a build did: the decisions, what failed, what was written and
// where the portfolio is.
func summaryLine(s *output.Summary, out string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d proceed, %d delay, %d renegotiate", report.Count(s.Teams, "team"),
		s.Decisions["proceed"], s.Decisions["delay"], s.Decisions["renegotiate"])
	if s.Unchanged > 0 {
		fmt.Fprintf(&b, " (%d unchanged)", s.Unchanged)
	}
	fmt.Fprintf(&b, "; %d of %s failed; wrote %s to %s", s.FailedInputs, report.Count(s.Inputs, "input"),
		report.Count(s.Files, "file"), out+string(filepath.Separator))
	if s.Portfolio != "" {
		fmt.Fprintf(&b, "; portfolio: %s", s.Portfolio)
	}
	return b.String()
}

// withoutFolder drops the inputs inside dir: a run never reads its own packs (an annex
// is a workbook) as inputs.
func withoutFolder(inputs []string, dir string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return inputs
	}
	var out []string
	for _, in := range inputs {
		p, err := filepath.Abs(in)
		if rel, rerr := filepath.Rel(abs, p); err == nil && rerr == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
			continue
		}
		out = append(out, in)
	}
	return out
}

// fitName shortens a team name to at most n characters for the console's table, so a
// long name does not push the columns out of line; the packs keep the full name.
func fitName(name string, n int) string {
	r := []rune(name)
	if len(r) <= n {
		return name
	}
	return string(r[:n-1]) + "…"
}

func templateCommand() *command {
	var force bool
	var csvDir string
	return &command{
		name:    "template",
		summary: "Write a blank input workbook to fill in",
		usage:   "[flags] [FILE]",
		example: `  transferpack template medellin.xlsx
  transferpack template --csv medellin

  Writes a workbook with the Engagement, Metrics, Targets and Commentary sheets, an
  Instructions sheet, dropdowns and formats. FILE defaults to transferpack-input.xlsx;
  an existing file is kept unless --force is given. --csv DIR writes the same sheets as
  a folder of CSV files instead.`,
		flags: func(fs *pflag.FlagSet) {
			fs.BoolVarP(&force, "force", "f", false, "replace FILE (or the CSV files) if it exists")
			fs.StringVar(&csvDir, "csv", "", "write the template as a folder `DIR` of CSV files instead of a workbook")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) > 1 || (csvDir != "" && len(args) > 0) {
				return &usageError{"give at most one FILE, or --csv DIR alone"}
			}
			if csvDir != "" {
				return writeTemplateCSV(csvDir, force, stdout)
			}
			path := "transferpack-input.xlsx"
			if len(args) == 1 {
				path = args[0]
			}
			if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
				return &usageError{fmt.Sprintf("%s: the template is a workbook: name it .xlsx", path)}
			}
			if _, err := os.Stat(path); err == nil && !force {
				return &usageError{fmt.Sprintf("%s exists: give another name, or --force to replace it", path)}
			}
			var buf bytes.Buffer
			if err := input.WriteTemplate(&buf); err != nil {
				return err
			}
			if err := output.WriteFile(path, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: fill it in, then run transferpack validate %s\n", path, path)
			return nil
		},
	}
}

// writeTemplateCSV writes the template as a folder of CSV files.
func writeTemplateCSV(dir string, force bool, stdout io.Writer) error {
	files, err := input.TemplateCSV()
	if err != nil {
		return err
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil && !force {
			return &usageError{fmt.Sprintf("%s exists: give another folder, or --force to replace its files", filepath.Join(dir, name))}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names {
		if err := output.WriteFile(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "wrote %s (%s): fill them in, then run transferpack validate %s\n", dir, strings.Join(names, ", "), dir)
	return nil
}

func kpisCommand() *command {
	var format string
	return &command{
		name:    "kpis",
		summary: "List the KPI catalog: ids, units, directions, default targets and gates",
		usage:   "[flags]",
		example: `  transferpack kpis
  transferpack kpis --format csv > kpis.csv`,
		flags: func(fs *pflag.FlagSet) {
			fs.StringVar(&format, "format", "table", "write in `FORMAT`: table (for people) or csv (for spreadsheets)")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) > 0 {
				return &usageError{"kpis takes no arguments"}
			}
			switch format {
			case "table":
				return writeKPITable(stdout)
			case "csv":
				return writeKPICSV(stdout)
			}
			return &usageError{fmt.Sprintf("unknown format %q: use table or csv", format)}
		},
	}
}

var kpiHeader = []string{"id", "name", "category", "unit", "direction", "aggregation", "target", "gate", "plausible range", "definition"}

func kpiRow(k report.KPI) []string {
	gate := ""
	if k.Gate {
		gate = "gate"
	}
	return []string{k.ID, k.Name, string(k.Category), k.Unit, string(k.Direction), string(k.Aggregation),
		k.TargetLabel(), gate, trimFloat(k.Min) + "–" + trimFloat(k.Max), k.Definition}
}

func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func writeKPITable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(kpiHeader[:8], "\t")))
	cat := report.Category("")
	for _, k := range report.Catalog() {
		if k.Category != cat && cat != "" {
			fmt.Fprintln(tw, strings.Repeat("\t", 7)) // a blank line that keeps the columns aligned
		}
		cat = k.Category
		fmt.Fprintln(tw, strings.Join(kpiRow(k)[:8], "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nAGGREGATION says how the month's one value is formed: sum (total of the month), mean (of its")
	fmt.Fprintln(w, "sprints), median (of its items), last (at the end of the month), rate (events ÷ population).")
	fmt.Fprintln(w, "Percent KPIs take 85%, a cell formatted as percent, or 85 (percentage points).")
	fmt.Fprintln(w, "Attrition is a monthly rate; its target is the annual rate (monthly × 12).")
	fmt.Fprintln(w, "Definitions and plausible ranges: transferpack kpis --format csv")
	return nil
}

func writeKPICSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(kpiHeader); err != nil {
		return err
	}
	for _, k := range report.Catalog() {
		if err := cw.Write(kpiRow(k)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "Print the version",
		usage:   "",
		example: "  transferpack version",
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			fmt.Fprintf(stdout, "transferpack %s (%s)\n", version, runtime.Version())
			return nil
		},
	}
}
