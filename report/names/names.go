// Package names matches the names people type in spreadsheets (KPI, sheet, header, field
// and section names) whatever their case, accents, spacing and punctuation, suggests the
// likely name behind a typo, and turns a team's name into a safe file name. The reader
// and the writers share it, so a name matches and files are named the same way everywhere.
package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, removes accents and keeps only letters and digits, so that the
// spellings people actually type compare equal: "Sprint Predictability", "sprint_predictability"
// and "SPRINT PREDICTABILITY" all fold to "sprintpredictability".
func Fold(s string) string {
	if isASCII(s) { // the common case, without the Unicode machinery
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b = append(b, c)
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			}
		}
		return string(b)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(RemoveAccents(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RemoveAccents drops accents and other combining marks: "São Paulo" becomes "Sao Paulo".
func RemoveAccents(s string) string {
	if isASCII(s) {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// StripUnit drops a trailing parenthesised unit: "Lead time (h)" becomes "Lead time".
func StripUnit(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i > 0 {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// Closest returns the candidate nearest to key by edit distance, or "" when the nearest
// is more than a third of the key's length away (at least 2 edits are always allowed).
// A candidate that key begins (a name typed without its last word: "bug escape") counts
// as one edit away. Candidates are scanned in order, so ties go to the first. Both key
// and candidates are compared as given: fold them first.
func Closest(key string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(key, c)
		if len(key) >= 4 && strings.HasPrefix(c, key) {
			d = min(d, 1)
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, len([]rune(key))/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// maxStem bounds a file stem, in bytes, well inside every file system's name limit once
// a format's extension is added.
const maxStem = 80

// FileStem turns a team name into a safe file name without extension: "São Paulo Core
// Banking" becomes "sao-paulo-core-banking". Only ASCII letters, digits and single
// hyphens survive, so a team name can never reach outside the output folder; a name
// with none of them is "team".
func FileStem(team string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(RemoveAccents(team)) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > maxStem {
		s = strings.TrimSuffix(s[:maxStem], "-")
	}
	if s == "" {
		s = "team"
	}
	return s
}
