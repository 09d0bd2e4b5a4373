// Package input reads the input contract of transferpack: an .xlsx workbook or a folder
// of CSV files (Engagement, Metrics, Targets, Commentary) into one report.Dataset per
// team, with every problem reported as a report.Finding that names the file, sheet and
// cell. It also reads a shared KPI framework (--framework) and writes the blank template
// workbook. It treats every file as untrusted: sizes, zip structure and cell counts are
// checked before anything is parsed.
package input

import (
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/internal/stats"
	"github.com/transferpack/transferpack/report/names"
)

// Options change how inputs are read.
type Options struct {
	// Framework is a KPI framework shared by every team (from --framework); a team's own
	// Targets rows replace its rows KPI by KPI.
	Framework []report.Target
}

// Result is what Read found in one input file or folder.
type Result struct {
	Path string
	// Teams are the teams without an error of their own, sorted by team name. When
	// Findings holds an error, Teams is nil unless the input holds several teams (a Team
	// column in Metrics) and every error is some team's own: the other teams are here.
	Teams []*report.Dataset
	// Findings are every finding, errors and warnings, in workbook order. In an input of
	// several teams, a finding about one team's rows starts with its name: "Lima Mobile: ".
	Findings report.Findings
}

// Read reads one input: an .xlsx workbook or a folder of CSV files. It never stops at the
// first problem: every finding is collected. The error, when not nil, is the Findings
// (use errors.As to get a *Finding); Input is never nil. An error in one team's rows of
// a multi-team input (a Team column in Metrics) leaves out only that team: Read then
// returns the other teams in Input.Teams and the error both. An error not tied to a team
// (the file, a header, an Engagement field, a row without a team) leaves out every team.
func Read(path string, o Options) (*Result, error) {
	in := &Result{Path: path}
	src, f := openSource(path)
	if f != nil {
		in.Findings = report.Findings{f}
		return in, in.Findings
	}
	r := &reader{path: path, src: src, opts: o, teams: map[string]string{}, spelled: map[[2]string]bool{}}
	for _, name := range sheetNames {
		if s := src.sheets[name]; s != nil {
			r.findings = append(r.findings, s.warnings...)
		}
	}
	in.Teams = r.read()
	if r.multiTeam {
		// Said once here, the team names every finding of its own.
		r.findingTeams()
		for _, f := range r.findings {
			if f.Team != "" {
				f.Message = f.Team + ": " + f.Message
			}
		}
	}
	sortFindings(r.findings)
	r.findings = mergeRepeats(r.findings)
	in.Findings = r.findings
	if r.findings.HasErrors() {
		return in, in.Findings
	}
	return in, nil
}

// reader holds the state of one Read.
type reader struct {
	path     string
	src      *source
	opts     Options
	findings report.Findings
	engCols  columns // the Engagement sheet's header
	metCols  columns // the Metrics sheet's header
	long     bool    // Metrics is in the long layout
	// multiTeam says Metrics has a Team column: one input, many teams.
	multiTeam bool
	// teams maps a team name's key (teamKey) to its first spelling; spelled records
	// the other spellings warned about, by sheet.
	teams   map[string]string
	spelled map[[2]string]bool
}

// teamKey folds a team name so that spellings differing only in case or spacing match:
// "Lima  mobile" is "Lima Mobile".
func teamKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// teamName returns the first spelling of a team, and whether the team is known. A
// different spelling gets a warning at its first cell in each sheet.
func (r *reader) teamName(s *sheet, row, col int, name string) (string, bool) {
	first, ok := r.teams[teamKey(name)]
	if !ok || first == name {
		return first, ok
	}
	if k := [2]string{s.name, name}; !r.spelled[k] {
		r.spelled[k] = true
		f := s.finding(report.Warning, row, col, "%q is read as team %q: the names differ only in case or spacing; write it one way", name, first)
		f.Team = first
		r.add(f)
	}
	return first, true
}

func (r *reader) add(f *report.Finding) { r.findings = append(r.findings, f) }

// findingTeams gives each finding tied to a known team the team's first spelling:
// findings about Targets and Commentary rows carry the team as written.
func (r *reader) findingTeams() {
	for _, f := range r.findings {
		if name, ok := r.teams[teamKey(f.Team)]; ok && f.Team != "" {
			f.Team = name
		}
	}
}

// obs is one value read from Metrics, before the percent rule and checks are applied.
type obs struct {
	team     string
	kpi      *report.KPI
	month    report.Month
	value    float64
	explicit bool // the cell said it was a percentage
	// pctFormat says the cell is formatted as a percentage (Excel stores 0.85 for 85 %),
	// which turns a pasted plain 72 into 7200 %.
	pctFormat bool
	row, col  int
}

func (r *reader) read() []*report.Dataset {
	eng, engSheet := r.readEngagement()
	metrics := r.src.sheets["Metrics"]
	if metrics == nil {
		r.add(r.missingSheet("Metrics"))
		return nil
	}
	observations, teamCol := r.readMetrics(metrics)
	targets := r.readTargets()
	comments := r.readCommentary()
	if eng == nil {
		return nil
	}

	// Which teams: a Team column in Metrics, or the engagement's Team field.
	var teams []string
	if teamCol {
		teams = slices.Sorted(maps.Values(r.teams))
		if eng.Team != "" {
			r.add(engSheet.finding(report.Warning, r.fieldRow(engSheet, "Team"), r.engCols.index["Value"], "Team %q is not used: Metrics has a Team column, one pack per team", eng.Team))
		}
	} else {
		if eng.Team == "" {
			row, vc := r.fieldRow(engSheet, "Team"), r.engCols.index["Value"]
			switch {
			case row == 0:
				r.add(engSheet.finding(report.Error, 0, 0, `missing field "Team": add a row Team | the team's name (or a Team column in Metrics)`))
			case engSheet.at(row, vc).kind == cellUnsaved:
				// reported as such
			default:
				r.add(engSheet.finding(report.Error, row, vc, "Team is required: write the team's name, or add a Team column to Metrics"))
			}
			return nil
		}
		teams = []string{eng.Team}
		r.teams[teamKey(eng.Team)] = eng.Team
		for i := range observations {
			observations[i].team = eng.Team
		}
	}
	// Team cells of Targets and Commentary name a team of Metrics, however spelled.
	resolve := func(sheetName string, team *string, row, col int) {
		if *team == "" {
			return
		}
		s := r.src.sheets[sheetName]
		name, ok := r.teamName(s, row, col, *team)
		if !ok {
			r.add(s.finding(report.Error, row, col, "team %q has no data in Metrics: check the spelling", *team))
		}
		*team = name
	}
	for i := range targets {
		resolve("Targets", &targets[i].team, targets[i].row, targets[i].teamCol)
	}
	for i := range comments {
		resolve("Commentary", &comments[i].team, comments[i].row, comments[i].teamCol)
	}

	observations = r.applyPercentRule(metrics, observations)
	r.checkMonths(metrics, eng, engSheet, observations)

	// A team with an error of its own is left out; an error of no team stops them all.
	r.findingTeams()
	own, stopAll := map[string]bool{}, false
	for _, f := range r.findings {
		if f.Severity == report.Error {
			own[f.Team] = true
			stopAll = stopAll || f.Team == ""
		}
	}
	if stopAll {
		return nil
	}
	var out []*report.Dataset
	for _, team := range teams {
		if own[team] {
			continue
		}
		d := &report.Dataset{Source: r.path, Engagement: *eng}
		d.Engagement.Team = team
		d.Series = buildSeries(observations, team)
		d.Targets = mergeTargets(r.opts.Framework, targets, team)
		for _, c := range comments {
			if c.team == "" || c.team == team {
				d.Commentary = append(d.Commentary, c.Comment)
			}
		}
		sort.SliceStable(d.Commentary, func(i, j int) bool { return d.Commentary[i].Month < d.Commentary[j].Month })
		if d.Engagement.ReportMonth.IsZero() {
			d.Engagement.ReportMonth = d.LastMonth()
		}
		if len(d.Series) == 0 {
			f := metrics.finding(report.Error, 0, 0, "no values for team %q: fill in at least one KPI column", team)
			f.Team = team
			r.add(f)
			continue
		}
		out = append(out, d)
	}
	for _, d := range out {
		for _, f := range r.findings {
			if f.Severity == report.Warning && (f.Team == "" || f.Team == d.Engagement.Team) {
				d.Findings = append(d.Findings, f)
			}
		}
		sortFindings(d.Findings)
	}
	return out
}

func (r *reader) missingSheet(name string) *report.Finding {
	msg, want := fmt.Sprintf("missing sheet %q: add it (transferpack template writes a workbook with every sheet)", name), name
	if fi, err := os.Stat(r.path); err == nil && fi.IsDir() {
		want = strings.ToLower(name) + ".csv"
		msg = "missing file " + want + ": add it (transferpack template shows its columns)"
	}
	if near := names.Closest(names.Fold(name), foldAll(r.src.other)); near != "" {
		for _, o := range r.src.other {
			if names.Fold(strings.TrimSuffix(o, ".csv")) == near {
				msg = strings.SplitN(msg, ":", 2)[0] + fmt.Sprintf(": rename %q to %q", o, want)
				break
			}
		}
	}
	return &report.Finding{Severity: report.Error, File: r.path, Message: msg}
}

// foldAll folds a list of names, dropping a ".csv" extension.
func foldAll(list []string) []string {
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = names.Fold(strings.TrimSuffix(n, ".csv"))
	}
	return out
}

// catalog is the KPI catalog in pack order, a copy the reader ranges over.
var catalog = report.Catalog()

// engagementFields lists the Engagement fields, canonical spelling.
var engagementFields = []string{"Client", "Partner", "Team", "Location", "Operate start", "Transfer date",
	"Baseline months", "Delay window months", "Partner aligned", "Report month", "Currency", "Headcount"}

// fieldRow returns the row of an Engagement field, or 0.
func (r *reader) fieldRow(s *sheet, field string) int {
	fc := r.engCols.index["Field"]
	for i := r.engCols.row + 1; i <= len(s.rows); i++ {
		if names.Fold(s.at(i, fc).textValue()) == names.Fold(field) {
			return i
		}
	}
	return 0
}

func (r *reader) readEngagement() (*report.Engagement, *sheet) {
	s := r.src.sheets["Engagement"]
	if s == nil {
		r.add(r.missingSheet("Engagement"))
		return nil, nil
	}
	cols, _ := readHeader(s, []string{"Field", "Value"})
	r.engCols = cols
	r.findings = append(r.findings, s.unsavedFormulas(cols.row, 0)...)
	fc, vc := cols.index["Field"], cols.index["Value"]
	if cols.row == 0 || fc == 0 || vc == 0 {
		r.add(s.finding(report.Error, max(cols.row, 1), 0, `the sheet needs two columns headed "Field" and "Value"`))
		return nil, s
	}
	e := &report.Engagement{BaselineMonths: 2, DelayWindowMonths: 3, PartnerAligned: true}
	seen := map[string]int{}
	suggested := map[string]*report.Finding{} // unknown fields by the field they look like
	ok := true
	for i := range s.dataRows(cols.row, r.add) {
		name := s.at(i, fc).textValue()
		if name == "" {
			if s.at(i, fc).kind == cellUnsaved {
				ok = false // reported as such
				continue
			}
			r.add(s.finding(report.Error, i, fc, "value without a field name: write the field in %s", s.columnRef(fc)))
			ok = false
			continue
		}
		field := ""
		for _, f := range engagementFields {
			if names.Fold(f) == names.Fold(name) {
				field = f
			}
		}
		if field == "" {
			msg, like := fmt.Sprintf("unknown field %q", name), ""
			if near := names.Closest(names.Fold(name), foldAll(engagementFields)); near != "" {
				for _, f := range engagementFields {
					if names.Fold(f) == near {
						msg += fmt.Sprintf(": did you mean %q?", f)
						like = f
					}
				}
			}
			f := s.finding(report.Warning, i, fc, "%s", msg)
			r.add(f)
			if like != "" && suggested[like] == nil {
				suggested[like] = f
			}
			continue
		}
		v := s.at(i, vc)
		if prev, dup := seen[field]; dup {
			// A field typed over an example or a row left blank is no contradiction.
			if v.blank() {
				continue
			}
			if !s.at(prev, vc).blank() {
				r.add(s.finding(report.Error, i, fc, "field %q is given twice (also in row %d): keep one", field, prev))
				ok = false
				continue
			}
		}
		seen[field] = i
		if v.blank() {
			continue
		}
		if !r.setField(e, field, s, i, vc, v) {
			ok = false
		}
	}
	for _, f := range []string{"Operate start", "Transfer date"} {
		row, present := seen[f]
		switch {
		case !present && suggested[f] != nil:
			suggested[f].Severity = report.Error // the typo is why the field is missing
			ok = false
		case !present:
			r.add(s.finding(report.Error, 0, 0, "missing field %q: add a row %s | a month such as 2025-11", f, f))
			ok = false
		case s.at(row, vc).kind == cellUnsaved:
			ok = false // reported as such
		case s.at(row, vc).blank():
			r.add(s.finding(report.Error, row, vc, "%s is required: write a month such as 2025-11", f))
			ok = false
		}
	}
	if !e.OperateStart.IsZero() && !e.TransferDate.IsZero() && e.TransferDate <= e.OperateStart {
		r.add(s.finding(report.Error, seen["Transfer date"], vc, "Transfer date %s is not after Operate start %s: correct one of them", e.TransferDate, e.OperateStart))
		ok = false
	}
	if !e.ReportMonth.IsZero() && !e.OperateStart.IsZero() && e.ReportMonth < e.OperateStart {
		r.add(s.finding(report.Error, seen["Report month"], vc, "Report month %s is before Operate start %s", e.ReportMonth, e.OperateStart))
		ok = false
	}
	if !ok {
		return nil, s
	}
	return e, s
}

// setField stores one Engagement value, adding a finding when it does not read.
func (r *reader) setField(e *report.Engagement, field string, s *sheet, row, col int, v cell) bool {
	bad := func(format string, args ...any) bool {
		r.add(s.finding(report.Error, row, col, format, args...))
		return false
	}
	switch field {
	case "Client":
		e.Client = v.textValue()
	case "Partner":
		e.Partner = v.textValue()
	case "Team":
		e.Team = v.textValue()
	case "Location":
		e.Location = v.textValue()
	case "Currency":
		e.Currency = v.textValue()
	case "Operate start", "Transfer date", "Report month":
		m, err := s.month(v)
		if err != nil {
			return bad("%s: %v", field, err)
		}
		switch field {
		case "Operate start":
			e.OperateStart = m
		case "Transfer date":
			e.TransferDate = m
		default:
			e.ReportMonth = m
		}
	case "Baseline months", "Delay window months":
		n, _, err := v.number(s.decimalComma)
		lo, hi := 1, 12
		if field == "Delay window months" {
			lo, hi = 0, 24
		}
		if err != nil || n != math.Trunc(n) || n < float64(lo) || n > float64(hi) {
			return bad("%s must be a whole number of months from %d to %d, not %q", field, lo, hi, v.display())
		}
		if field == "Baseline months" {
			e.BaselineMonths = int(n)
		} else {
			e.DelayWindowMonths = int(n)
		}
	case "Headcount":
		n, _, err := v.number(s.decimalComma)
		if err != nil || n < 0 {
			return bad("Headcount must be a number of people, not %q", v.display())
		}
		e.Headcount = n
	case "Partner aligned":
		b, ok := parseYesNo(v)
		if !ok {
			return bad("Partner aligned must be yes or no, not %q", v.display())
		}
		e.PartnerAligned = b
	}
	return true
}

// parseYesNo reads yes/no in English, Spanish and Portuguese, and TRUE/FALSE cells.
func parseYesNo(c cell) (bool, bool) {
	if c.kind == cellBool {
		return c.text == "1" || strings.EqualFold(c.text, "true"), true
	}
	switch names.Fold(c.textValue()) {
	case "yes", "y", "true", "si", "sim", "1", "x":
		return true, true
	case "no", "n", "false", "nao", "0":
		return false, true
	}
	return false, false
}

// month reads a cell as a month: an Excel date, or text in any form ParseMonth takes.
func (s *sheet) month(c cell) (report.Month, error) {
	switch c.kind {
	case cellDate:
		return MonthFromSerial(c.num, s.date1904)
	case cellNumber:
		return 0, fmt.Errorf("the number %s is not a month: format the cell as a date, or write 2025-11", c.display())
	case cellText:
		m, err := report.ParseMonth(c.text)
		if err != nil {
			return 0, fmt.Errorf("%q: %w", strings.TrimSpace(c.text), err)
		}
		return m, nil
	}
	return 0, fmt.Errorf("%q is not a month: write it as 2025-11", c.display())
}

// readMetrics reads the Metrics sheet in either layout. teamCol reports a Team column.
func (r *reader) readMetrics(s *sheet) (out []obs, teamCol bool) {
	cols, extra := readHeader(s, []string{"Month", "KPI", "Value", "Team"})
	r.metCols = cols
	r.findings = append(r.findings, s.unsavedFormulas(cols.row, cols.index["Team"])...)
	if cols.row == 0 {
		r.add(s.finding(report.Error, 0, 0, "the sheet is empty: add a header row (Month, then one column per KPI) and a row per month"))
		return nil, false
	}
	mr := &metricsRows{reader: r, s: s, cols: cols, month: cols.index["Month"], team: cols.index["Team"],
		firstRow: map[metricKey]int{}, unknown: map[metricKey]bool{}}
	r.multiTeam = mr.team != 0
	if mr.month == 0 {
		r.add(s.finding(report.Error, cols.row, 0, `no "Month" column: head the column of months "Month"`))
		return nil, false
	}
	r.long = cols.index["KPI"] != 0 && cols.index["Value"] != 0
	if r.long {
		for col, c := range extra {
			r.add(s.finding(report.Warning, cols.row, col, "column %q is ignored: a long-layout sheet has Month, KPI, Value and Team", c.display()))
		}
	} else {
		mr.kpiCols = r.wideColumns(s, cols.row, extra)
	}
	for i, row := range s.dataRows(cols.row, r.add) {
		mr.read(i, row)
	}
	return mr.out, mr.team != 0
}

// wideColumns resolves the KPI columns of a wide Metrics sheet: each header names a
// catalog KPI once, with no unit that contradicts the KPI's.
func (r *reader) wideColumns(s *sheet, header int, extra map[int]cell) map[int]*report.KPI {
	kpiCols := map[int]*report.KPI{}
	seen := map[string]int{}
	for _, col := range sortedKeys(extra) {
		c := extra[col]
		k, ok := report.LookupKPI(c.textValue())
		if !ok {
			r.add(s.finding(report.Error, header, col, "%s", unknownKPI(c.textValue(), true)))
			continue
		}
		if prev, dup := seen[k.ID]; dup {
			r.add(s.finding(report.Error, header, col, "KPI %q has two columns (also %s): keep one", k.ID, s.columnRef(prev)))
			continue
		}
		seen[k.ID] = col
		if msg := headerUnitProblem(k, c.textValue()); msg != "" {
			r.add(s.finding(report.Error, header, col, "%s", msg))
			continue
		}
		kpiCols[col] = k
	}
	return kpiCols
}

// metricKey identifies a value, to find duplicates: a team's KPI in a month. A wide row
// is keyed without its KPI, an unknown long-layout name without its month.
type metricKey struct {
	team, kpi string
	month     report.Month
}

// metricsRows reads the data rows of a Metrics sheet into observations.
type metricsRows struct {
	*reader
	s           *sheet
	cols        columns
	month, team int                 // the Month and Team columns; team is 0 without one
	kpiCols     map[int]*report.KPI // wide layout: the KPI of each column
	firstRow    map[metricKey]int   // the row each value was first read from
	unknown     map[metricKey]bool  // unknown long-layout names already reported, per team
	out         []obs
}

// read reads one data row: its team, its month, then its values.
func (mr *metricsRows) read(i int, row []cell) {
	team, ok := mr.rowTeam(i)
	if !ok {
		return
	}
	bad := func(col int, format string, args ...any) {
		f := mr.s.finding(report.Error, i, col, format, args...)
		f.Team = team
		mr.add(f)
	}
	mcell := mr.s.at(i, mr.month)
	if mcell.kind == cellUnsaved {
		return // reported as such
	}
	if mcell.blank() {
		bad(mr.month, "a row with values but no month: write the month, e.g. 2025-11")
		return
	}
	m, err := mr.s.month(mcell)
	if err != nil {
		bad(mr.month, "%v", err)
		return
	}
	if mr.long {
		mr.longRow(i, team, m, bad)
		return
	}
	mk := metricKey{team: team, month: m}
	if prev, dup := mr.firstRow[mk]; dup {
		bad(mr.month, "duplicate month %s (also in row %d): keep one row", m, prev)
		return
	}
	mr.firstRow[mk] = i
	for _, col := range sortedKeys(mr.kpiCols) {
		mr.value(i, team, m, mr.kpiCols[col], col, bad)
	}
	// Values under a column without a header would be silently lost.
	for j := range row {
		if _, isKPI := mr.kpiCols[j+1]; !isKPI && j+1 != mr.month && j+1 != mr.team && !row[j].blank() && mr.s.at(mr.cols.row, j+1).blank() {
			bad(j+1, "a value in a column without a header: head %s with a KPI", mr.s.columnRef(j+1))
		}
	}
}

// rowTeam reads a row's team, first: every finding about the row's cells is that
// team's. It is "" without a Team column; ok is false when the row is to be skipped.
func (mr *metricsRows) rowTeam(i int) (team string, ok bool) {
	if mr.team == 0 {
		return "", true
	}
	c := mr.s.at(i, mr.team)
	if c.kind == cellUnsaved {
		return "", false // reported as such
	}
	team = c.textValue()
	if team == "" {
		mr.add(mr.s.finding(report.Error, i, mr.team, "no team: every row needs the team's name in the Team column"))
		return "", false
	}
	if _, known := mr.teams[teamKey(team)]; !known {
		mr.teams[teamKey(team)] = team
	}
	team, _ = mr.teamName(mr.s, i, mr.team, team)
	return team, true
}

// longRow reads the KPI and value of a long-layout row.
func (mr *metricsRows) longRow(i int, team string, m report.Month, bad func(int, string, ...any)) {
	kc, vc := mr.cols.index["KPI"], mr.cols.index["Value"]
	name := mr.s.at(i, kc).textValue()
	k, ok := report.LookupKPI(name)
	switch {
	case name == "":
		if !mr.s.at(i, vc).blank() {
			bad(kc, "a value without a KPI: name the KPI")
		}
	case !ok:
		// Once per team: each team whose rows use the name misses its values.
		if uk := (metricKey{team: team, kpi: names.Fold(name)}); !mr.unknown[uk] {
			mr.unknown[uk] = true
			bad(kc, "%s", unknownKPI(name, false))
		}
	default:
		mr.value(i, team, m, k, vc, bad)
	}
}

// value reads one KPI's value in a row. An empty cell is missing data, never zero.
func (mr *metricsRows) value(i int, team string, m report.Month, k *report.KPI, col int, bad func(int, string, ...any)) {
	c := mr.s.at(i, col)
	if c.blank() {
		return
	}
	v, pct, err := c.kpiNumber(k, mr.s.decimalComma)
	if err != nil {
		bad(col, "%v", err)
		return
	}
	if pct && !k.IsPercent() {
		bad(col, "%s is a percentage but %s is measured in %s: write the number without %%", c.display(), k.Name, k.Unit)
		return
	}
	kk := metricKey{team, k.ID, m}
	if prev, dup := mr.firstRow[kk]; dup {
		what := "month " + m.String()
		if mr.long {
			what = fmt.Sprintf("%s for %s", m, k.ID)
		}
		bad(mr.month, "duplicate %s (also in row %d): keep one row", what, prev)
		return
	}
	mr.firstRow[kk] = i
	mr.out = append(mr.out, obs{team: team, kpi: k, month: m, value: v, explicit: pct, pctFormat: c.kind == cellPercent, row: i, col: col})
}

// unknownKPI says a KPI name is not in the catalog: the KPI it looks like, by the name
// people know and the id, or else what to do. header says the name heads a column of a
// wide Metrics sheet, where free notes are a common stray; elsewhere it names a row's KPI.
func unknownKPI(name string, header bool) string {
	msg := fmt.Sprintf("unknown KPI %q", name)
	if id := report.SuggestKPI(name); id != "" {
		if k, ok := report.LookupKPI(id); ok {
			return msg + fmt.Sprintf(": did you mean %q (%s)?", k.Name, k.ID)
		}
	}
	if header {
		return msg + ": delete the column, or head it with a KPI from transferpack kpis (notes go in the Commentary sheet)"
	}
	return msg + ": write a KPI from transferpack kpis, or delete the row"
}

// timeUnits maps the time units a header may give in parentheses (folded: lower case, no
// accents) to the catalog's spelling.
var timeUnits = func() map[string]string {
	m := map[string]string{}
	for unit, words := range map[string][]string{
		"minutes": {"minutes", "minute", "min", "mins", "minutos"},
		"hours":   {"hours", "hour", "h", "hr", "hrs", "horas", "hora"},
		"days":    {"days", "day", "d", "dias", "dia"},
		"weeks":   {"weeks", "week", "wk", "wks", "semanas", "semana"},
		"months":  {"months", "month", "meses"},
	} {
		for _, w := range words {
			m[w] = unit
		}
	}
	return m
}()

// headerUnitProblem checks the unit a wide Metrics header gives in parentheses against
// the KPI's unit, and says what is wrong, or "". Values are read in the KPI's unit, so
// "Lead time (days)" would pass days off as hours. Only what is sure to be wrong is
// refused: another time unit on a KPI measured in time, and % on a KPI not in percent.
// Anything else ("SP", "USD", "% committed", a count, a word on a percent KPI) describes
// the values without contradicting the unit.
func headerUnitProblem(k *report.KPI, header string) string {
	unit, ok := headerUnit(header)
	if !ok {
		return ""
	}
	words := strings.Fields(strings.ToLower(unit))
	if len(words) > 1 && (words[0] == "in" || words[0] == "en" || words[0] == "em") {
		words = words[1:] // "(in days)", "(en días)", "(em horas)"
	}
	unit = strings.Join(words, " ")
	switch f := names.Fold(unit); {
	case unit == "%" || f == "percent" || f == "percentage" || f == "pct":
		if !k.IsPercent() {
			return fmt.Sprintf("the header says %% but %s is measured in %s: write the values in %s and rename the header", k.Name, k.Unit, k.Unit)
		}
	case timeUnits[f] != "" && timeUnits[f] != k.Unit && timeUnits[k.Unit] != "":
		return fmt.Sprintf("the header says %s but %s is measured in %s: convert the values to %s or rename the header", timeUnits[f], k.Name, k.Unit, k.Unit)
	}
	return ""
}

// headerUnit returns the text of a header's trailing parentheses, the part stripUnit
// drops: "Lead time (days)" gives "days".
func headerUnit(header string) (string, bool) {
	h := strings.TrimSpace(header)
	rest := names.StripUnit(h)
	if rest == h {
		return "", false
	}
	u := strings.TrimSpace(h[len(rest):]) // "(days)"
	return u[1 : len(u)-1], true
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// applyPercentRule converts plain numbers of percent KPIs by the documented rule (see
// PlainPercent), column by column (one KPI of one team), and checks plausible ranges.
func (r *reader) applyPercentRule(s *sheet, all []obs) []obs {
	drop := map[int]bool{}
	for _, col := range obsColumns(all) {
		if col.kpi.IsPercent() {
			r.readPercentColumn(s, all, col, drop)
		}
		r.checkPlausible(s, all, col, drop)
	}
	kept := all[:0:0]
	for i, o := range all {
		if !drop[i] {
			kept = append(kept, o)
		}
	}
	return kept
}

// obsColumn is one KPI of one team: the values the percent rule reads together.
type obsColumn struct {
	team    string
	kpi     *report.KPI
	members []int // indices into the observations, in column order
}

// obsColumns groups observations by team and KPI, in the order they first appear.
func obsColumns(all []obs) []obsColumn {
	type key struct{ team, kpi string }
	at := map[key]int{}
	var out []obsColumn
	for i, o := range all {
		g := key{o.team, o.kpi.ID}
		j, ok := at[g]
		if !ok {
			j = len(out)
			at[g] = j
			out = append(out, obsColumn{team: o.team, kpi: o.kpi})
		}
		out[j].members = append(out[j].members, i)
	}
	return out
}

// readPercentColumn applies the percent rule to a percent KPI's column: it states the
// reading chosen for plain values that look like fractions, converts them, and marks for
// dropping the values it refuses.
func (r *reader) readPercentColumn(s *sheet, all []obs, col obsColumn, drop map[int]bool) {
	k := col.kpi
	var plain []float64
	var small []int // the plain values in (0, 1], in column order
	for _, i := range col.members {
		if o := all[i]; !o.explicit {
			plain = append(plain, o.value)
			if o.value > 0 && o.value <= 1 {
				small = append(small, i)
			}
		}
	}
	scale, note, suspects := plainPercentReading(k, plain)
	r.warnPercentReading(s, all, col, plain, small, scale, note)
	var tiny []int
	for _, i := range col.members {
		o := &all[i]
		switch {
		case o.explicit:
		case k.Plain == report.PercentTiny && o.value > 0 && o.value < minPlainTiny:
			tiny = append(tiny, i)
			drop[i] = true
		case suspects[o.value]:
			f := s.finding(report.Error, o.row, o.col, "%s looks like a fraction among percentage points: write %s or %s%%",
				formatNumber(o.value), asPoints(o.value), asPoints(o.value))
			f.Team = col.team
			r.add(f)
			drop[i] = true
		case scale != 1:
			o.value = roundConverted(o.value * scale)
		}
	}
	if len(tiny) > 0 {
		// Less than one leaver in 1,000 people a month: a fraction typed for a rate.
		o := all[tiny[0]]
		more := ""
		if n := len(tiny) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more %s below 0.1 in the column)", n, report.Plural(n, "value"))
		}
		v, pts := formatNumber(o.value), asPoints(o.value)
		f := s.finding(report.Error, o.row, o.col, "%s looks like a fraction (%s = %s %%): a monthly %s below 0.1 %% is less than one leaver in 1,000 people; write %s or %s%%%s",
			v, v, pts, strings.ToLower(k.Name), pts, pts, more)
		f.Team = col.team
		r.add(f)
	}
}

// warnPercentReading states, as an assumption to confirm, how a column's plain values
// between 0 and 1 were read.
func (r *reader) warnPercentReading(s *sheet, all []obs, col obsColumn, plain []float64, small []int, scale float64, note string) {
	k, first := col.kpi, all[col.members[0]]
	switch {
	case note != "" && len(plain) < len(col.members):
		// Explicit percentages around them: the note's "every value" would be false, and
		// the plain cells are what to look at.
		r.add(plainAmongPercentages(s, col.team, all, small, scale))
	case note != "":
		// Wide layout: the KPI's header cell names the column. Long layout: the column's
		// first value.
		row := r.metCols.row
		if r.long {
			row = first.row
		}
		f := s.finding(report.Warning, row, first.col, "%s values%s", k.Name, note)
		f.Team = col.team
		f.Assumption = true
		r.add(f)
	case k.Plain == report.PercentLow && len(small) > 0:
		med := stats.Median(plain)
		if med <= minLowMedian {
			return
		}
		// 0.062 among 6 to 10: a fraction typed for 6.2 %, or a good month.
		for _, i := range small {
			o := all[i]
			v := formatNumber(o.value)
			f := s.finding(report.Warning, o.row, o.col, "%s is far below the rest of the column (median %s %%): read as %s %%; if it is a fraction, write %s%%",
				v, formatNumber(roundConverted(med)), v, asPoints(o.value))
			f.Team = col.team
			f.Assumption = true
			r.add(f)
		}
	}
}

// checkPlausible marks for dropping, with an error, the values outside the KPI's
// plausible range: the wrong unit, most often.
func (r *reader) checkPlausible(s *sheet, all []obs, col obsColumn, drop map[int]bool) {
	k := col.kpi
	var pasted []int // plain numbers in %-formatted cells: 72 stored, 7200 % read
	for _, i := range col.members {
		o := all[i]
		if drop[i] || (o.value >= k.Min && o.value <= k.Max) {
			continue
		}
		if o.pctFormat && o.value/100 >= k.Min && o.value/100 <= k.Max {
			pasted = append(pasted, i)
			drop[i] = true
			continue
		}
		f := s.finding(report.Error, o.row, o.col, "implausible %s: %s %s is outside %s–%s: check the units",
			k.Name, formatNumber(o.value), k.Unit, formatNumber(k.Min), formatNumber(k.Max))
		f.Team = col.team
		r.add(f)
		drop[i] = true
	}
	if len(pasted) > 0 {
		o := all[pasted[0]]
		v := formatNumber(o.value / 100)
		more := ""
		if n := len(pasted) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more %s like it in the column)", n, report.Plural(n, "cell"))
		}
		f := s.finding(report.Error, o.row, o.col, "the cell is formatted as a percentage, so %s reads as %s %%: format the %s column as Number, where a plain %s means %s %%, or type %s%%%s",
			v, formatNumber(o.value), k.Name, v, v, v, more)
		f.Team = col.team
		r.add(f)
	}
}

// plainAmongPercentages is the warning for a column of explicit percentages (85% typed,
// or %-formatted cells) with plain numbers between 0 and 1 (small, in column order), read
// with scale: 100 (0.85 = 85 %) or 1 (0.5 = 0.5 %). It stands at the first plain cell and
// counts the others.
func plainAmongPercentages(s *sheet, team string, all []obs, small []int, scale float64) *report.Finding {
	o := all[small[0]]
	v, pts := formatNumber(o.value), asPoints(o.value)
	msg := fmt.Sprintf("%s in a column of percentages is read as %s %%; if it is a fraction, write %s%%", v, v, pts)
	if scale == 100 {
		msg = fmt.Sprintf("%s in a column of percentages is read as %s %%; format the cell as a percentage or write %s%%", v, pts, pts)
	}
	if n := len(small) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more %s like it in the column)", n, report.Plural(n, "cell"))
	}
	f := s.finding(report.Warning, o.row, o.col, "%s", msg)
	f.Team = team
	f.Assumption = true
	return f
}

// minLowMedian is the median, in percent, above which a plain value up to 1 in a column of
// a PercentLow KPI stands out as a possible fraction.
const minLowMedian = 3

// minPlainTiny is the smallest plausible plain value of a PercentTiny KPI, in percent a
// month: 0.1 % is one leaver in 1,000 people.
const minPlainTiny = 0.1

// plainPercentReading applies the PlainPercent rule to a column's plain numbers. It
// returns the factor to multiply them by, a note for the reader when the reading was a
// choice, and the values that are errors (fractions among percentage points).
func plainPercentReading(k *report.KPI, plain []float64) (scale float64, note string, suspects map[float64]bool) {
	scale = 1
	if len(plain) == 0 || k.Plain == report.PercentTiny {
		return scale, "", nil
	}
	small, large := 0, 0
	for _, v := range plain {
		switch {
		case v > 0 && v <= 1:
			small++
		case v > 1:
			large++
		}
	}
	if small == 0 {
		return scale, "", nil
	}
	switch {
	case large == 0 && k.Plain == report.PercentHigh:
		return 100, ": every value is between 0 and 1, so they are read as fractions (0.85 = 85 %); write 85 or 85% to say it outright", nil
	case large == 0:
		return 1, ": every value is between 0 and 1, so they are read as percentage points (0.5 = 0.5 %); if they are fractions write 50%", nil
	case k.Plain == report.PercentHigh:
		suspects = map[float64]bool{}
		for _, v := range plain {
			if v > 0 && v <= 1 {
				suspects[v] = true
			}
		}
		return scale, "", suspects
	}
	return scale, "", nil
}

// asPoints writes a fraction as percentage points, without the float noise of ×100
// (0.07 is 7, not 7.000000000000001).
func asPoints(v float64) string {
	return formatNumber(math.Round(v*100*1e9) / 1e9)
}

// checkMonths flags values outside Operate and after the report month, and a report
// month after the latest month with data: a pack about it would have no values.
func (r *reader) checkMonths(s *sheet, e *report.Engagement, es *sheet, all []obs) {
	var latest report.Month
	for _, o := range all {
		latest = max(latest, o.month)
	}
	if !e.ReportMonth.IsZero() && !latest.IsZero() && e.ReportMonth > latest {
		// In an input of several teams, an error only when no team has data then.
		r.add(es.finding(report.Error, r.fieldRow(es, "Report month"), r.engCols.index["Value"],
			"Report month %s has no data: the latest month with data is %s", e.ReportMonth, latest))
	}
	windowEnd := e.TransferDate + report.Month(e.DelayWindowMonths)
	reviewed := e.ReportMonth
	if reviewed.IsZero() {
		reviewed = latest
	}
	if reviewed > e.TransferDate && reviewed <= windowEnd {
		f := es.finding(report.Warning, r.fieldRow(es, "Transfer date"), r.engCols.index["Value"],
			"months after the Transfer date %s are read as a delay in force: %s is %s into the %d-month delay window; if the Transfer date moved, update it",
			e.TransferDate.Label(), reviewed.Label(), report.Count(int(reviewed-e.TransferDate), "month"), e.DelayWindowMonths)
		f.ReportMonthOnly = true
		r.add(f)
	}
	type key struct {
		team  string
		month report.Month
	}
	reported := map[key]bool{}
	after := map[string]int{}
	mcol := r.metCols.index["Month"]
	for _, o := range all {
		k := key{o.team, o.month}
		var msg string
		switch {
		case o.month < e.OperateStart:
			msg = fmt.Sprintf("month %s is before Operate start %s: remove the row or correct Operate start", o.month, e.OperateStart)
		case o.month > windowEnd:
			msg = fmt.Sprintf("month %s is after the Transfer date %s and its %d-month delay window: if the Transfer moved, update Transfer date",
				o.month, e.TransferDate, e.DelayWindowMonths)
		case !e.ReportMonth.IsZero() && o.month > e.ReportMonth:
			after[o.team]++
			continue
		default:
			// Months past the planned Transfer but within the delay window are a delay
			// in force, reviewed every month like the Operate phase before it.
			continue
		}
		if reported[k] {
			continue
		}
		reported[k] = true
		f := s.finding(report.Error, o.row, mcol, "%s", msg)
		f.Team = o.team
		r.add(f)
	}
	for _, team := range sortedTeams(after) {
		values := report.Count(after[team], "value")
		f := es.finding(report.Warning, r.fieldRow(es, "Report month"), r.engCols.index["Value"], "%s after the report month %s %s left out of the pack",
			values, e.ReportMonth, map[bool]string{true: "is", false: "are"}[after[team] == 1])
		f.Team = team
		f.ReportMonthOnly = true
		r.add(f)
	}
}

func sortedTeams(m map[string]int) []string {
	return slices.Sorted(maps.Keys(m))
}

// buildSeries groups a team's values by KPI, in catalog order and month order.
func buildSeries(all []obs, team string) []report.Series {
	byKPI := map[string][]report.Point{}
	for _, o := range all {
		if o.team == team {
			byKPI[o.kpi.ID] = append(byKPI[o.kpi.ID], report.Point{Month: o.month, Value: o.value})
		}
	}
	var out []report.Series
	for _, k := range catalog {
		pts := byKPI[k.ID]
		if len(pts) == 0 {
			continue
		}
		sort.Slice(pts, func(i, j int) bool { return pts[i].Month < pts[j].Month })
		out = append(out, report.Series{KPI: k.ID, Points: pts})
	}
	return out
}
