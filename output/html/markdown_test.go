package html

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		top      int
		want     string // a fragment of the HTML
		not      string // must not appear; "" for no check
	}{
		{"inline HTML is shown as typed", "a <b onclick=\"x()\">bold</b> word", 3, "a &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; word", "<b"},
		{"an HTML block is shown as typed", "<script>alert(1)</script>", 3, `<p class="typed">&lt;script&gt;alert(1)&lt;/script&gt;`, "<script"},
		{"a comment is shown as typed", "<!-- hidden -->", 3, "&lt;!-- hidden --&gt;", "<!--"},
		{"a javascript: link is text", "[click](javascript:alert(1))", 3, "click (javascript:alert(1))", "<a"},
		{"in any case", "[click](JavaScript:alert(1))", 3, "click (JavaScript:alert(1))", "<a"},
		{"a data: link is text", "[x](data:text/html;base64,PHNjcmlwdD4=)", 3, "x (data:text/html;base64,PHNjcmlwdD4=)", "<a"},
		{"a path is text", "[x](../../etc/passwd)", 3, "x (../../etc/passwd)", "<a"},
		{"a javascript: autolink is text", "<javascript:alert(1)>", 3, "javascript:alert(1)", "<a"},
		{"a web link is a link", "[site](https://example.com/a?b=1)", 3, `<a href="https://example.com/a?b=1">site</a>`, ""},
		{"a bare web address is a link", "see https://example.com now", 3, `<a href="https://example.com">https://example.com</a>`, ""},
		{"a mail address is a link", "<team@example.com>", 3, `<a href="mailto:team@example.com">team@example.com</a>`, ""},
		{"a place in the pack is a link", "[chart](#chart-predictability)", 3, `<a href="#chart-predictability">chart</a>`, ""},
		{"an image is its description and address", "![pixel](https://example.com/p.png)", 3, "pixel (https://example.com/p.png)", "<img"},
		{"headings continue the outline", "# Top\n\n## Next", 4, "<h4>Top</h4>\n<h5>Next</h5>", "<h1"},
		{"headings stop at h6", "### Deep", 5, "<h6>Deep</h6>", "<h7"},
		{"GFM tables", "| KPI | Note |\n|---|---|\n| a | b |", 3, "<th>KPI</th>", ""},
		{"no task-list checkboxes", "- [ ] open\n- [x] done", 3, "[ ] open", "<input"},
		{"template braces are text", "{{.Pack.Team}}", 3, "{{.Pack.Team}}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := markdown(tt.in, tt.top)
			got := string(h)
			if err != nil || !strings.Contains(got, tt.want) || (tt.not != "" && strings.Contains(got, tt.not)) {
				t.Errorf("markdown(%q) = %q, %v; want it to hold %q and not %q", tt.in, got, err, tt.want, tt.not)
			}
		})
	}
}
