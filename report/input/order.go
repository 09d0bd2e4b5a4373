package input

import (
	"sort"

	"github.com/transferpack/transferpack/report"
)

// sortFindings orders findings by file, sheet order, row, column, so output is stable
// and reads top to bottom like the workbook.
func sortFindings(fs report.Findings) {
	order := map[string]int{"": 0, "Engagement": 1, "Metrics": 2, "Targets": 3, "Commentary": 4}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if order[a.Sheet] != order[b.Sheet] {
			return order[a.Sheet] < order[b.Sheet]
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Col < b.Col
	})
}
