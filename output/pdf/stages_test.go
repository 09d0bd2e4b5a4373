package pdf

import (
	"testing"

	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

func benchPack(b *testing.B, path, team string) *report.Pack {
	in, err := input.Read(path, input.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range in.Teams {
		if d.Engagement.Team == team {
			p, err := report.Analyze(d, report.Options{})
			if err != nil {
				b.Fatal(err)
			}
			return p
		}
	}
	b.Fatal("no team")
	return nil
}

// BenchmarkStages splits one pack's time into its stages: drawing and encoding the
// charts, setting the pages, and maroto's rendering, font subsetting and compression.
func BenchmarkStages(b *testing.B) {
	p := benchPack(b, "../../samples/sao-paulo", "São Paulo Core Banking")
	if err := loadMetrics(); err != nil {
		b.Fatal(err)
	}
	g := papers["a4"]
	for _, dpi := range []float64{150, 192} {
		name := map[float64]string{150: "150dpi", 192: "192dpi"}[dpi]
		b.Run("charts/"+name, func(b *testing.B) {
			for b.Loop() {
				wr := &writer{p: p, g: g, dpi: dpi, images: newImageSet()}
				if err := wr.prepareCharts(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	wr := &writer{p: p, g: g, dpi: 150, images: newImageSet()}
	if err := wr.prepareCharts(); err != nil {
		b.Fatal(err)
	}
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			wr.layout()
		}
	})
	wr.layout()
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			if _, err := wr.render(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
