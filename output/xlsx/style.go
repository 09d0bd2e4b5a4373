package xlsx

import (
	"github.com/xuri/excelize/v2"

	"github.com/transferpack/transferpack/charts"
)

// fontFamily is the house sans family as spreadsheets know it: Arial, which LibreOffice
// draws with the metric-compatible Liberation Sans.
const fontFamily = "Arial"

// style is a cell's look; equal styles share one excelize style id.
type style struct {
	bold, italic, wrap bool
	size               float64 // points; 0 is the body size
	color              string  // font colour; "" is the body colour
	fill               string  // background; "" is none
	numFmt             string  // "" is General
	align              string  // horizontal alignment; "" is the default for the value
	indent             int     // in steps of about one character
	rule               bool    // a rule under the cell: column headers
}

// The looks the sheets use.
var (
	body    = style{}
	centred = style{align: "center"}
	left    = style{align: "left"}
	// statusWord sets a status apart from the right-aligned figure before it.
	statusWord = style{align: "left", indent: 1}
	wrapped    = style{wrap: true}
	title      = style{bold: true, size: 14}
	subtitle   = style{color: charts.ColorMuted}
	header     = style{bold: true, wrap: true, rule: true, fill: "#F2F2F2"}
	// numHeader heads a column of numbers, aligned with them.
	numHeader     = style{bold: true, wrap: true, rule: true, fill: "#F2F2F2", align: "right"}
	centredHeader = style{bold: true, wrap: true, rule: true, fill: "#F2F2F2", align: "center"}
	statusHeader  = style{bold: true, wrap: true, rule: true, fill: "#F2F2F2", align: "left", indent: 1}
	group         = style{bold: true, color: charts.ColorMuted, align: "center"}
	label         = style{bold: true}
	note          = style{italic: true, color: charts.ColorMuted, wrap: true}
	dateFmt       = style{numFmt: "mmm yyyy", align: "left"}
)

// with returns the style with a number format.
func (s style) with(numFmt string) style { s.numFmt = numFmt; return s }

// id returns the excelize style id of s, creating it on first use.
func (b *book) id(s style) int {
	if id, ok := b.styles[s]; ok {
		return id
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Bold: s.bold, Italic: s.italic, Size: s.size, Color: s.color, Family: fontFamily},
		Alignment: &excelize.Alignment{WrapText: s.wrap, Vertical: "top", Horizontal: s.align, Indent: s.indent},
	}
	if st.Font.Size == 0 {
		st.Font.Size = 10
	}
	if st.Font.Color == "" {
		st.Font.Color = charts.ColorText
	}
	if s.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.fill}}
	}
	if s.numFmt != "" {
		st.CustomNumFmt = ptr(s.numFmt)
	}
	if s.rule {
		st.Border = []excelize.Border{{Type: "bottom", Color: "#8C8C8C", Style: 1}}
	}
	id, err := b.f.NewStyle(st)
	if err != nil && b.err == nil {
		b.err = err
	}
	b.styles[s] = id
	return id
}

// markStyle is the look of a status or decision word: its mark's text colour on its
// tint, bold.
func markStyle(m charts.Mark) style {
	return style{bold: true, color: m.Text, fill: m.Tint}
}

// statusRules are conditional formats that colour a status word: green, amber, red or
// grey, as charts.StatusMark says, for every status label the pack prints. The word is
// the pack's; the colour only repeats it.
func (b *book) statusRules() []excelize.ConditionalFormatOptions {
	var rules []excelize.ConditionalFormatOptions
	seen := map[string]bool{}
	for _, r := range b.p.KPIs {
		w := r.Display.Status
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		m := charts.StatusMark(r.Status)
		id, err := b.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Bold: true, Color: m.Text},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{m.Tint}},
		})
		if err != nil && b.err == nil {
			b.err = err
		}
		rules = append(rules, excelize.ConditionalFormatOptions{
			Type: "cell", Criteria: "==", Value: formulaString(w), Format: ptr(id),
		})
	}
	return rules
}

// formulaString is text as a formula's string constant: "Met" with quotes doubled.
func formulaString(s string) string {
	out := []rune{'"'}
	for _, r := range s {
		if r == '"' {
			out = append(out, '"')
		}
		out = append(out, r)
	}
	return string(append(out, '"'))
}
