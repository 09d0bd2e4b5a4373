package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// framework is the agreed KPI framework as the pack applied it: each KPI's definition,
// unit, direction, target and where it comes from, gate, weight, amber band, how its
// baseline and level are taken and what it is benchmarked against; then the benchmark
// sources and how each column of the Scorecard is computed.
func (b *book) framework() *sheet {
	p := b.p
	s := newSheet(sheetFramework)
	b.heading(s, sheetFramework)
	s.headers(rowHeader, []string{"KPI", "Category", "Definition", "Unit", "Direction", "Target", "Target from",
		"Gate", "Weight", "Amber band from", "Amber band to", "Baseline", "Level", "Benchmark"}, b.id(header))
	row := rowFirst
	for i := range p.KPIs {
		r := &p.KPIs[i]
		d := r.Display
		s.text(1, row, r.Name, b.id(body))
		s.text(2, row, r.Category.Title(), b.id(body))
		s.text(3, row, r.Definition, b.id(wrapped))
		unit := d.Unit
		if unit == "" {
			unit = r.Unit
		}
		s.text(4, row, unit, b.id(body))
		s.text(5, row, string(r.Direction), b.id(body))
		if r.Target != nil {
			s.number(6, row, *r.Target, b.id(body.with(valueFormat(d.Target))), d.Target)
			s.text(7, row, r.TargetSource, b.id(body))
		}
		if r.Gate {
			s.text(8, row, "Gate", b.id(body))
		}
		s.number(9, row, r.Weight, b.id(body), fmt.Sprint(r.Weight))
		if r.Chart.AmberLow != nil && r.Chart.AmberHigh != nil {
			f := plainFormat(d.Target)
			s.number(10, row, *r.Chart.AmberLow, b.id(body.with(f)), d.Target)
			s.number(11, row, *r.Chart.AmberHigh, b.id(body.with(f)), d.Target)
		}
		s.text(12, row, r.BaselineSource, b.id(wrapped))
		s.text(13, row, r.LevelBasis, b.id(wrapped))
		bench := r.Benchmark
		if r.DORANote != "" {
			bench = r.DORANote
		}
		s.text(14, row, bench, b.id(wrapped))
		s.wraps[row] = true
		row++
	}
	s.fixed[3] = 40
	s.fixed[12] = 22
	s.fixed[13] = 24
	s.fixed[14] = 50
	s.table = &excelize.Table{Range: cell(1, rowHeader) + ":" + cell(14, max(row-1, rowFirst)), Name: "KPIFramework",
		StyleName: "TableStyleLight1", ShowRowStripes: ptr(true)}

	row++
	s.text(1, row, "Benchmark sources", b.id(label))
	row++
	for _, src := range p.Sources {
		s.text(1, row, "", b.id(body))
		s.long(1, 7, row, src, b.id(wrapped))
		row++
	}
	row++
	s.text(1, row, "How the Scorecard is computed", b.id(label))
	row++
	for _, m := range methods {
		s.text(1, row, m[0], b.id(label))
		s.long(2, 7, row, m[1], b.id(wrapped))
		row++
	}
	s.freeze = cell(2, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowHeader, rowHeader)
	return s
}

// dataQuality lists the pack's data-quality notes: what kind each is, the KPI it is
// about and the note.
func (b *book) dataQuality() *sheet {
	p := b.p
	s := newSheet(sheetDataQuality)
	b.heading(s, sheetDataQuality)
	s.headers(rowHeader, []string{"Kind", "KPI", "Note"}, b.id(header))
	s.fixed[3] = 100
	row := rowFirst
	for _, n := range p.DataQuality {
		s.text(1, row, n.Kind.Title(), b.id(body))
		if r := kpiByID(p, n.KPI); r != nil {
			s.text(2, row, r.Name, b.id(body))
		}
		s.text(3, row, n.Text, b.id(wrapped))
		s.wraps[row] = true
		row++
	}
	if row > rowFirst {
		s.table = &excelize.Table{Range: cell(1, rowHeader) + ":" + cell(3, row-1), Name: "DataQualityNotes",
			StyleName: "TableStyleLight1", ShowRowStripes: ptr(true)}
	}
	s.freeze = cell(1, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowHeader, rowHeader)
	return s
}

// agenda is the proposed agenda of the monthly review, item by item under its heading.
func (b *book) agenda() *sheet {
	a := b.p.Agenda
	s := newSheet(sheetAgenda)
	b.heading(s, sheetAgenda)
	s.headers(rowHeader, []string{"Part", "Item"}, b.id(header))
	s.fixed[1] = 24
	s.fixed[2] = 110
	row := rowFirst
	for _, part := range []struct {
		name  string
		items []string
	}{
		{"Gates at risk", a.GatesAtRisk},
		{"Trends to watch", a.TrendsToWatch},
		{"Changes since last month", a.Changes},
		{"Priorities", a.Priorities},
	} {
		for i, it := range part.items {
			if i == 0 {
				s.text(1, row, part.name, b.id(label))
			}
			s.text(2, row, it, b.id(wrapped))
			s.wraps[row] = true
			row++
		}
	}
	s.freeze = cell(1, rowFirst)
	s.titleRows = fmt.Sprintf("$%d:$%d", rowHeader, rowHeader)
	return s
}
