package png

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/transferpack/transferpack/charts"
)

// DrawMark draws a status or decision mark's shape (✓ ▲ ✕ ○) in its Fill colour on an
// opaque background colour ("#RRGGBB"), in a square of side z.WidthPt (z.HeightPt is
// ignored), for formats whose fonts lack the shapes. The word the mark repeats is the
// caller's to print.
func DrawMark(m charts.Mark, background string, z Size) (*image.RGBA, error) {
	z.HeightPt = z.WidthPt
	if err := z.validate(); err != nil {
		return nil, err
	}
	if len(background) != 7 || background[0] != '#' || len(m.Fill) != 7 || m.Fill[0] != '#' {
		return nil, fmt.Errorf("png: mark colours %q on %q: want #RRGGBB", m.Fill, background)
	}
	side := vg.Points(z.WidthPt)
	cnv := vgimg.NewWith(vgimg.UseWH(side, side), vgimg.UseDPI(int(math.Round(z.DPI))), vgimg.UseBackgroundColor(hex(background)))
	dc := draw.New(cnv)
	fill := hex(m.Fill)
	// Shapes in a unit square, y up, drawn inside a margin of a tenth of the side.
	at := func(x, y float64) vg.Point {
		return vg.Point{X: side * vg.Length(0.1+0.8*x), Y: side * vg.Length(0.1+0.8*y)}
	}
	stroke := draw.LineStyle{Color: fill, Width: side * 0.14}
	path := func(pts ...vg.Point) vg.Path {
		var p vg.Path
		p.Move(pts[0])
		for _, pt := range pts[1:] {
			p.Line(pt)
		}
		return p
	}
	switch m.Shape {
	case "✓":
		dc.SetLineStyle(stroke)
		dc.Stroke(path(at(0.05, 0.5), at(0.38, 0.15), at(0.95, 0.85)))
	case "▲":
		p := path(at(0.5, 0.95), at(1, 0.08), at(0, 0.08))
		p.Close()
		dc.SetColor(fill)
		dc.Fill(p)
	case "✕":
		dc.SetLineStyle(stroke)
		dc.Stroke(path(at(0.1, 0.1), at(0.9, 0.9)))
		dc.Stroke(path(at(0.1, 0.9), at(0.9, 0.1)))
	case "○":
		var p vg.Path
		c, r := at(0.5, 0.5), side*0.8*0.43
		p.Move(vg.Point{X: c.X + r, Y: c.Y})
		p.Arc(c, r, 0, 2*math.Pi)
		p.Close()
		dc.SetLineStyle(draw.LineStyle{Color: fill, Width: side * 0.12})
		dc.Stroke(p)
	default:
		return nil, fmt.Errorf("png: no drawing for the mark %q", m.Shape)
	}
	img, ok := cnv.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("png: unexpected raster %T", cnv.Image())
	}
	return img, nil
}

// Widen returns img with columns of the colour bg added on its right to make it width
// pixels wide; img itself when it is that wide already. A caller that must tell images
// apart by their width (a PDF writer ordering its image objects) widens them without
// changing what they show.
func Widen(img *image.RGBA, width int, bg color.RGBA) *image.RGBA {
	b := img.Bounds()
	if width <= b.Dx() {
		return img
	}
	out := image.NewRGBA(image.Rect(0, 0, width, b.Dy()))
	fill := make([]byte, (width-b.Dx())*4)
	for i := 0; i < len(fill); i += 4 {
		fill[i], fill[i+1], fill[i+2], fill[i+3] = bg.R, bg.G, bg.B, 0xff
	}
	for y := 0; y < b.Dy(); y++ {
		row := out.Pix[y*out.Stride:]
		from := img.PixOffset(b.Min.X, b.Min.Y+y)
		n := copy(row, img.Pix[from:from+b.Dx()*4])
		copy(row[n:], fill)
	}
	return out
}
