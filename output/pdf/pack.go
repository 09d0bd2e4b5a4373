package pdf

import (
	"image"
	"image/color"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/transferpack/transferpack/charts"
	"github.com/transferpack/transferpack/charts/png"
	"github.com/transferpack/transferpack/report"
)

// The house style in print: one family; decision 28 pt, section titles 14 pt, body 10 pt.
var (
	colText  = hexColor(charts.ColorText)
	colMuted = hexColor(charts.ColorMuted)
	colRule  = hexColor(charts.ColorGrid)
)

const (
	bodySize     = 10.0
	smallSize    = 8.0
	tableSize    = 8.0
	titleSize    = 14.0
	subtitleSize = 11.0
	decisionSize = 28.0
	paraGap      = 1.8 // mm after a paragraph
	listIndent   = 5.0 // mm from a bullet to its text
	bodyLine     = bodySize * ptToMM * leading
)

var (
	bodyStyle  = style{face: regular, size: bodySize, color: colText}
	tableStyle = style{face: regular, size: tableSize, color: colText}
	smallMuted = style{face: regular, size: smallSize, color: colMuted}
)

// clean is the text as the font prints it; where names it on the data-quality page.
func (wr *writer) clean(s, where string) string { return wr.cl.clean(s, where) }

// sp is one span of clean text.
func (wr *writer) sp(s, where string, st style) []span {
	return []span{{text: wr.clean(s, where), st: st}}
}

// para sets a paragraph across the measure from indent.
func (wr *writer) para(spans []span, indent float64) {
	wr.d.lines(wrap(spans, measure-indent), indent)
	wr.d.space(paraGap)
}

// title starts a section: 14 pt bold, kept with what follows it.
func (wr *writer) title(s string, follow float64) {
	wr.d.space(7)
	ls := wrap(wr.sp(s, "a section title", style{face: bold, size: titleSize, color: colText}), measure)
	wr.d.keep(linesHeight(ls) + 2 + follow)
	wr.d.lines(ls, 0)
	wr.d.space(2)
}

// subtitle starts a part of a section: 11 pt bold.
func (wr *writer) subtitle(s string) {
	wr.d.space(3)
	ls := wrap(wr.sp(s, "a section title", style{face: bold, size: subtitleSize, color: colText}), measure)
	wr.d.keep(linesHeight(ls) + 1 + 2*bodyLine)
	wr.d.lines(ls, 0)
	wr.d.space(1)
}

// list sets sentences as a bulleted or numbered list.
func (wr *writer) list(items []string, where string, numbered bool) {
	for i, s := range items {
		marker := "•"
		if numbered {
			marker = itoa(i+1) + "."
		}
		wr.d.listItem(marker, bodyStyle, wrap(wr.sp(s, where, bodyStyle), measure-listIndent), 0)
		wr.d.space(1)
	}
	wr.d.space(paraGap - 1)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// statusCell is a KPI's status in a table: its mark and its word in the status colour,
// on the status tint; the word always printed, the colour and shape only repeat it.
func (wr *writer) statusCell(r *report.KPIResult, size float64) tcell {
	m := charts.StatusMark(r.Status)
	tint := hexColor(m.Tint)
	return tcell{
		spans: wr.sp(r.Display.Status, "a status", style{face: bold, size: size, color: hexColor(m.Text)}),
		mark:  wr.mark(m, m.Tint, size*ptToMM*0.85),
		fill:  &tint,
	}
}

// kpi returns the pack's result for an id; nil without one.
func (wr *writer) kpi(id string) *report.KPIResult {
	for i := range wr.p.KPIs {
		if wr.p.KPIs[i].ID == id {
			return &wr.p.KPIs[i]
		}
	}
	return nil
}

// pageOne is the page an executive may read alone: who and when, the decision, the
// headline, the gates, why, and what must hold or be renegotiated.
func (wr *writer) pageOne() {
	p, d := wr.p, wr.d
	if s := joinNonEmpty(" · ", p.Client, p.Partner); s != "" {
		d.lines(wrap(wr.sp(s, "the client and partner", style{face: regular, size: 9, color: colMuted}), measure), 0)
		d.space(1)
	}
	d.lines(wrap(wr.sp(p.Team, "the team name", style{face: bold, size: 20, color: colText}), measure), 0)
	d.space(1.5)
	info := style{face: regular, size: bodySize, color: colMuted}
	if s := joinNonEmpty(" · ", p.Location, labelled("Operate since ", p.Display.OperateStart)); s != "" {
		d.lines(wrap(wr.sp(s, "the location", info), measure), 0)
	}
	when := joinNonEmpty(" · ", labelled("Review of ", p.Display.ReportMonth),
		labelled("Transfer planned ", joinNonEmpty(" ", p.Display.TransferMonth, parenthesised(p.Display.MonthsToTransfer))))
	d.lines(wrap(wr.sp(when, "the dates", info), measure), 0)
	d.space(6)
	wr.banner()
	d.space(4)
	if p.Recommendation.Headline != "" {
		wr.para(wr.sp(p.Recommendation.Headline, "the headline", style{face: bold, size: 13, color: colText}), 0)
	}
	wr.gates()
	if len(p.Recommendation.Rationale) > 0 {
		wr.subtitle("Why")
		wr.list(p.Recommendation.Rationale, "the rationale", true)
	}
	if len(p.Recommendation.Conditions) > 0 {
		wr.subtitle("Conditions of the Transfer")
		wr.list(p.Recommendation.Conditions, "the conditions", false)
	}
	if len(p.Recommendation.Terms) > 0 {
		wr.subtitle("Terms to renegotiate")
		wr.list(p.Recommendation.Terms, "the terms", false)
	}
}

func labelled(label, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	return label + value
}

func parenthesised(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "(" + s + ")"
}

// banner is the decision in large type, in its colour on its tint with its mark, the
// new Transfer month after a delay, and the readiness score on the right.
func (wr *writer) banner() {
	p := wr.p
	m := charts.DecisionMark(p.Recommendation.Decision)
	ink := hexColor(m.Text)
	tint, accent := hexColor(m.Tint), hexColor(m.Fill)
	const (
		accentW = 2.5
		inset   = 5.0
		markW   = 9.0
		scoreW  = 40.0
	)
	boxW := measure - accentW
	spans := wr.sp(p.Display.Decision, "the decision", style{face: bold, size: decisionSize, color: ink})
	if p.Display.NewTransferMonth != "" {
		// the new month stays whole: after the delay on the line, or on the next
		to := wr.sp("→ "+p.Display.NewTransferMonth, "the decision", style{face: regular, size: decisionSize, color: ink})
		to[0].whole = true
		spans = append(spans, span{text: " ", st: spans[0].st}, to[0])
	}
	textX := inset + markW + 4
	ls := wrap(spans, boxW-textX-scoreW-inset)
	scoreSt := style{face: bold, size: 20, color: colText}
	labelSt := style{face: regular, size: 9, color: colMuted}
	score := wr.clean(p.Display.ReadinessScore, "the readiness score")
	scoreH := labelSt.size*ptToMM*leading + scoreSt.size*ptToMM*leading
	h := max(linesHeight(ls), scoreH) + 2*inset
	var items []item
	if pic := wr.mark(m, m.Tint, markW); pic != nil {
		items = append(items, imageItem{x: inset, y: inset + (ls[0].height()-markW)/2, pic: *pic})
	}
	items = append(items, textItems(ls, textX, inset)...)
	if score != "" {
		label := "Readiness"
		right := boxW - inset - slack
		items = append(items,
			textItem{x: right - width(label, labelSt.face, labelSt.size), y: inset, lineSize: labelSt.size, text: label, st: labelSt},
			textItem{x: right - width(score, scoreSt.face, scoreSt.size), y: inset + labelSt.size*ptToMM*leading, lineSize: scoreSt.size, text: score, st: scoreSt})
	}
	b := block{h: h, boxes: []box{
		{x: 0, w: accentW, fill: &accent},
		{x: accentW, w: boxW, fill: &tint, items: items},
	}}
	wr.d.keep(h)
	wr.d.add(b)
}

// gates is page one's table of gates: each with its mark, status word, level, target,
// projection at the Transfer and trend.
func (wr *writer) gates() {
	var gates []*report.KPIResult
	for i := range wr.p.KPIs {
		if wr.p.KPIs[i].Gate {
			gates = append(gates, &wr.p.KPIs[i])
		}
	}
	if len(gates) == 0 {
		return
	}
	t := &table{cols: []column{{w: 47}, {w: 30}, {w: 21, right: true}, {w: 23, right: true}, {w: 23, right: true}, {w: 36}}}
	t.header = wr.heads(tableSize+0.5, "Gate", "Status", "Level", "Target", wr.p.Display.ProjectionHeading, "Trend")
	cell := func(s, where string) tcell {
		return tcell{spans: wr.sp(s, where, style{regular, tableSize + 0.5, colText})}
	}
	for _, r := range gates {
		t.rows = append(t.rows, trow{cells: []tcell{
			{spans: wr.sp(r.Name, "KPI names", style{bold, tableSize + 0.5, colText})},
			wr.statusCell(r, tableSize+0.5),
			cell(r.Display.Level, "a figure"), cell(r.Display.Target, "a figure"), cell(r.Display.Projection, "a figure"),
			cell(r.Display.Slope, "a figure"),
		}})
	}
	wr.subtitle("Gates")
	wr.d.table(t, 0)
	wr.d.space(2)
}

// heads is a header row of bold labels.
func (wr *writer) heads(size float64, labels ...string) []tcell {
	out := make([]tcell, len(labels))
	for i, l := range labels {
		out[i] = tcell{spans: []span{{text: l, st: style{face: bold, size: size, color: colText}}}}
	}
	return out
}

// scorecard is every KPI by category: baseline, level, change, target, trend,
// projection at the Transfer, status and DORA tier, the figures as the pack prints them.
func (wr *writer) scorecard() {
	p := wr.p
	t := &table{cols: []column{{w: 33}, {w: 16, right: true}, {w: 16, right: true}, {w: 17, right: true},
		{w: 17, right: true}, {w: 25}, {w: 17, right: true}, {w: 25}, {w: 14}}}
	t.header = wr.heads(tableSize, "KPI", "Baseline", "Level", "vs baseline", "Target", "Trend", wr.p.Display.ProjectionHeading, "Status", "DORA tier")
	seen := map[string]bool{}
	addKPI := func(r *report.KPIResult) {
		seen[r.ID] = true
		name := wr.sp(r.Name, "KPI names", style{face: regular, size: tableSize, color: colText})
		if r.Gate {
			name[0].st.face = bold
			name = append(name, span{text: "\n", st: tableStyle}, span{text: "Gate", st: style{face: regular, size: 7, color: colMuted}})
		}
		tier := ""
		if r.DORATier != nil {
			tier = r.Display.DORATier
		}
		cell := func(s string) tcell { return tcell{spans: wr.sp(s, "a figure", tableStyle)} }
		t.rows = append(t.rows, trow{cells: []tcell{{spans: name},
			cell(r.Display.Baseline), cell(r.Display.Level), cell(r.Display.VsBaseline), cell(r.Display.Target),
			cell(r.Display.Slope), cell(r.Display.Projection), wr.statusCell(r, tableSize), cell(tier)}})
	}
	for _, s := range p.Sections {
		group := false
		for _, id := range s.KPIs {
			if r := wr.kpi(id); r != nil && !seen[id] {
				if !group {
					t.rows = append(t.rows, trow{group: wr.sp(s.Title, "a section title", style{face: bold, size: 9, color: colMuted})})
					group = true
				}
				addKPI(r)
			}
		}
	}
	for i := range p.KPIs {
		if !seen[p.KPIs[i].ID] {
			addKPI(&p.KPIs[i])
		}
	}
	wr.title("Scorecard", 0)
	note := joinNonEmpty(" · ", labelled("Readiness score ", p.Display.ReadinessScore),
		labelled("figures as of ", p.Display.ReportMonth), labelled(lowerFirst(p.Display.ProjectionHeading)+": projected for ", p.Display.ProjectionMonth))
	wr.d.lines(wrap(wr.sp(note, "the scorecard", smallMuted), measure), 0)
	wr.d.space(2)
	if len(t.rows) == 0 {
		wr.para(wr.sp("No KPI has data.", "the scorecard", smallMuted), 0)
		return
	}
	wr.d.table(t, 0)
}

// changes is what changed since the previous month's analysis.
func (wr *writer) changes() {
	c := wr.p.Changes
	if c == nil {
		wr.title("What changed", bodyLine)
		wr.para([]span{{text: "No earlier month to compare with.", st: smallMuted}}, 0)
		return
	}
	wr.title(joinNonEmpty(" ", "What changed", labelled("since ", c.Since.Label())), 2*bodyLine)
	wr.list(c.Summary, "what changed", false)
}

// Chart cells, mm: two to a row across the measure.
const (
	chartGap = 6.0
	chartW   = (measure - chartGap) / 2
	chartH   = 50.0
)

// prepareCharts draws every chart of the pack once, before the pages are set. The charts
// are drawn and encoded on every CPU at once: each one's bytes depend on its spec alone,
// and the widths that keep the images apart are handed out in spec order, so the PDF is
// the same bytes however the work is shared.
func (wr *writer) prepareCharts() error {
	wr.specs = charts.Specs(wr.p)
	wr.chartPics = map[string]picture{}
	wr.chartErrs = map[string]error{}
	z := png.Size{WidthPt: chartW / ptToMM, HeightPt: chartH / ptToMM, DPI: wr.dpi}
	imgs := make([]*image.RGBA, len(wr.specs))
	errs := make([]error, len(wr.specs))
	eachAtOnce(len(wr.specs), func(i int) { imgs[i], errs[i] = png.Draw(wr.specs[i], z) })
	widths := make([]int, len(wr.specs))
	for i := range wr.specs {
		if errs[i] == nil {
			widths[i] = wr.images.reserve(imgs[i].Bounds().Dx(), wr.images.widths)
		}
	}
	pics := make([]picture, len(wr.specs))
	eachAtOnce(len(wr.specs), func(i int) {
		if errs[i] == nil {
			pics[i], errs[i] = encodePicture(imgs[i], widths[i], color.RGBA{0xff, 0xff, 0xff, 0xff}, wr.dpi)
		}
	})
	for i, s := range wr.specs {
		if errs[i] != nil {
			wr.chartErrs[s.KPI] = errs[i] // the pack is still worth having without one chart
			continue
		}
		wr.chartPics[s.KPI] = pics[i]
	}
	return nil
}

// eachAtOnce calls f(0) … f(n−1) on as many goroutines as there are CPUs to run them.
func eachAtOnce(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// trends are the charts, two to a row, gates first, each with its status, its figures
// and the pack's sentence about its trend.
func (wr *writer) trends() {
	if len(wr.specs) == 0 {
		return
	}
	wr.title("Trends", 70)
	for i := 0; i < len(wr.specs); i += 2 {
		pair := wr.specs[i:min(i+2, len(wr.specs))]
		var heads [][]item
		var sums [][]line
		headH := 0.0
		for _, s := range pair {
			items, h := wr.chartHead(s)
			heads = append(heads, items)
			headH = max(headH, h)
			var summary []line
			if s.Summary != "" {
				summary = wrap(wr.sp(s.Summary, "the trend sentences", style{face: regular, size: 8.5, color: colText}), chartW)
			}
			sums = append(sums, summary)
		}
		b := block{h: headH + chartH + 1.5}
		for j, s := range pair {
			x := float64(j) * (chartW + chartGap)
			items := heads[j]
			if pic, ok := wr.chartPics[s.KPI]; ok {
				items = append(items, imageItem{x: 0, y: headH, pic: pic})
			} else {
				msg := wrap([]span{{text: wr.clean("The chart could not be drawn: "+wr.chartErrs[s.KPI].Error(), "a chart"), st: smallMuted}}, chartW)
				items = append(items, textItems(msg, 0, headH+2)...)
			}
			// a picture widened for the PDF's sake draws past its box into the gap or
			// the margin, in white
			b.boxes = append(b.boxes, box{x: x, w: chartW, items: items})
		}
		// the trend sentences under the charts, each whole in its column so it reads
		// on, kept with its chart; sentences too long for that flow on line by line
		var row block
		for j := range pair {
			if len(sums[j]) > 0 {
				row.h = max(row.h, linesHeight(sums[j]))
				row.boxes = append(row.boxes, box{x: float64(j) * (chartW + chartGap), w: chartW, items: textItems(sums[j], 0, 0)})
			}
		}
		whole := row.h <= wr.d.fullPage()/3
		if whole {
			wr.d.keep(b.h + row.h)
		}
		wr.d.add(b)
		switch {
		case row.h == 0:
		case whole:
			wr.d.add(row)
		default:
			// a sentence too long to stand under its chart: both across the page, in
			// turn, each after its KPI's name
			for _, sp := range pair {
				if sp.Summary == "" {
					continue
				}
				spans := wr.sp(sp.Title+": ", "KPI names", style{face: bold, size: 8.5, color: colText})
				spans = append(spans, wr.sp(sp.Summary, "the trend sentences", style{face: regular, size: 8.5, color: colText})...)
				wr.para(spans, 0)
			}
		}
		wr.d.space(5)
	}
}

// chartHead is what is printed above a chart: the KPI's name, its status with its mark,
// and its level, target and projection at the Transfer.
func (wr *writer) chartHead(s charts.Spec) ([]item, float64) {
	name := wrap(wr.sp(s.Title, "KPI names", style{face: bold, size: 9.5, color: colText}), chartW)
	items := textItems(name, 0, 0)
	y := linesHeight(name)
	m := charts.StatusMark(s.Status)
	stSt := style{face: bold, size: smallSize, color: hexColor(m.Text)}
	status := []span{{text: wr.clean(s.StatusLabel, "a status"), st: stSt}}
	if s.Gate {
		status = append(status, span{text: " · gate", st: style{face: regular, size: smallSize, color: colMuted}})
	}
	x := 0.0
	if pic := wr.mark(m, "#FFFFFF", smallSize*ptToMM*0.85); pic != nil {
		line := smallSize * ptToMM * leading
		items = append(items, imageItem{x: 0, y: y + (line-pic.h)/2, pic: *pic})
		x = pic.w + markGap
	}
	ls := wrap(status, chartW-x)
	items = append(items, textItems(ls, x, y)...)
	y += linesHeight(ls)
	if r := wr.kpi(s.KPI); r != nil {
		figs := joinNonEmpty(" · ", labelled("level ", r.Display.Level), labelled("target ", r.Display.Target),
			labelled(lowerFirst(wr.p.Display.ProjectionHeading)+" ", r.Display.Projection))
		if figs != "" {
			ls := wrap(wr.sp(figs, "a figure", smallMuted), chartW)
			items = append(items, textItems(ls, 0, y)...)
			y += linesHeight(ls)
		}
	}
	return items, y + 1
}

// sections are the category sections: their KPIs and the month's commentary, after the
// summary commentary.
func (wr *writer) sections() {
	p := wr.p
	var summary []string
	for _, c := range p.Commentary {
		if c.Section == report.SectionSummary && strings.TrimSpace(c.Text) != "" {
			summary = append(summary, c.Text)
		}
	}
	if len(summary) > 0 {
		wr.title("Summary", 3*bodyLine)
		for _, text := range summary {
			wr.md(text, "the summary commentary")
		}
	}
	for _, s := range p.Sections {
		t := &table{cols: []column{{w: 62}, {w: 26, right: true}, {w: 28, right: true}, {w: 28, right: true}, {w: 36}}}
		t.header = wr.heads(tableSize, "KPI", "Level", "Target", wr.p.Display.ProjectionHeading, "Status")
		var notes []string
		for _, id := range s.KPIs {
			r := wr.kpi(id)
			if r == nil {
				continue
			}
			cell := func(v string) tcell { return tcell{spans: wr.sp(v, "a figure", tableStyle)} }
			t.rows = append(t.rows, trow{cells: []tcell{{spans: wr.sp(r.Name, "KPI names", tableStyle)},
				cell(r.Display.Level), cell(r.Display.Target), cell(r.Display.Projection), wr.statusCell(r, tableSize)}})
			if r.Benchmark != "" {
				notes = append(notes, r.Name+": "+r.Benchmark)
			}
		}
		wr.title(s.Title, 0)
		if len(t.rows) > 0 {
			wr.d.table(t, 0)
			wr.d.space(2)
		}
		for _, n := range notes {
			wr.para(wr.sp(n, "a benchmark", smallMuted), 0)
		}
		wr.d.space(1)
		if len(s.Commentary) == 0 {
			wr.para([]span{{text: "No commentary this month.", st: smallMuted}}, 0)
		}
		for _, text := range s.Commentary {
			wr.md(text, "the commentary on "+s.Title)
		}
	}
}

// dataQuality lists the pack's data-quality findings, and the texts this PDF printed
// with characters its font lacks.
func (wr *writer) dataQuality() {
	p := wr.p
	wr.title("Data quality", 2*bodyLine)
	var items []string
	for _, n := range p.DataQuality {
		items = append(items, n.Text)
	}
	wr.list(items, "the data-quality findings", false)
	if len(wr.known) > 0 {
		known := append([]affected(nil), wr.known...)
		sort.SliceStable(known, func(i, j int) bool { return known[i].where < known[j].where })
		wr.para([]span{{text: "The PDF's font has no letters for some characters; they are printed as " + replacement +
			" in:", st: bodyStyle}}, 0)
		for _, a := range known {
			wr.d.listItem("•", bodyStyle, wrap([]span{{text: a.where + ": " + codePoints(a.runes), st: bodyStyle}}, measure-listIndent), 0)
			wr.d.space(1)
		}
	}
	if len(items) == 0 && len(wr.known) == 0 {
		wr.para([]span{{text: "No data-quality findings.", st: smallMuted}}, 0)
	}
}

// agenda is the proposed agenda of the monthly review.
func (wr *writer) agenda() {
	a := wr.p.Agenda
	wr.title("Review agenda", 2*bodyLine)
	parts := []struct {
		title string
		items []string
	}{
		{"Gates at risk", a.GatesAtRisk},
		{"Trends to watch", a.TrendsToWatch},
		{"What changed", a.Changes},
		{"Priorities for next month", a.Priorities},
	}
	any := false
	for _, part := range parts {
		if len(part.items) == 0 {
			continue
		}
		any = true
		wr.subtitle(part.title)
		wr.list(part.items, "the review agenda", false)
	}
	if !any {
		wr.para([]span{{text: "Nothing proposed.", st: smallMuted}}, 0)
	}
}

// appendix defines every KPI of the pack and prints its monthly values as the pack
// prints them, and the sources the pack cites.
func (wr *writer) appendix() {
	p := wr.p
	if len(p.KPIs) > 0 {
		wr.d.newPage()
		wr.title("Appendix: definitions", 3*bodyLine)
		for i := range p.KPIs {
			r := &p.KPIs[i]
			spans := wr.sp(r.Name, "KPI names", style{face: bold, size: bodySize, color: colText})
			if r.Definition != "" {
				spans = append(spans, wr.sp(": "+r.Definition, "a definition", bodyStyle)...)
			}
			wr.d.keep(3 * bodyLine)
			wr.d.lines(wrap(spans, measure), 0)
			basis := joinNonEmpty("; ", labelled("baseline: ", r.BaselineSource), labelled("level: ", r.LevelBasis),
				labelled("target: ", joinNonEmpty(" ", r.Display.Target, parenthesised(r.TargetSource))))
			if basis != "" {
				wr.d.lines(wrap(wr.sp(basis, "a definition", smallMuted), measure-listIndent), listIndent)
			}
			if r.DORANote != "" {
				wr.d.lines(wrap(wr.sp("DORA tier: "+r.DORANote, "a definition", smallMuted), measure-listIndent), listIndent)
			}
			wr.d.space(2)
		}
	}
	if len(p.Sources) > 0 {
		wr.subtitle("Sources")
		wr.list(p.Sources, "the sources", false)
	}
	wr.monthlyData()
}

// monthlyData is a table of every KPI's monthly values, as printed, months across; as
// many tables as it takes for the months to keep a readable width.
func (wr *writer) monthlyData() {
	p := wr.p
	var months []report.Month
	seen := map[report.Month]bool{}
	for _, r := range p.KPIs {
		for _, pt := range r.Series {
			if !seen[pt.Month] {
				seen[pt.Month] = true
				months = append(months, pt.Month)
			}
		}
	}
	if len(months) == 0 {
		return
	}
	sort.Slice(months, func(i, j int) bool { return months[i] < months[j] })
	const nameW, leastW = 36.0, 14.4
	per := int((measure - nameW) / leastW)
	groups := (len(months) + per - 1) / per
	per = (len(months) + groups - 1) / groups
	wr.title("Appendix: monthly data", 0)
	wr.d.lines(wrap([]span{{text: "Each KPI's monthly values as entered; attrition as monthly rates.", st: smallMuted}}, measure), 0)
	wr.d.space(2)
	for g := 0; g < groups; g++ {
		ms := months[g*per : min(len(months), (g+1)*per)]
		colW := float64(int((measure-nameW)/float64(len(ms))*10)) / 10
		t := &table{cols: []column{{w: measure - colW*float64(len(ms))}}}
		labels := []string{"KPI"}
		for _, m := range ms {
			t.cols = append(t.cols, column{w: colW, right: true})
			labels = append(labels, m.Short())
		}
		t.header = wr.heads(7.5, labels...)
		st := style{face: regular, size: 7.5, color: colText}
		for _, r := range p.KPIs {
			cells := []tcell{{spans: wr.sp(r.Name, "KPI names", st)}}
			values := map[report.Month]string{}
			for k, pt := range r.Series {
				if k < len(r.Display.Series) {
					values[pt.Month] = r.Display.Series[k]
				}
			}
			for _, m := range ms {
				cells = append(cells, tcell{spans: wr.sp(values[m], "a figure", st)})
			}
			t.rows = append(t.rows, trow{cells: cells})
		}
		wr.d.table(t, 0)
		wr.d.space(4)
	}
}

// lowerFirst lower-cases a heading's first letter, to use it inside a line.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
