// Package xlsx writes a Pack as the Excel annex finance opens to trace every figure to
// the monthly data: the scorecard's baselines, levels and variances are live formulas
// over the Monthly sheet that arrive at the pack's figures, next to the values only
// transferpack computes (trend, projection, status), with native charts, the KPI
// framework, the data-quality notes and the review agenda. Every figure and sentence
// comes from the Pack; the writer only lays them out.
package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/report"
)

// Options change how the annex is written.
type Options struct {
	// Version is transferpack's version, recorded in the document properties.
	Version string
	// Paper is the page size the sheets print on: "a4" (the default when "") or
	// "letter".
	Paper string
}

// Validate reports an option Write cannot use.
func (o Options) Validate() error {
	switch o.Paper {
	case "", "a4", "letter":
		return nil
	}
	return fmt.Errorf("unknown paper %q: use a4 or letter", o.Paper)
}

// Writer writes annexes with a run's options, checked once by New.
type Writer struct{ o Options }

// New checks the options and returns a writer for a run.
func New(o Options) (Writer, error) { return Writer{o}, o.Validate() }

// Write writes one team's annex.
func (wr Writer) Write(w io.Writer, p *report.Pack) error { return Write(w, p, wr.o) }

// The sheets, in workbook order. None is named from input.
const (
	sheetSummary     = "Summary"
	sheetScorecard   = "Scorecard"
	sheetMonthly     = "Monthly"
	sheetData        = "Data"
	sheetCharts      = "Charts"
	sheetFramework   = "Framework"
	sheetDataQuality = "Data quality"
	sheetAgenda      = "Agenda"
	sheetChartData   = "Chart data"
)

// Rows every sheet shares: a title, the team and month under it, a row for group
// headings, then the column headers and the data.
const (
	rowTitle    = 1
	rowSubtitle = 2
	rowGroup    = 3
	rowHeader   = 4
	rowFirst    = 5
)

// Write writes the pack as an .xlsx workbook. The bytes depend on the pack and the
// options only: document dates come from the report month and the parts of the zip are
// in a fixed order, so the same input gives the same file.
func Write(w io.Writer, p *report.Pack, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	b := newBook(p, o)
	defer b.f.Close()
	if err := b.build(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return sortedZip(w, buf.Bytes())
}

// book is one annex being built: the workbook, the pack, and where each figure lives,
// so formulas can point at it.
type book struct {
	f      *excelize.File
	p      *report.Pack
	o      Options
	styles map[style]int
	err    error // the first error of a style or sheet call; build returns it

	months []report.Month  // the rows of Monthly, Operate start to the report month
	col    map[string]int  // KPI id → its column on Monthly
	row    map[string]int  // KPI id → its row on Scorecard
	specs  []chartSpecRefs // the charted KPIs, gates first, with their Chart data columns
}

func newBook(p *report.Pack, o Options) *book {
	b := &book{f: excelize.NewFile(), p: p, o: o, styles: map[style]int{}, col: map[string]int{}, row: map[string]int{}}
	b.err = b.f.SetDefaultFont(fontFamily)
	b.f.ZipWriter = func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, fastDeflate)
		return zw
	}
	for m := p.OperateStart; m <= p.ReportMonth; m++ {
		b.months = append(b.months, m)
	}
	for i, r := range p.KPIs {
		b.col[r.ID] = 2 + i
		b.row[r.ID] = rowFirst + i
	}
	return b
}

// kpiByID returns the pack's result for a KPI id, or nil.
func kpiByID(p *report.Pack, id string) *report.KPIResult {
	for i := range p.KPIs {
		if p.KPIs[i].ID == id {
			return &p.KPIs[i]
		}
	}
	return nil
}

// monthRow is the row of a month on Monthly and Chart data.
func (b *book) monthRow(m report.Month) int { return rowFirst + int(m-b.p.OperateStart) }

// lastMonthRow is the row of the report month.
func (b *book) lastMonthRow() int { return rowFirst + len(b.months) - 1 }

func (b *book) build() error {
	b.chartPlan()
	sheets := []*sheet{
		b.summary(),
		b.scorecard(),
		b.monthly(),
		b.data(),
		b.charts(),
		b.framework(),
		b.dataQuality(),
		b.agenda(),
		b.chartData(),
	}
	if b.err != nil {
		return b.err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := b.f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := b.f.NewSheet(s.name); err != nil {
			return err
		}
	}
	for _, s := range sheets {
		if err := b.flush(s); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	for _, n := range []*excelize.DefinedName{
		{Name: "Decision", RefersTo: ref(sheetSummary, 2, summaryDecisionRow), Comment: "The recommendation at the Transfer date"},
		{Name: "ReadinessScore", RefersTo: ref(sheetSummary, 2, summaryScoreRow), Comment: "The readiness score, 0–100"},
	} {
		if err := b.f.SetDefinedName(n); err != nil {
			return err
		}
	}
	return b.docProps()
}

// docProps records the annex's title, subject and maker, dated the first of the report
// month so the file does not depend on the clock.
func (b *book) docProps() error {
	p := b.p
	date := fmt.Sprintf("%04d-%02d-01T00:00:00Z", p.ReportMonth.Year(), p.ReportMonth.Num())
	maker := "transferpack"
	if b.o.Version != "" {
		maker += " " + b.o.Version
	}
	return b.f.SetDocProps(&excelize.DocProperties{
		Title:          "Transfer-readiness annex: " + p.Team,
		Subject:        strings.TrimPrefix(p.Client+" · ", " · ") + p.Display.ReportMonth,
		Creator:        maker,
		LastModifiedBy: maker,
		Description:    "The figures of the " + p.Display.ReportMonth + " Transfer-readiness pack, with the monthly data and the formulas behind them.",
		Category:       "Transfer-readiness review",
		Created:        date,
		Modified:       date,
		Language:       "en-US",
	})
}

// flush writes a sheet built in memory: print setup, then the stream of rows, merges,
// the table, conditional formats and charts.
func (b *book) flush(s *sheet) error {
	f := b.f
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := b.printSetup(s); err != nil {
		return err
	}
	s.fitWrapped()
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	cols := max(len(s.width), maxKey(s.fixed))
	for c := 1; c <= cols; c++ {
		if err := sw.SetColWidth(c, c, s.widthOf(c)); err != nil {
			return err
		}
	}
	if s.freeze != "" {
		col, row, _ := excelize.CellNameToCoordinates(s.freeze)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: col - 1, YSplit: row - 1, TopLeftCell: s.freeze,
			ActivePane: paneOf(col, row), Selection: []excelize.Selection{{SQRef: s.freeze, ActiveCell: s.freeze, Pane: paneOf(col, row)}}}); err != nil {
			return err
		}
	}
	for _, c := range s.charts {
		if err := f.AddChart(s.name, c.cell, c.chart); err != nil {
			return err
		}
	}
	for i, r := range s.rows {
		vals := make([]interface{}, len(r))
		for j := range r {
			if r[j].StyleID != 0 || r[j].Value != nil || r[j].Formula != "" {
				vals[j] = r[j]
			}
		}
		var opts []excelize.RowOpts
		if h, ok := s.height[i+1]; ok {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		if err := sw.SetRow(cell(1, i+1), vals, opts...); err != nil {
			return err
		}
	}
	for _, m := range s.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	if s.table != nil {
		if err := sw.AddTable(s.table); err != nil {
			return err
		}
	}
	for _, c := range s.conds {
		if err := f.SetConditionalFormat(s.name, c.ref, c.opts); err != nil {
			return err
		}
	}
	for _, r := range s.breaks {
		if err := sw.InsertPageBreak(cell(1, r)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// paneOf names the pane that scrolls in both directions for a freeze at col, row.
func paneOf(col, row int) string {
	switch {
	case col > 1 && row > 1:
		return "bottomRight"
	case row > 1:
		return "bottomLeft"
	}
	return "topRight"
}

// printSetup prints every sheet landscape, one page wide, with the title rows repeated
// and the team and month in the header and footer.
func (b *book) printSetup(s *sheet) error {
	f := b.f
	size := 9 // A4
	if b.o.Paper == "letter" {
		size = 1
	}
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	p := b.p
	// Header and footer text has its own codes: & starts one, so text from input
	// doubles it; each part is kept short, as Excel allows 255 characters in all.
	team := headerText(p.Team, 80)
	if err := f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + team + "&C&A&R" + headerText(p.Display.ReportMonth, 20),
		OddFooter: "&L" + headerText(p.Client, 60) + "&R" + "Page &P of &N",
	}); err != nil {
		return err
	}
	if s.titleRows != "" {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: sheetRef(s.name) + "!" + s.titleRows, Scope: s.name})
	}
	return nil
}

// headerText makes text safe in a header or footer: & doubled, at most n characters.
func headerText(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = append(r[:n-1], '…')
	}
	return strings.ReplaceAll(string(r), "&", "&&")
}

// sortedZip copies the workbook's zip parts to w in name order, the content types first.
// excelize writes streamed sheets, and the image types a drawing declares, in map
// order; sorting both makes the bytes repeatable.
func sortedZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		ka, kb := a.Name != "[Content_Types].xml", b.Name != "[Content_Types].xml"
		if ka != kb {
			if !ka {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		if f.Name == "[Content_Types].xml" {
			if err := copySorted(zw, f); err != nil {
				return fmt.Errorf("xlsx: %w", err)
			}
			continue
		}
		if err := zw.Copy(f); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// defaultType is a file-extension content type of [Content_Types].xml.
var defaultType = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// copySorted copies the content types with their Default entries in sorted order.
func copySorted(zw *zip.Writer, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return err
	}
	found := defaultType.FindAll(data, -1)
	sorted := slices.Clone(found)
	slices.SortFunc(sorted, bytes.Compare)
	i := 0
	data = defaultType.ReplaceAllFunc(data, func([]byte) []byte { i++; return sorted[i-1] })
	out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	return err
}

// fastDeflate compresses the workbook's parts at deflate's fastest level, with
// compressors reused across parts and annexes: compression is most of the time an
// annex takes at the default level, which makes files only about 13 % smaller.
func fastDeflate(out io.Writer) (io.WriteCloser, error) {
	w := deflaters.Get().(*flate.Writer)
	w.Reset(out)
	return pooledDeflater{w}, nil
}

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

type pooledDeflater struct{ *flate.Writer }

func (p pooledDeflater) Close() error {
	err := p.Writer.Close()
	deflaters.Put(p.Writer)
	return err
}

func ptr[T any](v T) *T { return &v }

func maxKey(m map[int]float64) int {
	n := 0
	for k := range m {
		n = max(n, k)
	}
	return n
}
