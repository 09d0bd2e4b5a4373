package html

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"github.com/transferpack/transferpack/output/commentary"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// commentaryHTML renders the account manager's Markdown (GFM tables, strikethrough and
// bare links too) as HTML that carries only what Markdown means. Whatever else the text
// holds is shown as typed, never passed on: raw HTML appears as its source text, a link
// to anything but http, https, mailto or a place in the pack appears as its text and its
// destination, and an image appears as its description and address, since loading it
// would reach the network when the pack is opened. Headings start at level top, so
// they continue the pack's outline instead of breaking it.
var commentaryHTML = goldmark.New(
	goldmark.WithExtensions(commentary.Extensions...), // for their renderers
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(typedAsText{}, 100))),
)

func markdown(src string, top int) (template.HTML, error) {
	doc, source := commentary.Parse(src)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(6, h.Level+top-1)
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := commentaryHTML.Renderer().Render(&buf, source, doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // goldmark escapes text; typedAsText keeps the rest out
}

// typedAsText renders the Markdown nodes that could carry script, markup or a request
// as the text that was typed. It takes priority over goldmark's own renderers.
type typedAsText struct{}

func (typedAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, rawHTML)
	reg.Register(ast.KindHTMLBlock, htmlBlock)
	reg.Register(ast.KindLink, link)
	reg.Register(ast.KindAutoLink, autoLink)
	reg.Register(ast.KindImage, image)
}

func rawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
		}
	}
	return ast.WalkSkipChildren, nil
}

func htmlBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	_, _ = w.WriteString(`<p class="typed">`)
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
	}
	if n.HasClosure() {
		_, _ = w.Write(util.EscapeHTML(n.ClosureLine.Value(source)))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	ok := linkable(n.Destination)
	switch {
	case entering && ok:
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
		_ = w.WriteByte('"')
		if n.Title != nil {
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML(n.Title))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	case ok:
		_, _ = w.WriteString("</a>")
	case !entering:
		_, _ = w.WriteString(" (")
		_, _ = w.Write(util.EscapeHTML(n.Destination))
		_ = w.WriteByte(')')
	}
	return ast.WalkContinue, nil
}

func autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest, label := n.URL(source), n.Label(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(dest), []byte("mailto:")) {
		dest = append([]byte("mailto:"), dest...)
	}
	if !linkable(dest) {
		_, _ = w.Write(util.EscapeHTML(label))
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, false)))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Image)
	if !entering {
		_, _ = w.WriteString(" (")
		_, _ = w.Write(util.EscapeHTML(n.Destination))
		_ = w.WriteByte(')')
	}
	return ast.WalkContinue, nil // the description renders as text
}

// linkable reports whether a link may be followed from a pack: a web or mail address,
// or a place in the pack itself. Anything else (javascript:, data:, file:, a path) stays
// text.
func linkable(dest []byte) bool {
	s := strings.TrimSpace(string(dest))
	if strings.HasPrefix(s, "#") {
		return true
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return true
	}
	return false
}
