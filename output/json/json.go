// Package json writes a Pack as the machine-readable JSON pack that automation, tests
// and the portfolio page read. Its schema is documented in docs/pack-schema.md.
package json

import (
	"encoding/json"
	"io"

	"github.com/transferpack/transferpack/report"
)

// Options change how the JSON pack is written.
type Options struct {
	// Compact drops the indentation.
	Compact bool
}

// Write writes the pack as one JSON document followed by a newline. The bytes depend on
// the pack only: fields in schema order, no maps, no clock.
func Write(w io.Writer, p *report.Pack, o Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if !o.Compact {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(p)
}
