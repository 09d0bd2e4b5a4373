package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/output/xlsx"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

// earlyPacks are two sample teams as of their first months of Operate: too few months
// for a trend or a status, a baseline window reaching the report month, no KPI scored.
func earlyPacks(t testing.TB) []*report.Pack {
	t.Helper()
	var packs []*report.Pack
	for _, c := range []struct {
		path   string
		months int // after Operate start
	}{{"../../samples/sao-paulo", 1}, {"../../samples/medellin.xlsx", 4}} {
		in, err := input.Read(c.path, input.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		d := in.Teams[0]
		p, err := report.Analyze(d, report.Options{AsOf: d.Engagement.OperateStart + report.Month(c.months)})
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		packs = append(packs, p)
	}
	return packs
}

func annex(t testing.TB, p *report.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, p, xlsx.Options{Version: "v1.2.3"}); err != nil {
		t.Fatalf("%s: %v", p.Team, err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

var wantSheets = []string{"Summary", "Scorecard", "Monthly", "Data", "Charts", "Framework", "Data quality", "Agenda", "Chart data"}

// TestReread opens every sample annex with excelize and finds what finance relies on:
// the sheets, the tables, one chart per KPI with data in chart order, the status
// colours, the defined names, print setup on every sheet and dated properties.
func TestReread(t *testing.T) {
	for _, p := range inputtest.Samples(t) {
		t.Run(p.Team, func(t *testing.T) {
			data := annex(t, p)
			f := open(t, data)
			if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
				t.Errorf("sheets = %q, want %q", got, wantSheets)
			}

			tables := map[string]string{}
			for _, sh := range wantSheets {
				tt, err := f.GetTables(sh)
				if err != nil {
					t.Fatal(err)
				}
				for _, tb := range tt {
					tables[tb.Name] = sh + "!" + tb.Range
				}
			}
			for name, sh := range map[string]string{"MonthlyData": "Monthly", "LongData": "Data", "KPIFramework": "Framework"} {
				if !strings.HasPrefix(tables[name], sh+"!A4:") {
					t.Errorf("table %s is at %q, want on %s from A4", name, tables[name], sh)
				}
			}

			specs := charts.Specs(p)
			titles := chartTitles(t, data)
			if len(titles) != len(specs) {
				t.Fatalf("%d charts, want one per KPI with data: %d", len(titles), len(specs))
			}
			for i, s := range specs {
				if !strings.HasPrefix(titles[i], s.Title) {
					t.Errorf("chart %d is %q, want %s (gates first, then the catalog order)", i+1, titles[i], s.Title)
				}
			}

			cf, err := f.GetConditionalFormats("Scorecard")
			if err != nil {
				t.Fatal(err)
			}
			colours := 0
			for ref, rules := range cf {
				if strings.HasPrefix(ref, "N5:") {
					colours = len(rules)
				}
			}
			statuses := map[string]bool{}
			for _, r := range p.KPIs {
				statuses[r.Display.Status] = true
			}
			if colours != len(statuses) {
				t.Errorf("the Status column has %d colour rules, want one per status printed: %d (%v)", colours, len(statuses), cf)
			}

			for name, want := range map[string]string{"Decision": p.Display.Decision} {
				if got := definedValue(t, f, name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			if got, err := f.CalcCellValue("Summary", strings.TrimPrefix(definedRef(t, f, "ReadinessScore"), "Summary!")); err != nil || got == "" {
				t.Errorf("ReadinessScore: %q, %v", got, err)
			}

			for _, sh := range wantSheets {
				pl, err := f.GetPageLayout(sh)
				if err != nil {
					t.Fatal(err)
				}
				if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
					t.Errorf("%s does not print landscape, one page wide: %+v", sh, pl)
				}
				props, err := f.GetSheetProps(sh)
				if err != nil || props.FitToPage == nil || !*props.FitToPage {
					t.Errorf("%s does not fit to the page: %+v %v", sh, props, err)
				}
				hf, err := f.GetHeaderFooter(sh)
				if err != nil || !strings.Contains(hf.OddHeader, strings.ReplaceAll(p.Team, "&", "&&")) || !strings.Contains(hf.OddHeader, p.Display.ReportMonth) {
					t.Errorf("%s header %q lacks the team and the month", sh, hf.OddHeader)
				}
			}

			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			wantDate := p.ReportMonth.String() + "-01T00:00:00Z"
			if props.Created != wantDate || props.Modified != wantDate || props.Creator != "transferpack v1.2.3" {
				t.Errorf("document properties %+v: want dated %s, made by transferpack v1.2.3", props, wantDate)
			}
			if !bytes.Equal(data, annex(t, p)) {
				t.Error("two writes of the same pack differ")
			}
		})
	}
}

// TestBlankStaysBlank checks that a month without data is an empty cell on Monthly,
// never a zero: São Paulo has no test coverage for May 2026.
func TestBlankStaysBlank(t *testing.T) {
	var p *report.Pack
	for _, q := range inputtest.Samples(t) {
		if strings.HasPrefix(q.Team, "São Paulo") {
			p = q
		}
	}
	f := open(t, annex(t, p))
	rows, err := f.GetRows("Monthly", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[3], "Test coverage (%)")
	may := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "46143" }) // 1 May 2026
	if col < 0 || may < 0 {
		t.Fatalf("no test coverage column (%d) or May 2026 row (%d): %q", col, may, rows[3])
	}
	if v := rows[may][col]; v != "" {
		t.Errorf("test coverage for May 2026 is %q, want a blank cell", v)
	}
}

// TestInputTextStaysText writes text that a spreadsheet would take for a formula, as a
// team, client and commentary, and finds it back as plain string cells, as typed.
func TestInputTextStaysText(t *testing.T) {
	p := *inputtest.Samples(t)[0]
	p.Team = `=HYPERLINK("http://example.com","R&D")`
	p.Client = "+cmd|' /C calc'!A0"
	p.Partner = "-2+3"
	p.Location = "@SUM(1,2)"
	p.Display.ReportMonth = "\t=1+1"
	p.Commentary = []report.Comment{{Month: p.ReportMonth, Section: report.SectionSummary, Text: "\r=2+2"}}
	data := annex(t, &p)
	f := open(t, data)
	for _, c := range []struct{ sheet, cell, want string }{
		{"Summary", "A1", p.Team},
		{"Summary", "B4", p.Client},
		{"Summary", "B5", p.Partner},
		{"Summary", "B6", p.Location},
		{"Summary", "B7", p.Display.ReportMonth},
		{"Data", "A5", p.Team},
	} {
		got, err := f.GetCellValue(c.sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := f.GetCellType(c.sheet, c.cell)
		formula, _ := f.GetCellFormula(c.sheet, c.cell)
		if got != c.want || formula != "" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
			t.Errorf("%s!%s = %q (type %v, formula %q), want the string %q", c.sheet, c.cell, got, typ, formula, c.want)
		}
	}
	// The commentary is shown as its Markdown's text ("=2+2"), still a string cell.
	found := false
	rows, _ := f.GetRows("Summary")
	for y, r := range rows {
		if x := slices.Index(r, "=2+2"); x >= 0 {
			cell, _ := excelize.CoordinatesToCellName(x+1, y+1)
			formula, _ := f.GetCellFormula("Summary", cell)
			found = formula == ""
		}
	}
	if !found {
		t.Error("the commentary starting with a carriage return is not on the Summary as text")
	}
	hf, _ := f.GetHeaderFooter("Summary")
	if !strings.Contains(hf.OddHeader, "R&&D") {
		t.Errorf("header %q: an & from input must be doubled, or it starts a header code", hf.OddHeader)
	}
}

// chartTitles returns the title of each chart of the Charts sheet, in sheet order.
func chartTitles(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		for _, f := range zr.File {
			if f.Name == name {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				return string(b)
			}
		}
		return ""
	}
	rels := map[string]string{}
	for _, m := range regexp.MustCompile(`Id="(rId\d+)"[^>]*Target="../charts/(chart\d+\.xml)"`).FindAllStringSubmatch(read("xl/drawings/_rels/drawing1.xml.rels"), -1) {
		rels[m[1]] = m[2]
	}
	if len(rels) == 0 { // attributes in the other order
		for _, m := range regexp.MustCompile(`Target="../charts/(chart\d+\.xml)"[^>]*Id="(rId\d+)"`).FindAllStringSubmatch(read("xl/drawings/_rels/drawing1.xml.rels"), -1) {
			rels[m[2]] = m[1]
		}
	}
	var titles []string
	for _, m := range regexp.MustCompile(`r:id="(rId\d+)"`).FindAllStringSubmatch(read("xl/drawings/drawing1.xml"), -1) {
		chart := read("xl/charts/" + rels[m[1]])
		title := regexp.MustCompile(`<(?:c:)?title>.*?<a:t>([^<]*)</a:t>`).FindStringSubmatch(chart)
		if title == nil {
			t.Fatalf("%s has no title", rels[m[1]])
		}
		titles = append(titles, title[1])
	}
	return titles
}

func definedRef(t *testing.T, f *excelize.File, name string) string {
	t.Helper()
	for _, d := range f.GetDefinedName() {
		if d.Name == name {
			return strings.ReplaceAll(strings.TrimPrefix(d.RefersTo, "="), "$", "")
		}
	}
	t.Fatalf("no defined name %s", name)
	return ""
}

func definedValue(t *testing.T, f *excelize.File, name string) string {
	t.Helper()
	sheet, cell, _ := strings.Cut(definedRef(t, f, name), "!")
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
