package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file formats every number a pack shows, once, so all formats print the same.

// unitLabel is the unit as printed after a value: attrition's analysed values are annual.
func unitLabel(k *KPI) string {
	switch {
	case k.AnnualTarget():
		return "%/yr"
	case k.Unit == "hours":
		return "h"
	case k.Unit == "score", k.Unit == "ratio":
		return ""
	}
	return k.Unit
}

// decimals is how many decimals a value of the KPI is shown with.
func decimals(k *KPI, v float64) int {
	switch k.Unit {
	case "%", "per 100 SP":
		return 1
	case "ratio":
		return 2
	case "SP", "score", "currency", "people":
		return 0
	case "hours", "days":
		if math.Abs(v) < 10 {
			return 1
		}
		return 0
	}
	if v == math.Trunc(v) {
		return 0
	}
	return 1
}

// roundAt rounds v to the decimals the pack prints it with.
func roundAt(k *KPI, v float64) float64 {
	f := math.Pow10(decimals(k, v))
	return math.Round(v*f) / f
}

// formatValue prints a value with its unit: "85.0 %", "72 h", "USD 92,573", "+25".
func formatValue(k *KPI, v float64, currency string) string {
	num := formatFixed(v, decimals(k, v))
	switch k.Unit {
	case "currency":
		if currency == "" {
			return num
		}
		return currency + " " + num
	case "score":
		if v > 0 {
			return "+" + num
		}
		return num
	}
	if u := unitLabel(k); u != "" {
		if v == 1 {
			u = singular(u)
		}
		return num + " " + u
	}
	return num
}

// singular is a count unit for exactly one: "1 incident".
func singular(u string) string {
	switch u {
	case "people":
		return "person"
	case "incidents", "releases", "deploys", "pts":
		return strings.TrimSuffix(u, "s")
	case "pts/yr":
		return "pt/yr"
	}
	return u
}

// formatDelta prints a signed difference: "+3.5 pts", "−12 h", "+0.8 pts/yr".
func formatDelta(k *KPI, d float64, currency string) string {
	num := formatFixed(math.Abs(d), decimals(k, d))
	sign := "+"
	if d < 0 && num != formatFixed(0, decimals(k, d)) {
		sign = "−"
	}
	return signed(k, sign, num, currency)
}

// formatSlope prints a slope per month with one decimal more than the KPI's values (none
// for money): "+1.55 pts per month", "+0.4 per month" for eNPS, "+0.12 pts/yr per month"
// for attrition's annual rate, "+USD 538 per month".
func formatSlope(k *KPI, s float64, currency string) string {
	sign := "+"
	if s < 0 {
		sign = "−"
	}
	num := trimZeros(formatFixed(math.Abs(s), slopeDecimals(k, s))) // 1.50 reads as 1.5
	return signed(k, sign, num, currency) + " per month"
}

// signed prints a change of k, a difference or a pace, with its unit: percentages change
// by points ("pts", "pt" for exactly 1), annual rates by points a year, counts by what
// they count ("+1 person"), money by the currency before the number.
func signed(k *KPI, sign, num, currency string) string {
	unit := unitLabel(k)
	switch {
	case k.AnnualTarget():
		unit = "pts/yr" // a difference of rates, not a rate of change
	case k.Unit == "%":
		unit = "pts"
	case k.Unit == "currency" && currency != "":
		return sign + currency + " " + num
	case k.Unit == "currency":
		unit = ""
	}
	if num == "1" {
		unit = singular(unit)
	}
	if unit == "" {
		return sign + num
	}
	return sign + num + " " + unit
}

// formatTarget prints a target with its comparison: "≥ 85.0 %".
func formatTarget(k *KPI, dir Direction, t float64, currency string) string {
	op := "≥"
	if dir == LowerIsBetter {
		op = "≤"
	}
	return op + " " + formatValue(k, t, currency)
}

// formatFixed prints v with d decimals and thousands separators: 92,573 or 85.0.
func formatFixed(v float64, d int) string {
	// Halves round away from zero, as a spreadsheet shows them: 44.5 is 45.
	f := math.Pow10(d)
	s := fmt.Sprintf("%.*f", d, math.Round(v*f)/f)
	if s == "-0" || strings.HasPrefix(s, "-0.") && strings.Trim(s[3:], "0") == "" {
		s = s[1:]
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + frac
	if neg {
		return "−" + out
	}
	return out
}

// formatP prints a p-value: "p = 0.002", "p < 0.001".
func formatP(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return fmt.Sprintf("p = %.3f", p)
}

// statusLabel is a status for people.
func statusLabel(s Status) string {
	switch s {
	case Met:
		return "Met"
	case AtRisk:
		return "At risk"
	case OnTrack:
		return "On track"
	case Recoverable:
		return "Recoverable"
	case OffTrack:
		return "Off track"
	case InsufficientData:
		return "Insufficient data"
	}
	return "No target"
}

// round4 keeps four decimals, so the JSON shows 82.0035 rather than 82.00349999999.
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// roundP keeps four significant digits of a p-value, which can be as small as 1e-9.
func roundP(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
	if err != nil {
		return v
	}
	return r
}

func ptrFloat(v float64) *float64 { return &v }

// Count is a number of things in words: Count(1, "month") is "1 month", Count(3,
// "month") "3 months".
func Count(n int, noun string) string { return fmt.Sprintf("%d %s", n, Plural(n, noun)) }

// Plural is the noun for n things: "month" for 1, "months" otherwise. Plurals add "s",
// which holds for every noun transferpack counts.
func Plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// monthsWord is "1 month" or "3 months".
func monthsWord(n int) string { return Count(n, "month") }

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
