package charts

import (
	"strconv"
	"strings"
)

// Sparkline returns the SVG path data of the chart's actuals drawn in a box of width ×
// height (y grows downwards), scaled to the chart's y range: one "M…L…" run per stretch
// of consecutive months with data, so a gap stays a gap. The x positions span the months
// with data only, so a sparkline shows the history, not the projection's future.
func (s Spec) Sparkline(width, height float64) string {
	lastData := -1
	for i, v := range s.Actual {
		if v != nil {
			lastData = i
		}
	}
	if lastData < 0 || s.Max <= s.Min {
		return ""
	}
	dx := width
	if lastData > 0 {
		dx = width / float64(lastData)
	}
	var b strings.Builder
	pen := false
	for i := 0; i <= lastData; i++ {
		v := s.Actual[i]
		if v == nil {
			pen = false
			continue
		}
		x := float64(i) * dx
		if lastData == 0 {
			x = width / 2
		}
		y := height - (*v-s.Min)/(s.Max-s.Min)*height
		if pen {
			b.WriteByte('L')
		} else {
			b.WriteByte('M')
		}
		b.WriteString(coord(x))
		b.WriteByte(',')
		b.WriteString(coord(y))
		pen = true
	}
	return b.String()
}

// SparklineY is the y of a value in a sparkline box of the given height, for a target
// line drawn across it.
func (s Spec) SparklineY(v, height float64) float64 {
	if s.Max <= s.Min {
		return height / 2
	}
	return height - (v-s.Min)/(s.Max-s.Min)*height
}

// coord prints a coordinate with at most one decimal: enough for a sparkline, and the
// same bytes on every machine.
func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
