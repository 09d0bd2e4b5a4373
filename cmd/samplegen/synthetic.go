package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// writeSynthetic writes n synthetic teams into dir, for benchmarks and tests of whole
// runs. Team i tells the story of one of the five sample teams (its KPI lines, gaps,
// one-offs and commentary) with noise of its own, so the decisions vary as the samples'
// do. The inputs cycle through the layouts the reader takes: a wide workbook, a CSV
// folder, and every fifth input a long workbook holding three teams. Same n, same bytes.
func writeSynthetic(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stories := []struct {
		e *engagement
		t *team
	}{
		{&medellin, medellin.teams[0]}, {&saoPaulo, saoPaulo.teams[0]},
		{&andes, andes.teams[0]}, {&andes, andes.teams[1]}, {&andes, andes.teams[2]},
	}
	// synth makes team i: a sample's story under a new name and seed.
	synth := func(i int) (*engagement, *team) {
		s := stories[i%len(stories)]
		t := *s.t
		t.name = fmt.Sprintf("Team %04d %s", i+1, s.t.name)
		t.seed = uint64(1000 + i)
		e := *s.e
		e.teams = []*team{&t}
		return &e, &t
	}
	for i, input := 0, 0; i < n; input++ {
		name := fmt.Sprintf("input-%04d", input+1)
		switch {
		case input%5 == 4 && i+3 <= n:
			e, _ := synth(i)
			long := *e
			long.teams = nil
			for k := 0; k < 3; k++ {
				_, t := synth(i + k)
				long.teams = append(long.teams, t)
			}
			// The long layout shares the engagement: the three teams follow its months.
			long.start, long.months, long.transfer, long.report = andes.start, andes.months, andes.transfer, andes.report
			if err := writeLong(filepath.Join(dir, name+".xlsx"), name, &long, percentCells()); err != nil {
				return err
			}
			i += 3
		case input%2 == 0:
			e, _ := synth(i)
			if err := writeWide(filepath.Join(dir, name+".xlsx"), e); err != nil {
				return err
			}
			i++
		default:
			e, _ := synth(i)
			if err := writeCSVFolder(filepath.Join(dir, name), e); err != nil {
				return err
			}
			i++
		}
	}
	return nil
}

// writeWide writes a single-team engagement as a wide workbook, months as date cells.
func writeWide(path string, e *engagement) error {
	d := e.teams[0].generate(e.start, e.months)
	month := func(t time.Time) any { return t }
	b, err := newBook(e.teams[0].name)
	if err != nil {
		return err
	}
	return b.write(path,
		sheet{"Engagement", e.fields(month), []float64{22, 36}},
		sheet{"Metrics", wideRows(d, func(id string) string { return headers[id] }, month, percentCells()), []float64{11, 15}},
		sheet{"Commentary", commentary(d, month), []float64{11, 14, 90}},
	)
}

// writeCSVFolder writes a single-team engagement as a CSV folder as a script writes it:
// ',' separators, months as 2026-01, plain numbers.
func writeCSVFolder(folder string, e *engagement) error {
	d := e.teams[0].generate(e.start, e.months)
	month := func(t time.Time) any { return t.Format("2006-01") }
	plain := func(id string, v float64, digits int) any { return strconv.FormatFloat(v, 'f', digits, 64) }
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	for _, s := range []sheet{
		{"engagement", e.fields(month), nil},
		{"metrics", wideRows(d, func(id string) string { return id }, month, plain), nil},
		{"commentary", commentary(d, month), nil},
	} {
		if err := writeCSVAs(filepath.Join(folder, s.name+".csv"), s.rows, ',', false); err != nil {
			return err
		}
	}
	return nil
}

// writeLong writes several teams as one long-layout workbook, months as text.
func writeLong(path, title string, e *engagement, value func(id string, v float64, digits int) any) error {
	month := func(t time.Time) any { return t.Format("Jan 2006") }
	metrics := [][]any{{"Month", "Team", "KPI", "Value"}}
	notes := [][]any{{"Month", "Team", "Section", "Text"}}
	for _, t := range e.teams {
		d := t.generate(e.start, e.months)
		for i, m := range d.months {
			for _, id := range d.ids {
				var cell any // an empty Value: the month is missing
				if v := d.vals[id][i]; !math.IsNaN(v) {
					cell = value(id, v, d.digits[id])
				}
				metrics = append(metrics, []any{month(m), t.name, id, cell})
			}
		}
		for _, r := range commentary(d, month)[1:] {
			notes = append(notes, []any{r[0], t.name, r[1], r[2]})
		}
	}
	b, err := newBook(title)
	if err != nil {
		return err
	}
	return b.write(path,
		sheet{"Engagement", e.fields(month), []float64{22, 36}},
		sheet{"Metrics", metrics, []float64{11, 18, 24, 10}},
		sheet{"Commentary", notes, []float64{11, 18, 14, 90}},
	)
}
