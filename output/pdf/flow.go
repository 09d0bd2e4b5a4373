package pdf

import (
	"fmt"
	"math"
	"strconv"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/breakline"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// The pack lays out its own pages: maroto breaks a page where a row does not fit but
// says nothing about it, and the pack needs to know where pages break to repeat a table's
// header, print the running header and footer from page two on and number the pages.
// So every row here has a fixed height computed from the font's own widths, a page
// holds rows up to its height, and maroto is given whole pages.

// geometry is a paper size and its margins, in millimetres. Every paper has the same
// 180 mm measure, so a page is laid out the same way on A4 and Letter; only how many
// rows a page holds differs.
type geometry struct {
	name          string
	width, height float64
	side, topBot  float64 // left and right margin; top and bottom margin
}

// measure is the width of the text column, mm; grid is maroto's grid in 0.1 mm units.
const (
	measure = 180.0
	grid    = 1800
)

var papers = map[string]geometry{
	"a4":     {name: "A4", width: 210, height: 297, side: 15, topBot: 13},
	"letter": {name: "Letter", width: 215.9, height: 279.4, side: (215.9 - measure) / 2, topBot: 13},
}

// body is the height between the top and bottom margins.
func (g geometry) body() float64 { return g.height - 2*g.topBot }

// The running header and footer of every page but the first, mm.
const (
	headerH = 11
	footerH = 8
)

// epsilon is the tolerance of page arithmetic: a page is full a hundredth of a millimetre
// before its end, so float sums never make maroto or gofpdf break a page on their own.
const epsilon = 0.01

// rgb is a colour of the house style.
type rgb struct{ r, g, b uint8 }

// hexColor reads "#RRGGBB"; the house style's colours are constants, so a bad one is a
// programming error caught by the tests.
func hexColor(s string) rgb {
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if len(s) != 7 || s[0] != '#' || err != nil {
		panic(fmt.Sprintf("pdf: colour %q is not #RRGGBB", s))
	}
	return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

func (c rgb) props() *props.Color {
	return &props.Color{Red: int(c.r), Green: int(c.g), Blue: int(c.b)}
}

// An item is drawn inside a box; x and y are from the box's top left, mm.
type item interface {
	draw(p core.Provider, box *entity.Cell)
}

// textItem is a run of text whose line box starts at y; the baseline is where the line's
// largest type puts it, so runs of different sizes share it.
type textItem struct {
	x, y, lineSize float64 // lineSize: the largest type on the line, points
	text           string
	st             style
}

func (t textItem) draw(p core.Provider, box *entity.Cell) {
	// maroto puts the baseline one type size below the text's top.
	base := t.y + t.lineSize*ptToMM*1.02
	p.AddText(t.text, box, &props.Text{
		Top: base - t.st.size*ptToMM, Left: t.x, Family: family, Style: faces[t.st.face].style, Size: t.st.size,
		Align: align.Left, Color: t.st.color.props(), BreakLineStrategy: breakline.EmptySpaceStrategy,
	})
}

// imageItem is a PNG drawn w × h mm.
type imageItem struct {
	x, y float64
	pic  picture
}

func (i imageItem) draw(p core.Provider, box *entity.Cell) {
	p.AddImageFromBytes(i.pic.data, &entity.Cell{X: box.X + i.x, Y: box.Y + i.y, Width: i.pic.drawW, Height: i.pic.h},
		&props.Rect{Percent: 100}, extension.Png)
}

// ruleItem is a horizontal line w mm long.
type ruleItem struct {
	x, y, w, weight float64 // weight in mm
	color           rgb
}

func (r ruleItem) draw(p core.Provider, box *entity.Cell) {
	p.AddLine(&entity.Cell{X: box.X + r.x, Y: box.Y + r.y, Width: r.w, Height: 0}, &props.Line{
		Color: r.color.props(), Style: linestyle.Solid, Thickness: r.weight, Orientation: orientation.Horizontal, SizePercent: 100,
	})
}

// textItems places set lines from (x, y) down.
func textItems(lines []line, x, y float64) []item {
	var out []item
	for _, l := range lines {
		for _, r := range l.runs {
			out = append(out, textItem{x: x + r.x, y: y, lineSize: l.size, text: r.text, st: r.st})
		}
		y += l.height()
	}
	return out
}

func linesHeight(lines []line) float64 {
	h := 0.0
	for _, l := range lines {
		h += l.height()
	}
	return h
}

// box is part of a row: x from the measure's left edge and w wide, mm, on 0.1 mm; an
// optional background; what is drawn in it.
type box struct {
	x, w  float64
	fill  *rgb
	items []item
}

// block is one row of a page: a height and its boxes, left to right, not overlapping.
type block struct {
	h     float64
	boxes []box
}

// full is a block of one box across the measure.
func full(h float64, items ...item) block {
	return block{h: h, boxes: []box{{x: 0, w: measure, items: items}}}
}

// canvas is the maroto component that draws a box's items.
type canvas struct{ items []item }

func (c *canvas) Render(p core.Provider, cell *entity.Cell) {
	for _, it := range c.items {
		it.draw(p, cell)
	}
}
func (c *canvas) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }
func (c *canvas) SetConfig(*entity.Config)                      {}
func (c *canvas) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "canvas"})
}

// units converts mm to maroto grid units.
func units(mm float64) int { return int(math.Round(mm * grid / measure)) }

// row turns a block into a maroto row: each box a column at its place, the space
// between boxes empty columns.
func (b block) row() core.Row {
	r := row.New(b.h)
	at := 0
	for _, bx := range b.boxes {
		from, to := units(bx.x), units(bx.x+bx.w)
		if from > at {
			r.Add(col.New(from - at))
		}
		if to <= from {
			continue
		}
		c := col.New(to - from)
		if bx.fill != nil {
			c.WithStyle(&props.Cell{BackgroundColor: bx.fill.props()})
		}
		if len(bx.items) > 0 {
			c.Add(&canvas{items: bx.items})
		}
		r.Add(c)
		at = to
	}
	if at < grid {
		r.Add(col.New(grid - at))
	}
	return r
}

// doc is the pack's pages as they are laid out.
type doc struct {
	g     geometry
	pages [][]block
	used  float64 // mm of the current page's body taken
	shift float64 // mm every block added is moved right by: an indented table
	// marker is a list item's bullet or number, waiting for the item's first line.
	marker *textItem
}

func newDoc(g geometry) *doc { return &doc{g: g, pages: [][]block{nil}} }

// avail is the height the current page holds: the body, less the running header and
// footer from page two on.
func (d *doc) avail() float64 {
	if len(d.pages) == 1 {
		return d.g.body() - epsilon
	}
	return d.g.body() - headerH - footerH - epsilon
}

// fullPage is the height a page after the first holds.
func (d *doc) fullPage() float64 { return d.g.body() - headerH - footerH - epsilon }

func (d *doc) room() float64 { return d.avail() - d.used }

// atTop reports whether nothing is on the current page yet.
func (d *doc) atTop() bool { return d.used == 0 }

// add puts a block on the page, on a new page when it does not fit.
func (d *doc) add(b block) {
	if b.h > d.room() && !d.atTop() {
		d.newPage()
	}
	if d.shift > 0 {
		boxes := make([]box, len(b.boxes))
		for i, bx := range b.boxes {
			bx.x += d.shift
			boxes[i] = bx
		}
		b.boxes = boxes
	}
	last := len(d.pages) - 1
	d.pages[last] = append(d.pages[last], b)
	d.used += b.h
}

// newPage ends the current page, unless it is empty.
func (d *doc) newPage() {
	if d.atTop() {
		return
	}
	d.pages = append(d.pages, nil)
	d.used = 0
}

// space adds vertical space, none at the top of a page; space that does not fit ends
// the page.
func (d *doc) space(h float64) {
	switch {
	case d.atTop():
	case h > d.room():
		d.newPage()
	default:
		d.add(block{h: h})
	}
}

// keep starts a new page unless h mm fit on this one: a heading with its first lines.
func (d *doc) keep(h float64) {
	if h > d.room() {
		d.newPage()
	}
}

// lines adds set lines at indent x, one row each, so a long text flows across pages.
// The first two lines stay together; a waiting list marker goes on the first.
func (d *doc) lines(ls []line, x float64) {
	if len(ls) > 1 {
		d.keep(ls[0].height() + ls[1].height())
	}
	for _, l := range ls {
		var items []item
		if d.marker != nil { // first, so text follows it in reading order
			m := *d.marker
			m.lineSize = l.size
			items = append(items, m)
			d.marker = nil
		}
		items = append(items, textItems([]line{l}, x, 0)...)
		d.add(full(l.height(), items...))
	}
}

// listItem adds a list item's lines at x + listIndent with its marker at x. An item of
// up to a quarter of a page is not split across pages.
func (d *doc) listItem(marker string, st style, ls []line, x float64) {
	if h := linesHeight(ls); h <= d.fullPage()/4 {
		d.keep(h)
	}
	d.marker = &textItem{x: x, text: marker, st: st}
	d.lines(ls, x+listIndent)
	d.marker = nil
}

// indented lays out what f adds moved right by x mm; f must keep within measure − x.
func (d *doc) indented(x float64, f func()) {
	was := d.shift
	d.shift += x
	f()
	d.shift = was
}
