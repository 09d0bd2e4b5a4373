package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/transferpack/transferpack/output"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
	"github.com/transferpack/transferpack/report/names"
)

func validateCommand() *command {
	var framework string
	return &command{
		name:    "validate",
		summary: "Check inputs and list every problem with its file, sheet and cell",
		usage:   "[flags] INPUT...",
		example: `  transferpack validate samples/*
  samples/medellin.xlsx: ok, 1 team (Medellín Payments), 16 months
  bad.xlsx: Metrics!C14: error: not a number: "n/a": write a number, or clear the cell if the month has no data

  Exit status: 0 when no input has an error, 1 when one has, 2 on misuse.`,
		flags: func(fs *pflag.FlagSet) {
			fs.StringVar(&framework, "framework", "", "a KPI framework `FILE` shared by every team (a Targets sheet)")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) == 0 {
				return &usageError{"no input given"}
			}
			fw, err := readFramework(framework, stdout)
			if err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			failed, errs, warns := 0, 0, 0
			for _, path := range inputs {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				in, err := input.Read(path, input.Options{Framework: fw})
				for _, f := range in.Findings {
					fmt.Fprintln(stdout, f)
				}
				n := len(in.Findings.Errors())
				errs += n
				warns += len(in.Findings) - n
				if err != nil {
					failed++
					if len(in.Teams) > 0 {
						fmt.Fprintf(stdout, "%s: failed; the other teams read without error: %s\n", path, describeTeams(in.Teams))
					}
					continue
				}
				fmt.Fprintf(stdout, "%s: ok, %s\n", path, describeTeams(in.Teams))
			}
			fmt.Fprintf(stdout, "%s checked: %d failed, %s, %s\n", report.Count(len(inputs), "input"), failed, report.Count(errs, "error"), report.Count(warns, "warning"))
			if failed > 0 {
				return errInputFailed
			}
			return nil
		},
	}
}

// describeTeams summarises what an input holds: "1 team, 16 months" or "3 teams".
func describeTeams(teams []*report.Dataset) string {
	if len(teams) == 1 {
		d := teams[0]
		months := 0
		if last := d.LastMonth(); !last.IsZero() {
			first := last
			for _, s := range d.Series {
				first = min(first, s.Points[0].Month)
			}
			months = int(last-first) + 1
		}
		return fmt.Sprintf("1 team (%s), %d months", d.Engagement.Team, months)
	}
	names := make([]string, len(teams))
	for i, d := range teams {
		names[i] = d.Engagement.Team
	}
	return fmt.Sprintf("%d teams (%s)", len(teams), strings.Join(names, ", "))
}

func buildCommand() *command {
	var out, framework, formatList, asOf, paper string
	var doraYear int
	return &command{
		name:    "build",
		summary: "Read inputs and write one pack per team into an output folder",
		usage:   "[flags] INPUT...",
		example: `  transferpack build --out output samples/*

  An INPUT is an .xlsx workbook, a folder of CSV files (engagement.csv, metrics.csv,
  targets.csv, commentary.csv), or a folder of such inputs. Each team gets
  <team>.json in DIR. An input with errors is reported and skipped; the others are
  built. Exit status 1 when any input failed.`,
		flags: func(fs *pflag.FlagSet) {
			fs.StringVarP(&out, "out", "o", "output", "write the packs into `DIR`")
			fs.StringVar(&formatList, "format", "json", "the `FORMATS` to write, comma-separated: "+strings.Join(output.Names(), ", "))
			fs.StringVar(&asOf, "as-of", "", "report as of `MONTH` (2026-10) instead of each input's report month")
			fs.IntVar(&doraYear, "dora-year", 2024, "the State of DevOps report `YEAR` DORA tiers come from: 2023 or 2024")
			fs.StringVar(&framework, "framework", "", "a KPI framework `FILE` shared by every team (a Targets sheet)")
			fs.StringVar(&paper, "paper", "a4", "the PDF pack's paper `SIZE`: a4 or letter")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) == 0 {
				return &usageError{"no input given"}
			}
			formats, err := output.FormatsByName(formatList)
			if err != nil {
				return &usageError{"--format: " + err.Error()}
			}
			if paper != "a4" && paper != "letter" {
				return &usageError{fmt.Sprintf("--paper %q: use a4 or letter", paper)}
			}
			writers := make([]output.Writer, len(formats))
			for i, f := range formats {
				if writers[i], err = f.New(output.Options{Version: version, Paper: paper}); err != nil {
					return fmt.Errorf("%s: %w", f.Name, err)
				}
			}
			opts := report.Options{DORAYear: doraYear}
			if err := opts.Validate(); err != nil {
				return &usageError{"--dora-year: " + err.Error()}
			}
			if asOf != "" {
				m, err := report.ParseMonth(asOf)
				if err != nil {
					return &usageError{fmt.Sprintf("--as-of %q: %v", asOf, err)}
				}
				opts.AsOf = m
			}
			fw, err := readFramework(framework, stderr)
			if err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			failed, written := 0, 0
			stems := map[string]string{} // file stem -> the input that claimed it
			for _, path := range inputs {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				in, err := input.Read(path, input.Options{Framework: fw})
				for _, f := range in.Findings {
					fmt.Fprintln(stderr, f)
				}
				if err != nil {
					failed++ // the teams without an error of their own are built all the same
				}
				for _, d := range in.Teams {
					stem := names.FileStem(d.Engagement.Team)
					if other, dup := stems[stem]; dup {
						fmt.Fprintf(stderr, "%s: error: team %q has the same file name %q as a team in %s: rename one\n", path, d.Engagement.Team, stem, other)
						failed++
						continue
					}
					stems[stem] = path
					p, err := report.Analyze(d, opts)
					if err != nil {
						fmt.Fprintf(stderr, "%s: error: %v\n", path, err)
						failed++
						continue
					}
					for i, f := range formats {
						var buf bytes.Buffer // in memory first, so a failure leaves no file behind
						err := writers[i].Write(&buf, p)
						if err == nil {
							err = writeFileAtomic(filepath.Join(out, stem+f.Ext), buf.Bytes())
						}
						if err != nil {
							return fmt.Errorf("%s: %w", d.Engagement.Team, err)
						}
						written++
					}
					fmt.Fprintf(stdout, "%-28s %-16s %s\n", d.Engagement.Team, p.Display.Decision, p.Display.ReadinessScore)
				}
			}
			fmt.Fprintf(stdout, "wrote %d files to %s from %d inputs (%d failed)\n", written, out, len(inputs), failed)
			if failed > 0 {
				return errInputFailed
			}
			return nil
		},
	}
}

func templateCommand() *command {
	var force bool
	return &command{
		name:    "template",
		summary: "Write a blank input workbook to fill in",
		usage:   "[flags] [FILE]",
		example: `  transferpack template medellin.xlsx

  Writes a workbook with the Engagement, Metrics, Targets and Commentary sheets, an
  Instructions sheet, dropdowns and formats. FILE defaults to transferpack-input.xlsx;
  an existing file is kept unless --force is given.`,
		flags: func(fs *pflag.FlagSet) {
			fs.BoolVarP(&force, "force", "f", false, "replace FILE if it exists")
		},
		run: func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) > 1 {
				return &usageError{"give at most one FILE"}
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
			if err := writeFileAtomic(path, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: fill it in, then run transferpack validate %s\n", path, path)
			return nil
		},
	}
}

// writeFileAtomic writes data to path through a temporary file in the same folder and
// a rename, so a reader never sees half a file and a failure leaves the old one.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
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
