package pdf

// column is one column of a table: its width in mm (on 0.1 mm) and whether its figures
// are right-aligned.
type column struct {
	w     float64
	right bool
}

// tcell is a table cell: its text, an optional mark drawn before it and an optional
// background.
type tcell struct {
	spans []span
	mark  *picture
	fill  *rgb
}

// trow is a table row: one cell per column, or a group heading across the table
// (group set, cells nil), kept on the page of the row after it.
type trow struct {
	cells []tcell
	group []span
}

// table is a table laid out row by row: its header is repeated at the top of every page
// it spans, and no row is split across pages; only a row taller than a whole page, which
// only commentary can hold, is split between lines.
type table struct {
	cols   []column
	header []tcell
	rows   []trow
}

// Cell padding, mm.
const (
	padX = 1.5
	padY = 1.2
)

// setCell is a cell's lines and mark, laid out for its column.
type setCell struct {
	lines []line
	mark  *picture
	fill  *rgb
	right bool
	w     float64
}

func (s setCell) height() float64 {
	h := linesHeight(s.lines)
	if s.mark != nil {
		h = max(h, s.mark.h)
	}
	return h
}

// textWidth is the width left for text in a cell of width w with an optional mark.
func textWidth(w float64, mark *picture) float64 {
	w -= 2 * padX
	if mark != nil {
		w -= mark.w + markGap
	}
	return max(w, 1)
}

// markGap is the space between a mark and its word, mm.
const markGap = 1.2

func (t *table) set(cells []tcell) []setCell {
	out := make([]setCell, len(t.cols))
	for i, c := range t.cols {
		sc := setCell{right: c.right, w: c.w}
		if i < len(cells) {
			sc.mark, sc.fill = cells[i].mark, cells[i].fill
			sc.lines = wrap(cells[i].spans, textWidth(c.w, cells[i].mark))
		}
		out[i] = sc
	}
	return out
}

// rowHeight is the height of a row of set cells with its padding.
func rowHeight(cells []setCell) float64 {
	h := 0.0
	for _, c := range cells {
		h = max(h, c.height())
	}
	return h + 2*padY
}

// rowBlock draws set cells as one block of height h, with a rule under it.
func rowBlock(cells []setCell, h float64, rule rgb, weight float64) block {
	b := block{h: h}
	x := 0.0
	for _, c := range cells {
		bx := box{x: x, w: c.w, fill: c.fill}
		tx := padX
		if c.mark != nil {
			lineH := c.mark.h
			if len(c.lines) > 0 {
				lineH = c.lines[0].height()
			}
			bx.items = append(bx.items, imageItem{x: padX, y: padY + max(0, lineH-c.mark.h)/2, pic: *c.mark})
			tx += c.mark.w + markGap
		}
		for i, l := range c.lines {
			lx := tx
			if c.right {
				lx = c.w - padX - slack - l.width
			}
			bx.items = append(bx.items, textItems([]line{l}, lx, padY+linesHeight(c.lines[:i]))...)
		}
		if weight > 0 {
			bx.items = append(bx.items, ruleItem{x: 0, y: h - weight/2, w: c.w, weight: weight, color: rule})
		}
		b.boxes = append(b.boxes, bx)
		x += c.w
	}
	return b
}

func (t *table) width() float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.w
	}
	return w
}

// headerBlock is the table's header row: bold labels over a darker rule.
func (t *table) headerBlock() block {
	cells := t.set(t.header)
	return rowBlock(cells, rowHeight(cells), colText, 0.3)
}

// groupBlock is a group heading across the table.
func (t *table) groupBlock(spans []span) block {
	ls := wrap(spans, t.width()-2*padX)
	h := linesHeight(ls) + 2*padY + 1.5
	b := block{h: h, boxes: []box{{x: 0, w: t.width(), items: textItems(ls, padX, padY+1.5)}}}
	b.boxes[0].items = append(b.boxes[0].items, ruleItem{w: t.width(), y: h, weight: 0.15, color: colRule})
	return b
}

// firstHeight is the height of the header and the first row, which a caller keeps with
// the table's title.
func (t *table) firstHeight() float64 {
	h := 0.0
	if len(t.header) > 0 {
		h = t.headerBlock().h
	}
	for _, r := range t.rows {
		if r.group != nil {
			h += t.groupBlock(r.group).h
			continue
		}
		return h + rowHeight(t.set(r.cells))
	}
	return h
}

// add lays the table out on the pages from the current position.
func (d *doc) table(t *table, lead float64) {
	var hdr block
	if len(t.header) > 0 {
		hdr = t.headerBlock()
	}
	d.keep(lead + t.firstHeight())
	if hdr.h > 0 {
		d.add(hdr)
	}
	for i, r := range t.rows {
		if r.group != nil {
			g := t.groupBlock(r.group)
			next := 0.0
			if i+1 < len(t.rows) && t.rows[i+1].group == nil {
				next = rowHeight(t.set(t.rows[i+1].cells))
			}
			if g.h+next > d.room() {
				d.newPage()
				d.addHeader(hdr)
			}
			d.add(g)
			continue
		}
		cells := t.set(r.cells)
		h := rowHeight(cells)
		if h <= d.fullPage()-hdr.h {
			if h > d.room() {
				d.newPage()
				d.addHeader(hdr)
			}
			d.add(rowBlock(cells, h, colRule, 0.15))
			continue
		}
		d.tallRow(cells, hdr)
	}
}

// addHeader repeats a table's header at the top of a page; a table without one has a
// header of no height.
func (d *doc) addHeader(hdr block) {
	if hdr.h > 0 {
		d.add(hdr)
	}
}

// tallRow splits a row taller than a page between lines, each part under the header.
func (d *doc) tallRow(cells []setCell, hdr block) {
	rest := make([][]line, len(cells))
	for i, c := range cells {
		rest[i] = c.lines
	}
	marked := false
	for {
		left := false
		for _, ls := range rest {
			left = left || len(ls) > 0
		}
		if !left {
			return
		}
		room := d.room() - 2*padY
		part := make([]setCell, len(cells))
		took := false
		for i, c := range cells {
			n, h := 0, 0.0
			for n < len(rest[i]) && h+rest[i][n].height() <= room {
				h += rest[i][n].height()
				n++
			}
			part[i] = c
			part[i].lines, rest[i] = rest[i][:n], rest[i][n:]
			if marked {
				part[i].mark = nil
			}
			took = took || n > 0
		}
		if !took {
			d.newPage()
			d.addHeader(hdr)
			continue
		}
		marked = true
		d.add(rowBlock(part, rowHeight(part), colRule, 0.15))
	}
}

// autoWidths shares total mm among columns in proportion to the width their text wants
// on one line, none narrower than least, all on 0.1 mm, summing to total.
func autoWidths(want []float64, total, least float64) []float64 {
	n := len(want)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	least = min(least, total/float64(n))
	sum := 0.0
	for _, w := range want {
		sum += w
	}
	if sum <= total {
		// everything fits on one line: give the spare room out in proportion
		for i, w := range want {
			out[i] = max(least, w)
		}
	} else {
		// shrink the wide columns first: a column gets its want up to a cap found by
		// bisection so that the columns fill the total
		lo, hi := least, total
		for range 50 {
			capW := (lo + hi) / 2
			s := 0.0
			for _, w := range want {
				s += min(max(w, least), capW)
			}
			if s > total {
				hi = capW
			} else {
				lo = capW
			}
		}
		for i, w := range want {
			out[i] = min(max(w, least), lo)
		}
	}
	s := 0.0
	for _, w := range out {
		s += w
	}
	for i := range out {
		out[i] = float64(int(out[i]*total/s*10)) / 10
	}
	s = 0
	for _, w := range out {
		s += w
	}
	out[n-1] = float64(int((out[n-1]+total-s)*10+0.5)) / 10
	return out
}
