package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A sheet is one worksheet built in memory and then streamed out: excelize's stream
// writer, the one way it stores a formula together with its computed value, needs every
// column width before the first row and the rows in order.
type sheet struct {
	name   string
	rows   [][]excelize.Cell // row r (0-based) is Excel row r+1
	width  []float64         // fitted width per column, in characters
	fixed  map[int]float64   // column (1-based) → a width the layout sets
	height map[int]float64   // row (1-based) → height in points; unset rows are fitted by the viewer
	// wraps are the rows whose text wraps: their height is set from the text and the
	// column widths, as not every viewer fits a row on opening.
	wraps  map[int]bool
	merges [][2]string
	// freeze is the top-left cell of the scrolling pane: "B5" freezes rows 1–4 and
	// column A; "" freezes nothing.
	freeze string
	// titleRows are the rows printed at the top of every page: "$3:$4".
	titleRows string
	table     *excelize.Table
	conds     []cond
	breaks    []int // rows a printed page starts at
	charts    []placedChart
}

// cond is a conditional format over a range.
type cond struct {
	ref  string
	opts []excelize.ConditionalFormatOptions
}

// placedChart is a chart anchored at a cell.
type placedChart struct {
	cell  string
	chart *excelize.Chart
}

func newSheet(name string) *sheet {
	return &sheet{name: name, fixed: map[int]float64{}, height: map[int]float64{}, wraps: map[int]bool{}}
}

// put sets the cell at column col and row row (1-based) and fits the column to shown,
// the text the cell displays.
func (s *sheet) put(col, row int, c excelize.Cell, shown string) {
	for len(s.rows) < row {
		s.rows = append(s.rows, nil)
	}
	r := s.rows[row-1]
	for len(r) < col {
		r = append(r, excelize.Cell{})
	}
	r[col-1] = c
	s.rows[row-1] = r
	for len(s.width) < col {
		s.width = append(s.width, 0)
	}
	s.width[col-1] = max(s.width[col-1], textWidth(shown))
}

// text puts a string cell: input text stays text, whatever it starts with.
func (s *sheet) text(col, row int, v string, style int) {
	s.put(col, row, excelize.Cell{StyleID: style, Value: v}, v)
}

// number puts a number cell; shown is how it displays.
func (s *sheet) number(col, row int, v float64, style int, shown string) {
	s.put(col, row, excelize.Cell{StyleID: style, Value: v}, shown)
}

// formula puts a formula with the value transferpack computed for it, so a viewer that
// does not recalculate still shows the figure.
func (s *sheet) formula(col, row int, f string, v float64, style int, shown string) {
	s.put(col, row, excelize.Cell{StyleID: style, Formula: f, Value: v}, shown)
}

// headers puts a row of column headers. Headers wrap, so only their longest word
// widens a column.
func (s *sheet) headers(row int, names []string, style int) {
	for i, h := range names {
		longest := ""
		for _, w := range strings.Fields(h) {
			if len([]rune(w)) > len([]rune(longest)) {
				longest = w
			}
		}
		s.put(i+1, row, excelize.Cell{StyleID: style, Value: h}, longest)
	}
	s.wraps[row] = true
}

// restyle changes the style of the cells of a row in the given columns.
func (s *sheet) restyle(row, style int, cols ...int) {
	for _, c := range cols {
		if row <= len(s.rows) && c <= len(s.rows[row-1]) {
			s.rows[row-1][c-1].StyleID = style
		}
	}
}

// long puts text that wraps across the columns from..to, merged, and sets the row's
// height for it.
func (s *sheet) long(from, to, row int, v string, style int) {
	s.put(from, row, excelize.Cell{StyleID: style, Value: v}, "")
	if to > from {
		s.merge(from, row, to, row)
	}
	w := 0.0
	for c := from; c <= to; c++ {
		w += s.widthOf(c)
	}
	s.height[row] = max(s.height[row], lineHeight*float64(linesIn(v, w-1))+3)
}

// fitWrapped sets the height of the rows marked as wrapping from their text and the
// columns' widths. Merged cells are left to long.
func (s *sheet) fitWrapped() {
	for row := range s.wraps {
		if _, set := s.height[row]; set || row > len(s.rows) {
			continue
		}
		lines := 1
		for col, c := range s.rows[row-1] {
			if v, ok := c.Value.(string); ok {
				lines = max(lines, linesIn(v, s.widthOf(col+1)-1))
			}
		}
		if lines > 1 {
			s.height[row] = lineHeight*float64(lines) + 3
		}
	}
}

// lineHeight is the height of a line of body text, in points.
const lineHeight = 12.5

// merge joins the cells from..to (inclusive, 1-based).
func (s *sheet) merge(fromCol, fromRow, toCol, toRow int) {
	s.merges = append(s.merges, [2]string{cell(fromCol, fromRow), cell(toCol, toRow)})
}

// rowsTo makes the sheet at least n rows long, so rows without cells still get their
// heights.
func (s *sheet) rowsTo(n int) {
	for len(s.rows) < n {
		s.rows = append(s.rows, nil)
	}
}

// lastRow is the last row with a cell.
func (s *sheet) lastRow() int { return len(s.rows) }

// cell names a cell: cell(2, 5) is "B5".
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName names a column: colName(2) is "B".
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// ref is an absolute reference to a cell of a sheet, for formulas and charts:
// ref("Chart data", 2, 5) is 'Chart data'!$B$5.
func ref(sheetName string, col, row int) string {
	return sheetRef(sheetName) + "!$" + colName(col) + "$" + fmt.Sprint(row)
}

// rangeRef is an absolute reference to a column's rows from..to of a sheet.
func rangeRef(sheetName string, col, from, to int) string {
	c := colName(col)
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", sheetRef(sheetName), c, from, c, to)
}

// sheetRef is a sheet's name as formulas write it, quoted when it holds more than
// letters and digits.
func sheetRef(name string) string {
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// Column widths: fitted to the longest shown text plus padding, within bounds so a long
// sentence wraps instead of widening the sheet past a printed page.
const (
	minWidth = 6
	maxWidth = 60
	padding  = 2
)

// widthOf is the width column col (1-based) gets.
func (s *sheet) widthOf(col int) float64 {
	if w, ok := s.fixed[col]; ok {
		return w
	}
	w := 0.0
	if col <= len(s.width) {
		w = s.width[col-1]
	}
	return min(max(w+padding, minWidth), maxWidth)
}
