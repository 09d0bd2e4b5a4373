package xlsx_test

import (
	"io"
	"testing"

	"github.com/transferpack/transferpack/output/xlsx"
	"github.com/transferpack/transferpack/report/input/inputtest"
)

// BenchmarkWrite writes each sample team's annex: go test ./output/xlsx -bench Write.
func BenchmarkWrite(b *testing.B) {
	for _, p := range inputtest.Samples(b) {
		b.Run(p.Team, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := xlsx.Write(io.Discard, p, xlsx.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
