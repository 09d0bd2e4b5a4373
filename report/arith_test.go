package report

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// The sentence arithmetic check: every sentence a pack prints must let a reader redo its
// arithmetic from the figures it shows, at their printed precision. It reads the
// sentences as a reader would: the level, the pace (up or down so much a month), and each
// projection with the months it is counted over.

// num matches a printed figure: "76.5", "−9", "+20", "USD 96,948", "2,030".
const num = `(?:[A-Z]{3} )?[−+]?[0-9][0-9,]*(?:\.[0-9]+)?`

var (
	levelRE = regexp.MustCompile(`(?:^|\bis |\bare |, )(` + num + `)[^,;:]*? (?:over|in) (?:[A-Z][a-z]{2})`)
	paceRE  = regexp.MustCompile(`\b(up|down|rising|falling|gain of) (` + num + `) [^,;.]*?a month`)
	// A projection: "82.7 % by the Transfer in Jan 2027 (4 months on from Sep", "79.6 %
	// or better, where the pace puts it (2 months on from Sep", "the pace puts it at
	// 67.8 % (2 months on from Sep", "(73.4 %, 7 months on from Sep".
	projREs = []*regexp.Regexp{
		regexp.MustCompile(`(` + num + `)[^;(,:]*? by the [^(]*\(([0-9]+) months? on from`),
		regexp.MustCompile(`(` + num + `)[^;(,:]*? or better, where the pace puts it \(([0-9]+) months? on from`),
		regexp.MustCompile(`puts it at (` + num + `)[^(]*\(([0-9]+) months? on from`),
		regexp.MustCompile(`\((` + num + `)[^,(]*, ([0-9]+) months? on from`),
	}
	recoveryRE = regexp.MustCompile(`from (` + num + `)[^,]*? to (` + num + `)[^,]*? by [A-Z][a-z]{2} [0-9]{4}, ([0-9]+) months? away, takes (` + num + `) [^,]*?a month`)
	afterRE    = regexp.MustCompile(`meeting the target in ([A-Z][a-z]{2} [0-9]{4}): ([0-9]+) months? after the planned Transfer`)
	delayRE    = regexp.MustCompile(`by ([0-9]+) months?, from ([A-Z][a-z]{2} [0-9]{4}) to ([A-Z][a-z]{2} [0-9]{4})`)
)

// parseFigure reads a printed figure and the number of decimals it was printed with.
func parseFigure(s string) (v float64, decimals int) {
	s = strings.NewReplacer("−", "-", "+", "", ",", "").Replace(s)
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[i+1:] // a currency code
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN(), 0
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	return v, decimals
}

// agrees reports whether a computed value prints as the printed figure, within half a
// unit of the figure's last place.
func agrees(computed float64, printed string) bool {
	v, d := parseFigure(printed)
	return math.Abs(computed-v) <= 0.5*math.Pow10(-d)+1e-9
}

func parseLabel(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		return 0
	}
	return m
}

// checkSentences returns a line for each sentence of the pack whose arithmetic does not
// hold at the precision it prints.
func checkSentences(p *Pack) []string {
	var all []string
	all = append(all, p.Recommendation.Headline)
	all = append(all, p.Recommendation.Rationale...)
	all = append(all, p.Recommendation.Conditions...)
	all = append(all, p.Agenda.GatesAtRisk...)
	all = append(all, p.Agenda.TrendsToWatch...)
	all = append(all, p.Agenda.Priorities...)
	for _, r := range p.KPIs {
		all = append(all, r.Summary)
	}
	var bad []string
	fail := func(s, format string, args ...any) {
		bad = append(bad, fmt.Sprintf(format, args...)+":\n    "+s)
	}
	for _, whole := range all {
		// A sentence about several KPIs is read part by part; each part names its KPI
		// with its level before its pace and projections.
		for _, s := range strings.Split(whole, "; besides") {
			if m := delayRE.FindStringSubmatch(s); m != nil {
				n, _ := strconv.Atoi(m[1])
				if parseLabel(m[2])+Month(n) != parseLabel(m[3]) {
					fail(s, "%s + %s is not %s", m[2], m[1], m[3])
				}
			}
			if m := afterRE.FindStringSubmatch(s); m != nil {
				n, _ := strconv.Atoi(m[2])
				if parseLabel(m[1])-p.TransferMonth != Month(n) {
					fail(s, "%s is not %d months after the planned Transfer %s", m[1], n, p.TransferMonth.Label())
				}
			}
			if m := recoveryRE.FindStringSubmatch(s); m != nil {
				from, _ := parseFigure(m[1])
				to, _ := parseFigure(m[2])
				n, _ := strconv.Atoi(m[3])
				if !agrees(math.Abs(to-from)/float64(n), m[4]) {
					fail(s, "(%s − %s) / %d is not %s", m[2], m[1], n, m[4])
				}
			}
			lm := levelRE.FindStringSubmatch(s)
			pm := paceRE.FindStringSubmatch(s)
			if lm == nil || pm == nil {
				continue
			}
			level, _ := parseFigure(lm[1])
			pace, _ := parseFigure(pm[2])
			switch pm[1] {
			case "down", "falling":
				pace = -pace
			case "gain of":
				if strings.Contains(s, "at most") {
					pace = -pace
				}
			}
			rest := s[strings.Index(s, pm[0])+len(pm[0]):]
			bounded := strings.Contains(rest, "as low as it can go") || strings.Contains(rest, "as high as it can go")
			for _, re := range projREs {
				for _, m := range re.FindAllStringSubmatch(rest, -1) {
					n, _ := strconv.Atoi(m[2])
					if !agrees(level+pace*float64(n), m[1]) && !bounded {
						fail(s, "%s %+g × %d is not %s", lm[1], pace, n, m[1])
					}
				}
			}
		}
	}
	return bad
}

// sentenceFigures counts the sentences checkSentences could read a projection from, so a
// test can tell that the check ran on something.
func sentenceFigures(p *Pack) int {
	n := 0
	for _, s := range append(append(append([]string{}, p.Recommendation.Rationale...), p.Agenda.GatesAtRisk...), p.Agenda.TrendsToWatch...) {
		if levelRE.MatchString(s) && paceRE.MatchString(s) && projREs[0].MatchString(s) {
			n++
		}
	}
	return n
}
