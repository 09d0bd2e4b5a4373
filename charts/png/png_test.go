package png_test

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	stdpng "image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/charts/png"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

var out = flag.String("out", "", "write the sample charts as PNG files into `DIR`, to look at")

// size is a chart of the PDF pack: two to a row on the page.
var size = png.Size{WidthPt: 246, HeightPt: 142, DPI: 150}

func samplePack(t testing.TB, path, team string) *report.Pack {
	t.Helper()
	return inputtest.Pack(t, path, team)
}

// TestRenderSamples: every chart of the sample packs renders as an opaque RGB PNG of the
// size asked for, the same bytes every time.
func TestRenderSamples(t *testing.T) {
	for _, c := range []struct{ path, team string }{
		{"../../samples/sao-paulo", "São Paulo Core Banking"},
		{"../../samples/medellin.xlsx", "Medellín Payments"},
		{"../../samples/andes.xlsx", "Quito Data"},
		{"../../samples/andes.xlsx", "Bogotá Platform"},
	} {
		p := samplePack(t, c.path, c.team)
		for _, s := range charts.Specs(p) {
			a, err := png.Render(s, size)
			if err != nil {
				t.Fatalf("%s %s: %v", c.team, s.KPI, err)
			}
			b, _ := png.Render(s, size)
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two renders differ", c.team, s.KPI)
			}
			checkRGB(t, a, size)
			if *out != "" {
				name := filepath.Join(*out, p.Display.ReportMonth[:3]+"-"+s.KPI+"-"+string(c.team[0])+".png")
				if err := os.WriteFile(name, a, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func checkRGB(t *testing.T, data []byte, z png.Size) {
	t.Helper()
	if string(data[12:16]) != "IHDR" || data[25] != 2 {
		t.Fatalf("colour type %d, want 2 (RGB, no alpha)", data[25])
	}
	cfg, err := stdpng.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := z.Pixels(); cfg.Width != w || cfg.Height != h {
		t.Errorf("%d × %d pixels, want %d × %d", cfg.Width, cfg.Height, w, h)
	}
}

func ptr(v float64) *float64 { return &v }

// TestSparseAndDegenerate: a chart with one value, gaps, no target or window still
// draws; a spec without months or with a broken range is an error, not a panic.
func TestSparseAndDegenerate(t *testing.T) {
	s := charts.Spec{Unit: "h", Months: []report.Month{1, 2, 3}, Labels: []string{"Jan 26", "Feb 26", "Mar 26"},
		Actual: []*float64{nil, ptr(12), nil}, Projection: make([]*float64, 3),
		Transfer: -1, WindowFrom: 0, WindowTo: -1, Min: 0, Max: 20, Step: 5}
	if _, err := png.Render(s, size); err != nil {
		t.Fatal(err)
	}
	s.Actual = make([]*float64, 3)
	if _, err := png.Render(s, size); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]charts.Spec{
		"no months":   {},
		"empty range": {Months: s.Months, Labels: s.Labels, Min: 5, Max: 5, Step: 1},
		"tiny step":   {Months: s.Months, Labels: s.Labels, Min: 0, Max: 1e9, Step: 1},
	} {
		if _, err := png.Render(bad, size); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if _, err := png.Render(s, png.Size{WidthPt: 1e6, HeightPt: 1, DPI: 300}); err == nil {
		t.Error("a raster too large: want an error")
	}
}

// TestConcurrent: packs are built in parallel, so charts are too.
func TestConcurrent(t *testing.T) {
	p := samplePack(t, "../../samples/sao-paulo", "São Paulo Core Banking")
	s := charts.Specs(p)[0]
	want, err := png.Render(s, size)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if got, err := png.Render(s, size); err != nil || !bytes.Equal(got, want) {
				t.Error("a concurrent render differs")
			}
		})
	}
	wg.Wait()
}

// TestEncodeRoundTrip: what Encode writes, a PNG decoder reads back pixel for pixel; a
// transparent pixel is refused rather than written as something else.
func TestEncodeRoundTrip(t *testing.T) {
	p := samplePack(t, "../../samples/andes.xlsx", "Quito Data")
	img, err := png.Draw(charts.Specs(p)[0], size)
	if err != nil {
		t.Fatal(err)
	}
	data, err := png.Encode(img)
	if err != nil {
		t.Fatal(err)
	}
	back, err := stdpng.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if back.Bounds() != b {
		t.Fatalf("decoded %v, want %v", back.Bounds(), b)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r0, g0, b0, _ := img.At(x, y).RGBA()
			r1, g1, b1, a1 := back.At(x, y).RGBA()
			if r0 != r1 || g0 != g1 || b0 != b1 || a1 != 0xffff {
				t.Fatalf("pixel (%d, %d) decodes differently", x, y)
			}
		}
	}
	img.Pix[3] = 0x80
	if _, err := png.Encode(img); err == nil {
		t.Error("a transparent pixel was encoded")
	}
}

func TestMarks(t *testing.T) {
	z := png.Size{WidthPt: 9, DPI: 300}
	for _, st := range []report.Status{report.Met, report.AtRisk, report.OffTrack, report.NoTarget} {
		m := charts.StatusMark(st)
		img, err := png.DrawMark(m, "#FFFFFF", z)
		if err != nil {
			t.Fatalf("%s: %v", st, err)
		}
		if !img.Opaque() {
			t.Errorf("%s: mark has transparent pixels", st)
		}
		data, err := png.Encode(img)
		if err != nil {
			t.Fatal(err)
		}
		if data[25] != 2 {
			t.Errorf("%s: colour type %d, want 2", st, data[25])
		}
		if *out != "" {
			os.WriteFile(filepath.Join(*out, "mark-"+string(st)+".png"), data, 0o644)
		}
	}
	if _, err := png.DrawMark(charts.Mark{Shape: "★", Fill: "#000000"}, "#FFFFFF", z); err == nil {
		t.Error("an unknown shape: want an error")
	}
}

func TestWiden(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range img.Pix {
		img.Pix[i] = 0x10
	}
	bg := color.RGBA{1, 2, 3, 0xff}
	w := png.Widen(img, 5, bg)
	if w.Bounds().Dx() != 5 || w.Bounds().Dy() != 2 {
		t.Fatalf("widened to %v, want 5 × 2", w.Bounds())
	}
	if w.RGBAAt(2, 1) != img.RGBAAt(2, 1) || w.RGBAAt(4, 1) != bg || w.RGBAAt(3, 0) != bg {
		t.Error("widening changed the image or did not fill with the background")
	}
	if png.Widen(img, 3, bg) != img {
		t.Error("an image already wide enough is copied")
	}
}

// BenchmarkChart splits a chart's time into drawing and encoding at the resolutions
// a PDF could use, for the page size of the PDF pack.
func BenchmarkChart(b *testing.B) {
	p := samplePack(b, "../../samples/sao-paulo", "São Paulo Core Banking")
	s, _ := charts.Of(p, "predictability")
	for _, dpi := range []float64{96, 120, 150, 192, 300} {
		z := size
		z.DPI = dpi
		name := map[float64]string{96: "96dpi", 120: "120dpi", 150: "150dpi", 192: "192dpi", 300: "300dpi"}[dpi]
		b.Run("draw/"+name, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := png.Draw(s, z); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu)*1000/float64(b.N), "cpu-ms/op")
		})
		img, _ := png.Draw(s, z)
		b.Run("encode/"+name, func(b *testing.B) {
			var n int
			cpu := cpuTime()
			for b.Loop() {
				data, err := png.Encode(img)
				if err != nil {
					b.Fatal(err)
				}
				n = len(data)
			}
			b.ReportMetric(float64(n), "pngbytes")
			b.ReportMetric((cpuTime()-cpu)*1000/float64(b.N), "cpu-ms/op")
		})
	}
}
