package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

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

// fileStem turns a team name into a safe file name: "São Paulo Core Banking" becomes
// "sao-paulo-core-banking". Only letters, digits and hyphens survive, so a team name can
// never reach outside the output folder.
func fileStem(team string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, team)
	if err != nil {
		folded = team
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 80 {
		s = strings.TrimSuffix(s[:80], "-")
	}
	if s == "" {
		s = "team"
	}
	return s
}

// render writes a pack in one format to memory, so a failure leaves no file behind.
func render(f outputFormat, p *report.Pack) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.write(&buf, p); err != nil {
		return nil, fmt.Errorf("%s: %w", f.name, err)
	}
	return buf.Bytes(), nil
}
