//go:build unix

package pdf

import (
	"syscall"
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

// cpuMS reports the CPU time per op since from, in milliseconds: on a shared machine
// it says what a stage costs better than the wall clock.
func cpuMS(b *testing.B, from float64) {
	b.ReportMetric((processCPU()-from)*1000/float64(b.N), "cpu-ms/op")
}

func processCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
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
			cpu := processCPU()
			defer func() { cpuMS(b, cpu) }()
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
		cpu := processCPU()
		defer func() { cpuMS(b, cpu) }()
		for b.Loop() {
			wr.layout()
		}
	})
	wr.layout()
	b.Run("render", func(b *testing.B) {
		cpu := processCPU()
		defer func() { cpuMS(b, cpu) }()
		for b.Loop() {
			if _, err := wr.render(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
