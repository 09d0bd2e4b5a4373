// Package pdf writes a Pack as the executive PDF pack: page one says proceed, delay or
// renegotiate and why, readable alone; then the scorecard, what changed, the trend
// charts, the category sections with their commentary, data quality, the review agenda
// and the appendix of definitions and monthly data. A4 or Letter, in the embedded
// Liberation Sans, with the running header, footer and page numbers from page two on.
//
// Every figure and sentence comes from the Pack as it prints them; the charts are
// charts.Specs drawn by charts/png. The same Pack and Options give the same bytes.
package pdf

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/charts/png"
	"github.com/transferpack/transferpack/report"
)

// Options change how the PDF pack is laid out.
type Options struct {
	// Paper is "a4" (the default when "") or "letter".
	Paper string
	// Version is transferpack's version, recorded as the PDF's creator.
	Version string
	// ChartDPI is the resolution of the chart images, pixels per inch; 0 for the
	// default, 150, which prints cleanly at the charts' size.
	ChartDPI float64
}

// DefaultChartDPI is the chart resolution when Options.ChartDPI is 0.
const DefaultChartDPI = 150

// Check reports what is wrong with the options, as a run checks them before its first
// pack.
func (o Options) Check() error {
	if _, err := o.geometry(); err != nil {
		return err
	}
	if o.ChartDPI != 0 && (o.ChartDPI < 50 || o.ChartDPI > 600) {
		return fmt.Errorf("pdf: chart resolution %v dpi: use 50 to 600", o.ChartDPI)
	}
	return loadMetrics()
}

func (o Options) geometry() (geometry, error) {
	name := o.Paper
	if name == "" {
		name = "a4"
	}
	g, ok := papers[name]
	if !ok {
		return geometry{}, fmt.Errorf("pdf: paper %q: use a4 or letter", o.Paper)
	}
	return g, nil
}

// Writer writes packs with options checked once, for a run of packs; it is safe for
// concurrent use, so a run can write packs in parallel.
type Writer struct{ o Options }

// New checks the options and reads the fonts' metrics, once for a run.
func New(o Options) (*Writer, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	return &Writer{o: o}, nil
}

// Write writes one pack.
func (w *Writer) Write(out io.Writer, p *report.Pack) error { return Write(out, p, w.o) }

// Write writes the pack as a PDF. The bytes depend on the pack and the options only:
// the document's dates are the report month, and every object is written in a fixed
// order.
func Write(w io.Writer, p *report.Pack, o Options) error {
	if err := o.Check(); err != nil {
		return err
	}
	g, _ := o.geometry()
	dpi := o.ChartDPI
	if dpi == 0 {
		dpi = DefaultChartDPI
	}
	wr := &writer{p: p, o: o, g: g, dpi: dpi, images: newImageSet()}
	if err := wr.prepareCharts(); err != nil {
		return err
	}
	wr.layout()
	if len(wr.cl.affected) > 0 {
		// The data-quality page lists the texts set with replaced characters, which
		// are only all known once every page is set: set the pages again knowing them.
		wr.known = wr.cl.affected
		wr.layout()
	}
	data, err := wr.render()
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// writer is one pack being written.
type writer struct {
	p      *report.Pack
	o      Options
	g      geometry
	dpi    float64
	d      *doc
	cl     *cleaner
	images *imageSet
	// known are the affected texts of an earlier pass, for the data-quality page.
	known []affected
	// chartPics are the chart images, by KPI id, and specs the charts in pack order.
	chartPics map[string]picture
	chartErrs map[string]error
	specs     []charts.Spec
}

// layout sets every page of the pack.
func (wr *writer) layout() {
	wr.d = newDoc(wr.g)
	wr.cl = &cleaner{}
	wr.images.marks = map[int]bool{}
	wr.pageOne()
	wr.d.newPage()
	wr.scorecard()
	wr.changes()
	wr.trends()
	wr.sections()
	wr.dataQuality()
	wr.agenda()
	wr.appendix()
}

// fixedDates serialises setting gofpdf's default dates, which maroto gives no other
// way to set the modification date through, around creating a document.
var fixedDates sync.Mutex

// render hands the laid-out pages to maroto and returns the PDF.
func (wr *writer) render() ([]byte, error) {
	p := wr.p
	month := time.Date(p.ReportMonth.Year(), time.Month(p.ReportMonth.Num()), 1, 0, 0, 0, 0, time.UTC)
	title := wr.cl.clean(p.Team+" · Transfer-readiness review · "+p.Display.ReportMonth, "the document title")
	creator := "transferpack"
	if wr.o.Version != "" {
		creator += " " + wr.o.Version
	}
	cfg := config.NewBuilder().
		WithDimensions(wr.g.width, wr.g.height).
		WithLeftMargin(wr.g.side).WithRightMargin(wr.g.side).WithTopMargin(wr.g.topBot).WithBottomMargin(wr.g.topBot).
		WithMaxGridSize(grid).
		WithCustomFonts(customFonts(wr.facesUsed())).
		WithDefaultFont(&props.Font{Family: family, Size: bodySize, Color: colText.props()}).
		WithSequentialMode().
		WithCompression(true).
		WithCreationDate(month).
		WithTitle(title, true).
		WithSubject(wr.cl.clean(p.Client, "the document subject"), true).
		WithCreator(creator, true).
		Build()
	fixedDates.Lock()
	gofpdf.SetDefaultCatalogSort(true) // fonts and images in a fixed order
	gofpdf.SetDefaultModificationDate(month)
	m := maroto.New(cfg)
	gofpdf.SetDefaultModificationDate(time.Time{})
	fixedDates.Unlock()

	total := len(wr.d.pages)
	for i, blocks := range wr.d.pages {
		var rows []core.Row
		used := 0.0
		if i > 0 {
			rows = append(rows, wr.header().row())
		}
		for _, b := range blocks {
			rows = append(rows, b.row())
			used += b.h
		}
		if i > 0 {
			if gap := wr.d.g.body() - headerH - footerH - epsilon - used; gap > 0 {
				rows = append(rows, block{h: gap}.row())
			}
			rows = append(rows, wr.footer(i+1, total).row())
		}
		m.AddPages(page.New().Add(rows...))
	}
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	data := doc.GetBytes()
	if len(data) == 0 {
		return nil, errors.New("pdf: maroto wrote nothing")
	}
	return data, nil
}

// facesUsed reports which faces the laid-out pages set text in.
func (wr *writer) facesUsed() (used [len(faces)]bool) {
	used[regular] = true // the running header and footer
	for _, blocks := range wr.d.pages {
		for _, b := range blocks {
			for _, bx := range b.boxes {
				for _, it := range bx.items {
					if t, ok := it.(textItem); ok {
						used[t.st.face] = true
					}
				}
			}
		}
	}
	return used
}

// header is the running header: client and team on the left, the report month on the
// right, over a rule.
func (wr *writer) header() block {
	p := wr.p
	st := style{face: regular, size: smallSize, color: colMuted}
	right := wr.cl.clean("Review of "+p.Display.ReportMonth, "the running header")
	rw := width(right, st.face, st.size)
	left := ellipsis(wr.cl.clean(joinNonEmpty(" · ", p.Client, p.Team), "the running header"), st, measure-rw-8)
	return full(headerH,
		textItem{x: 0, y: 2, lineSize: st.size, text: left, st: st},
		textItem{x: measure - rw - slack, y: 2, lineSize: st.size, text: right, st: st},
		ruleItem{x: 0, y: 7, w: measure, weight: 0.2, color: colRule},
	)
}

// footer is the running footer: the recommendation on the left, the page number of the
// total on the right, under a rule.
func (wr *writer) footer(n, total int) block {
	st := style{face: regular, size: smallSize, color: colMuted}
	right := fmt.Sprintf("Page %d of %d", n, total)
	rw := width(right, st.face, st.size)
	left := ellipsis(wr.cl.clean("Recommendation: "+wr.p.Display.Decision, "the running footer"), st, measure-rw-8)
	return full(footerH,
		ruleItem{x: 0, y: 2, w: measure, weight: 0.2, color: colRule},
		textItem{x: 0, y: 3.5, lineSize: st.size, text: left, st: st},
		textItem{x: measure - rw - slack, y: 3.5, lineSize: st.size, text: right, st: st},
	)
}

// ellipsis shortens clean text to w mm with "…" at the end: the running header has one
// line, and the full text is on page one.
func ellipsis(s string, st style, w float64) string {
	if width(s, st.face, st.size) <= w-slack {
		return s
	}
	cut := fit(s, st, w-slack-width("…", st.face, st.size))
	return s[:cut] + "…"
}

// picture is an image ready for the PDF: PNG bytes showing w × h mm, drawn drawW wide
// with the columns that make its width unique (see imageSet).
type picture struct {
	data        []byte
	w, h, drawW float64
}

// imageSet holds a pack's images. Two rules of gofpdf shape it. It writes image objects
// sorted by pixel width alone, ties in the order of a Go map, which changes from run to
// run; so no two different images of a document may share a width. And maroto registers
// an image under a new name each time it is drawn, so an image drawn twice is listed
// twice under the same key, which PDF checkers flag; so every mark drawn is an image of
// its own. An image is made unique by widening it with columns of its background on its
// right, and drawn that much wider: what it shows keeps its size and place.
type imageSet struct {
	widths map[int]bool // of the charts, kept for the document
	marks  map[int]bool // of the marks drawn in the current layout
	cache  map[string]*image.RGBA
}

func newImageSet() *imageSet {
	return &imageSet{widths: map[int]bool{}, marks: map[int]bool{}, cache: map[string]*image.RGBA{}}
}

// unique is the least width from w on that no other image of the document has.
func (s *imageSet) unique(w int) int {
	for s.widths[w] || s.marks[w] {
		w++
	}
	return w
}

// picture widens img to a width of its own, reserves it in taken, and encodes it.
func (s *imageSet) picture(img *image.RGBA, bg color.RGBA, dpi float64, taken map[int]bool) (picture, error) {
	return encodePicture(img, s.reserve(img.Bounds().Dx(), taken), bg, dpi)
}

// reserve takes the least width from w on that no other image of the document has.
func (s *imageSet) reserve(w int, taken map[int]bool) int {
	w = s.unique(w)
	taken[w] = true
	return w
}

// encodePicture widens img to the width w reserved for it and encodes it.
func encodePicture(img *image.RGBA, w int, bg color.RGBA, dpi float64) (picture, error) {
	b := img.Bounds()
	data, err := png.Encode(png.Widen(img, w, bg))
	if err != nil {
		return picture{}, err
	}
	mm := func(px int) float64 { return float64(px) / dpi * 25.4 }
	return picture{data: data, w: mm(b.Dx()), h: mm(b.Dy()), drawW: mm(w)}, nil
}

// markDPI is the resolution of status marks: small shapes want fine pixels, and each
// mark's widening is narrower the finer they are.
const markDPI = 600

// mark is a new picture of a status or decision mark on a background, size mm square;
// nil if it cannot be drawn, as a mark only repeats the word beside it.
func (wr *writer) mark(m charts.Mark, bg string, size float64) *picture {
	key := m.Shape + m.Fill + bg + strconv.FormatFloat(size, 'f', 2, 64)
	img, ok := wr.images.cache[key]
	if !ok {
		var err error
		img, err = png.DrawMark(m, bg, png.Size{WidthPt: size / ptToMM, DPI: markDPI})
		if err != nil {
			return nil
		}
		wr.images.cache[key] = img
	}
	w := wr.images.unique(img.Bounds().Dx())
	wr.images.marks[w] = true
	key += " " + strconv.Itoa(w)
	if p, ok := marks.get(key); ok {
		return &p
	}
	data, err := png.Encode(png.Widen(img, w, rgba(hexColor(bg))))
	if err != nil {
		return nil
	}
	mm := func(px int) float64 { return float64(px) / markDPI * 25.4 }
	p := picture{data: data, w: mm(img.Bounds().Dx()), h: mm(img.Bounds().Dy()), drawW: mm(w)}
	marks.put(key, p)
	return &p
}

// marks are the encoded mark pictures of the process, by shape, colours, size and width.
// A pack draws some sixty marks, each of its own width; encoding them was most of the
// time a pack spent laying out, and the teams of a run draw the same ones.
var marks = markCache{m: map[string]picture{}}

// markCache is a bounded, concurrent cache of pictures.
type markCache struct {
	mu sync.Mutex
	m  map[string]picture
}

// markCacheMax bounds the cache: about a kilobyte a picture.
const markCacheMax = 4096

func (c *markCache) get(key string) (picture, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[key]
	return p, ok
}

func (c *markCache) put(key string, p picture) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) < markCacheMax {
		c.m[key] = p
	}
}

func rgba(c rgb) color.RGBA { return color.RGBA{c.r, c.g, c.b, 0xff} }
