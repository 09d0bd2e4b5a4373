package xlsx

import (
	"strconv"
	"strings"

	"github.com/transferpack/transferpack/output/commentary"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// plainText is commentary's Markdown as a cell shows it: the words without the marks
// (**bold** is bold's text), a paragraph a line, list items as "- item" and numbered
// ones as "1. item", table rows with " | " between cells, links as "text (address)".
// Raw HTML is dropped, as the other packs drop it.
func plainText(src string) string {
	doc, source := commentary.Parse(src)
	var b strings.Builder
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(source))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				walk(c, depth)
			case *ast.AutoLink:
				b.Write(c.Label(source)) // as typed
			case *ast.Link:
				walk(c, depth)
				if dest := string(c.Destination); dest != "" {
					b.WriteString(" (" + dest + ")")
				}
			case *ast.RawHTML, *ast.HTMLBlock:
			case *ast.ListItem:
				newLine(&b)
				b.WriteString(strings.Repeat("  ", depth))
				if l, ok := c.Parent().(*ast.List); ok && l.IsOrdered() {
					b.WriteString(strconv.Itoa(l.Start+index(c)) + ". ")
				} else {
					b.WriteString("- ")
				}
				walk(c, depth+1)
			case *ast.List:
				walk(c, depth)
			case *east.TableRow, *east.TableHeader:
				newLine(&b)
				for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
					if cell != c.FirstChild() {
						b.WriteString(" | ")
					}
					walk(cell, depth)
				}
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.Blockquote, *ast.FencedCodeBlock, *ast.CodeBlock, *east.Table:
				if _, inItem := c.Parent().(*ast.ListItem); !inItem {
					newLine(&b)
				}
				if code, ok := c.(interface{ Lines() *text.Segments }); ok && isCode(c) {
					lines := code.Lines()
					for i := 0; i < lines.Len(); i++ {
						seg := lines.At(i)
						b.Write(seg.Value(source))
					}
					continue
				}
				walk(c, depth)
			default:
				walk(c, depth)
			}
		}
	}
	walk(doc, 0)
	return strings.TrimSpace(b.String())
}

func isCode(n ast.Node) bool {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return true
	}
	return false
}

// newLine starts a new line unless the text is empty or already at one.
func newLine(b *strings.Builder) {
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
}

// index is a list item's position among its siblings, from 0.
func index(n ast.Node) int {
	i := 0
	for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		i++
	}
	return i
}
