package input

import (
	"bytes"
	"encoding/csv"
	"fmt"
)

// TemplateCSV returns the blank input as a folder of CSV files, by file name: the same
// sheets, headers and example rows as the workbook template, for teams that keep their
// data in CSV. Engagement lists every field with an empty value; Metrics heads a column
// per KPI, with its unit.
func TemplateCSV() (map[string][]byte, error) {
	files := map[string][][]string{}
	eng := [][]string{{"Field", "Value", "Notes"}}
	for _, f := range engagementFields {
		eng = append(eng, []string{f, "", templateNotes[f]})
	}
	files["engagement.csv"] = eng
	header, example := []string{"Month"}, []string{"e.g. 2025-11"}
	for _, k := range catalog {
		header = append(header, fmt.Sprintf("%s (%s)", k.Name, k.Unit))
		example = append(example, formatNumber(exampleValue(k).(float64)))
	}
	files["metrics.csv"] = [][]string{header, example}
	files["targets.csv"] = [][]string{{"KPI", "Target", "Direction", "Gate", "Weight", "Amber", "Baseline"},
		{"e.g. Sprint predictability", "85", "higher", "yes", "2", "5", ""}}
	files["commentary.csv"] = [][]string{{"Month", "Section", "Text"},
		{"e.g. 2025-11", "summary", "Markdown: **bold**, lists with - item, [links](https://example.com)."}}
	out := map[string][]byte{}
	for name, rows := range files {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.WriteAll(rows); err != nil {
			return nil, fmt.Errorf("writing the template's %s: %w", name, err)
		}
		out[name] = buf.Bytes()
	}
	return out, nil
}
