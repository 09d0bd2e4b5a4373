package input

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

// brokenDir holds the broken-input corpus: each case is a CSV folder or an .xlsx workbook,
// with <case>.golden next to it holding the findings Read must return, one String() a
// line, in order, then a line "built: <team>" for each team Read returns all the same
// (the teams without an error of their own, in an input of several teams). The
// workbooks are built by brokenWorkbooks under -update.
const brokenDir = "testdata/broken"

// maxRejectAlloc bounds what Read may allocate to read one broken case: a hostile input
// (a zip bomb) must be refused without inflating it.
const maxRejectAlloc = 64 << 20

func TestBrokenCorpus(t *testing.T) {
	if *update {
		if err := writeBrokenWorkbooks(brokenDir); err != nil {
			t.Fatal(err)
		}
	}
	cases, goldens, err := brokenCases(brokenDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 24 {
		t.Errorf("the broken corpus has %d cases, want at least 24", len(cases))
	}
	for _, g := range goldens {
		if !slices.Contains(cases, strings.TrimSuffix(g, ".golden")) {
			t.Errorf("%s: golden file without a case: delete it", filepath.Join(brokenDir, g))
		}
	}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(brokenDir, name)
			if _, err := os.Stat(path); err != nil {
				path += ".xlsx"
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			in, err := Read(path, Options{})
			runtime.ReadMemStats(&after)
			if in == nil {
				t.Fatalf("Read(%q) returned a nil Input", path)
			}
			n := after.TotalAlloc - before.TotalAlloc
			t.Logf("Read(%q) allocated %d KB", path, n>>10)
			if n > maxRejectAlloc {
				t.Errorf("Read(%q) allocated %d MB, want at most %d MB", path, n>>20, maxRejectAlloc>>20)
			}
			got := findingLines(in.Findings)
			for _, d := range in.Teams {
				got += "built: " + d.Engagement.Team + "\n"
			}

			golden := filepath.Join(brokenDir, name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, rerr := os.ReadFile(golden)
			if rerr != nil {
				t.Fatalf("%v (run go test -run TestBrokenCorpus -update to create it)", rerr)
			}
			if got != string(want) {
				t.Errorf("Read(%q) findings:\n%swant:\n%s", path, got, want)
			}

			if !in.Findings.HasErrors() {
				t.Errorf("Read(%q) found no error: every case of the broken corpus must be refused", path)
			}
			if (err != nil) != in.Findings.HasErrors() {
				t.Errorf("Read(%q) error = %v, but its findings have errors = %v", path, err, in.Findings.HasErrors())
			}
			// Teams come back along with errors only when every error is some other
			// team's own.
			for _, f := range in.Findings.Errors() {
				if f.Team == "" && in.Teams != nil {
					t.Errorf("Read(%q) returned %d teams along with an error of no team: %s", path, len(in.Teams), f)
				}
				for _, d := range in.Teams {
					if f.Team == d.Engagement.Team {
						t.Errorf("Read(%q) returned team %q along with its error %s", path, f.Team, f)
					}
				}
			}
		})
	}
}

// findingLines prints findings as validate does, one a line, with '/' in paths.
func findingLines(fs report.Findings) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(filepath.ToSlash(f.String()) + "\n")
	}
	return b.String()
}

// brokenCases lists the case names of the corpus (sorted) and its golden files.
func brokenCases(dir string) (cases, goldens []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		switch n := e.Name(); {
		case e.IsDir():
			cases = append(cases, n)
		case strings.HasSuffix(n, ".xlsx"):
			cases = append(cases, strings.TrimSuffix(n, ".xlsx"))
		case strings.HasSuffix(n, ".golden"):
			goldens = append(goldens, n)
		default:
			return nil, nil, fmt.Errorf("%s: neither a case nor a golden file", filepath.Join(dir, n))
		}
	}
	sort.Strings(cases)
	for i := 1; i < len(cases); i++ {
		if cases[i] == cases[i-1] {
			return nil, nil, fmt.Errorf("%s: both a folder and a workbook: rename one", filepath.Join(dir, cases[i]))
		}
	}
	return cases, goldens, nil
}

// writeBrokenWorkbooks writes the workbook cases of the corpus.
func writeBrokenWorkbooks(dir string) error {
	wbs, err := brokenWorkbooks()
	if err != nil {
		return err
	}
	for name, data := range wbs {
		if err := os.WriteFile(filepath.Join(dir, name+".xlsx"), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// corpusRows is the content of one sheet: strings become text cells, numbers number cells.
type corpusRows [][]any

var (
	corpusEngagement = corpusRows{
		{"Field", "Value"},
		{"Team", "Payments"},
		{"Operate start", "2025-09"},
		{"Transfer date", "2026-06"},
	}
	corpusMetrics = corpusRows{
		{"Month", "Velocity", "Predictability"},
		{"2025-09", 40, 80},
		{"2025-10", 42, 85},
		{"2025-11", 45, 88},
	}
)

// corpusSheet is one sheet of a generated workbook.
type corpusSheet struct {
	name string
	rows corpusRows
}

// brokenWorkbooks builds every workbook case: name (without .xlsx) -> file content.
// Each holds only what its case needs, around a valid Engagement and Metrics sheet.
func brokenWorkbooks() (map[string][]byte, error) {
	out := map[string][]byte{}
	var firstErr error
	add := func(name string, data []byte, err error) {
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("workbook %s: %w", name, err)
		}
		out[name] = data
	}
	valid := []corpusSheet{{"Engagement", corpusEngagement}, {"Metrics", corpusMetrics}}

	// A value typed as text where a number belongs: the workbook form of text-in-number.
	textMetrics := cloneRows(corpusMetrics)
	textMetrics[3][1] = "n/a"
	data, err := corpusWorkbook(nil, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metrics", textMetrics})
	add("workbook-text-in-number", data, err)

	// Real error cells (t="e"), as Excel saves a formula that failed: =B3/0 and =NA().
	errMetrics := cloneRows(corpusMetrics)
	errMetrics[2][2] = corpusFormula("B3/0")
	errMetrics[3][1] = corpusFormula("NA()")
	data, err = corpusWorkbook(map[string]func([]byte) ([]byte, error){
		"xl/worksheets/sheet2.xml": func(x []byte) ([]byte, error) {
			x, err := replaceOnce(x, `<c r="C3" t="str"><f>B3/0</f></c>`, `<c r="C3" t="e"><f>B3/0</f><v>#DIV/0!</v></c>`)
			if err != nil {
				return nil, err
			}
			return replaceOnce(x, `<c r="B4" t="str"><f>NA()</f></c>`, `<c r="B4" t="e"><f>NA()</f><v>#N/A</v></c>`)
		},
	}, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metrics", errMetrics})
	add("excel-error-cell", data, err)

	// Formulas without a saved result, as scripts write them: excelize writes no <v> (B3,
	// and C6 at the end of the last row), openpyxl an empty <v/> without a type (C4). C5 is
	// the empty text result Excel saves for =IF(…,"",…): missing data, not a finding.
	formulaMetrics := append(cloneRows(corpusMetrics), []any{"2025-12", 46, corpusFormula("LEFT(A5,0)")}, []any{"2026-01", nil, corpusFormula("C5")})
	formulaMetrics[2][1] = corpusFormula("B2+2")
	formulaMetrics[3][2] = corpusFormula("C3+3")
	data, err = corpusWorkbook(map[string]func([]byte) ([]byte, error){
		"xl/worksheets/sheet2.xml": func(x []byte) ([]byte, error) {
			x, err := replaceOnce(x, `<c r="C4" t="str"><f>C3+3</f></c>`, `<c r="C4"><f>C3+3</f><v></v></c>`)
			if err != nil {
				return nil, err
			}
			return replaceOnce(x, `<c r="C5" t="str"><f>LEFT(A5,0)</f></c>`, `<c r="C5" t="str"><f>LEFT(A5,0)</f><v/></c>`)
		},
	}, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metrics", formulaMetrics})
	add("formula-without-result", data, err)

	// Durations ([h]:mm cells, stored in days) in KPIs that are not measured in time.
	durationMetrics := cloneRows(corpusMetrics)
	durationMetrics[2][1] = corpusFormatted{1.5, "[h]:mm"}
	durationMetrics[3][2] = corpusFormatted{0.5, "h:mm:ss"}
	data, err = corpusWorkbook(nil, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metrics", durationMetrics})
	add("duration-in-count-kpi", data, err)

	// A month typed as a plain number: a date serial that lost its date format.
	serialMetrics := cloneRows(corpusMetrics)
	serialMetrics[2][0] = 45931 // 2025-10-01 without a date format
	data, err = corpusWorkbook(nil, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metrics", serialMetrics})
	add("month-as-plain-number", data, err)

	data, err = corpusWorkbook(nil, corpusSheet{"Engagement", corpusEngagement})
	add("missing-metrics-sheet", data, err)

	data, err = corpusWorkbook(nil, corpusSheet{"Metrics", corpusMetrics})
	add("missing-engagement-sheet", data, err)

	data, err = corpusWorkbook(nil, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metric", corpusMetrics})
	add("metric-sheet-typo", data, err)

	// A workbook cut in half, as an interrupted download or copy leaves it.
	whole, err := corpusWorkbook(nil, valid...)
	add("truncated", whole[:len(whole)/2], err)

	// A Metrics sheet whose bytes changed after it was written (stored uncompressed, so
	// the change is one digit: 85 became 95); the zip's checksum no longer matches.
	data, err = corpusWorkbook(nil, valid...)
	if err == nil {
		data, err = storedAndAltered(data, "xl/worksheets/sheet2.xml", `<c r="C3"><v>85</v></c>`, `<c r="C3"><v>95</v></c>`)
	}
	add("checksum-mismatch", data, err)

	// A password-protected workbook is an OLE compound file, whatever its extension.
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	add("encrypted-ole", ole, nil)

	add("csv-named-xlsx", []byte("Month,Velocity,Predictability\n2025-09,40,80\n2025-10,42,85\n"), nil)
	add("empty", []byte{}, nil)

	// Zip bombs: a sheet of 512 MB, over the reader's 256 MB limit; the same with zip
	// headers that claim a few KB; and one of 60 MB, under the limits, which no metrics
	// workbook comes near either (a real one unzips to a few MB).
	data, err = zipBombWorkbook(512<<20, false)
	add("zip-bomb", data, err)
	data, err = zipBombWorkbook(512<<20, true)
	add("zip-bomb-lying-size", data, err)
	data, err = zipBombWorkbook(60<<20, false)
	add("zip-bomb-under-limit", data, err)

	// A stray value far below and right of the data (typed by mistake in XFD1048576).
	data, err = corpusWorkbook(map[string]func([]byte) ([]byte, error){
		"xl/worksheets/sheet2.xml": func(x []byte) ([]byte, error) {
			return replaceOnce(x, `</sheetData>`, `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`)
		},
	}, valid...)
	add("stray-far-cell", data, err)

	// Rows that each hold one stray cell in the last column (XFD): a small file, but read
	// as full rows each is 16,384 cells wide, and a few thousand of them exhaust memory.
	data, err = corpusWorkbook(map[string]func([]byte) ([]byte, error){
		"xl/worksheets/sheet2.xml": func(x []byte) ([]byte, error) {
			var rows bytes.Buffer
			for r := 5; r < 5+wideStrayRows; r++ {
				fmt.Fprintf(&rows, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
			}
			rows.WriteString(`</sheetData>`)
			return replaceOnce(x, `</sheetData>`, rows.String())
		},
	}, valid...)
	add("stray-cells-last-column", data, err)

	return out, firstErr
}

// wideStrayRows is how many rows of the stray-cells-last-column case hold a cell in XFD.
const wideStrayRows = 12500

// corpusFormula is a cell holding a formula, written with SetCellFormula.
type corpusFormula string

// corpusFormatted is a value with a custom number format.
type corpusFormatted struct {
	value  any
	format string
}

func cloneRows(r corpusRows) corpusRows {
	out := make(corpusRows, len(r))
	for i := range r {
		out[i] = append([]any(nil), r[i]...)
	}
	return out
}

// workbook builds an .xlsx with excelize, then rewrites its zip in a fixed order (so the
// file is the same at every -update), applying patches to named parts on the way.
func corpusWorkbook(patches map[string]func([]byte) ([]byte, error), sheets ...corpusSheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		for r, row := range s.rows {
			for c, v := range row {
				ref := report.CellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case nil:
				case corpusFormula:
					err = f.SetCellFormula(s.name, ref, string(v))
				case corpusFormatted:
					var style int
					if style, err = f.NewStyle(&excelize.Style{CustomNumFmt: &v.format}); err == nil {
						if err = f.SetCellValue(s.name, ref, v.value); err == nil {
							err = f.SetCellStyle(s.name, ref, ref, style)
						}
					}
				default:
					err = f.SetCellValue(s.name, ref, v)
				}
				if err != nil {
					return nil, err
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return rezipSorted(buf.Bytes(), patches, nil)
}

// rezipSorted rewrites a zip: [Content_Types].xml first, then the other parts by name, all
// deflated with a fixed date, except the parts named in stored, which are stored as is.
func rezipSorted(data []byte, patches map[string]func([]byte) ([]byte, error), stored map[string]bool) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range files {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if p := patches[zf.Name]; p != nil {
			if content, err = p(content); err != nil {
				return nil, fmt.Errorf("%s: %w", zf.Name, err)
			}
			delete(patches, zf.Name)
		}
		h := &zip.FileHeader{Name: zf.Name, Method: zip.Deflate}
		if stored[zf.Name] {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	for name := range patches {
		return nil, fmt.Errorf("no part %s to patch", name)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// replaceOnce replaces the one occurrence of old in b.
func replaceOnce(b []byte, old, new string) ([]byte, error) {
	if n := bytes.Count(b, []byte(old)); n != 1 {
		return nil, fmt.Errorf("%d occurrences of %s, want 1", n, old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1), nil
}

// storedAndAltered stores one part of a workbook uncompressed, then changes its bytes in
// the file without updating the zip's checksum: the damage a bad disk or transfer does.
func storedAndAltered(data []byte, part, old, new string) ([]byte, error) {
	if len(old) != len(new) {
		return nil, fmt.Errorf("%q and %q differ in length", old, new)
	}
	data, err := rezipSorted(data, nil, map[string]bool{part: true})
	if err != nil {
		return nil, err
	}
	return replaceOnce(data, old, new)
}

// zipBombWorkbook builds a workbook whose Metrics sheet holds valid rows and padding bytes
// of blanks, compressed about 1000 to 1. With lie set, the zip's headers claim the sheet is a
// few KB, so only a reader that checks the real size refuses it.
func zipBombWorkbook(padding int, lie bool) ([]byte, error) {
	base, err := corpusWorkbook(nil, corpusSheet{"Engagement", corpusEngagement}, corpusSheet{"Metrics", corpusMetrics})
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet2.xml" {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		sheet, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		head, tail, ok := bytes.Cut(sheet, []byte("</sheetData>"))
		if !ok {
			return nil, fmt.Errorf("no </sheetData> in %s", zf.Name)
		}
		// Blanks between elements are valid XML.
		var comp bytes.Buffer
		fw, err := flate.NewWriter(&comp, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		crc := crc32.NewIEEE()
		w := io.MultiWriter(fw, crc)
		blanks := bytes.Repeat([]byte(" "), 1<<20)
		size := uint64(0)
		write := func(p []byte) {
			w.Write(p) // writes to a bytes.Buffer and a hash: no error
			size += uint64(len(p))
		}
		write(head)
		for range padding / len(blanks) {
			write(blanks)
		}
		write([]byte("</sheetData>"))
		write(tail)
		if err := fw.Close(); err != nil {
			return nil, err
		}
		h := &zip.FileHeader{Name: zf.Name, Method: zip.Deflate, CRC32: crc.Sum32(),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: size}
		if lie {
			h.UncompressedSize64 = uint64(len(sheet))
		}
		raw, err := zw.CreateRaw(h)
		if err != nil {
			return nil, err
		}
		if _, err := raw.Write(comp.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
