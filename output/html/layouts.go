package html

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/transferpack/transferpack/layouts"
)

// The layouts that are not templates; every *.html file is one.
const (
	styleFile  = "pack.css"
	scriptFile = "charts.js"
	// portfolioFile lays out a run's portfolio page; portfolioScript sorts its table.
	portfolioFile   = "portfolio.html"
	portfolioStyle  = "portfolio.css"
	portfolioScript = "portfolio.js"
	pageFile        = "pack.html" // the template the pack is executed from
)

// LayoutError is a layout that cannot be used: a template that does not parse, or a
// file in the layouts folder that replaces nothing.
type LayoutError struct {
	File string // the path of the layout, as given: "brand/cover.html"; the embedded ones are "layouts/cover.html"
	Line int    // 1-based; 0 when the error is about the whole file
	Err  error
}

func (e *LayoutError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("layout %s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("layout %s: %v", e.File, e.Err)
}

func (e *LayoutError) Unwrap() error { return e.Err }

// layoutSet is the parsed layouts of a run.
type layoutSet struct {
	page   *template.Template
	style  string
	script string
	// portfolioStyle and portfolioScript are the portfolio page's own stylesheet and
	// script.
	portfolioStyle, portfolioScript string
	origin                          map[string]string // template name -> the path it was read from, for errors
}

// loadLayouts reads the embedded layouts and replaces those a file in dir names. A
// file in dir that is neither a template (*.html, which may add a partial the others
// call) nor one of the other layouts is an error, so a misspelt name does not go
// unnoticed.
func loadLayouts(dir string, funcs template.FuncMap) (*layoutSet, error) {
	files := map[string]string{}  // name -> content
	origin := map[string]string{} // name -> path for errors
	embedded, err := fs.ReadDir(layouts.Files, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range embedded {
		data, err := fs.ReadFile(layouts.Files, e.Name())
		if err != nil {
			return nil, err
		}
		files[e.Name()], origin[e.Name()] = string(data), "layouts/"+e.Name()
	}
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		for _, e := range entries {
			name, path := e.Name(), filepath.Join(dir, e.Name())
			if e.IsDir() || strings.HasPrefix(name, ".") {
				continue
			}
			if _, known := files[name]; !known && filepath.Ext(name) != ".html" {
				return nil, &LayoutError{File: path, Err: fmt.Errorf("replaces no layout: the layouts are %s", strings.Join(layoutNames(), ", "))}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("layouts: %w", err)
			}
			files[name], origin[name] = string(data), path
		}
	}

	names := make([]string, 0, len(files))
	for name := range files {
		if filepath.Ext(name) == ".html" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	root := template.New(pageFile).Funcs(funcs)
	for _, name := range names {
		t := root
		if name != pageFile {
			t = root.New(name)
		}
		if _, err := t.Parse(files[name]); err != nil {
			return nil, positioned(err, origin, origin[name])
		}
	}
	return &layoutSet{page: root, style: files[styleFile], script: files[scriptFile], portfolioStyle: files[portfolioStyle], portfolioScript: files[portfolioScript], origin: origin}, nil
}

// templateLine finds "NAME:LINE:" in a text/template or html/template error, which
// names the template by its file name.
var templateLine = regexp.MustCompile(`(?:template: |html/template:)([^:\s]+):(\d+):`)

// positioned turns a template error into a LayoutError naming the layout's path and
// line: the template packages name only the template (its file name) and put the line
// in the message. fallback is the path to name when the message names no template.
func positioned(err error, origin map[string]string, fallback string) error {
	msg := err.Error()
	m := templateLine.FindStringSubmatch(msg)
	path, ok := "", false
	if m != nil {
		path, ok = origin[m[1]]
	}
	if !ok {
		return &LayoutError{File: fallback, Err: err}
	}
	line, _ := strconv.Atoi(m[2])
	rest := strings.TrimSpace(msg[strings.Index(msg, m[0])+len(m[0]):])
	if i := strings.Index(rest, ": "); i >= 0 && strings.HasPrefix(rest, "{{") { // html/template: "{{.X}}: msg" context
		rest = rest[i+2:]
	}
	return &LayoutError{File: path, Line: line, Err: errors.New(rest)}
}

// layoutNames lists the embedded layouts, for errors.
func layoutNames() []string {
	entries, _ := fs.ReadDir(layouts.Files, ".")
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}
