package input

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/names"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// Limits for untrusted inputs. A real monthly metrics workbook is a few hundred KB.
const (
	maxInputBytes     = 32 << 20 // a workbook or CSV file on disk
	maxUnzippedBytes  = 32 << 20 // all parts of a workbook, unzipped
	maxUnzippedXMLMem = 32 << 20 // one worksheet unzipped in memory
	// maxSheetCells bounds one sheet: each row counts as many cells as its last column,
	// and at least 1 when empty. excelize fills every row out to its last cell when it
	// reads one, so the bound is also a bound on memory. The largest real sheet, a long
	// layout of many teams, is a few tens of thousands of rows of 4 or 5 cells.
	maxSheetCells = 500_000
)

// sheetNames are the sheets of the input contract, canonical spelling.
var sheetNames = []string{"Engagement", "Metrics", "Targets", "Commentary"}

// source is an opened input: its sheets by canonical name.
type source struct {
	sheets map[string]*sheet
	other  []string // names of sheets or CSV files that are not part of the contract
}

// IsCSVFolder reports whether dir is a CSV input (a folder holding engagement.csv or
// metrics.csv) rather than a folder of inputs.
func IsCSVFolder(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := strings.ToLower(e.Name())
		if !e.IsDir() && (n == "engagement.csv" || n == "metrics.csv") {
			return true
		}
	}
	return false
}

// openSource opens a workbook or a CSV folder. A problem with the file as a whole (not
// found, corrupt, encrypted, too large, a CSV named .xlsx) is returned as one finding.
func openSource(path string) (*source, *report.Finding) {
	fail := func(format string, args ...any) (*source, *report.Finding) {
		return nil, &report.Finding{Severity: report.Error, File: path, Message: fmt.Sprintf(format, args...)}
	}
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fail("no such file or folder")
		}
		return fail("cannot read: %v", errors.Unwrap(err))
	}
	if fi.IsDir() {
		return openCSVDir(path)
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".xlsm":
	case ".csv":
		return fail("a single CSV file is not an input: put engagement.csv and metrics.csv (and optionally targets.csv, commentary.csv) in a folder and give the folder")
	case ".xls":
		return fail("an Excel 97–2003 .xls workbook: save it as .xlsx (Excel Workbook) and try again")
	default:
		return fail("not a workbook: inputs are .xlsx workbooks or folders of .csv files")
	}
	if fi.Size() > maxInputBytes {
		return fail("file is %d MB, more than the %d MB an input may be", fi.Size()>>20, maxInputBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail("cannot read: %v", errors.Unwrap(err))
	}
	return openWorkbook(path, data)
}

// Magic numbers of the formats a mis-named or protected workbook really is.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func openWorkbook(path string, data []byte) (*source, *report.Finding) {
	fail := func(format string, args ...any) (*source, *report.Finding) {
		return nil, &report.Finding{Severity: report.Error, File: path, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case len(data) == 0:
		return fail("the file is empty: save the workbook again from Excel")
	case bytes.HasPrefix(data, oleMagic):
		return fail("the workbook is password-protected or in the old .xls format: remove the password (File > Info > Protect Workbook) or save it as .xlsx")
	case !bytes.HasPrefix(data, zipMagic):
		if looksLikeText(data) {
			return fail("this is a text (CSV) file named .xlsx: save it from Excel as .xlsx, or put it in a folder as metrics.csv")
		}
		return fail("not an .xlsx workbook (the file is not a zip archive): save it from Excel as .xlsx")
	}
	err := checkZip(data)
	var f *excelize.File
	if err == nil {
		f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
			UnzipSizeLimit:    maxUnzippedBytes,
			UnzipXMLSizeLimit: maxUnzippedXMLMem,
		})
	}
	if err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "unzip size"):
			return fail("the workbook unzips to more than %d MB: refusing it as unsafe", maxUnzippedBytes>>20)
		case strings.Contains(msg, "zip"):
			return fail("the workbook is damaged or truncated (%v): save it again from Excel", err)
		}
		return fail("cannot open the workbook: %v", err)
	}
	defer f.Close()

	props, err := f.GetWorkbookProps()
	if err != nil {
		return fail("the workbook is damaged: %v", err)
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	src := &source{sheets: map[string]*sheet{}}
	styles := map[int]cellKind{}
	for _, name := range f.GetSheetList() {
		canon := canonicalSheet(name)
		if canon == "" {
			src.other = append(src.other, name)
			continue
		}
		if _, dup := src.sheets[canon]; dup {
			return fail("two sheets are named %q: rename or delete one", canon)
		}
		sh, ferr := readWorkbookSheet(f, data, path, name, canon, date1904, styles)
		if ferr != nil {
			return nil, ferr
		}
		src.sheets[canon] = sh
	}
	return src, nil
}

// canonicalSheet maps a sheet or file name to the contract's spelling, or "".
func canonicalSheet(name string) string {
	k := names.Fold(name)
	for _, s := range sheetNames {
		if names.Fold(s) == k {
			return s
		}
	}
	return ""
}

func readWorkbookSheet(f *excelize.File, data []byte, path, name, canon string, date1904 bool, styles map[int]cellKind) (*sheet, *report.Finding) {
	sh := &sheet{name: canon, file: path, date1904: date1904}
	fail := func(format string, args ...any) (*sheet, *report.Finding) {
		return nil, sh.finding(report.Error, 0, 0, format, args...)
	}
	raw, err := sheetRows(f, name)
	var big *tooLarge
	if errors.As(err, &big) {
		return fail("the sheet is larger than an input may be: it goes on past row %d, with cells out to column %s: delete the stray cells and rows beyond the data",
			big.row, report.ColumnName(big.width))
	}
	if err != nil {
		return fail("cannot read the sheet: %v", err)
	}
	// Cell types and formats are looked up only now that the sheet is known to be small:
	// the first lookup makes excelize load the whole sheet.
	sh.rows = make([][]cell, len(raw))
	emptyText := map[string]bool{} // formula cells of type text that read empty
	for i, r := range raw {
		row := make([]cell, len(r))
		for j, v := range r {
			ref := report.CellName(j+1, i+1)
			if v == "" {
				// excelize lists a formula cell even when it holds no value; the other
				// empty cells within a row are gaps.
				formula, err := f.GetCellFormula(name, ref)
				if err != nil {
					return fail("cannot read the formula of cell %s: %v", ref, err)
				}
				if formula == "" {
					continue
				}
				typ, err := f.GetCellType(name, ref)
				if err != nil {
					return fail("cannot read cell %s: %v", ref, err)
				}
				if typ == excelize.CellTypeFormula {
					emptyText[ref] = true
				}
				row[j] = cell{kind: cellUnsaved}
				continue
			}
			typ, err := f.GetCellType(name, ref)
			if err != nil {
				return fail("cannot read cell %s: %v", ref, err)
			}
			c := cell{kind: cellText, text: v}
			switch typ {
			case excelize.CellTypeError:
				c.kind = cellError
			case excelize.CellTypeBool:
				c.kind = cellBool
			case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeDate:
				n, perr := parseFloat(v)
				if perr != nil {
					break // not a number after all: keep the text
				}
				c.num = n
				c.kind = cellNumber
				id, err := f.GetCellStyle(name, ref)
				if err != nil {
					return fail("cannot read the format of cell %s: %v", ref, err)
				}
				k, ok := styles[id]
				if !ok {
					k = styleKind(f, id)
					styles[id] = k
				}
				c.kind = k
			}
			row[j] = c
		}
		sh.rows[i] = row
	}
	if len(emptyText) > 0 {
		saved, err := savedEmptyText(data, name, emptyText)
		if err != nil {
			return fail("cannot read the formulas of the sheet: %v", err)
		}
		for ref := range saved {
			col, row, _ := excelize.CellNameToCoordinates(ref)
			sh.rows[row-1][col-1] = cell{}
		}
	}
	return sh, nil
}

// savedEmptyText tells which of the given formula cells (type text, value empty) hold a
// saved empty result: Excel and LibreOffice save =IF(…,"",…) as <v/>, while excelize
// writes a formula with no <v> at all. excelize reads both as "", so the sheet's XML is
// read again, only for sheets with such cells.
func savedEmptyText(data []byte, sheet string, refs map[string]bool) (map[string]bool, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	part, err := sheetPart(zr, sheet)
	if err != nil {
		return nil, err
	}
	rc, err := zr.Open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	saved := map[string]bool{}
	d := xml.NewDecoder(rc)
	row, col, in := 0, 0, ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return saved, nil
		}
		if err != nil {
			return nil, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "row":
				row, col = row+1, 0
				if n, err := strconv.Atoi(xmlAttr(el, "r")); err == nil && n > 0 {
					row = n
				}
			case "c":
				col++
				if ref := xmlAttr(el, "r"); ref != "" {
					if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
						col, row = c, r
					}
				}
				in = ""
				if ref := report.CellName(col, row); refs[ref] {
					in = ref
				}
			case "v":
				if in != "" {
					saved[in] = true
				}
			}
		case xml.EndElement:
			if el.Name.Local == "c" {
				in = ""
			}
		}
	}
}

// sheetPart finds the zip path of a worksheet from the workbook's relationships.
func sheetPart(zr *zip.Reader, sheet string) (string, error) {
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	readXML := func(name string, v any) error {
		rc, err := zr.Open(name)
		if err != nil {
			return err
		}
		defer rc.Close()
		return xml.NewDecoder(rc).Decode(v)
	}
	resolve := func(base, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/")
		}
		return path.Join(path.Dir(base), target)
	}
	var root rels
	if err := readXML("_rels/.rels", &root); err != nil {
		return "", err
	}
	wb := ""
	for _, r := range root.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wb = resolve("", r.Target)
		}
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := readXML(wb, &book); err != nil {
		return "", err
	}
	var wbRels rels
	if err := readXML(path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), &wbRels); err != nil {
		return "", err
	}
	for _, s := range book.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range wbRels.Rel {
			if r.ID == s.ID {
				return resolve(wb, r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("no part for sheet %q", sheet)
}

func xmlAttr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// tooLarge stops sheetRows at the row that takes a sheet over maxSheetCells.
type tooLarge struct{ row, width int }

func (e *tooLarge) Error() string {
	return fmt.Sprintf("more than %d cells by row %d", maxSheetCells, e.row)
}

// sheetRows streams a sheet's raw values: rows[i] is row i+1, as wide as its last cell with
// a value or a formula; empty rows at the end are left out. It counts cells as it goes and
// stops with a *tooLarge at the row that passes maxSheetCells, before a sheet of stray
// cells far to the right or of a million empty rows fills memory.
func sheetRows(f *excelize.File, name string) ([][]string, error) {
	it, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var filled [][]string // the rows with cells, the empty ones between them nil
	cells, width, n, last := 0, 0, 0, 0
	for it.Next() {
		n++
		r, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		cells += max(1, len(r))
		width = max(width, len(r))
		if cells > maxSheetCells {
			return nil, &tooLarge{row: n, width: width}
		}
		if len(r) > 0 {
			// Rows are kept only up to the last one with cells: a sheet of gaps costs nothing.
			filled = append(filled, make([][]string, n-last-1)...)
			filled = append(filled, r)
			last = n
		}
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	return filled, nil
}

// styleKind tells from a cell style whether numbers in it are dates, percentages or plain.
func styleKind(f *excelize.File, id int) cellKind {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return cellNumber
	}
	if st.CustomNumFmt != nil {
		return formatKind(*st.CustomNumFmt)
	}
	switch n := st.NumFmt; {
	case n == 9 || n == 10:
		return cellPercent
	case (n >= 14 && n <= 17) || n == 22 || (n >= 27 && n <= 36) || (n >= 50 && n <= 58):
		return cellDate
	case (n >= 18 && n <= 21) || (n >= 45 && n <= 47):
		return cellDuration
	}
	return cellNumber
}

// formatKind classifies a custom number format code: a % outside quotes makes it a
// percentage; a year, day or month-name token makes it a date; otherwise an hour or
// second token, or an elapsed-time bracket ([h], [mm], [ss]), makes it a duration. Only
// the first section (positive numbers) counts.
func formatKind(code string) cellKind {
	var plain, bracket strings.Builder
	inQuote, inBracket, elapsed := false, false, false
	for i := 0; i < len(code); i++ {
		ch := code[i]
		switch {
		case inQuote:
			inQuote = ch != '"'
		case inBracket && ch == ']':
			inBracket = false
			b := strings.ToLower(bracket.String())
			elapsed = elapsed || (b != "" && (strings.Trim(b, "h") == "" || strings.Trim(b, "m") == "" || strings.Trim(b, "s") == ""))
		case inBracket:
			bracket.WriteByte(ch)
		case ch == '"':
			inQuote = true
		case ch == '[':
			inBracket = true
			bracket.Reset()
		case ch == '\\' || ch == '_' || ch == '*':
			i++ // escaped or padding character
		case ch == ';':
			i = len(code)
		default:
			plain.WriteByte(ch)
		}
	}
	p := strings.ToLower(plain.String())
	switch {
	case strings.Contains(p, "%"):
		return cellPercent
	case strings.ContainsAny(p, "yd") || strings.Contains(p, "mmm") || p == "m/yy" || strings.Contains(p, "m/y") || strings.Contains(p, "mm-y"):
		return cellDate
	case elapsed || strings.ContainsAny(p, "hs"):
		return cellDuration
	}
	return cellNumber
}

// parseFloat reads a raw workbook number, which is always written 85.5 or 1.2E-2.
func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		err = strconv.ErrSyntax
	}
	return v, err
}

// looksLikeText reports whether data is plausibly a text file: valid UTF-8 or Latin-1
// without control characters other than tabs and line breaks, in its first 4 KB.
func looksLikeText(data []byte) bool {
	if len(data) > 4096 {
		data = data[:4096]
	}
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	return true
}

// openCSVDir reads a folder of CSV files named after the sheets.
func openCSVDir(dir string) (*source, *report.Finding) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &report.Finding{Severity: report.Error, File: dir, Message: fmt.Sprintf("cannot read the folder: %v", errors.Unwrap(err))}
	}
	src := &source{sheets: map[string]*sheet{}}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		if !strings.EqualFold(filepath.Ext(n), ".csv") {
			continue
		}
		canon := canonicalSheet(strings.TrimSuffix(n, filepath.Ext(n)))
		if canon == "" {
			src.other = append(src.other, n)
			continue
		}
		if _, dup := src.sheets[canon]; dup {
			return nil, &report.Finding{Severity: report.Error, File: dir, Message: fmt.Sprintf("two files are named %s.csv: keep one", strings.ToLower(canon))}
		}
		sh, f := readCSVFile(filepath.Join(dir, n), canon)
		if f != nil {
			return nil, f
		}
		src.sheets[canon] = sh
	}
	return src, nil
}

func readCSVFile(path, canon string) (*sheet, *report.Finding) {
	sh := &sheet{name: canon, file: path, csv: true}
	fail := func(format string, args ...any) (*sheet, *report.Finding) {
		return nil, sh.finding(report.Error, 0, 0, format, args...)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fail("cannot read: %v", errors.Unwrap(err))
	}
	if fi.Size() > maxInputBytes {
		return fail("file is %d MB, more than the %d MB an input may be", fi.Size()>>20, maxInputBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail("cannot read: %v", errors.Unwrap(err))
	}
	if bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic) {
		return fail("this is a workbook named .csv: save it as CSV, or give the workbook itself as the input")
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return fail("the file is UTF-16 text: save it as \"CSV UTF-8\"")
	}
	if !utf8.Valid(data) {
		// Excel's plain "CSV" export writes the Windows code page; read it as such.
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return fail("the file is neither UTF-8 nor Windows-1252 text: save it as \"CSV UTF-8\"")
		}
		data = dec
		// Not an assumption: the encoding says nothing about the values the pack judges,
		// so it is no condition of the Transfer.
		sh.warnings = append(sh.warnings, sh.finding(report.Warning, 0, 0, "the file is not UTF-8: read as Windows-1252 (Excel's CSV export); check accented names"))
	}
	sep := detectSeparator(data)
	sh.decimalComma = sep == ';'
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	cells, end := 0, 0 // end: the line the previous record ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, sh.finding(report.Error, len(sh.rows)+1, pe.Column, "cannot read the CSV: %v", pe.Err)
			}
			return fail("cannot read the CSV: %v", err)
		}
		// encoding/csv skips blank lines, which a spreadsheet shows as rows: keep them, so
		// findings name the row the user sees.
		line, _ := r.FieldPos(0)
		for ; end+1 < line; end++ {
			sh.rows = append(sh.rows, nil)
			if cells++; cells > maxSheetCells {
				return fail("the file has more rows than an input may hold")
			}
		}
		last, _ := r.FieldPos(len(rec) - 1)
		end = last + strings.Count(rec[len(rec)-1], "\n")
		row := make([]cell, len(rec))
		for j, v := range rec {
			if strings.TrimSpace(v) != "" {
				row[j] = cell{kind: cellText, text: v}
			}
		}
		sh.rows = append(sh.rows, row)
		if cells += max(1, len(rec)); cells > maxSheetCells {
			return fail("the file has more rows than an input may hold")
		}
	}
	return sh, nil
}

// detectSeparator picks ';', ',' or tab, whichever occurs most outside quotes on the
// first line. Excel writes ';' where the locale's decimal separator is a comma.
func detectSeparator(data []byte) rune {
	line := data
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	counts := map[rune]int{}
	inQuote := false
	for _, b := range line {
		switch {
		case b == '"':
			inQuote = !inQuote
		case !inQuote && (b == ';' || b == ',' || b == '\t'):
			counts[rune(b)]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// checkZip inflates every part once, refusing a workbook whose parts add up to more than
// maxUnzippedBytes, or whose real sizes or checksums differ from what its zip says
// (excelize ignores those errors and reads the damaged or truncated part).
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzippedBytes {
			return errors.New("unzip size exceeds the limit")
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc) // archive/zip stops at the declared size
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
