package charts

import "github.com/transferpack/transferpack/report"

// The house style: one palette and one set of marks for every format. Series colours
// are the Okabe–Ito palette, which holds for the common forms of colour blindness; a
// colour never carries meaning alone: each series also has its own line style, and each
// status its word and shape.
const (
	ColorActual     = "#0072B2" // actuals: solid blue line with points
	ColorProjection = "#56B4E9" // projection: the actuals' blue, lighter and dashed
	ColorTarget     = "#D55E00" // target: vermillion dashed line
	ColorBaseline   = "#6E6E6E" // baseline: grey dotted line
	ColorTransfer   = "#000000" // the Transfer month: thin black vertical line
	ColorWindow     = "#EBEBEB" // the delay window: light grey band
	ColorAmberBand  = "#FBF7D0" // the agreed amber band: pale yellow (#F0E442 at 25 % on white)
	ColorGrid       = "#E3E3E3"
	ColorText       = "#1F1F1F"
	ColorMuted      = "#595959" // secondary text: 7:1 on white
)

// Line widths and sizes, in points for print and pixels for screens.
const (
	LineActual   = 2.0
	LineOther    = 1.5
	LineTransfer = 1.0
	MarkerSize   = 5.0
)

// FontFamily is the house sans family: the embedded Liberation Sans in PDF, the system
// UI stack in HTML.
const FontFamily = `system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif`

// Mark is how a status or decision is shown: its shape and colours. The word is always
// printed; the shape and colour only repeat it.
type Mark struct {
	Shape string // ✓ ▲ ✕ ○
	Fill  string // for badges and chart accents
	Text  string // for the word on white: at least 4.5:1 contrast
	Tint  string // a pale background behind the word
}

// Status marks: met and on track green ✓, at risk and recoverable amber ▲, off track red
// ✕, too little data and no target grey ○.
var (
	markGreen = Mark{Shape: "✓", Fill: "#009E73", Text: "#00664A", Tint: "#E3F4EE"}
	markAmber = Mark{Shape: "▲", Fill: "#E69F00", Text: "#8A4B00", Tint: "#FCF0D9"}
	markRed   = Mark{Shape: "✕", Fill: "#D55E00", Text: "#A63A00", Tint: "#FBE6DA"}
	markGrey  = Mark{Shape: "○", Fill: "#8C8C8C", Text: "#4D4D4D", Tint: "#EFEFEF"}
)

// StatusMark returns the mark of a KPI's status.
func StatusMark(s report.Status) Mark {
	switch s {
	case report.Met, report.OnTrack:
		return markGreen
	case report.AtRisk, report.Recoverable:
		return markAmber
	case report.OffTrack:
		return markRed
	}
	return markGrey
}

// DecisionMark returns the mark of a decision: proceed green, delay amber, renegotiate red.
func DecisionMark(d report.Decision) Mark {
	switch d {
	case report.Proceed:
		return markGreen
	case report.Delay:
		return markAmber
	}
	return markRed
}
