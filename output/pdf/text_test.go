package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/phpdave11/gofpdf"
)

func init() {
	if err := loadMetrics(); err != nil {
		panic(err)
	}
}

// TestWidthsAreGofpdfs: text is measured as gofpdf measures it when it sets it, so a
// line wrapped here is never wrapped again by maroto.
func TestWidthsAreGofpdfs(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	for _, fc := range faces {
		f.AddUTF8FontFromBytes(family, string(fc.style), fc.ttf)
	}
	if err := f.Error(); err != nil {
		t.Fatal(err)
	}
	for i, fc := range faces {
		for _, s := range []string{"Medellín São Paulo Bogotá", "≥ 85.0 % ≤ 10.0 % −1.38 pts € 1,654 – □", "W", "iiiii", ""} {
			for _, size := range []float64{7, 8.5, 10, 28} {
				f.SetFont(family, string(fc.style), size)
				want := f.GetStringWidth(s)
				if got := width(s, face(i), size); math.Abs(got-want) > 1e-9 {
					t.Errorf("width(%q, %s, %v) = %v, want gofpdf's %v", s, fc.style, size, got, want)
				}
			}
		}
	}
}

func plainText(ls []line) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('|')
		}
		end := 0.0
		for _, r := range l.runs {
			if r.x > end+1e-6 {
				b.WriteByte(' ') // runs are apart by a space
			}
			b.WriteString(r.text)
			end = r.x + width(r.text, r.st.face, r.st.size)
		}
	}
	return b.String()
}

func TestWrap(t *testing.T) {
	body := style{face: regular, size: 10}
	tests := []struct {
		name  string
		spans []span
		w     float64
		want  string // lines joined by |
	}{
		{"fits", []span{{text: "Proceed with the Transfer.", st: body}}, 100, "Proceed with the Transfer."},
		{"breaks at spaces", []span{{text: "aaa bbb ccc", st: body}}, width("aaa bbb", regular, 10) + slack + 0.1, "aaa bbb|ccc"},
		{"a long word breaks between characters", []span{{text: strings.Repeat("X", 30), st: body}}, width("XXXXXXXXXX", regular, 10) + slack + 0.01, "XXXXXXXXXX|XXXXXXXXXX|XXXXXXXXXX"},
		{"a figure keeps its unit", []span{{text: "projected 6.6 %/yr", st: body}}, width("projected 6.6", regular, 10) + slack + 0.1, "projected|6.6 %/yr"},
		{"a comparison keeps its figure", []span{{text: "target ≥ 85.0 %", st: body}}, width("target ≥ 85", regular, 10) + slack + 0.1, "target|≥ 85.0 %"},
		{"hard break", []span{{text: "one", st: body}, {text: "\n", st: body}, {text: "two", st: body}}, 100, "one|two"},
		{"spaces collapse at a line's start", []span{{text: "  lead", st: body}}, 100, "lead"},
		{"styles join with their space", []span{{text: "a ", st: body}, {text: "bold", st: body.bold()}, {text: " end", st: body}}, 100, "a bold end"},
		{"nothing", nil, 100, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := wrap(tt.spans, tt.w)
			if got := plainText(ls); got != tt.want {
				t.Errorf("wrap = %q, want %q", got, tt.want)
			}
			for _, l := range ls {
				if l.width > tt.w-slack+1e-9 {
					t.Errorf("a line is %.2f mm wide in %.2f mm", l.width, tt.w)
				}
				for _, r := range l.runs {
					if end := r.x + width(r.text, r.st.face, r.st.size); end > l.width+1e-9 {
						t.Errorf("run %q ends at %.2f past the line's width %.2f", r.text, end, l.width)
					}
				}
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		in, want, runes string
	}{
		{"Medellín, São Paulo, Bogotá ≥ ≤ − € –", "Medellín, São Paulo, Bogotá ≥ ≤ − € –", ""},
		{"Launch 🚀 done", "Launch □ done", "U+1F680"},
		{"東京 office", "□□ office", "U+6771, U+4EAC"},
		{"thumbs 👍🏽 up", "thumbs □ up", "U+1F44D"},
		{"family 👨‍👩‍👧 done", "family □□□ done", "U+1F468, U+1F469, U+1F467"},
		{"tab\there", "tab here", ""},
		{"bell\a!", "bell□!", "U+0007"},
		{"bad \xff byte", "bad □ byte", "an invalid UTF-8 byte"},
	}
	for _, tt := range tests {
		c := &cleaner{}
		if got := c.clean(tt.in, "the test"); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
		got := ""
		if len(c.affected) > 0 {
			got = codePoints(c.affected[0].runes)
		}
		if got != tt.runes {
			t.Errorf("clean(%q) noted %q, want %q", tt.in, got, tt.runes)
		}
	}
}

// texts are the runs set on the pages, in order.
func texts(d *doc) []textItem {
	var out []textItem
	for _, blocks := range d.pages {
		for _, b := range blocks {
			for _, bx := range b.boxes {
				for _, it := range bx.items {
					if t, ok := it.(textItem); ok {
						out = append(out, t)
					}
				}
			}
		}
	}
	return out
}

func joined(ts []textItem) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

// TestMarkdown: commentary is set from goldmark's tree: emphasis as faces, links as
// text and address, lists with their markers, tables as tables; no Markdown syntax and
// no HTML on the page.
func TestMarkdown(t *testing.T) {
	wr := &writer{d: newDoc(papers["a4"]), cl: &cleaner{}, images: newImageSet()}
	wr.md("## Delivery\n\nIt is **bold**, *italic*, ***both***, `code` and [the plan](https://example.com/p?a=1&amp;b=2) &amp; more\\*.\n\n"+
		"<div>raw block</div>\n\nInline <span>raw</span> dropped.\n\n1. one\n2. two\n\n- dot\n\n| A | B |\n|---|--:|\n| x | 1 |\n\n> quoted\n\nWas ~~80 %~~, see www.example.com/plan\n", "the test")
	ts := texts(wr.d)
	all := joined(ts)
	for _, want := range []string{"Delivery", "It is", "bold", "italic", "both", "code", "the plan", "(https://example.com/p?a=1&b=2)",
		"& more*.", "Inline", "raw", "dropped.", "1.", "one", "2.", "two", "•", "dot", "A", "B", "x", "1", "quoted", "80 %", "www.example.com/plan"} {
		if !strings.Contains(all, want) {
			t.Errorf("the commentary lost %q: %s", want, all)
		}
	}
	for _, never := range []string{"**", "##", "`", "](", "<div>", "raw block", "<span>", "|", "&amp;", "\\*", "~~", "http://www"} {
		if strings.Contains(all, never) {
			t.Errorf("the commentary shows %q: %s", never, all)
		}
	}
	faceOf := map[string]face{}
	for _, t := range ts {
		faceOf[strings.TrimSpace(t.text)] = t.st.face
	}
	for text, want := range map[string]face{"Delivery": bold, "bold": bold, "italic": italic, "both": boldItalic} {
		if got, ok := faceOf[text]; !ok || got != want {
			t.Errorf("%q set in face %d, want %d", text, got, want)
		}
	}
}

// TestTableAcrossPages: a table longer than a page starts every page it runs onto with
// its header, and no row is split.
func TestTableAcrossPages(t *testing.T) {
	d := newDoc(papers["letter"])
	tb := &table{cols: []column{{w: 90}, {w: 90, right: true}},
		header: []tcell{{spans: []span{{text: "Name", st: tableStyle}}}, {spans: []span{{text: "Value", st: tableStyle}}}}}
	for i := range 200 {
		tb.rows = append(tb.rows, trow{cells: []tcell{{spans: []span{{text: "row " + itoa(i) + " with a name long enough to wrap onto a second line of its cell, sometimes", st: tableStyle}}},
			{spans: []span{{text: itoa(i), st: tableStyle}}}}})
	}
	d.table(tb, 0)
	hdr := tb.headerBlock()
	if len(d.pages) < 3 {
		t.Fatalf("%d pages, want the table across several", len(d.pages))
	}
	rows := 0
	for i, page := range d.pages {
		if len(page) == 0 || page[0].h != hdr.h || joined(blockTexts(page[0])) != "Name Value" {
			t.Errorf("page %d does not start with the header", i+1)
		}
		used := 0.0
		for _, b := range page {
			used += b.h
		}
		if avail := d.g.body() - headerH - footerH; i > 0 && used > avail {
			t.Errorf("page %d holds %.2f mm in %.2f", i+1, used, avail)
		}
		rows += len(page) - 1
	}
	if rows != 200 {
		t.Errorf("%d rows on the pages, want 200, each whole", rows)
	}
}

func blockTexts(b block) []textItem {
	var out []textItem
	for _, bx := range b.boxes {
		for _, it := range bx.items {
			if t, ok := it.(textItem); ok {
				out = append(out, t)
			}
		}
	}
	return out
}

func TestAutoWidths(t *testing.T) {
	for _, want := range [][]float64{{10, 20, 30}, {100, 100, 100}, {5, 300}, {1, 1, 1, 1}} {
		got := autoWidths(want, 180, 16)
		sum := 0.0
		for _, w := range got {
			sum += w
			if w < 16-1e-9 && len(want)*16 <= 180 {
				t.Errorf("autoWidths(%v) = %v: a column under 16 mm", want, got)
			}
			if math.Abs(w*10-math.Round(w*10)) > 1e-6 {
				t.Errorf("autoWidths(%v) = %v: off the 0.1 mm grid", want, got)
			}
		}
		if math.Abs(sum-180) > 1e-6 {
			t.Errorf("autoWidths(%v) = %v, sum %v, want 180", want, got, sum)
		}
	}
}
