package pdf

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// family is the name the embedded Liberation Sans faces are registered under.
const family = "LiberationSans"

// face is one of the four faces of the family.
type face uint8

const (
	regular face = iota
	bold
	italic
	boldItalic
)

var faces = [...]struct {
	style fontstyle.Type
	ttf   []byte
}{
	regular:    {fontstyle.Normal, liberationsansregular.TTF},
	bold:       {fontstyle.Bold, liberationsansbold.TTF},
	italic:     {fontstyle.Italic, liberationsansitalic.TTF},
	boldItalic: {fontstyle.BoldItalic, liberationsansbolditalic.TTF},
}

// customFonts are the faces a document uses as maroto takes them: the TrueType bytes,
// embedded (as subsets of the glyphs used). Regular is always there, maroto's default.
// Loading and subsetting a face takes a few milliseconds, so a pack without italic text
// does not carry the italic faces.
func customFonts(used [len(faces)]bool) []*entity.CustomFont {
	var out []*entity.CustomFont
	for i, f := range faces {
		if used[i] || face(i) == regular {
			out = append(out, &entity.CustomFont{Family: family, Style: f.style, Bytes: f.ttf})
		}
	}
	return out
}

// metrics are a face's advance widths in thousandths of an em, rounded as gofpdf rounds
// them, so a width measured here is the width gofpdf lays out; 0 for a rune the face has
// no glyph for. Only the Basic Multilingual Plane: gofpdf keeps no widths beyond it.
type metrics [0x10000]uint16

var (
	metricsOnce sync.Once
	faceMetrics [len(faces)]*metrics
	metricsErr  error
)

// loadMetrics reads the four faces once per process.
func loadMetrics() error {
	metricsOnce.Do(func() {
		for i, f := range faces {
			m, err := readMetrics(f.ttf)
			if err != nil {
				metricsErr = fmt.Errorf("pdf: read Liberation Sans %s: %w", f.style, err)
				return
			}
			faceMetrics[i] = m
		}
	})
	return metricsErr
}

func readMetrics(ttf []byte) (*metrics, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	upem := f.UnitsPerEm()
	scale := 1000 / float64(upem)
	m := new(metrics)
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue // surrogates are not characters
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, g, fixed.I(int(upem)), font.HintingNone)
		if err != nil {
			continue
		}
		w := int(math.Round(scale * float64(adv) / 64))
		if w == 0 {
			w = 1 // a glyph of no width (a combining mark) is still a glyph
		}
		m[r] = uint16(w)
	}
	return m, nil
}

// has reports whether every face has a glyph for r, so that text prints the same in any
// face it is set in.
func has(r rune) bool {
	if r < 0x20 || r >= 0x10000 {
		return false
	}
	for _, m := range faceMetrics {
		if m[r] == 0 {
			return false
		}
	}
	return true
}

// ptToMM converts points (1/72 in) to millimetres, the PDF's user unit here.
const ptToMM = 25.4 / 72

// width is the width in millimetres of s set in face f at size points; s must be clean.
func width(s string, f face, size float64) float64 {
	m := faceMetrics[f]
	var units int
	for _, r := range s {
		if r < 0x10000 {
			units += int(m[r])
		}
	}
	return float64(units) * size * ptToMM / 1000
}

// replacement is what a character the font lacks prints as: a white square, which the
// font has, so the reader sees that something was there.
const replacement = "□"

// cleaner makes text printable in the embedded font and remembers what it changed, for
// the data-quality page.
type cleaner struct {
	affected []affected
}

// affected is one text with characters the font lacks: where it is printed and which
// characters were replaced.
type affected struct {
	where string
	runes []rune
}

// clean returns s with every character the font lacks replaced by a white square:
// letters and symbols of other scripts, emoji, control characters. Joiners, variation
// selectors and skin-tone modifiers that only shape a replaced character go with it.
// Tabs become spaces; line breaks are for the caller to split on before. where names the
// text for the data-quality page.
func (c *cleaner) clean(s, where string) string {
	ok := true
	for _, r := range s {
		if !has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	var missing []rune
	replaced := false // the last character written was a replacement
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		switch {
		case r == '\t':
			b.WriteByte(' ')
			replaced = false
		case r == utf8.RuneError && n <= 1:
			b.WriteString(replacement)
			missing = append(missing, utf8.RuneError)
			replaced = true
		case replaced && shapesPrevious(r):
			// part of the character just replaced
		case has(r):
			b.WriteRune(r)
			replaced = false
		default:
			b.WriteString(replacement)
			missing = append(missing, r)
			replaced = true
		}
	}
	if len(missing) > 0 {
		c.note(where, missing)
	}
	return b.String()
}

// shapesPrevious reports whether r only modifies the character before it: a zero-width
// joiner, a variation selector, a skin-tone modifier, a combining mark, a tag character.
func shapesPrevious(r rune) bool {
	return r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF) ||
		(r >= 0xE0020 && r <= 0xE007F) || (r >= 0xE0100 && r <= 0xE01EF) || unicode.Is(unicode.Mn, r)
}

func (c *cleaner) note(where string, rs []rune) {
	for i := range c.affected {
		if c.affected[i].where == where {
			c.affected[i].runes = appendNew(c.affected[i].runes, rs)
			return
		}
	}
	c.affected = append(c.affected, affected{where: where, runes: appendNew(nil, rs)})
}

func appendNew(to, rs []rune) []rune {
outer:
	for _, r := range rs {
		for _, have := range to {
			if have == r {
				continue outer
			}
		}
		to = append(to, r)
	}
	return to
}

// codePoints names characters as the data-quality page lists them: "U+1F680, U+6771".
func codePoints(rs []rune) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		if r == utf8.RuneError {
			parts[i] = "an invalid UTF-8 byte"
			continue
		}
		parts[i] = fmt.Sprintf("U+%04X", r)
	}
	return strings.Join(parts, ", ")
}

// style is how a run of text is set.
type style struct {
	face  face
	size  float64 // points
	color rgb
}

func (s style) bold() style {
	switch s.face {
	case italic, boldItalic:
		s.face = boldItalic
	default:
		s.face = bold
	}
	return s
}

func (s style) italic() style {
	switch s.face {
	case bold, boldItalic:
		s.face = boldItalic
	default:
		s.face = italic
	}
	return s
}

// span is text in one style, clean; a paragraph is a list of spans. A whole span is
// set on one line, moved to the next as a unit when it does not fit.
type span struct {
	text  string
	st    style
	whole bool
}

// run is a span placed on a line: x is its left edge from the line's start, in mm.
type run struct {
	x    float64
	text string
	st   style
}

// line is one line of set text; width is where its last run ends.
type line struct {
	runs  []run
	width float64
	size  float64 // the largest type size on the line, points
}

// leading is the line height as a multiple of the type size.
const leading = 1.3

// height is the line's height in mm.
func (l line) height() float64 { return l.size * ptToMM * leading }

// slack is how much narrower than its box a line is set, in mm, so that rounding in the
// PDF library never finds a line too wide and wraps it a second time.
const slack = 0.3

// wrap sets spans into lines no wider than w mm. Lines break at spaces and at a span
// holding "\n" (a hard break); a word wider than a line breaks between characters, so
// nothing overflows its box. No spans make one empty line.
func wrap(spans []span, w float64) []line {
	w -= slack
	var lines []line
	var cur line
	space, spaceSt := 0.0, style{} // a space owed before the next word on this line
	flush := func() {
		lines = append(lines, cur)
		cur, space = line{}, 0
	}
	place := func(text string, st style, wd float64) {
		if n := len(cur.runs); n > 0 && cur.runs[n-1].st == st && (space == 0 || spaceSt == st) {
			if space > 0 {
				cur.runs[n-1].text += " "
			}
			cur.runs[n-1].text += text
		} else {
			cur.runs = append(cur.runs, run{x: cur.width + space, text: text, st: st})
		}
		cur.width += space + wd
		cur.size = max(cur.size, st.size)
		space = 0
	}
	for _, sp := range spans {
		cur.size = max(cur.size, sp.st.size)
		if sp.text == "\n" {
			flush()
			cur.size = sp.st.size
			continue
		}
		var set func(tok token)
		set = func(tok token) {
			if tok.space && len(cur.runs) > 0 {
				space, spaceSt = width(" ", sp.st.face, sp.st.size), sp.st
			}
			if tok.text == "" {
				return
			}
			wd := width(tok.text, sp.st.face, sp.st.size)
			if wd > w && strings.Contains(tok.text, " ") {
				// words kept together that are wider than a line after all: word by word
				for i, word := range strings.Split(tok.text, " ") {
					set(token{text: word, space: i > 0 || tok.space})
				}
				return
			}
			if len(cur.runs) > 0 && cur.width+space+wd > w {
				flush()
			}
			word := tok.text
			for wd > w { // longer than a line: what fits, then the rest on the next
				cut := fit(word, sp.st, w)
				if cut == 0 {
					_, cut = utf8.DecodeRuneInString(word) // a box narrower than one character
				}
				place(word[:cut], sp.st, width(word[:cut], sp.st.face, sp.st.size))
				flush()
				word = word[cut:]
				wd = width(word, sp.st.face, sp.st.size)
			}
			if word != "" {
				place(word, sp.st, wd)
			}
		}
		if sp.whole {
			set(token{text: sp.text})
			continue
		}
		for _, tok := range tokens(sp.text) {
			set(tok)
		}
	}
	if len(cur.runs) > 0 || len(lines) == 0 {
		if cur.size == 0 {
			cur.size = bodySize
		}
		lines = append(lines, cur)
	}
	return lines
}

// token is a word to set, or words that stay on one line: a figure with its unit
// ("6.6 %/yr") or a comparison with its figure ("≥ 85.0"). space says whether a space
// comes before it.
type token struct {
	text  string
	space bool
}

// tokens splits text at spaces into tokens, keeping together a word with a following
// word that starts with "%", and a comparison or sign with the word after it.
func tokens(text string) []token {
	var out []token
	space := false
	for len(text) > 0 {
		if text[0] == ' ' {
			space = true
			text = text[1:]
			continue
		}
		end := strings.IndexByte(text, ' ')
		if end < 0 {
			end = len(text)
		}
		word := text[:end]
		text = text[end:]
		if n := len(out); n > 0 && space && (strings.HasPrefix(word, "%") || glues(out[n-1].text)) {
			out[n-1].text += " " + word
		} else {
			out = append(out, token{text: word, space: space})
		}
		space = false
	}
	if space {
		out = append(out, token{space: true})
	}
	return out
}

// glues reports whether a word ends in a comparison or sign that belongs with the word
// after it.
func glues(word string) bool {
	switch {
	case strings.HasSuffix(word, "≥"), strings.HasSuffix(word, "≤"), strings.HasSuffix(word, "<"),
		strings.HasSuffix(word, ">"), strings.HasSuffix(word, "="), strings.HasSuffix(word, "→"):
		return true
	}
	return false
}

// fit is how many bytes of word fit in w mm, at a character boundary.
func fit(word string, st style, w float64) int {
	m := faceMetrics[st.face]
	units := 0
	limit := w * 1000 / (st.size * ptToMM)
	for i, r := range word {
		if r < 0x10000 {
			units += int(m[r])
		}
		if float64(units) > limit {
			return i
		}
	}
	return len(word)
}
