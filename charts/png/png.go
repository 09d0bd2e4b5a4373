// Package png draws a chart spec as an opaque RGB PNG, for the formats that embed images
// (the PDF pack): the same series, lines, bands, markers and colours as the HTML pack's
// interactive charts, from the same charts.Spec and the house style of package charts,
// lettered in the embedded Liberation Sans.
//
// The pixels depend on the spec and the size alone, so the same Pack gives the same
// bytes. Images are always PNG colour type 2 (RGB, no alpha channel): a PDF embeds those
// as they are, without splitting out an alpha mask.
package png

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"math"
	"strconv"
	"sync"

	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/transferpack/transferpack/charts"
)

// Size is how large a chart is on the page and how finely it is rastered.
type Size struct {
	WidthPt, HeightPt float64 // on the page, in points (1/72 in)
	DPI               float64 // pixels per inch: 150 prints cleanly, 192 crisply
}

// Pixels is the raster's width and height: the size in inches × DPI, rounded.
func (z Size) Pixels() (w, h int) {
	return int(math.Round(z.WidthPt / 72 * z.DPI)), int(math.Round(z.HeightPt / 72 * z.DPI))
}

func (z Size) validate() error {
	w, h := z.Pixels()
	switch {
	case !(z.WidthPt > 0 && z.HeightPt > 0 && z.DPI >= 1) || w < 1 || h < 1:
		return fmt.Errorf("png: size %v × %v pt at %v dpi: want a positive size and at least 1 dpi", z.WidthPt, z.HeightPt, z.DPI)
	case w > 8000 || h > 8000:
		return fmt.Errorf("png: %d × %d pixels: too large", w, h)
	}
	return nil
}

// Render draws the chart and encodes it.
func Render(s charts.Spec, z Size) ([]byte, error) {
	img, err := Draw(s, z)
	if err != nil {
		return nil, err
	}
	return Encode(img)
}

// Encode writes an opaque image as a PNG of colour type 2 (RGB, 8 bits a channel):
// every row unfiltered, compressed by zlib at its fastest level. Chart rasters are
// mostly flat colour, which deflate's matching takes care of; trying the five PNG filters
// on every row, as image/png does, doubles the time for a slightly larger file. A PDF
// stores the compressed rows as they are, so the file is what the PDF carries.
func Encode(img *image.RGBA) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < 1 || h < 1 {
		return nil, errors.New("png: empty image")
	}
	var out bytes.Buffer
	out.Grow(w * h / 8)
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // bit depth 8, colour type 2 (RGB); deflate, no filter method, no interlace
	chunk(&out, "IHDR", ihdr)
	var data bytes.Buffer
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(&data)
	row := make([]byte, 1+3*w) // filter type 0 (none), then the pixels
	for y := range h {
		pix := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		for x := range w {
			i, j := 4*x, 1+3*x
			if pix[i+3] != 0xff {
				return nil, fmt.Errorf("png: pixel (%d, %d) is not opaque: flatten the image onto a background first", x, y)
			}
			row[j], row[j+1], row[j+2] = pix[i], pix[i+1], pix[i+2]
		}
		if _, err := zw.Write(row); err != nil {
			return nil, fmt.Errorf("png: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("png: %w", err)
	}
	chunk(&out, "IDAT", data.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// zlibWriters are reused: a compressor's state is far larger than a small image, so
// allocating one per image made a pack's many status marks slow.
var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return zw
}}

// chunk writes one PNG chunk: length, type, data and the CRC of type and data.
func chunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// The house style as colours; each is opaque, or translucent over the opaque white
// canvas, so the raster stays opaque.
var (
	colActual     = hex(charts.ColorActual)
	colProjection = hex(charts.ColorProjection)
	colTarget     = hex(charts.ColorTarget)
	colBaseline   = hex(charts.ColorBaseline)
	colTransfer   = hex(charts.ColorTransfer)
	colAmber      = hex(charts.ColorAmberBand)
	colGrid       = hex(charts.ColorGrid)
	colText       = hex(charts.ColorText)
	colMuted      = hex(charts.ColorMuted)
	// The delay window is a neutral grey laid over what is under it, not painted on
	// it: the same grey as ColorWindow on white, and the amber band still shows where
	// the two overlap.
	colWindow    = overlay(hex(charts.ColorWindow))
	colWindowKey = hex(charts.ColorWindow)
)

// Type sizes and spacing, in points.
const (
	tickSize   = 7
	labelSize  = 7
	legendSize = 7
	pad        = 4  // around the plot
	legendRow  = 12 // the legend under the plot
	unitRow    = 9  // the unit above the y labels
)

const typeface = "LiberationSans"

var (
	fontsOnce sync.Once
	handler   text.Handler
	fontsErr  error
)

// textHandler is a plain-text handler over a private font cache holding Liberation
// Sans, so nothing depends on plot's default fonts.
func textHandler() (text.Handler, error) {
	fontsOnce.Do(func() {
		ttf, err := opentype.Parse(liberationsansregular.TTF)
		if err != nil {
			fontsErr = fmt.Errorf("png: parse Liberation Sans: %w", err)
			return
		}
		handler = text.Plain{Fonts: font.NewCache(font.Collection{{Font: font.Font{Typeface: typeface}, Face: ttf}})}
	})
	return handler, fontsErr
}

type styler func(size float64, c color.Color, xa draw.XAlignment, ya draw.YAlignment) text.Style

// Draw renders the chart to an opaque raster of Size.Pixels(): the plot, the unit above
// the y axis and a legend under the plot. A month without a value is a gap in the line,
// never zero.
func Draw(s charts.Spec, z Size) (*image.RGBA, error) {
	if err := z.validate(); err != nil {
		return nil, err
	}
	n := len(s.Months)
	switch {
	case n == 0:
		return nil, errors.New("png: the chart has no months")
	case len(s.Actual) > n || len(s.Projection) > n:
		return nil, errors.New("png: the chart has more values than months")
	case !(s.Max > s.Min) || !(s.Step > 0) || (s.Max-s.Min)/s.Step > 50:
		return nil, fmt.Errorf("png: y range %v to %v by %v: want min < max and a step giving at most 50 ticks", s.Min, s.Max, s.Step)
	}
	hdlr, err := textHandler()
	if err != nil {
		return nil, err
	}
	st := func(size float64, c color.Color, xa draw.XAlignment, ya draw.YAlignment) text.Style {
		return text.Style{Color: c, Font: font.Font{Typeface: typeface, Size: vg.Points(size)},
			XAlign: xa, YAlign: ya, Handler: hdlr}
	}
	p, err := plotOf(s, z, st)
	if err != nil {
		return nil, err
	}
	p.TextHandler = hdlr

	w, h := z.Pixels()
	cnv := vgimg.NewWith(vgimg.UseWH(vg.Points(z.WidthPt), vg.Points(z.HeightPt)), vgimg.UseDPI(int(math.Round(z.DPI))),
		vgimg.UseBackgroundColor(color.White))
	dc := draw.New(cnv)
	top := float64(pad)
	if s.Unit != "" {
		top += unitRow
	}
	area := draw.Crop(dc, vg.Points(pad), -vg.Points(pad+2), vg.Points(legendRow+pad), -vg.Points(top))
	p.Draw(area)
	if s.Unit != "" {
		data := p.DataCanvas(area)
		dc.FillText(st(tickSize, colMuted, draw.XLeft, draw.YBottom), vg.Point{X: vg.Points(pad), Y: data.Max.Y + vg.Points(4)}, s.Unit)
	}
	legend(dc, st(legendSize, colMuted, draw.XLeft, draw.YCenter), vg.Points(pad+legendRow/2-1), s, values(s.Projection, n))

	img, ok := cnv.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("png: unexpected raster %T", cnv.Image())
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		return nil, fmt.Errorf("png: raster %d × %d, want %d × %d", b.Dx(), b.Dy(), w, h)
	}
	return img, nil
}

// plotOf lays the chart's layers on a plot, bottom to top: the amber band, the delay
// window, the grid, baseline and target, the Transfer line, the projection, the actuals
// and the one-off markers.
func plotOf(s charts.Spec, z Size, st styler) (*plot.Plot, error) {
	n := len(s.Months)
	lo, hi := s.Min, s.Max
	actual, proj := values(s.Actual, n), values(s.Projection, n)
	xMin, xMax := -0.5, float64(n)-0.5

	p := plot.New()
	p.BackgroundColor = nil // the canvas is white already: painting it again cost a third of the drawing
	yAxis(p, st, lo, hi, s.Step)
	xAxis(p, st, s, z)

	if lo, hi, ok := amber(s); ok {
		p.Add(rect(xMin, xMax, lo, hi, colAmber))
	}
	if s.WindowFrom <= s.WindowTo && s.WindowFrom >= 0 && s.WindowTo < n {
		p.Add(rect(float64(s.WindowFrom)-0.5, float64(s.WindowTo)+0.5, lo, hi, colWindow))
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: colGrid, Width: vg.Points(0.5)}
	p.Add(grid)

	if s.Baseline != nil {
		p.Add(hline(*s.Baseline, baselineStyle()))
		p.Add(lineLabel("Baseline", *s.Baseline, false, s, actual, proj, st(labelSize, colBaseline, draw.XLeft, draw.YBottom)))
	}
	if s.Target != nil {
		p.Add(hline(*s.Target, targetStyle()))
		p.Add(lineLabel("Target", *s.Target, true, s, actual, proj, st(labelSize, colTarget, draw.XLeft, draw.YBottom)))
	}
	if s.Transfer >= 0 && s.Transfer < n {
		x := float64(s.Transfer)
		p.Add(plotFunc(func(c draw.Canvas, p *plot.Plot) {
			tx, _ := p.Transforms(&c)
			c.StrokeLine2(draw.LineStyle{Color: colTransfer, Width: vg.Points(charts.LineTransfer)}, tx(x), c.Min.Y, tx(x), c.Max.Y)
		}))
		p.Add(transferLabel(s, proj, st(labelSize, colTransfer, draw.XRight, draw.YTop)))
	}
	for _, seg := range segments(proj) {
		if seg[1]-seg[0] < 2 {
			continue
		}
		l, err := plotter.NewLine(points(proj, seg))
		if err != nil {
			return nil, fmt.Errorf("png: projection: %w", err)
		}
		l.LineStyle = projectionStyle()
		p.Add(l)
	}
	for _, seg := range segments(actual) {
		pts := points(actual, seg)
		if len(pts) > 1 {
			l, err := plotter.NewLine(pts)
			if err != nil {
				return nil, fmt.Errorf("png: actuals: %w", err)
			}
			l.LineStyle = actualStyle()
			p.Add(l)
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("png: actuals: %w", err)
		}
		sc.GlyphStyle = pointStyle()
		p.Add(sc)
	}
	for _, i := range s.OneOffs {
		if i < 0 || i >= n || math.IsNaN(actual[i]) {
			continue
		}
		p.Add(hollowMarker(float64(i), actual[i]))
		p.Add(oneOffLabel(i, actual, hi, lo, st(labelSize, colMuted, draw.XCenter, draw.YBottom)))
	}
	// Add widens the axes to hold the data; the spec's range holds it already.
	p.X.Min, p.X.Max = xMin, xMax
	p.Y.Min, p.Y.Max = lo, hi
	return p, nil
}

// amber is the amber band, when the spec has one that is not empty.
func amber(s charts.Spec) (lo, hi float64, ok bool) {
	if s.AmberLow == nil || s.AmberHigh == nil || !(*s.AmberHigh > *s.AmberLow) {
		return 0, 0, false
	}
	return *s.AmberLow, *s.AmberHigh, true
}

// yAxis is a spineless y axis with a label at every step of the spec's range.
func yAxis(p *plot.Plot, st styler, lo, hi, step float64) {
	p.Y.Min, p.Y.Max = lo, hi
	p.Y.Padding = vg.Points(3)
	p.Y.LineStyle.Width = 0
	p.Y.Tick.Length = 0
	p.Y.Tick.Label = st(tickSize, colMuted, draw.XRight, draw.YCenter)
	decimals := 0
	for d := step; math.Abs(d-math.Round(d)) > 1e-9 && decimals < 6; d *= 10 {
		decimals++
	}
	var ticks plot.ConstantTicks
	for i := 0; i <= int(math.Round((hi-lo)/step)); i++ {
		v := lo + float64(i)*step
		ticks = append(ticks, plot.Tick{Value: v, Label: tickLabel(v, decimals)})
	}
	p.Y.Tick.Marker = ticks
}

// xAxis has a thin spine, a tick per month and a label every k-th month, k the
// smallest of 1, 2, 3, 4, 6 or 12 that leaves room between labels.
func xAxis(p *plot.Plot, st styler, s charts.Spec, z Size) {
	tick := st(tickSize, colMuted, draw.XCenter, draw.YTop)
	var widest vg.Length
	for _, l := range s.Labels {
		widest = max(widest, tick.Width(l))
	}
	slot := (z.WidthPt - 2*pad - 24) / float64(len(s.Months)) // 24 pt: about the y labels
	every := 12
	for _, k := range []int{1, 2, 3, 4, 6, 12} {
		if float64(k)*slot >= float64(widest)*1.3 {
			every = k
			break
		}
	}
	p.X.Padding = 0
	p.X.LineStyle = draw.LineStyle{Color: colMuted, Width: vg.Points(0.5)}
	p.X.Tick.LineStyle = draw.LineStyle{Color: colMuted, Width: vg.Points(0.5)}
	p.X.Tick.Length = vg.Points(2.5)
	p.X.Tick.Label = tick
	ticks := make(plot.ConstantTicks, len(s.Months))
	for i := range s.Months {
		ticks[i].Value = float64(i)
		if i%every == 0 && i < len(s.Labels) {
			ticks[i].Label = s.Labels[i]
		}
	}
	p.X.Tick.Marker = ticks
}

// tickLabel prints an axis value with the step's decimals, thousands grouped with
// commas and a minus sign, as the packs print figures.
func tickLabel(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if s == "-0" || (len(s) > 1 && s[0] == '-' && strconv.FormatFloat(-v, 'f', decimals, 64) == "0") {
		s = "0"
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	for i := range s {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	if len(intPart) > 3 {
		var b []byte
		for i := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b = append(b, ',')
			}
			b = append(b, intPart[i])
		}
		intPart = string(b)
	}
	if neg {
		return "−" + intPart + frac
	}
	return intPart + frac
}

func actualStyle() draw.LineStyle {
	return draw.LineStyle{Color: colActual, Width: vg.Points(charts.LineActual)}
}

func pointStyle() draw.GlyphStyle {
	return draw.GlyphStyle{Color: colActual, Radius: vg.Points(charts.MarkerSize / 2), Shape: draw.CircleGlyph{}}
}

func projectionStyle() draw.LineStyle {
	return draw.LineStyle{Color: colProjection, Width: vg.Points(charts.LineOther), Dashes: []vg.Length{vg.Points(4), vg.Points(2.5)}}
}

func targetStyle() draw.LineStyle {
	return draw.LineStyle{Color: colTarget, Width: vg.Points(charts.LineOther), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
}

func baselineStyle() draw.LineStyle {
	return draw.LineStyle{Color: colBaseline, Width: vg.Points(charts.LineOther), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}
}

// plotFunc draws in data coordinates through p.Transforms, as a plot.Plotter.
type plotFunc func(c draw.Canvas, p *plot.Plot)

// Plot implements plot.Plotter.
func (f plotFunc) Plot(c draw.Canvas, p *plot.Plot) { f(c, p) }

func rect(x0, x1, y0, y1 float64, fill color.Color) plotFunc {
	return func(c draw.Canvas, p *plot.Plot) {
		tx, ty := p.Transforms(&c)
		c.FillPolygon(fill, c.ClipPolygonXY([]vg.Point{
			{X: tx(x0), Y: ty(y0)}, {X: tx(x1), Y: ty(y0)}, {X: tx(x1), Y: ty(y1)}, {X: tx(x0), Y: ty(y1)}}))
	}
}

func hline(y float64, ls draw.LineStyle) plotFunc {
	return func(c draw.Canvas, p *plot.Plot) {
		_, ty := p.Transforms(&c)
		c.StrokeLine2(ls, c.Min.X, ty(y), c.Max.X, ty(y))
	}
}

// transferLabel labels the Transfer line at its top, left of it, or at its bottom when
// a line of the chart runs through the top place and not the bottom one.
func transferLabel(s charts.Spec, proj []float64, sty text.Style) plotFunc {
	return func(c draw.Canvas, p *plot.Plot) {
		tx, ty := p.Transforms(&c)
		x := tx(float64(s.Transfer)) - vg.Points(2)
		h := sty.Height("Transfer") + vg.Points(2)
		// the values whose lines cross where the label would be
		var ys []float64
		for _, v := range []*float64{s.Target, s.Baseline, s.AmberLow, s.AmberHigh} {
			if v != nil {
				ys = append(ys, *v)
			}
		}
		for _, i := range []int{s.Transfer - 1, s.Transfer} {
			if i >= 0 && i < len(proj) && !math.IsNaN(proj[i]) {
				ys = append(ys, proj[i])
			}
		}
		crosses := func(top, bottom vg.Length) bool {
			for _, v := range ys {
				if y := ty(v); y >= bottom-vg.Points(1) && y <= top+vg.Points(1) {
					return true
				}
			}
			return false
		}
		top, bottom := ty(s.Max)-vg.Points(1), ty(s.Min)+vg.Points(1)
		if crosses(top, top-h) && !crosses(bottom+h, bottom) {
			sty.YAlign = draw.YBottom
			c.FillText(sty, vg.Point{X: x, Y: bottom}, "Transfer")
			return
		}
		c.FillText(sty, vg.Point{X: x, Y: top}, "Transfer")
	}
}

// lineLabel names a reference line (target, baseline) at one of its ends, above or
// below it: the first of four places, from the preferred end, that no data point, data
// line or other reference line crosses; the first place when every one is crossed.
func lineLabel(name string, v float64, left bool, s charts.Spec, actual, proj []float64, sty text.Style) plotFunc {
	return func(c draw.Canvas, p *plot.Plot) {
		tx, ty := p.Transforms(&c)
		w, h := sty.Width(name), sty.Height(name)
		gap, inset := vg.Points(2.5), vg.Points(2)
		y := ty(v)
		var others []float64 // the other reference lines
		for _, o := range []*float64{s.Target, s.Baseline} {
			if o != nil && *o != v {
				others = append(others, *o)
			}
		}
		free := func(x0, y0 vg.Length) bool {
			x1, y1 := x0+w, y0+h
			for _, o := range others {
				if oy := ty(o); oy >= y0 && oy <= y1 {
					return false
				}
			}
			for _, vs := range [][]float64{actual, proj} {
				for i := range vs {
					if math.IsNaN(vs[i]) {
						continue
					}
					// the point, and the segment to the next one, against the box
					ax, ay := tx(float64(i)), ty(vs[i])
					bx, by := ax, ay
					if i+1 < len(vs) && !math.IsNaN(vs[i+1]) {
						bx, by = tx(float64(i+1)), ty(vs[i+1])
					}
					r := vg.Points(charts.MarkerSize / 2)
					if max(ax, bx)+r < x0 || min(ax, bx)-r > x1 || max(ay, by)+r < y0 || min(ay, by)-r > y1 {
						continue
					}
					return false
				}
			}
			return true
		}
		leftX, rightX := c.Min.X+inset, c.Max.X-inset-w
		ends := []vg.Length{leftX, rightX}
		if !left {
			ends = []vg.Length{rightX, leftX}
		}
		var places []vg.Point
		for _, x := range ends {
			places = append(places, vg.Point{X: x, Y: y + gap}, vg.Point{X: x, Y: y - gap - h})
		}
		at := places[0]
		for _, pl := range places {
			if pl.Y >= c.Min.Y && pl.Y+h <= c.Max.Y && free(pl.X, pl.Y) {
				at = pl
				break
			}
		}
		c.FillText(sty, at, name)
	}
}

// oneOffLabel labels the one-off month i away from the line: above a peak, below a
// dip, beside the marker when the room above or below is less than the label needs.
func oneOffLabel(i int, vs []float64, hi, lo float64, sty text.Style) plotFunc {
	var sum, n float64
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(vs) && !math.IsNaN(vs[j]) {
			sum, n = sum+vs[j], n+1
		}
	}
	peak := n == 0 || vs[i] >= sum/n
	return func(c draw.Canvas, p *plot.Plot) {
		tx, ty := p.Transforms(&c)
		pt := vg.Point{X: tx(float64(i)), Y: ty(vs[i])}
		room, gap := sty.Height("one-off")+vg.Points(5), vg.Points(charts.MarkerSize/2+2)
		switch {
		case peak && ty(hi)-pt.Y >= room:
			sty.YAlign = draw.YBottom
			pt.Y += gap
		case !peak && pt.Y-ty(lo) >= room:
			sty.YAlign = draw.YTop
			pt.Y -= gap
		default:
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
			pt.X += gap
		}
		c.FillText(sty, pt, "one-off")
	}
}

// hollowMarker is a white disc with a blue ring the weight of the actuals' line:
// draw.RingGlyph strokes at a fixed 0.5 pt, too thin beside it.
func hollowMarker(x, y float64) plotFunc {
	return func(c draw.Canvas, p *plot.Plot) {
		tx, ty := p.Transforms(&c)
		pt, r := vg.Point{X: tx(x), Y: ty(y)}, vg.Points(charts.MarkerSize/2+0.75)
		c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: r, Shape: draw.CircleGlyph{}}, pt)
		var ring vg.Path
		ring.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		ring.Arc(pt, r, 0, 2*math.Pi)
		ring.Close()
		c.SetLineStyle(draw.LineStyle{Color: colActual, Width: vg.Points(1.25)})
		c.Stroke(ring)
	}
}

// legend is one centred row of keys, for the series the chart has, centred on y.
func legend(dc draw.Canvas, sty text.Style, y vg.Length, s charts.Spec, proj []float64) {
	type entry struct {
		name string
		key  func(x vg.Length)
	}
	kw := vg.Points(12)
	line := func(ls draw.LineStyle) func(vg.Length) {
		return func(x vg.Length) { dc.StrokeLine2(ls, x, y, x+kw, y) }
	}
	swatch := func(c color.Color) func(vg.Length) {
		return func(x vg.Length) {
			r := vg.Points(3)
			dc.FillPolygon(c, []vg.Point{{X: x, Y: y - r}, {X: x + kw, Y: y - r}, {X: x + kw, Y: y + r}, {X: x, Y: y + r}})
		}
	}
	es := []entry{{"Actual", func(x vg.Length) {
		dc.StrokeLine2(actualStyle(), x, y, x+kw, y)
		dc.DrawGlyph(pointStyle(), vg.Point{X: x + kw/2, Y: y})
	}}}
	if len(segments(proj)) > 0 {
		es = append(es, entry{"Projection", line(projectionStyle())})
	}
	if s.Target != nil {
		es = append(es, entry{"Target", line(targetStyle())})
	}
	if s.Baseline != nil {
		es = append(es, entry{"Baseline", line(baselineStyle())})
	}
	if _, _, ok := amber(s); ok {
		es = append(es, entry{"Amber band", swatch(colAmber)})
	}
	if s.WindowFrom <= s.WindowTo && s.WindowFrom >= 0 {
		es = append(es, entry{"Delay window", swatch(colWindowKey)})
	}
	gap, space := vg.Points(2.5), vg.Points(8)
	for len(es) > 1 {
		total := space * vg.Length(len(es)-1)
		for _, e := range es {
			total += kw + gap + sty.Width(e.name)
		}
		if total <= dc.Max.X-dc.Min.X-2*vg.Points(pad) {
			x := (dc.Min.X + dc.Max.X - total) / 2
			for _, e := range es {
				e.key(x)
				x += kw + gap
				dc.FillText(sty, vg.Point{X: x, Y: y}, e.name)
				x += sty.Width(e.name) + space
			}
			return
		}
		es = es[:len(es)-1] // a narrow chart keeps the keys it has room for, the lines first
	}
}

// segments splits vs into runs of consecutive values as [from, to) pairs: a missing
// month ends a line, and plotter.NewLine rejects NaN.
func segments(vs []float64) [][2]int {
	var out [][2]int
	start := -1
	for i, v := range vs {
		switch {
		case !math.IsNaN(v) && start < 0:
			start = i
		case math.IsNaN(v) && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(vs)})
	}
	return out
}

func points(vs []float64, seg [2]int) plotter.XYs {
	pts := make(plotter.XYs, 0, seg[1]-seg[0])
	for i := seg[0]; i < seg[1]; i++ {
		pts = append(pts, plotter.XY{X: float64(i), Y: vs[i]})
	}
	return pts
}

// values is one value per month, NaN where the spec has none (or a value that is not
// finite).
func values(vs []*float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
		if i < len(vs) && vs[i] != nil && !math.IsInf(*vs[i], 0) {
			out[i] = *vs[i]
		}
	}
	return out
}

// hex parses a house-style colour, "#RRGGBB"; the colours are constants, so a malformed
// one is a programming error caught by the package's tests.
func hex(s string) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		panic("png: colour " + strconv.Quote(s) + " is not #RRGGBB")
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		panic("png: colour " + strconv.Quote(s) + " is not #RRGGBB")
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// overlay turns a grey into translucent black that gives that grey over white and
// darkens whatever else it covers by the same proportion.
func overlay(c color.RGBA) color.NRGBA {
	return color.NRGBA{A: 0xff - min(c.R, c.G, c.B)}
}
