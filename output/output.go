// Package output writes packs and runs: the table of formats a run can write (JSON,
// HTML, PDF and the Excel annex), each with its name, file extension and writer, and the
// run that builds every team of every input into a folder.
// Adding a format is one package under output/ and one line in Formats.
package output

import (
	"fmt"
	"io"
	"strings"

	htmlpack "github.com/transferpack/transferpack/output/html"
	jsonpack "github.com/transferpack/transferpack/output/json"
	pdfpack "github.com/transferpack/transferpack/output/pdf"
	"github.com/transferpack/transferpack/output/xlsx"
	"github.com/transferpack/transferpack/report"
)

// Options are the run's choices that writers read. The zero value is the default of
// every format.
type Options struct {
	// Layouts is a folder whose files replace the embedded HTML layouts by name; "" for
	// none.
	Layouts string
	// HTMLAssets is "inline" (the default when ""): every HTML pack carries its script;
	// or "shared": the script is written once per run beside the packs.
	HTMLAssets string
	// Paper is the PDF page size: "a4" (the default when "") or "letter".
	Paper string
	// Version is transferpack's version, written into files that record their maker.
	Version string
}

// A Writer writes one team's pack in one format.
type Writer interface {
	Write(w io.Writer, p *report.Pack) error
}

// WriterFunc is a function that writes a pack, as a Writer.
type WriterFunc func(w io.Writer, p *report.Pack) error

// Write calls f.
func (f WriterFunc) Write(w io.Writer, p *report.Pack) error { return f(w, p) }

// Format is one kind of file a team's pack is written as.
type Format struct {
	Name string // as given to --format
	Ext  string // appended to the team's file stem: ".json"
	// New prepares the format's writer for a run: layouts parsed, fonts loaded. Its
	// error is about the options (a layout that does not parse) and stops the run.
	New func(o Options) (Writer, error)
	// Assets, when set, gives the files a run writes once beside its packs, by path
	// relative to the output folder: the HTML packs' shared script. Nil or an empty map
	// for none.
	Assets func(o Options) (map[string][]byte, error)
}

// Formats lists every format a run can write, in the order they are written.
var Formats = []Format{
	{Name: "json", Ext: ".json", New: func(Options) (Writer, error) {
		return WriterFunc(func(w io.Writer, p *report.Pack) error { return jsonpack.Write(w, p, jsonpack.Options{}) }), nil
	}},
	{Name: "html", Ext: ".html", New: newHTML, Assets: func(o Options) (map[string][]byte, error) { return htmlpack.RunFiles(htmlOptions(o)) }},
	{Name: "pdf", Ext: ".pdf", New: func(o Options) (Writer, error) {
		return pdfpack.New(pdfpack.Options{Paper: o.Paper, Version: o.Version})
	}},
	{Name: "xlsx", Ext: "-annex.xlsx", New: func(o Options) (Writer, error) { return xlsx.New(xlsx.Options{Version: o.Version, Paper: o.Paper}) }},
}

func newHTML(o Options) (Writer, error) {
	w, err := htmlpack.New(htmlOptions(o))
	if err != nil {
		return nil, err
	}
	return w, nil
}

func htmlOptions(o Options) htmlpack.Options {
	return htmlpack.Options{Layouts: o.Layouts, Assets: htmlpack.Assets(o.HTMLAssets)}
}

// FormatsByName resolves a comma-separated list of format names, as --format gives it.
func FormatsByName(list string) ([]Format, error) {
	var out []Format
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		if name == "" {
			continue
		}
		i := formatIndex(name)
		if i < 0 {
			return nil, fmt.Errorf("unknown format %q: use %s", name, strings.Join(Names(), ", "))
		}
		out = append(out, Formats[i])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format given: use %s", strings.Join(Names(), ", "))
	}
	return out, nil
}

// Names lists the names of every format, in table order.
func Names() []string {
	var names []string
	for _, f := range Formats {
		names = append(names, f.Name)
	}
	return names
}

func formatIndex(name string) int {
	for i, f := range Formats {
		if f.Name == name {
			return i
		}
	}
	return -1
}
