package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/transferpack/transferpack/report/names"
)

// Month is a calendar month counted from January of year 0: year×12 + month−1.
// The zero Month means "not set"; no input month is in year 0.
type Month int32

// MonthOf returns the Month of a year and a 1-based month.
func MonthOf(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// Num returns the 1-based month of the year.
func (m Month) Num() int { return int(m)%12 + 1 }

// IsZero reports whether m is unset.
func (m Month) IsZero() bool { return m == 0 }

// String formats m as 2026-03, the form every pack uses.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), m.Num())
}

// Label formats m for people: "Mar 2026".
func (m Month) Label() string {
	if m.IsZero() {
		return ""
	}
	return time.Month(m.Num()).String()[:3] + " " + strconv.Itoa(m.Year())
}

// Short formats m for a chart axis: "Mar 26".
func (m Month) Short() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %02d", time.Month(m.Num()).String()[:3], m.Year()%100)
}

// MarshalText writes m as 2026-03.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// errMonth is returned by ParseMonth; its text is what a spreadsheet user reads.
var errMonth = errors.New("not a month: write it as 2026-03, Mar 2026 or an Excel date")

// monthNames maps month names and abbreviations in English, Spanish and Portuguese
// (folded: lower case, no accents, no final dot) to 1-based months.
var monthNames = func() map[string]int {
	m := map[string]int{}
	add := func(n int, names ...string) {
		for _, s := range names {
			m[s] = n
		}
	}
	add(1, "jan", "january", "ene", "enero", "janeiro")
	add(2, "feb", "february", "febrero", "fev", "fevereiro")
	add(3, "mar", "march", "marzo", "marco")
	add(4, "apr", "april", "abr", "abril")
	add(5, "may", "mayo", "mai", "maio")
	add(6, "jun", "june", "junio", "junho")
	add(7, "jul", "july", "julio", "julho")
	add(8, "aug", "august", "ago", "agosto")
	add(9, "sep", "sept", "september", "set", "septiembre", "setiembre", "setembro")
	add(10, "oct", "october", "octubre", "out", "outubro")
	add(11, "nov", "november", "noviembre", "novembro")
	add(12, "dec", "december", "dic", "diciembre", "dez", "dezembro")
	return m
}()

// ParseMonth reads a month written as text: 2026-03, 2026/03, 2026.03, 2026-03-01,
// 03/2026, Mar 2026, March 2026, mar-26 (Excel's mmm-yy), marzo 2026, março de 2026, a date
// with a month name (1-Nov-2025, 15 Nov 2025, Nov 15, 2025, 1 de noviembre de 2025), or a
// numeric date: day first or month first, told apart by a day above 12 (15/03/2026,
// 03/15/2026) or by the day being the 1st (01/03/2026 is March: months are written as
// their first day). A date that could be either order with a day other than the 1st is
// refused rather than guessed.
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errMonth
	}
	// ISO forms: 2026-03, 2026-03-01, 2026/03, 2026.03, 2026-03-01T00:00:00.
	if len(s) >= 6 && isDigits(s[:4]) && (s[4] == '-' || s[4] == '/' || s[4] == '.') {
		rest := s[5:]
		if i := strings.IndexAny(rest, "-/.T "); i >= 0 {
			rest = rest[:i]
		}
		if mo, err := strconv.Atoi(rest); err == nil && len(rest) <= 2 {
			return ValidMonth(atoi(s[:4]), mo)
		}
		return 0, errMonth
	}
	// Numeric m/y, d/m/y or m/d/y with a four-digit year.
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) == 2 && len(parts[0]) <= 2 && isDigits(parts[0]) && len(parts[1]) == 4 && isDigits(parts[1]) {
		return ValidMonth(atoi(parts[1]), atoi(parts[0])) // 11/2025
	}
	if len(parts) == 3 && isDigits(parts[0]) && isDigits(parts[1]) && isDigits(parts[2]) && len(parts[2]) == 4 {
		a, b, y := atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
		switch {
		case a > 31 || b > 31 || a == 0 || b == 0:
			return 0, errMonth
		case a > 12:
			return ValidMonth(y, b) // day first: 15/03/2026
		case b > 12:
			return ValidMonth(y, a) // month first: 03/15/2026
		case a == 1:
			return ValidMonth(y, b) // day first: 01/03/2026
		case b == 1:
			return ValidMonth(y, a) // month first: 03/01/2026
		}
		return 0, fmt.Errorf("ambiguous date: day and month could be either way round; write it as %s-%02d or %s-%02d", parts[2], a, parts[2], b)
	}
	// Named months: "Mar 2026", "March 2026", "mar-26", "março de 2026", "2026 Mar", and
	// dates with one: "1-Nov-2025", "15 Nov 2025", "Nov 15, 2025", "1 de noviembre de 2025".
	var f []string
	for _, w := range strings.FieldsFunc(foldMonthText(s), func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '.' || r == ',' }) {
		if w != "de" {
			f = append(f, w)
		}
	}
	if len(f) == 3 {
		day := f[0] // 1-Nov-2025
		if _, ok := monthNames[f[0]]; ok {
			day = f[1] // Nov 15, 2025
			f[1] = f[0]
		}
		if !isDigits(day) || len(day) > 2 || atoi(day) < 1 || atoi(day) > 31 {
			return 0, errMonth
		}
		f = f[1:]
	}
	if len(f) == 2 {
		name, year := f[0], f[1]
		if isDigits(name) {
			name, year = year, name
		}
		if mo, ok := monthNames[name]; ok && isDigits(year) {
			y := atoi(year)
			if len(year) == 2 {
				y += 2000
			} else if len(year) != 4 {
				return 0, errMonth
			}
			return ValidMonth(y, mo)
		}
	}
	return 0, errMonth
}

// foldMonthText lower-cases s and removes the accents month names carry (março).
func foldMonthText(s string) string { return strings.ToLower(names.RemoveAccents(s)) }

// ValidMonth returns the month of a year and month number (1–12), or an error a
// spreadsheet user can read when the month is not 1–12 or the year is outside 1990–2200
// (a typo, not a plan).
func ValidMonth(year, month int) (Month, error) {
	if month < 1 || month > 12 {
		return 0, fmt.Errorf("not a month: month %d is not 1–12", month)
	}
	if year < 1990 || year > 2200 {
		return 0, fmt.Errorf("not a month: year %d is out of range", year)
	}
	return MonthOf(year, month), nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
