package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadTemplate reads the untouched template: 400 pre-formatted rows a sheet,
// which must cost no more than the rows that hold something.
func BenchmarkReadTemplate(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "template.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Read(path, ReadOptions{})
	}
}
