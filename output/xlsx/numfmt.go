package xlsx

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Number formats are read off the pack's own labels, so a cell shows its value exactly as
// the pack printed it ("89.5 %", "USD 1,654", "≥ 85.0 %", "−3.6 pts") while it stays a
// number finance can sum, sort and chart. The label gives the decimals and the text
// around the number; the writer adds only the sections Excel needs for a sign.

// figure is a printed figure taken apart: the text before its sign, the sign, the text
// between the sign and the number, the number's decimals and the text after it.
type figure struct {
	before, sign, after string
	decimals            int
	suffix              string
	ok                  bool // the label holds a number
}

// parseFigure takes a pack label apart. The number is the first run of digits that does
// not continue a word (so a currency code with a digit stays text).
func parseFigure(label string) figure {
	start := -1
	var prev rune
	for i, r := range label {
		if r >= '0' && r <= '9' && !unicode.IsLetter(prev) {
			start = i
			break
		}
		prev = r
	}
	if start < 0 {
		return figure{}
	}
	end := start
	for end < len(label) {
		c := label[end]
		switch {
		case c >= '0' && c <= '9':
			end++
			continue
		case (c == ',' || c == '.') && end+1 < len(label) && label[end+1] >= '0' && label[end+1] <= '9':
			end++
			continue
		}
		break
	}
	num := label[start:end]
	fg := figure{suffix: label[end:], ok: true}
	if i := strings.LastIndexByte(num, '.'); i >= 0 {
		fg.decimals = len(num) - i - 1
	}
	prefix := label[:start]
	for _, s := range []string{"−", "+", "-"} {
		if i := strings.LastIndex(prefix, s); i >= 0 {
			fg.before, fg.sign, fg.after = prefix[:i], s, prefix[i+len(s):]
			return fg
		}
	}
	fg.before = prefix
	return fg
}

// digits is the number part of a format with d decimals and thousands separators, as the
// pack prints every number.
func digits(d int) string {
	if d <= 0 {
		return "#,##0"
	}
	return "#,##0." + strings.Repeat("0", d)
}

// literal quotes text for a number format; a double quote is closed, escaped and
// reopened. Empty text stays empty.
func literal(s string) string {
	if s == "" {
		return ""
	}
	return `"` + strings.ReplaceAll(s, `"`, `"\""`) + `"`
}

// valueFormat is the number format that prints a value as label prints it: "89.5 %"
// gives 0.0" %" with a minus sign (U+2212, as the pack writes it) for negatives; a label
// with a plus sign ("+26") keeps the plus for positive values. "" when the label holds no
// number.
func valueFormat(label string) string {
	fg := parseFigure(label)
	if !fg.ok {
		return ""
	}
	plus := ""
	if fg.sign == "+" {
		plus = "+"
	}
	n := digits(fg.decimals)
	return literal(fg.before+plus+fg.after) + n + literal(fg.suffix) + ";" +
		literal(fg.before+"−"+fg.after) + n + literal(fg.suffix) + ";" +
		literal(fg.before+fg.after) + n + literal(fg.suffix)
}

// deltaFormat is the number format of a signed difference as label prints it ("+3.5
// pts", "−USD 437"): a plus for positive values and zero, a minus for negative ones.
func deltaFormat(label string) string {
	fg := parseFigure(label)
	if !fg.ok {
		return ""
	}
	n := digits(fg.decimals)
	pos := literal(fg.before+"+"+fg.after) + n + literal(fg.suffix)
	return pos + ";" + literal(fg.before+"−"+fg.after) + n + literal(fg.suffix) + ";" + pos
}

// plainFormat prints a number with the decimals of label and nothing else: the monthly
// data, whose unit is in the column header.
func plainFormat(label string) string {
	fg := parseFigure(label)
	if !fg.ok {
		return ""
	}
	n := digits(fg.decimals)
	return n + ";" + literal("−") + n + ";" + n
}

// decimalsOf is the number of decimals label prints its number with.
func decimalsOf(label string) int { return parseFigure(label).decimals }

// textWidth is the width of text in Excel's column units (about one digit of the body
// font each), for fitting columns: the longest line counts.
func textWidth(s string) float64 {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, utf8.RuneCountInString(line))
	}
	return float64(w)
}

// textPerDigit is the width of an average character of text in the width of a digit,
// the unit of column widths (Arial: about 6.3 pixels against 7), rounded up a little so
// an estimate errs towards a spare line rather than a clipped one.
const textPerDigit = 0.92

// linesIn estimates how many lines text wraps to in a column width chars wide, for the
// row heights of wrapped text (Excel does not fit a row to merged cells by itself).
func linesIn(s string, width float64) int {
	n := 0
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		lines, used := 1, 0.0
		for _, word := range words {
			w := float64(utf8.RuneCountInString(word)) * textPerDigit
			switch {
			case used == 0:
				used = w
			case used+1+w <= width:
				used += 1 + w
			default:
				lines++
				used = w
			}
			for used > width { // a word longer than the line breaks anywhere
				lines++
				used -= width
			}
		}
		n += lines
	}
	return max(n, 1)
}

// figureValue is the number a pack label prints, with its sign: "−3.6 pts" is −3.6,
// "USD 1,654" is 1654. ok is false when the label holds no number.
func figureValue(label string) (v float64, ok bool) {
	fg := parseFigure(label)
	if !fg.ok {
		return 0, false
	}
	start := len(fg.before) + len(fg.sign) + len(fg.after)
	num := strings.ReplaceAll(label[start:len(label)-len(fg.suffix)], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, false
	}
	if fg.sign == "−" || fg.sign == "-" {
		v = -v
	}
	return v, true
}
