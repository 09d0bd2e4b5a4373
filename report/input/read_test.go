package input

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/xuri/excelize/v2"
)

// BenchmarkReadTemplate reads the untouched template: 400 pre-formatted rows a sheet,
// which must cost no more than the rows that hold something.
func BenchmarkReadTemplate(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "template.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Read(path, Options{})
	}
}

// TestDurationCells: Excel stores a duration typed as 96:00 in a [h]:mm cell as 4 (days).
// Hours KPIs get hours, days KPIs days, and any other KPI an error at the cell.
func TestDurationCells(t *testing.T) {
	f, must := testWorkbook(t, "Clock", "2025-11", "2027-01")
	must(f.SetSheetRow("Metrics", "A1", &[]any{"Month", "Lead time", "Time to restore", "Ramp-up time", "PR response time"}))
	must(f.SetSheetRow("Metrics", "A2", &[]any{"2025-11", 4.0, 0.0625, 10.5, 1.0}))
	must(f.SetSheetRow("Metrics", "A3", &[]any{"2025-12", 3.5, 0.5, 12.0, 0.5}))
	elapsed, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("[h]:mm")})
	must(err)
	builtin, err := f.NewStyle(&excelize.Style{NumFmt: 46}) // [h]:mm:ss
	must(err)
	days, err := f.NewStyle(&excelize.Style{NumFmt: 20}) // h:mm
	must(err)
	must(f.SetCellStyle("Metrics", "B2", "B3", elapsed))
	must(f.SetCellStyle("Metrics", "C2", "C3", builtin))
	must(f.SetCellStyle("Metrics", "D2", "D3", days))
	path := filepath.Join(t.TempDir(), "durations.xlsx")
	must(f.SaveAs(path))

	in, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := in.Teams[0]
	for _, tt := range []struct {
		kpi  string
		want []float64
	}{
		{"lead_time", []float64{96, 84}},
		{"time_to_restore", []float64{1.5, 12}},
		{"ramp_up_days", []float64{10.5, 12}},
		{"pr_response_time", []float64{1, 0.5}}, // plain numbers: hours as typed
	} {
		s := d.SeriesFor(tt.kpi)
		if s == nil || len(s.Points) != len(tt.want) {
			t.Errorf("%s = %+v, want %v", tt.kpi, s, tt.want)
			continue
		}
		for i, p := range s.Points {
			if !near(p.Value, tt.want[i]) {
				t.Errorf("%s[%d] = %v, want %v", tt.kpi, i, p.Value, tt.want[i])
			}
		}
	}
}

// writeInput writes a CSV input folder from file name -> content.
func writeInput(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestTitleRowAboveHeader: a title above the header row is not the header.
func TestTitleRowAboveHeader(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Engagement of Lima\nField,Value\nTeam,Lima Mobile\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    "Metrics for Lima, 2026\nMonth,Velocity,Predictability\n2025-11,40,0.8\n2025-12,42,0.85\n",
		"targets.csv":    "Agreed framework,,\nKPI,Target\nPredictability,80\n",
		"commentary.csv": "Notes\nMonth,Section,Text\n2025-12,summary,Steady.\n",
	})
	in, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := in.Teams[0]
	if len(d.Series) != 2 || len(d.Targets) != 1 || len(d.Commentary) != 1 {
		t.Errorf("read %d series, %d targets, %d comments; want 2, 1, 1", len(d.Series), len(d.Targets), len(d.Commentary))
	}
	// The fractions warning names the header cell of the column, below the title.
	var got []string
	for _, f := range in.Findings {
		got = append(got, f.Cell())
	}
	if len(got) != 1 || got[0] != "row 2, column 3" {
		t.Errorf("findings at %v, want one at the Predictability header, row 2, column 3", got)
	}
}

// TestEngagementValueColumn: findings about Engagement values point at its Value column,
// wherever it is.
func TestEngagementValueColumn(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Notes,Value\nTeam,not used,Lima\nOperate start,,2025-11\nTransfer date,,2027-01\nReport month,,2025-11\n",
		"metrics.csv":    "Month,KPI,Value,Team\n2025-11,velocity,40,Lima Mobile\n2025-12,velocity,42,Lima Mobile\n",
	})
	in, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Findings) != 2 {
		t.Fatalf("findings: %v, want the unused Team and the value after the report month", in.Findings)
	}
	for _, f := range in.Findings {
		if f.Col != 3 {
			t.Errorf("%s: want column 3, the Value column", f)
		}
	}
}

// TestCSVBlankLinesCount: a blank line is a row, as a spreadsheet opening the file shows
// it, so findings after it name the row the user sees; a quoted field over two lines is
// one row.
func TestCSVBlankLinesCount(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    "Month,Velocity\n2025-11,40\n\n\n2025-12,n/a\n",
		"commentary.csv": "Month,Section,Text\n2025-11,summary,\"two\nlines\"\n\n2025-12,nowhere,x\n",
	})
	in, _ := Read(dir, Options{})
	var got []string
	for _, f := range in.Findings {
		got = append(got, filepath.Base(f.File)+": "+f.Cell())
	}
	want := []string{"commentary.csv: row 4, column 2", "metrics.csv: row 5, column 2"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("findings at %v, want %v", got, want)
	}
}

// TestTeamSpellings: team names that differ only in case or spacing are one team, under
// the first spelling, with a warning at the first cell of each other spelling, in
// Metrics, Targets and Commentary alike.
func TestTeamSpellings(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv": "Month,KPI,Value,Team\n" +
			"2025-11,velocity,40,Lima Mobile\n" +
			"2025-12,velocity,42,Lima  mobile\n" +
			"2026-01,velocity,44,LIMA MOBILE\n" +
			"2026-02,velocity,46,Lima  mobile\n" +
			"2025-11,velocity,30,Quito Data\n",
		"targets.csv":    "KPI,Target,Team\nvelocity,50,lima mobile\n",
		"commentary.csv": "Month,Section,Text,Team\n2025-12,summary,Steady.,Lima mobile\n",
	})
	in, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Teams) != 2 {
		t.Fatalf("read %d teams, want 2", len(in.Teams))
	}
	d := in.Teams[0]
	if d.Engagement.Team != "Lima Mobile" || len(d.SeriesFor("velocity").Points) != 4 || len(d.Targets) != 1 || len(d.Commentary) != 1 {
		t.Errorf("team %q: %d velocity points, %d targets, %d comments; want Lima Mobile with 4, 1, 1",
			d.Engagement.Team, len(d.SeriesFor("velocity").Points), len(d.Targets), len(d.Commentary))
	}
	var got []string
	for _, f := range in.Findings {
		got = append(got, filepath.Base(f.File)+": "+f.Cell())
	}
	want := []string{"commentary.csv: row 2, column 4", "metrics.csv: row 3, column 4", "metrics.csv: row 4, column 4", "targets.csv: row 2, column 3"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("findings at %v, want %v", got, want)
	}
	for _, f := range in.Findings {
		if f.Severity != report.Warning || !strings.Contains(f.Message, `team "Lima Mobile"`) {
			t.Errorf("%s: want a warning that names the team", f)
		}
	}
}

// TestAssumptions: the warnings that state a reading of the data the user should confirm
// say so with Assumption; the others do not.
func TestAssumptions(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Medell\xedn Payments\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv": "Month,Predictability,Bug escape rate,Velocity\n" +
			"e.g. 2025-10,80,8,40\n" +
			"2025-11,0.8,0.5,40\n" +
			"2025-12,0.85,0.4,42\n",
		"targets.csv": "KPI,Target\nPredictability,0.85\nAttrition,0.5\n",
	})
	in, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"engagement.csv: : the file is not UTF-8":                 false, // about the file, not its values
		"metrics.csv: row 2, column 1: example row":               false,
		"metrics.csv: row 1, column 2: Sprint predictability":     true,
		"metrics.csv: row 1, column 3: Bug escape rate":           true,
		"targets.csv: row 2, column 2: target 0.85 of Sprint":     true,
		"targets.csv: row 3, column 2: Attrition target 0.5 is r": true,
	}
	if len(in.Findings) != len(want) {
		t.Errorf("%d findings, want %d: %v", len(in.Findings), len(want), in.Findings)
	}
	for _, f := range in.Findings {
		found := false
		for prefix, assumption := range want {
			file, rest, _ := strings.Cut(prefix, ": ")
			cell, msg, _ := strings.Cut(rest, ": ")
			if filepath.Base(f.File) == file && f.Cell() == cell && strings.Contains(f.Message, msg) {
				found = true
				if f.Assumption != assumption {
					t.Errorf("%s: Assumption() = %v, want %v", f, f.Assumption, assumption)
				}
			}
		}
		if !found {
			t.Errorf("unexpected finding %s", f)
		}
	}
}

// TestMultiTeamPrefix: in a multi-team input, each finding of one team's own starts with
// the team's name, once, even when an error of no team stops every team.
func TestMultiTeamPrefix(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nOperate start,2025-11\n",
		"metrics.csv":    "Month,KPI,Value,Team\n2025-11,velocity,40,Lima Mobile\n2025-11,velocity,n/a,Quito Data\n",
		"targets.csv":    "KPI,Target,Direction,Team\nvelocity,50,sideways,lima mobile\n",
	})
	in, err := Read(dir, Options{})
	if err == nil || in.Teams != nil {
		t.Fatalf("Read = %d teams, %v; want no team and the missing Transfer date", len(in.Teams), err)
	}
	var got []string
	for _, f := range in.Findings {
		got = append(got, f.Message)
	}
	want := []string{
		`missing field "Transfer date": add a row Transfer date | a month such as 2025-11`,
		`Quito Data: not a number: "n/a": write a number, or clear the cell if the month has no data`,
		`Lima Mobile: Direction must be higher or lower, not "sideways"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestConvertedValuesRounded: values converted from a fraction (×100) or from days (×24)
// carry no float noise into the dataset: a %-formatted 0.704 is 70.4, not
// 70.39999999999999, and 0:42 in an [h]:mm cell (0.0291666666666667 days, as Excel writes
// it) is 0.7 hours.
func TestConvertedValuesRounded(t *testing.T) {
	f, must := testWorkbook(t, "Noise", "2025-11", "2027-01")
	must(f.SetSheetRow("Metrics", "A1", &[]any{"Month", "Predictability", "Test coverage", "Lead time"}))
	must(f.SetSheetRow("Metrics", "A2", &[]any{"2025-11", 0.704, 0.704, 0.0291666666666667}))
	must(f.SetSheetRow("Metrics", "A3", &[]any{"2025-12", 0.57, 0.57, 0.07}))
	_, err := f.NewSheet("Targets")
	must(err)
	must(f.SetSheetRow("Targets", "A1", &[]any{"KPI", "Target"}))
	must(f.SetSheetRow("Targets", "A2", &[]any{"Predictability", 0.57}))
	must(f.SetSheetRow("Targets", "A3", &[]any{"Test coverage", 0.57})) // plain: a fraction
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	must(err)
	elapsed, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("[h]:mm")})
	must(err)
	must(f.SetCellStyle("Metrics", "B2", "B3", percent))
	must(f.SetCellStyle("Metrics", "D2", "D3", elapsed))
	must(f.SetCellStyle("Targets", "B2", "B2", percent))
	path := filepath.Join(t.TempDir(), "noise.xlsx")
	must(f.SaveAs(path))

	in, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := in.Teams[0]
	for _, tt := range []struct {
		kpi  string
		want []float64
	}{
		{"predictability", []float64{70.4, 57}}, // %-formatted cells
		{"test_coverage", []float64{70.4, 57}},  // a column of plain fractions
		{"lead_time", []float64{0.7, 1.68}},     // [h]:mm cells
	} {
		s := d.SeriesFor(tt.kpi)
		if s == nil || len(s.Points) != len(tt.want) {
			t.Errorf("%s = %+v, want %v", tt.kpi, s, tt.want)
			continue
		}
		for i, p := range s.Points {
			if p.Value != tt.want[i] {
				t.Errorf("%s[%d] = %v, want %v", tt.kpi, i, p.Value, tt.want[i])
			}
		}
	}
	if len(d.Targets) != 2 {
		t.Fatalf("targets = %+v, want predictability and test coverage", d.Targets)
	}
	for _, tg := range d.Targets {
		if tg.Target == nil || *tg.Target != 57 {
			t.Errorf("%s target = %v, want 57", tg.KPI, tg.Target)
		}
	}
}

// TestBlankTeam: a Team row without a value is an error at the empty Value cell, not a
// missing field.
func TestBlankTeam(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    "Month,Velocity\n2025-11,40\n",
	})
	in, err := Read(dir, Options{})
	if err == nil {
		t.Fatal("Read accepted an input without a team")
	}
	want := "engagement.csv: row 2, column 2: error: Team is required: write the team's name, or add a Team column to Metrics"
	if len(in.Findings) != 1 || !strings.HasSuffix(in.Findings[0].String(), want) {
		t.Errorf("findings %v, want %s", in.Findings, want)
	}
}

// TestUnknownKPIMessages: an unknown KPI names the KPI it looks like by display name and
// id; with none close, the message says what to do, in the words of where it stands.
func TestUnknownKPIMessages(t *testing.T) {
	engagement := "Field,Value\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"wide", map[string]string{
			"metrics.csv": "Month,Test coverge,Notes\n2025-11,70,steady\n",
			"targets.csv": "KPI,Target\nVelocty,40\nMood,3\n",
		}, []string{
			`metrics.csv: row 1, column 2: error: unknown KPI "Test coverge": did you mean "Test coverage" (test_coverage)?`,
			`metrics.csv: row 1, column 3: error: unknown KPI "Notes": delete the column, or head it with a KPI from transferpack kpis (notes go in the Commentary sheet)`,
			`targets.csv: row 2, column 1: error: unknown KPI "Velocty": did you mean "Velocity" (velocity)?`,
			`targets.csv: row 3, column 1: error: unknown KPI "Mood": write a KPI from transferpack kpis, or delete the row`,
		}},
		{"long", map[string]string{
			"metrics.csv": "Month,KPI,Value\n2025-11,lead tiem,30\n2025-11,Happiness,7\n",
		}, []string{
			`metrics.csv: row 2, column 2: error: unknown KPI "lead tiem": did you mean "Lead time for changes" (lead_time)?`,
			`metrics.csv: row 3, column 2: error: unknown KPI "Happiness": write a KPI from transferpack kpis, or delete the row`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["engagement.csv"] = engagement
			in, _ := Read(writeInput(t, tt.files), Options{})
			var got []string
			for _, f := range in.Findings {
				got = append(got, filepath.Base(f.File)+": "+strings.TrimPrefix(f.String(), f.File+": "))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestReportMonthWithoutData: a Report month after the latest month with data (of any
// team) is an error at its cell: the pack would report on a month it has no values for.
func TestReportMonthWithoutData(t *testing.T) {
	engagement := func(report string) string {
		return "Field,Value\nTeam,Lima\nOperate start,2026-01\nTransfer date,2027-06\nReport month," + report + "\n"
	}
	single := "Month,Velocity\n2026-08,40\n2026-09,42\n2026-10,44\n"
	multi := "Month,KPI,Value,Team\n2026-10,velocity,40,Lima\n2026-12,velocity,42,Quito\n"
	tests := []struct {
		name, report, metrics string
		want                  string // the error, "" for none
	}{
		{"after the data", "2026-12", single, "row 5, column 2: error: Report month 2026-12 has no data: the latest month with data is 2026-10"},
		{"the latest month", "2026-10", single, ""},
		{"a month of one team", "2026-12", multi, ""},
		{"after every team", "2027-01", multi, "row 5, column 2: error: Report month 2027-01 has no data: the latest month with data is 2026-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := Read(writeInput(t, map[string]string{"engagement.csv": engagement(tt.report), "metrics.csv": tt.metrics}), Options{})
			var errs []string
			for _, f := range in.Findings.Errors() {
				errs = append(errs, f.Cell()+": error: "+f.Message)
			}
			got := strings.Join(errs, "\n")
			if got != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestHeaderUnits: a unit in parentheses in a Metrics header is checked against the KPI's
// unit. A different time unit, or % on a KPI not in percent, is an error at the header
// cell; a unit word on a percent KPI, a currency or a count word is read as today.
func TestHeaderUnits(t *testing.T) {
	headers := []string{
		"Lead time (days)",                 // B: hours KPI
		"Time to restore (h)",              // C
		"Ramp-up time (weeks)",             // D: days KPI
		"Time to market (días)",            // E
		"PR response time (min)",           // F: hours KPI
		"Blocker resolution time (in hrs)", // G
		"Velocity (%)",                     // H
		"Predictability (SP)",              // I
		"Bug escape rate (percent)",        // J
		"Monthly cost (USD)",               // K
		"Completion ratio (% committed)",   // L
		"Incidents (count)",                // M
		"Deployment frequency (month)",     // N
		"Test coverage (days)",             // O: a unit word on a percent KPI
	}
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    "Month;" + strings.Join(headers, ";") + "\n2025-11" + strings.Repeat(";5", len(headers)) + "\n",
	})
	in, _ := Read(dir, Options{})
	var got []string
	for _, f := range in.Findings {
		got = append(got, f.Cell()+": "+string(f.Severity)+": "+f.Message)
	}
	want := []string{
		"row 1, column 2: error: the header says days but Lead time for changes is measured in hours: convert the values to hours or rename the header",
		"row 1, column 4: error: the header says weeks but Ramp-up time is measured in days: convert the values to days or rename the header",
		"row 1, column 6: error: the header says minutes but PR response time is measured in hours: convert the values to hours or rename the header",
		"row 1, column 8: error: the header says % but Velocity is measured in SP: write the values in SP and rename the header",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPlainAmongPercentages: a column of explicit percentages (85% typed, or
// %-formatted cells) with plain numbers between 0 and 1 reads them by the KPI's kind, with
// one warning per column at the first plain cell: not the header note, which says every
// value is between 0 and 1.
func TestPlainAmongPercentages(t *testing.T) {
	f, must := testWorkbook(t, "Mixed", "2025-11", "2027-01")
	must(f.SetSheetRow("Metrics", "A1", &[]any{"Month", "Predictability", "Test coverage", "Bug escape rate", "SLA compliance"}))
	must(f.SetSheetRow("Metrics", "A2", &[]any{"2025-11", 0.84, "70%", "8%", 0.9}))
	must(f.SetSheetRow("Metrics", "A3", &[]any{"2025-12", 0.85, 0.72, 0.5, 0.92}))
	must(f.SetSheetRow("Metrics", "A4", &[]any{"2026-01", 0.86, 0.74, "7%", 0.95}))
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	must(err)
	must(f.SetCellStyle("Metrics", "B2", "B2", percent))
	must(f.SetCellStyle("Metrics", "B4", "B4", percent))
	path := filepath.Join(t.TempDir(), "mixed.xlsx")
	must(f.SaveAs(path))

	in, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range in.Findings {
		if !f.Assumption {
			t.Errorf("%s: want an assumption", f)
		}
		got = append(got, f.Cell()+": "+f.Message)
	}
	want := []string{
		"Metrics!E1: SLA compliance values: every value is between 0 and 1, so they are read as fractions (0.85 = 85 %); write 85 or 85% to say it outright",
		"Metrics!B3: 0.85 in a column of percentages is read as 85 %; format the cell as a percentage or write 85%",
		"Metrics!C3: 0.72 in a column of percentages is read as 72 %; format the cell as a percentage or write 72% (and 1 more cell like it in the column)",
		"Metrics!D3: 0.5 in a column of percentages is read as 0.5 %; if it is a fraction, write 50%",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	d := in.Teams[0]
	for id, want := range map[string][]float64{
		"predictability":  {84, 85, 86},
		"test_coverage":   {70, 72, 74},
		"bug_escape_rate": {8, 0.5, 7},
	} {
		s := d.SeriesFor(id)
		for i, p := range s.Points {
			if p.Value != want[i] {
				t.Errorf("%s[%d] = %v, want %v", id, i, p.Value, want[i])
			}
		}
	}
}

// TestFractionAmongLowPercents: in a KPI of a few percent, a plain value up to 1 in a
// column whose plain values are mostly well above it is read as points, with a warning at
// its cell that it may be a fraction.
func TestFractionAmongLowPercents(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv": "Month,Bug escape rate,Change failure rate\n" +
			"2025-11,8.4,2\n2025-12,7.3,0.5\n2026-01,0.062,3\n2026-02,9.1,1\n2026-03,6.5,2.5\n",
	})
	in, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "row 4, column 2: 0.062 is far below the rest of the column (median 7.3 %): read as 0.062 %; if it is a fraction, write 6.2%"
	if len(in.Findings) != 1 || in.Findings[0].Cell()+": "+in.Findings[0].Message != want {
		t.Fatalf("findings %v, want one: %s", in.Findings, want)
	}
	if f := in.Findings[0]; f.Severity != report.Warning || !f.Assumption {
		t.Errorf("%s: want a warning marked as an assumption", f)
	}
	if v := in.Teams[0].SeriesFor("bug_escape_rate").Points[2].Value; v != 0.062 {
		t.Errorf("bug escape rate 2026-01 = %v, want 0.062", v)
	}
}

// TestDuplicateKPIColumn: a KPI's second column names the first as the file shows it: by
// number in a CSV file.
func TestDuplicateKPIColumn(t *testing.T) {
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    "Month,Velocity,Predictability,velocity\n2025-11,40,80,41\n",
	})
	in, _ := Read(dir, Options{})
	want := `row 1, column 4: KPI "velocity" has two columns (also column 2): keep one`
	if len(in.Findings) != 1 || in.Findings[0].Cell()+": "+in.Findings[0].Message != want {
		t.Errorf("findings %v, want %s", in.Findings, want)
	}
}

// TestEngagementFieldTypedTwice: a field on two rows is an error only when both have a
// value; a row left blank (the template's own row, after typing the field elsewhere) is
// no contradiction.
func TestEngagementFieldTypedTwice(t *testing.T) {
	metrics := "Month,velocity\n2025-11,40\n"
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nTeam,\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    metrics,
	})
	in, err := Read(dir, Options{})
	if err != nil || in.Teams[0].Engagement.Team != "Lima" {
		t.Errorf("a blank second Team row: %v, findings %v", err, in.Findings)
	}
	dir = writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,\nTeam,Lima\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    metrics,
	})
	if in, err := Read(dir, Options{}); err != nil || in.Teams[0].Engagement.Team != "Lima" {
		t.Errorf("a blank first Team row: %v", err)
	}
	dir = writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nTeam,Quito\nOperate start,2025-11\nTransfer date,2027-01\n",
		"metrics.csv":    metrics,
	})
	if _, err := Read(dir, Options{}); err == nil || !strings.Contains(err.Error(), `field "Team" is given twice (also in row 2)`) {
		t.Errorf("two teams: %v, want the field given twice", err)
	}
}

// TestPercentFormattedPaste: plain points pasted into cells formatted as percentages
// (72 shows as 7200 %) are one finding for the column that says how to fix it, not one
// per cell.
func TestPercentFormattedPaste(t *testing.T) {
	f, must := testWorkbook(t, "Lima", "2025-11", "2027-01")
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	must(err)
	must(f.SetCellValue("Metrics", "A1", "Month"))
	must(f.SetCellValue("Metrics", "B1", "Sprint predictability"))
	for i := 0; i < 8; i++ {
		row := i + 2
		must(f.SetCellValue("Metrics", report.CellName(1, row), report.MonthOf(2025, 11+i).String()))
		must(f.SetCellValue("Metrics", report.CellName(2, row), 72+i))
		must(f.SetCellStyle("Metrics", report.CellName(2, row), report.CellName(2, row), pct))
	}
	path := filepath.Join(t.TempDir(), "pasted.xlsx")
	must(f.SaveAs(path))
	in, err := Read(path, Options{})
	if err == nil || len(in.Findings) != 1 {
		t.Fatalf("findings %v, want one for the column", in.Findings)
	}
	want := "Metrics!B2: error: the cell is formatted as a percentage, so 72 reads as 7200 %: format the Sprint predictability column as Number, where a plain 72 means 72 %, or type 72% (and 7 more cells like it in the column)"
	if got := strings.TrimPrefix(in.Findings[0].String(), path+": "); got != want {
		t.Errorf("finding:\n%s\nwant:\n%s", got, want)
	}
}

// TestTransferDatePassed: data past the Transfer date, within the delay window, reads as
// a delay in force, with a warning at the Transfer date saying so; the pack says it in
// its own words, so the warning is not repeated in it.
func TestTransferDatePassed(t *testing.T) {
	var metrics strings.Builder
	metrics.WriteString("Month,predictability,bug_escape_rate,attrition\n")
	for m := 0; m < 9; m++ {
		fmt.Fprintf(&metrics, "%s,%d,5,0.5\n", (report.MonthOf(2025, 6) + report.Month(m)).String(), 88+m%2)
	}
	dir := writeInput(t, map[string]string{
		"engagement.csv": "Field,Value\nTeam,Lima\nOperate start,2025-06\nTransfer date,2026-01\n",
		"metrics.csv":    metrics.String(),
	})
	in, err := Read(dir, Options{})
	if err != nil || len(in.Findings) != 1 {
		t.Fatalf("%v, findings %v; want one warning", err, in.Findings)
	}
	f := in.Findings[0]
	want := "row 4, column 2: warning: months after the Transfer date Jan 2026 are read as a delay in force: Feb 2026 is 1 month into the 3-month delay window; if the Transfer date moved, update it"
	if got := strings.TrimPrefix(f.String(), f.File+": "); got != want {
		t.Errorf("finding:\n%s\nwant:\n%s", got, want)
	}
	p, err := report.Analyze(in.Teams[0], report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range p.DataQuality {
		if strings.Contains(n.Text, "read as a delay in force") {
			t.Errorf("the reader's warning is repeated in the pack: %s", n.Text)
		}
	}
	if got := p.Recommendation.Headline; !strings.HasPrefix(got, "Proceed with the Transfer now, 1 month into the delay window") {
		t.Errorf("headline %q, want it in the present", got)
	}
}
