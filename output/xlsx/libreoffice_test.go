package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

var pages = flag.String("pages", "", "write each sample annex as LibreOffice prints it, as PNG pages at 80 dpi, into `DIR`")

// TestLibreOfficeRecalculates has LibreOffice recalculate every sample annex and checks
// that every formula arrives at the pack's figure, at the precision the pack prints it,
// and that no cell anywhere is an error. Each annex goes in with every value stored with
// a formula replaced by a wrong one, which only a recalculation corrects: the test
// cannot pass on the values transferpack stored (TestStoredValues checks those).
func TestLibreOfficeRecalculates(t *testing.T) {
	soffice := sofficePath(t)
	dir := t.TempDir()
	var files []string
	written := map[string]*report.Pack{}
	for i, p := range append(inputtest.Samples(t), earlyPacks(t)...) {
		path := filepath.Join(dir, fmt.Sprintf("annex%d.xlsx", i))
		if err := os.WriteFile(path, poison(t, annex(t, p)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		written[path] = p
	}
	start := time.Now()
	outs := convert(t, soffice, files, "xlsx", filepath.Join(dir, "recalculated"))
	t.Logf("LibreOffice recalculated %d annexes in %v", len(files), time.Since(start).Round(time.Millisecond))

	for i, in := range files {
		p := written[in]
		t.Run(p.Team+" "+p.Display.ReportMonth, func(t *testing.T) {
			want := expectations(t, p, open(t, annex(t, p)))
			got, err := os.ReadFile(outs[i])
			if err != nil {
				t.Fatal(err)
			}
			f := open(t, got)
			compare(t, f, want, "after recalculation")
			errorCells(t, f)
			t.Logf("%d formula cells agree with the pack", len(want))
		})
	}
}

// TestStoredValues checks the value stored with each formula, which a viewer that does
// not recalculate (a mail preview, a script) shows: it is the pack's figure.
func TestStoredValues(t *testing.T) {
	for _, p := range append(inputtest.Samples(t), earlyPacks(t)...) {
		t.Run(p.Team+" "+p.Display.ReportMonth, func(t *testing.T) {
			f := open(t, annex(t, p))
			compare(t, f, expectations(t, p, f), "as stored")
		})
	}
}

// compare checks the value of every cell in want.
func compare(t *testing.T, f *excelize.File, want map[string]expect, when string) {
	t.Helper()
	for key, e := range want {
		sheet, cell, _ := strings.Cut(key, "!")
		raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Errorf("%s (%s) is %q %s, want %v", key, e.what, raw, when, e.want)
			continue
		}
		if msg := e.check(v); msg != "" {
			t.Errorf("%s (%s) = %v %s: %s", key, e.what, v, when, msg)
		}
	}
}

// expect is what a formula cell must come to: a figure of the pack and the decimals the
// pack prints it with.
type expect struct {
	what     string
	want     float64
	decimals int
	// near, when set, is the pack's unrounded figure for a difference the pack takes
	// between printed figures: the cell is the printed difference, within nearTol (the
	// rounding of its terms) of it.
	near    *float64
	nearTol float64
}

// check compares a recalculated value with the pack's figure: equal up to the pack's
// four stored decimals, and the same when printed as the pack prints it.
func (e expect) check(got float64) string {
	tol := 1.5e-4 + 1e-9*math.Abs(e.want) // the pack stores figures to 4 decimals
	if math.Abs(got-e.want) > tol {
		return fmt.Sprintf("want %v (±%g)", e.want, tol)
	}
	if g, w := printed(got, e.decimals), printed(e.want, e.decimals); g != w {
		return fmt.Sprintf("prints as %s, the pack prints %s", g, w)
	}
	if e.near != nil && math.Abs(got-*e.near) > e.nearTol+1e-9 {
		return fmt.Sprintf("further than the rounding of its terms (%g) from the pack's unrounded %v", e.nearTol, *e.near)
	}
	return ""
}

// printed is v as the pack prints it: stored to 4 decimals, then rounded half away from
// zero to d decimals.
func printed(v float64, d int) string {
	v = math.Round(v*1e4) / 1e4
	f := math.Pow10(d)
	return strconv.FormatFloat(math.Round(v*f)/f, 'f', d, 64)
}

// labelNumber finds the number of a pack label: "−USD 1,437" holds 1,437.
var labelNumber = regexp.MustCompile(`(\d[\d,]*)(\.\d+)?`)

// fromLabel reads the number a pack label prints, signed by a minus before it, and its
// decimals: "−3.6 pts" is −3.6 with 1 decimal.
func fromLabel(t *testing.T, label string) (float64, int) {
	t.Helper()
	loc := labelNumber.FindStringSubmatchIndex(label)
	if loc == nil {
		t.Fatalf("label %q has no number", label)
	}
	m := labelNumber.FindStringSubmatch(label)
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "")+m[2], 64)
	if err != nil {
		t.Fatal(err)
	}
	if prefix := label[:loc[0]]; strings.Contains(prefix, "−") || strings.Contains(prefix, "-") {
		v = -v
	}
	return v, max(len(m[2])-1, 0)
}

// halfUnit is half the last printed digit of a label: the most its rounding moves it.
func halfUnit(t *testing.T, label string) float64 {
	_, d := fromLabel(t, label)
	return 0.5 * math.Pow10(-d)
}

// expectations finds every formula cell of an annex and the pack figure it must come
// to, by the sheets' own headers and row labels; a formula the test cannot tie to a
// figure fails it.
func expectations(t *testing.T, p *report.Pack, f *excelize.File) map[string]expect {
	t.Helper()
	byName := map[string]*report.KPIResult{}
	for i := range p.KPIs {
		byName[p.KPIs[i].Name] = &p.KPIs[i]
	}
	out := map[string]expect{}

	sc := map[string]expect{} // Scorecard cells, which Summary cells link to
	rows := grid(t, f, "Scorecard")
	for ri := 4; ri < len(rows); ri++ {
		r := byName[at(rows, ri, 0)]
		if r == nil {
			continue
		}
		d := r.Display
		for ci, h := range rows[3] {
			key := "Scorecard!" + cellName(ci, ri)
			var e *expect
			switch h {
			case "Baseline":
				if r.Baseline != nil {
					_, dec := fromLabel(t, d.Baseline)
					e = &expect{what: r.Name + " baseline", want: *r.Baseline, decimals: dec}
				}
			case "Level":
				if r.Level != nil {
					_, dec := fromLabel(t, d.Level)
					e = &expect{what: r.Name + " level", want: *r.Level, decimals: dec}
				}
			case "vs baseline":
				if r.VsBaseline != nil {
					v, dec := fromLabel(t, d.VsBaseline)
					e = &expect{what: r.Name + " vs baseline " + d.VsBaseline, want: v, decimals: dec,
						near: r.VsBaseline, nearTol: halfUnit(t, d.Level) + halfUnit(t, d.Baseline)}
				}
			case "vs baseline %":
				if r.VsBaselinePct != nil {
					e = &expect{what: r.Name + " vs baseline %", want: *r.VsBaselinePct / 100, decimals: 3}
				}
			case "vs target":
				if r.VsTarget != nil {
					v, dec := fromLabel(t, d.VsTarget)
					e = &expect{what: r.Name + " vs target " + d.VsTarget, want: v, decimals: dec,
						near: r.VsTarget, nearTol: halfUnit(t, d.Level)}
				}
			case "Months with data":
				e = &expect{what: r.Name + " months with data", want: float64(r.MonthsWithData)}
			case "Target":
				if r.Target != nil {
					sc[key] = expect{what: r.Name + " target", want: *r.Target, decimals: 4}
				}
			}
			if e != nil {
				sc[key] = *e
			}
		}
	}

	link := regexp.MustCompile(`^Scorecard!\$?([A-Z]+)\$?(\d+)$`)
	for _, sheet := range f.GetSheetList() {
		formulas := 0
		g := grid(t, f, sheet)
		for ri := range g {
			for ci := range g[ri] {
				key := sheet + "!" + cellName(ci, ri)
				formula, err := f.GetCellFormula(sheet, cellName(ci, ri))
				if err != nil {
					t.Fatal(err)
				}
				if formula == "" {
					continue
				}
				formulas++
				e, ok := expect{}, false
				switch {
				case sheet == "Scorecard":
					e, ok = sc[key]
				case sheet == "Summary" && link.MatchString(formula):
					m := link.FindStringSubmatch(formula)
					e, ok = sc["Scorecard!"+m[1]+m[2]]
				case sheet == "Summary" && at(g, ri, 0) == "Readiness score":
					e, ok = expect{what: "readiness score", want: p.ReadinessScore}, true
				case sheet == "Chart data":
					e, ok = chartDataExpectation(t, p, byName, g, ri, ci)
				}
				if !ok {
					t.Errorf("%s holds the formula %q, which the test cannot tie to a figure of the pack", key, formula)
					continue
				}
				out[key] = e
			}
		}
		if sheet == "Scorecard" {
			if formulas == 0 {
				t.Errorf("%s has no formulas", sheet)
			}
		}
	}
	return out
}

// chartDataExpectation is the figure a Chart data cell plots: the KPI named over its
// block of columns (row 3), the series named in row 4, the month in column A.
func chartDataExpectation(t *testing.T, p *report.Pack, byName map[string]*report.KPIResult, g [][]string, ri, ci int) (expect, bool) {
	name := ""
	for c := ci; c >= 1 && name == ""; c-- {
		name = at(g, 2, c)
	}
	r := byName[name]
	if r == nil {
		return expect{}, false
	}
	serial, err := strconv.ParseFloat(at(g, ri, 0), 64)
	if err != nil {
		return expect{}, false
	}
	day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
	month := report.MonthOf(day.Year(), int(day.Month()))
	switch at(g, 3, ci) {
	case "Actual":
		for i, pt := range r.Chart.Actual {
			if pt.Month == month {
				_, dec := fromLabel(t, r.Chart.ActualLabels[i])
				return expect{what: r.Name + " chart actual " + month.String(), want: pt.Value, decimals: dec}, true
			}
		}
	case "Baseline":
		if r.Baseline != nil {
			return expect{what: r.Name + " chart baseline", want: *r.Baseline, decimals: 4}, true
		}
	case "Target":
		if r.Target != nil {
			return expect{what: r.Name + " chart target", want: *r.Target, decimals: 4}, true
		}
	}
	return expect{}, false
}

// errorCells fails the test for every cell of the workbook that holds an error.
func errorCells(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		g := grid(t, f, sheet)
		for ri := range g {
			for ci := range g[ri] {
				typ, err := f.GetCellType(sheet, cellName(ci, ri))
				if err != nil {
					t.Fatal(err)
				}
				if typ == excelize.CellTypeError {
					t.Errorf("%s!%s is an error: %s", sheet, cellName(ci, ri), g[ri][ci])
				}
			}
		}
	}
}

func grid(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func at(g [][]string, r, c int) string {
	if r < len(g) && c < len(g[r]) {
		return g[r][c]
	}
	return ""
}

// cellName names a cell from 0-based column and row.
func cellName(c, r int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}

// poison replaces every value stored with a formula by one no figure has.
func poison(t *testing.T, data []byte) []byte {
	t.Helper()
	stored := regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	n := 0
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			n += len(stored.FindAll(b, -1))
			b = stored.ReplaceAll(b, []byte("${1}<v>987654.321</v>"))
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no formula with a stored value to poison")
	}
	return buf.Bytes()
}

// sofficePath finds LibreOffice; without it the test skips, or fails under CI=true.
func sofficePath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("LibreOffice (soffice) is not installed: install libreoffice-calc-nogui to check the annex's formulas")
	}
	return path
}

// recalcProfile is a LibreOffice user profile that recalculates every formula of an
// .xlsx on loading (OOXMLRecalcMode 0: always) instead of trusting the stored values, in
// the en-US locale.
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
`

// convert has one headless LibreOffice, with a throw-away profile, convert every file to
// format in outDir, and returns the outputs in the order of files. soffice exits 0 even
// when a file fails to load, so each output must exist.
func convert(t *testing.T, soffice string, files []string, format, outDir string) []string {
	t.Helper()
	profile := filepath.Join(t.TempDir(), "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(profile), "--headless", "--norestore",
		"--convert-to", format, "--outdir", outDir}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	var outs []string
	for _, in := range files {
		ext := "." + strings.SplitN(format, ":", 2)[0]
		out := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+ext)
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Fatalf("LibreOffice did not convert %s to %s: %v", filepath.Base(in), format, err)
		}
		outs = append(outs, out)
	}
	return outs
}

// TestPageImages writes each sample annex as LibreOffice prints it, as PNG pages, into
// the folder given with -pages, for a person to look at: go test ./output/xlsx -run
// PageImages -pages /tmp/annex-pages.
func TestPageImages(t *testing.T) {
	if *pages == "" {
		t.Skip("give -pages DIR to write the annexes' page images")
	}
	soffice := sofficePath(t)
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("pdftoppm (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	var files []string
	for _, p := range inputtest.Samples(t) {
		path := filepath.Join(dir, strings.ToLower(strings.Fields(p.Team)[0])+".xlsx")
		if err := os.WriteFile(path, annex(t, p), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	if err := os.MkdirAll(*pages, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, pdf := range convert(t, soffice, files, "pdf", *pages) {
		prefix := strings.TrimSuffix(pdf, ".pdf")
		if out, err := exec.Command(pdftoppm, "-r", "80", "-png", pdf, prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
	}
}
