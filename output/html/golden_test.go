package html_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	htmlpack "github.com/transferpack/transferpack/output/html"
)

var update = flag.Bool("update", false, "rewrite the golden pack in testdata")

// TestGolden pins the São Paulo sample's HTML pack byte for byte, with the shared
// script so that the file holds the page and not the 600 KB bundle: a change to the
// layouts, the chart options or the Pack's wording shows here as a diff to read.
// go test ./output/html -update rewrites it.
func TestGolden(t *testing.T) {
	got := render(t, samplePack(t), htmlpack.Options{Assets: htmlpack.Shared})
	golden := filepath.Join("testdata", "golden", "sao-paulo.html")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./output/html -update)", err)
	}
	if !bytes.Equal(got, want) {
		at := 0
		for at < len(got) && at < len(want) && got[at] == want[at] {
			at++
		}
		t.Errorf("the pack differs from %s from byte %d: %q; if the change is meant, run go test ./output/html -update and read the diff",
			golden, at, got[max(0, at-40):min(len(got), at+80)])
	}
}

// BenchmarkWrite renders one pack from its Pack with the script inlined, as a run does
// for each team after parsing the layouts once.
func BenchmarkWrite(b *testing.B) {
	p := samplePack(b)
	w, err := htmlpack.New(htmlpack.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
