package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	jsonpack "github.com/transferpack/transferpack/output/json"
	"github.com/transferpack/transferpack/report"
)

// outputFormat is one kind of file a pack is written as.
type outputFormat struct {
	name  string
	ext   string // appended to the team's file stem
	write func(w io.Writer, p *report.Pack) error
}

// outputFormats lists every format build can write, in the order they are written.
var outputFormats = []outputFormat{
	{name: "json", ext: ".json", write: func(w io.Writer, p *report.Pack) error { return jsonpack.Write(w, p, jsonpack.Options{}) }},
}

// formatsByName resolves --format's comma-separated names.
func formatsByName(list string) ([]outputFormat, error) {
	var out []outputFormat
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		if name == "" {
			continue
		}
		found := false
		for _, f := range outputFormats {
			if f.name == name {
				out = append(out, f)
				found = true
			}
		}
		if !found {
			var names []string
			for _, f := range outputFormats {
				names = append(names, f.name)
			}
			return nil, &usageError{fmt.Sprintf("unknown format %q: use %s", name, strings.Join(names, ", "))}
		}
	}
	if len(out) == 0 {
		return nil, &usageError{"no format given"}
	}
	return out, nil
}

// render writes a pack in one format to memory, so a failure leaves no file behind.
func render(f outputFormat, p *report.Pack) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.write(&buf, p); err != nil {
		return nil, fmt.Errorf("%s: %w", f.name, err)
	}
	return buf.Bytes(), nil
}
