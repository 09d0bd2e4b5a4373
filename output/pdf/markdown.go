package pdf

import (
	"strconv"
	"strings"

	"github.com/transferpack/transferpack/output/commentary"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// md sets one commentary text on the pages: headings, paragraphs, bold and italic,
// lists, block quotes, code, tables; links as their text and address; raw HTML left out.
// where names the text for the data-quality page.
func (w *writer) md(src, where string) {
	// The page is set from the syntax tree, so no Markdown syntax and no HTML reaches it.
	root, source := commentary.Parse(src)
	m := mdWriter{w: w, source: source, where: where}
	m.blocks(root, 0)
}

type mdWriter struct {
	w      *writer
	source []byte
	where  string
}

// blocks sets the block children of n, indented by indent mm.
func (m *mdWriter) blocks(n ast.Node, indent float64) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.block(c, indent)
	}
}

func (m *mdWriter) block(n ast.Node, indent float64) {
	w := m.w
	switch n := n.(type) {
	case *ast.Heading:
		size := map[int]float64{1: 12, 2: 11}[n.Level]
		if size == 0 {
			size = bodySize
		}
		st := style{face: bold, size: size, color: colText}
		w.d.space(2.5)
		ls := wrap(m.inline(n, st), measure-indent)
		w.d.keep(linesHeight(ls) + 2*bodyLine)
		w.d.lines(ls, indent)
		w.d.space(1)
	case *ast.Paragraph, *ast.TextBlock:
		w.d.lines(wrap(m.inline(n, bodyStyle), measure-indent), indent)
		w.d.space(paraGap)
	case *ast.List:
		m.list(n, indent)
	case *ast.Blockquote:
		m.blocks(n, indent+6)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		st := style{face: regular, size: smallSize, color: colText}
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			s := strings.TrimRight(string(seg.Value(m.source)), "\r\n")
			w.d.lines(wrap([]span{{text: w.clean(s, m.where), st: st}}, measure-indent-6), indent+6)
		}
		w.d.space(paraGap)
	case *ast.ThematicBreak:
		w.d.space(2)
		w.d.add(full(2, ruleItem{x: indent, y: 1, w: measure - indent, weight: 0.2, color: colRule}))
		w.d.space(2)
	case *east.Table:
		m.table(n, indent)
		w.d.space(paraGap)
	case *ast.HTMLBlock:
		// raw HTML is left out of the pack
	default:
		m.blocks(n, indent)
	}
}

// list sets a list's items with a bullet or their number; nested lists indent further.
func (m *mdWriter) list(n *ast.List, indent float64) {
	num := n.Start
	if num == 0 {
		num = 1
	}
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "•"
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + string(n.Marker)
			num++
		}
		m.w.d.keep(2 * bodyLine)
		m.w.d.marker = &textItem{x: indent, text: marker, st: bodyStyle}
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.TextBlock); ok {
				m.w.d.lines(wrap(m.inline(c, bodyStyle), measure-indent-listIndent), indent+listIndent)
				continue
			}
			m.block(c, indent+listIndent)
		}
		m.w.d.marker = nil
		if n.IsTight {
			continue
		}
		m.w.d.space(paraGap)
	}
	m.w.d.space(paraGap)
}

// inline collects the inline children of n as spans: emphasis as italic, strong as bold,
// code as plain text, links as their text with the address after it, hard breaks kept,
// soft breaks as spaces, raw HTML left out.
func (m *mdWriter) inline(n ast.Node, st style) []span {
	var out []span
	add := func(s string, st style) {
		if s != "" {
			out = append(out, span{text: m.w.clean(s, m.where), st: st})
		}
	}
	var walk func(n ast.Node, st style)
	walk = func(n ast.Node, st style) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Value(m.source)
				if c.IsRaw() {
					add(string(v), st)
				} else {
					add(plain(v), st)
				}
				switch {
				case c.HardLineBreak():
					out = append(out, span{text: "\n", st: st})
				case c.SoftLineBreak():
					add(" ", st)
				}
			case *ast.String:
				add(plain(c.Value), st)
			case *ast.CodeSpan:
				var b strings.Builder
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						b.Write(t.Value(m.source))
					}
				}
				add(b.String(), st)
			case *ast.Emphasis:
				if c.Level >= 2 {
					walk(c, st.bold())
				} else {
					walk(c, st.italic())
				}
			case *ast.Link:
				walk(c, st)
				add(" ("+plain(c.Destination)+")", st)
			case *ast.Image:
				walk(c, st)
				add(" (image: "+plain(c.Destination)+")", st)
			case *ast.AutoLink:
				add(string(c.Label(m.source)), st) // as typed: "www.example.com", not "http://www.example.com"
			case *ast.RawHTML:
				// left out
			default:
				walk(c, st)
			}
		}
	}
	walk(n, st)
	return out
}

// plain resolves Markdown's backslash escapes and HTML character references.
func plain(v []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v))))
}

// mdLeastCol is the narrowest a column of a commentary table is set, mm: a table with
// more columns than the measure holds at this width is set in groups of columns.
const mdLeastCol = 16.0

// table sets a GFM table. A table too wide for the measure is set as several tables of
// consecutive columns, each starting with the first column again.
func (m *mdWriter) table(n *east.Table, indent float64) {
	var rows [][][]span
	var heads []bool
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		_, head := r.(*east.TableHeader)
		st := tableStyle
		if head {
			st = st.bold()
		}
		var cells [][]span
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, m.inline(c, st))
		}
		rows = append(rows, cells)
		heads = append(heads, head)
	}
	if len(rows) == 0 {
		return
	}
	ncols := 0
	for _, r := range rows {
		ncols = max(ncols, len(r))
	}
	avail := measure - indent
	groups := columnGroups(ncols, max(2, int(avail/mdLeastCol)))
	aligns := n.Alignments
	for gi, g := range groups {
		if len(groups) > 1 {
			label := "Columns " + strconv.Itoa(g[1]+1) + "–" + strconv.Itoa(g[len(g)-1]+1) + " of " + strconv.Itoa(ncols) + ", with column 1"
			m.w.d.keep(bodyLine * 4)
			m.w.d.lines(wrap([]span{{text: label, st: smallMuted}}, avail), indent)
		}
		want := make([]float64, len(g))
		for _, r := range rows {
			for j, ci := range g {
				if ci < len(r) {
					for _, l := range wrap(r[ci], 1e6) {
						want[j] = max(want[j], l.width+2*padX+slack)
					}
				}
			}
		}
		widths := autoWidths(want, avail, min(mdLeastCol, avail/float64(len(g))))
		t := &table{}
		for j, ci := range g {
			right := ci < len(aligns) && aligns[ci] == east.AlignRight
			t.cols = append(t.cols, column{w: widths[j], right: right})
		}
		pick := func(r [][]span) []tcell {
			out := make([]tcell, len(g))
			for j, ci := range g {
				if ci < len(r) {
					out[j] = tcell{spans: r[ci]}
				}
			}
			return out
		}
		start := 0
		if heads[0] {
			t.header = pick(rows[0])
			start = 1
		}
		for _, r := range rows[start:] {
			t.rows = append(t.rows, trow{cells: pick(r)})
		}
		m.w.d.indented(indent, func() { m.w.d.table(t, 0) })
		if gi < len(groups)-1 {
			m.w.d.space(3)
		}
	}
}

// columnGroups splits n columns into groups of at most per, each starting with the first
// column (the row's label) and going on with the next columns in order; one group of
// all when they fit.
func columnGroups(n, per int) [][]int {
	if n <= per {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	var groups [][]int
	for from := 1; from < n; from += per - 1 {
		g := []int{0}
		for i := from; i < min(n, from+per-1); i++ {
			g = append(g, i)
		}
		groups = append(groups, g)
	}
	return groups
}
