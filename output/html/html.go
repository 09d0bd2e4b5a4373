// Package html writes a Pack as the HTML review pack that account managers open and
// send: one file per team that works offline, with the recommendation first, a
// scorecard that reads without script, an interactive trend chart per KPI with its data
// table, the commentary, and a print stylesheet for A4 and Letter.
//
// The page is laid out by the html/template files of package layouts, which a folder of
// the same file names replaces one by one (--layouts). The charts are ECharts options
// built with go-echarts' types from package charts' specs, drawn by the ECharts bundle of
// package layouts: inlined in every pack, or written once per run beside the packs and
// shared (--html-assets shared). A pack makes no request to the network when opened.
//
// Everything that comes from the input is text: the templates escape it, the chart
// options are JSON that cannot end their script element, and the commentary's Markdown
// passes no raw HTML, script link or remote image.
package html

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/transferpack/transferpack/layouts"
	"github.com/transferpack/transferpack/report"
)

// Assets says where a pack finds the ECharts script.
type Assets string

// Where the script goes.
const (
	// Inline writes the script into every pack: one self-contained file per team.
	Inline Assets = "inline"
	// Shared writes the script once per run, as SharedScriptPath beside the packs,
	// and every pack of the run refers to it.
	Shared Assets = "shared"
)

// Options change how the HTML pack is written. The zero value writes self-contained
// packs with the embedded layouts.
type Options struct {
	// Layouts is a folder whose files replace the embedded layouts of the same name;
	// "" for none.
	Layouts string
	// Assets is Inline ("" means Inline too) or Shared.
	Assets Assets
}

// Writer writes HTML packs with layouts parsed once; it is safe for concurrent use.
type Writer struct {
	layouts  *layoutSet
	script   template.JS // the ECharts bundle, when inlined
	src      string      // the shared script's path from the pack, when shared
	chartsJS template.JS
	style    template.CSS
	csp      string
}

// New reads and parses the layouts and checks that they render an empty pack, so a
// layout that fails to parse or to escape stops the run before any pack is written,
// with a *LayoutError naming its file and line.
func New(o Options) (*Writer, error) {
	switch o.Assets {
	case "", Inline, Shared:
	default:
		return nil, fmt.Errorf("assets %q: use %s or %s", o.Assets, Inline, Shared)
	}
	ls, err := loadLayouts(o.Layouts, funcs)
	if err != nil {
		return nil, err
	}
	w := &Writer{layouts: ls, chartsJS: template.JS(ls.script), style: template.CSS(palette() + ls.style)}
	scripts := []string{hash(ls.script)}
	if o.Assets == Shared {
		w.src = SharedScriptPath()
		// 'self' for packs served from a web server, file: for packs opened from disk.
		scripts = append(scripts, "'self'", "file:")
	} else {
		w.script = template.JS(layouts.EChartsScript)
		scripts = append(scripts, hash(layouts.EChartsScript))
	}
	// Defence in depth: the pack fetches nothing (no connection, image, font or frame),
	// and runs no script but its own two.
	w.csp = "default-src 'none'; script-src " + strings.Join(scripts, " ") +
		"; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
	if err := w.layouts.page.Execute(io.Discard, w.view(&report.Pack{}, nil)); err != nil {
		return nil, positioned(err, ls.origin, ls.origin[pageFile])
	}
	return w, nil
}

// Write writes the pack as one HTML document. The bytes depend on the pack and the
// options only: fixed chart ids, no clock, no map order.
func (w *Writer) Write(out io.Writer, p *report.Pack) error {
	v, err := w.pageOf(p)
	if err != nil {
		return err
	}
	if err := w.layouts.page.Execute(out, v); err != nil {
		return positioned(err, w.layouts.origin, w.layouts.origin[pageFile])
	}
	return nil
}

// Write writes one pack with layouts parsed for it alone; a run of many packs uses New
// once and Writer.Write for each.
func Write(w io.Writer, p *report.Pack, o Options) error {
	hw, err := New(o)
	if err != nil {
		return err
	}
	return hw.Write(w, p)
}

// SharedScriptPath is where a run with Shared assets writes the ECharts script, relative
// to the packs: its name carries the script's hash, so packs of another version never
// load a script they were not made with.
func SharedScriptPath() string {
	sum := sha256.Sum256([]byte(layouts.EChartsScript))
	return "assets/echarts-" + hex.EncodeToString(sum[:6]) + ".js"
}

// RunFiles are the files a run writes once beside its packs, by path relative to them:
// the ECharts script under Shared assets; none otherwise.
func RunFiles(o Options) (map[string][]byte, error) {
	if o.Assets != Shared {
		return nil, nil
	}
	return map[string][]byte{SharedScriptPath(): []byte(layouts.EChartsScript)}, nil
}

// hash is a script's CSP hash source.
func hash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
