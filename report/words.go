package report

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the plain words executives read: the rationale, headline, conditions
// and agenda speak in them. The statistics (p-values, method, slopes per month with
// their units) stay in the scorecard figures (KPILabels) for analysts.

// name is a KPI's name inside a sentence: "sprint predictability", but "PR response
// time" and "eNPS" keep their capitals.
func name(r *KPIResult) string {
	first, size := utf8.DecodeRuneInString(r.Name)
	second, _ := utf8.DecodeRuneInString(r.Name[size:])
	if unicode.IsUpper(second) || !unicode.IsUpper(first) {
		return r.Name
	}
	return string(unicode.ToLower(first)) + r.Name[size:]
}

// verb picks the singular or plural form for a KPI's name: verb(r, "is", "are").
func verb(r *KPIResult, one, many string) string {
	if r.kpi != nil && r.kpi.PluralName {
		return many
	}
	return one
}

// plainValue prints a value as sentences do: "85.0 %", "28.0 % a year", "72 hours",
// "USD 96,948".
func plainValue(k *KPI, v float64, currency string) string {
	s := formatValue(k, v, currency)
	switch {
	case k.AnnualTarget():
		return strings.TrimSuffix(s, "%/yr") + "% a year"
	case k.Unit == "hours":
		num := strings.TrimSuffix(s, " h")
		return num + " " + nounFor(num, "hour")
	}
	return s
}

// nounFor is the noun for a printed number: "1 hour", "1.5 hours".
func nounFor(num, noun string) string {
	if num == "1" {
		return noun
	}
	return noun + "s"
}

// trimZeros drops trailing zeros after a decimal point: "1.50" is "1.5", "3.00" is "3".
func trimZeros(num string) string {
	if !strings.Contains(num, ".") {
		return num
	}
	return strings.TrimSuffix(strings.TrimRight(num, "0"), ".")
}

// plainTarget prints a target with its comparison in words: "at least 85.0 %", "at
// most 15.0 % a year".
func plainTarget(r *KPIResult, currency string) string {
	if r.Target == nil {
		return ""
	}
	op := "at least"
	if r.Direction == LowerIsBetter {
		op = "at most"
	}
	return op + " " + plainValue(r.kpi, *r.Target, currency)
}

// slopeDecimals is how many decimals a slope per month is printed and projected with:
// one more than the KPI's values, so a small monthly change still shows; none for money,
// which has no cents on thousands.
func slopeDecimals(k *KPI, s float64) int {
	if k.Unit == "currency" {
		return 0
	}
	return decimals(k, s) + 1
}

// roundSlope rounds a slope to the precision it is printed with.
func roundSlope(k *KPI, s float64) float64 {
	f := math.Pow10(slopeDecimals(k, s))
	return math.Round(s*f) / f
}

// plainPace prints the size of a monthly change, without its sign: "1.56 points",
// "USD 538", "3.62 hours", "0.12 incidents", "3 points" for eNPS.
func plainPace(k *KPI, s float64, currency string) string {
	num := trimZeros(formatFixed(math.Abs(s), slopeDecimals(k, s)))
	switch k.Unit {
	case "%", "score":
		return num + " " + nounFor(num, "point")
	case "currency":
		if currency == "" {
			return num
		}
		return currency + " " + num
	case "hours":
		return num + " " + nounFor(num, "hour")
	case "ratio":
		return num
	}
	if num == "1" {
		return num + " " + singular(k.Unit)
	}
	return num + " " + k.Unit
}

// period names a run of months for people: "Aug–Oct 2026", "Dec 2025–Feb 2026",
// "Oct 2026", or a list where months are missing: "Jun, Aug and Oct 2026".
func period(ms []Month) string {
	switch {
	case len(ms) == 0:
		return ""
	case len(ms) == 1:
		return ms[0].Label()
	}
	first, last := ms[0], ms[len(ms)-1]
	sameYear := first.Year() == last.Year()
	if int(last-first) == len(ms)-1 { // consecutive
		if sameYear {
			return monthName(first) + "–" + last.Label()
		}
		return first.Label() + "–" + last.Label()
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Label()
		if sameYear && i < len(ms)-1 {
			parts[i] = monthName(m)
		}
	}
	return joinAnd(parts)
}

// monthName is a month's short name without its year: "Sep".
func monthName(m Month) string { return strings.Fields(m.Label())[0] }

// levelPhrase is a KPI's level with the months it stands for, where a reader first meets
// it: "76.5 % over Aug–Oct 2026 (79.3 % in Oct)".
func levelPhrase(r *KPIResult, currency string) string {
	s := plainValue(r.kpi, *r.Level, currency)
	if len(r.LevelMonths) == 1 {
		return s + " in " + r.Display.LevelPeriod
	}
	latest := plainValue(r.kpi, r.Chart.Actual[len(r.Chart.Actual)-1].Value, currency)
	return fmt.Sprintf("%s over %s (%s in %s)", s, r.Display.LevelPeriod, latest, monthName(r.LevelMonths[len(r.LevelMonths)-1]))
}

// fromPhrase says where a projection is counted from, so a reader can redo it: "4 months
// on from Sep, the middle of Aug–Oct".
func fromPhrase(r *KPIResult, to Month) string {
	s := fmt.Sprintf("%s on from %s", monthsWord(int(to-r.ProjectionFrom)), monthName(r.ProjectionFrom))
	if len(r.LevelMonths) == 3 && r.LevelMonths[2]-r.LevelMonths[0] == 2 {
		s += ", the middle of " + monthName(r.LevelMonths[0]) + "–" + monthName(r.LevelMonths[2])
	} else if len(r.LevelMonths) == 3 {
		s += ", the middle of " + r.Display.LevelPeriod
	}
	return s
}

// trendPhrase says which way a KPI moves, plainly: "improving steadily, up 1.56 points a
// month", "worsening steadily, down 3 points a month", "with no clear trend yet".
// Attrition speaks of its annual rate: "getting worse: the annual rate is up 1.42
// points a month".
func trendPhrase(r *KPIResult, currency string) string {
	s := r.Trend.SlopePerMonth
	if !r.Trend.Significant || s == 0 {
		return "with no clear trend yet"
	}
	dir := "up"
	if s < 0 {
		dir = "down"
	}
	pace := plainPace(r.kpi, s, currency)
	if r.kpi.AnnualTarget() {
		how := "getting worse"
		if r.Trend.Word == Improving {
			how = "easing"
		}
		return fmt.Sprintf("%s: the annual rate is %s %s a month", how, dir, pace)
	}
	switch r.Trend.Word {
	case Improving:
		return fmt.Sprintf("improving steadily, %s %s a month", dir, pace)
	case Worsening:
		return fmt.Sprintf("worsening steadily, %s %s a month", dir, pace)
	}
	return fmt.Sprintf("%s steadily, %s %s a month", r.Trend.Word, dir, pace)
}

// owner is who answers for a category at the monthly review.
func owner(c Category) string {
	switch c {
	case Delivery:
		return "the delivery lead"
	case Quality:
		return "the quality lead"
	case DORA:
		return "the engineering lead"
	case Collaboration:
		return "the engagement manager"
	case Team:
		return "the people manager"
	case Business:
		return "the product owner"
	}
	return "the finance lead"
}

// capitalize upper-cases the first letter of a sentence.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// moving says which way a KPI's figure is moving and how fast: "falling 1.38 points a
// month", "rising USD 538 a month".
func moving(r *KPIResult, currency string) string {
	dir := "rising"
	if r.Trend.SlopePerMonth < 0 {
		dir = "falling"
	}
	return dir + " " + plainPace(r.kpi, r.Trend.SlopePerMonth, currency) + " a month"
}
