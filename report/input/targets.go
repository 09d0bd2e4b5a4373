package input

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/names"
)

// targetRow is a Targets row with where it came from.
type targetRow struct {
	report.Target
	team         string // "" applies to every team
	row, teamCol int
}

// commentRow is a Commentary row with where it came from.
type commentRow struct {
	report.Comment
	team         string
	row, teamCol int
}

// readTargets reads the optional Targets sheet.
func (r *reader) readTargets() []targetRow {
	s := r.src.sheets["Targets"]
	if s == nil {
		return nil
	}
	rows, fs := parseTargets(s)
	r.findings = append(r.findings, fs...)
	return rows
}

// parseTargets reads a Targets sheet; it serves both inputs and --framework files.
func parseTargets(s *sheet) ([]targetRow, report.Findings) {
	var fs report.Findings
	cols, extra := readHeader(s, []string{"KPI", "Target", "Direction", "Gate", "Weight", "Amber", "Baseline", "Team"})
	fs = append(fs, s.unsavedFormulas(cols.row, cols.index["Team"])...)
	if cols.row == 0 {
		return nil, fs // an empty optional sheet, or one of formulas without results
	}
	kc := cols.index["KPI"]
	if kc == 0 {
		return nil, append(fs, s.finding(report.Error, cols.row, 0, `no "KPI" column: head the column of KPI names "KPI"`))
	}
	for _, col := range sortedKeys(extra) {
		fs = append(fs, s.finding(report.Warning, cols.row, col, "column %q is ignored: Targets has KPI, Target, Direction, Gate, Weight, Amber, Baseline and Team", extra[col].display()))
	}
	type key struct{ team, kpi string }
	seen := map[key]int{}
	var out []targetRow
	for i := range s.dataRows(cols.row, func(f *report.Finding) { fs = append(fs, f) }) {
		tc := &targetCells{s: s, cols: cols, row: i, findings: &fs}
		// A row's findings are its team's, as written: the reader matches it to a team.
		if c := cols.index["Team"]; c != 0 {
			tc.team = s.at(i, c).textValue()
		}
		name := s.at(i, kc).textValue()
		k, ok := report.LookupKPI(name)
		switch {
		case !ok && s.at(i, kc).kind == cellUnsaved:
			continue // reported as such
		case !ok && name == "":
			tc.add(report.Error, kc, "a target without a KPI: name the KPI")
			continue
		case !ok:
			tc.add(report.Error, kc, "%s", unknownKPI(name, false))
			continue
		}
		tc.k = k
		if prev, dup := seen[key{teamKey(tc.team), k.ID}]; dup {
			tc.add(report.Error, kc, "%s has two rows (also row %d): keep one", k.ID, prev)
			continue
		}
		seen[key{teamKey(tc.team), k.ID}] = i
		t := targetRow{Target: report.Target{KPI: k.ID}, team: tc.team, row: i, teamCol: cols.index["Team"]}
		t.Target.Target = tc.number("Target", -1e12, true, true)
		t.Weight = tc.number("Weight", 0, false, false)
		t.Amber = tc.number("Amber", 0, true, false)
		t.Baseline = tc.number("Baseline", -1e12, true, true)
		t.Direction = tc.direction()
		t.Gate = tc.gate()
		if t.Target.Target != nil && k.Direction == report.Neutral && t.Direction == "" {
			tc.add(report.Error, kc, "%s has no direction of its own: say in Direction whether higher or lower is better", k.Name)
		}
		if !tc.bad {
			out = append(out, t)
		}
	}
	return out, fs
}

// targetCells reads the cells of one Targets row, collecting its findings.
type targetCells struct {
	s        *sheet
	cols     columns
	row      int
	team     string      // the row's Team cell, as written
	k        *report.KPI // the row's KPI
	findings *report.Findings
	bad      bool // an error was found: the row is left out
}

// add records a finding about the row's cell in col; an error leaves the row out.
func (tc *targetCells) add(sev report.Severity, col int, format string, args ...any) *report.Finding {
	f := tc.s.finding(sev, tc.row, col, format, args...)
	f.Team = tc.team
	*tc.findings = append(*tc.findings, f)
	tc.bad = tc.bad || sev == report.Error
	return f
}

// number reads a column's number; nil when the column or its cell is empty. inUnit says
// it is in the KPI's unit, as Target, Amber and Baseline are; percent that it is read by
// the percent rule and checked against the KPI's plausible range.
func (tc *targetCells) number(col string, min float64, inUnit, percent bool) *float64 {
	c := tc.cols.index[col]
	if c == 0 || tc.s.at(tc.row, c).blank() {
		return nil
	}
	k, cl := tc.k, tc.s.at(tc.row, c)
	v, pct, err := cl.number(tc.s.decimalComma)
	if inUnit {
		v, pct, err = cl.kpiNumber(k, tc.s.decimalComma)
	}
	if err != nil {
		tc.add(report.Error, c, "%s: %v", col, err)
		return nil
	}
	if percent && pct && !k.IsPercent() {
		tc.add(report.Error, c, "%s: %s is a percentage but %s is measured in %s: write the number without %%", col, cl.display(), k.Name, k.Unit)
		return nil
	}
	if percent && k.IsPercent() && !pct {
		scale, note, suspects := plainPercentReading(k, []float64{v})
		if suspects == nil && note != "" {
			read := formatNumber(v)
			if scale == 100 {
				read = asPoints(v)
			}
			tc.add(report.Warning, c, "%s %s of %s: a value between 0 and 1, read as %s %%; write %s%% to say it outright",
				strings.ToLower(col), formatNumber(v), k.Name, read, read).Assumption = true
			v = roundConverted(v * scale)
		}
	}
	lo, hi := k.Min, k.Max
	if col == "Target" && k.AnnualTarget() {
		lo, hi = 0, 100 // an annual rate, while Min and Max bound monthly values
		if v > 0 && v < 1 {
			tc.add(report.Warning, c, "%s target %s is read as an annual rate of %s %%: if it is a fraction, write %s for %s %% a year",
				k.Name, formatNumber(v), formatNumber(v), asPoints(v), asPoints(v)).Assumption = true
		}
	}
	if v < min || (percent && (v < lo || v > hi)) {
		tc.add(report.Error, c, "implausible %s for %s: %s", strings.ToLower(col), k.Name, formatNumber(v))
		return nil
	}
	return &v
}

// direction reads the Direction cell: "" when it is empty.
func (tc *targetCells) direction() report.Direction {
	c := tc.cols.index["Direction"]
	if c == 0 || tc.s.at(tc.row, c).blank() {
		return ""
	}
	switch names.Fold(tc.s.at(tc.row, c).textValue()) {
	case "higher", "higherisbetter", "up", "max":
		return report.HigherIsBetter
	case "lower", "lowerisbetter", "down", "min":
		return report.LowerIsBetter
	}
	tc.add(report.Error, c, "Direction must be higher or lower, not %q", tc.s.at(tc.row, c).display())
	return ""
}

// gate reads the Gate cell: nil when it is empty.
func (tc *targetCells) gate() *bool {
	c := tc.cols.index["Gate"]
	if c == 0 || tc.s.at(tc.row, c).blank() {
		return nil
	}
	g, ok := parseYesNo(tc.s.at(tc.row, c))
	if !ok {
		tc.add(report.Error, c, "Gate must be yes or no, not %q", tc.s.at(tc.row, c).display())
		return nil
	}
	return &g
}

// mergeTargets layers the framework: the shared file, then the input's rows for every
// team, then the rows for this team; a later row replaces an earlier one for its KPI.
func mergeTargets(framework []report.Target, rows []targetRow, team string) []report.Target {
	byKPI := map[string]report.Target{}
	for _, t := range framework {
		byKPI[t.KPI] = t
	}
	for _, t := range rows {
		if t.team == "" {
			byKPI[t.KPI] = t.Target
		}
	}
	for _, t := range rows {
		if t.team != "" && t.team == team {
			byKPI[t.KPI] = t.Target
		}
	}
	var out []report.Target
	for _, k := range catalog {
		if t, ok := byKPI[k.ID]; ok {
			out = append(out, t)
		}
	}
	return out
}

// readCommentary reads the optional Commentary sheet.
func (r *reader) readCommentary() []commentRow {
	s := r.src.sheets["Commentary"]
	if s == nil {
		return nil
	}
	cols, extra := readHeader(s, []string{"Month", "Section", "Text", "Team"})
	r.findings = append(r.findings, s.unsavedFormulas(cols.row, cols.index["Team"])...)
	if cols.row == 0 {
		return nil
	}
	mc, sc, tc := cols.index["Month"], cols.index["Section"], cols.index["Text"]
	for _, need := range []struct {
		name string
		col  int
	}{{"Month", mc}, {"Section", sc}, {"Text", tc}} {
		if need.col == 0 {
			r.add(s.finding(report.Error, cols.row, 0, "no %q column: Commentary has Month, Section and Text", need.name))
			return nil
		}
	}
	for _, col := range sortedKeys(extra) {
		r.add(s.finding(report.Warning, cols.row, col, "column %q is ignored: Commentary has Month, Section, Text and Team", extra[col].display()))
	}
	var out []commentRow
	for i := range s.dataRows(cols.row, r.add) {
		team := ""
		if c := cols.index["Team"]; c != 0 {
			team = s.at(i, c).textValue()
		}
		addRow := func(sev report.Severity, col int, format string, args ...any) {
			f := s.finding(sev, i, col, format, args...)
			f.Team = team
			r.add(f)
		}
		if s.at(i, mc).kind == cellUnsaved || s.at(i, sc).kind == cellUnsaved {
			continue // reported as such
		}
		if s.at(i, mc).blank() {
			addRow(report.Error, mc, "commentary without a month: write the month, e.g. 2025-11")
			continue
		}
		m, err := s.month(s.at(i, mc))
		if err != nil {
			addRow(report.Error, mc, "%v", err)
			continue
		}
		section := names.Fold(s.at(i, sc).textValue())
		if section == "" {
			addRow(report.Error, sc, "commentary without a section: write one of %s", strings.Join(sectionNames, ", "))
			continue
		}
		if !slices.Contains(sectionNames, section) {
			msg := fmt.Sprintf("unknown section %q: use one of %s", s.at(i, sc).display(), strings.Join(sectionNames, ", "))
			if near := names.Closest(section, sectionNames); near != "" && section != "" {
				msg = fmt.Sprintf("unknown section %q: did you mean %q?", s.at(i, sc).display(), near)
			}
			addRow(report.Error, sc, "%s", msg)
			continue
		}
		text := strings.TrimSpace(s.at(i, tc).textValue())
		if text == "" {
			addRow(report.Warning, tc, "commentary without text is skipped")
			continue
		}
		c := commentRow{Comment: report.Comment{Month: m, Section: report.Section(section), Text: text}, team: team, row: i, teamCol: cols.index["Team"]}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month < out[j].Month
		}
		return slices.Index(sectionNames, string(out[i].Section)) < slices.Index(sectionNames, string(out[j].Section))
	})
	return out
}

// sectionNames are the commentary sections as a user writes them, in pack order.
var sectionNames = func() []string {
	var out []string
	for _, s := range report.Sections() {
		out = append(out, string(s))
	}
	return out
}()

// ReadFramework reads a KPI framework shared by all teams (--framework): a workbook with a
// Targets sheet, a CSV folder with targets.csv, or a targets CSV file itself.
func ReadFramework(path string) ([]report.Target, report.Findings) {
	var s *sheet
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		if _, err := os.Stat(path); err != nil {
			return nil, report.Findings{{Severity: report.Error, File: path, Message: "no such file or folder"}}
		}
		sh, f := readCSVFile(path, "Targets")
		if f != nil {
			return nil, report.Findings{f}
		}
		s = sh
	} else {
		src, f := openSource(path)
		if f != nil {
			return nil, report.Findings{f}
		}
		if s = src.sheets["Targets"]; s == nil {
			return nil, report.Findings{{Severity: report.Error, File: path, Message: `no Targets sheet: a framework file holds a sheet "Targets" (KPI, Target, Direction, Gate, Weight, Amber, Baseline)`}}
		}
	}
	rows, fs := parseTargets(s)
	fs = append(s.warnings, fs...)
	sortFindings(fs)
	var out []report.Target
	for _, r := range rows {
		if r.team != "" {
			fs = append(fs, s.finding(report.Error, r.row, r.teamCol, "a shared framework applies to every team: remove the Team column"))
			continue
		}
		out = append(out, r.Target)
	}
	return out, fs
}
