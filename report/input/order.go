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

// mergeRepeats folds the findings that say the same thing about cells of one column into
// the first of them, which then names the others (Finding.Also): a column of "n/a" is one
// finding, not one per cell. fs must be sorted.
func mergeRepeats(fs report.Findings) report.Findings {
	type key struct {
		file, sheet, message, team string
		col                        int
		sev                        report.Severity
	}
	first := map[key]*report.Finding{}
	out := fs[:0]
	for _, f := range fs {
		if f.Row == 0 || f.Col == 0 {
			out = append(out, f)
			continue
		}
		k := key{f.File, f.Sheet, f.Message, f.Team, f.Col, f.Severity}
		if kept, ok := first[k]; ok && kept.Assumption == f.Assumption {
			kept.Also = append(kept.Also, f.Row)
			continue
		}
		first[k] = f
		out = append(out, f)
	}
	return out
}
