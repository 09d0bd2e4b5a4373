// Package commentary is the Markdown of a pack's commentary, read the same way by every
// format: CommonMark with GitHub's tables, strikethrough and bare links. Each format
// lays the parsed text out in its own way.
package commentary

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Extensions are the syntax commentary may use beyond CommonMark. No task lists: their
// checkboxes would be form fields without labels in the HTML pack.
var Extensions = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.Linkify}

var markdown = goldmark.New(goldmark.WithExtensions(Extensions...))

// Parse parses commentary into its syntax tree; the tree's segments point into source.
func Parse(src string) (doc ast.Node, source []byte) {
	source = []byte(src)
	return markdown.Parser().Parse(text.NewReader(source)), source
}
