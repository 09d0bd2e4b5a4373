package xlsx

// The annex's own words: sheet notes, group headings and how each Scorecard column is
// computed. Every figure and every finding is the pack's.
const (
	colLiveFormulas = "Live formulas over the Monthly sheet"
	colComputed     = "As computed by transferpack"
	noteMonthly     = "The monthly values the analysis used, as entered; a blank cell is a month without data, never zero."
	// unitPerMonth is attrition's unit as entered: a monthly rate, while its level and
	// target are annual.
	unitPerMonth = "% a month"
)

// methods says how each column of the Scorecard, and the readiness score, is computed:
// the formulas in words, and the statistics by name.
var methods = [][2]string{
	{"Baseline", "MEDIAN of the KPI's monthly values over the baseline months on Monthly (see Baseline above); attrition × 12, as its target is an annual rate. A baseline agreed in the Targets sheet is a value."},
	{"Level", "MEDIAN of the last 3 months with data on Monthly; attrition: AVERAGE of its last 3 monthly rates × 12."},
	{"vs baseline", "The level minus the baseline, each rounded as printed (ROUND), so the row adds up as in the PDF and HTML packs."},
	{"vs baseline %", "(Level − baseline) ÷ |baseline|, unrounded."},
	{"vs target", "The level, rounded as printed, minus the target."},
	{"Months with data", "COUNT of the KPI's values on Monthly."},
	{"Trend", "The Theil–Sen slope per month, printed when the trend is real: 6 or more months and a Mann–Kendall p below 0.10; otherwise no clear trend."},
	{"Theil–Sen slope per month", "Theil–Sen estimate over the last 12 months with data, at their real month positions (gaps allowed): the median of the slopes between every pair of months. Shown whether or not the trend is real."},
	{"Mann–Kendall p", "Two-sided p-value of the Mann–Kendall trend test over the same months."},
	{"Projection at Transfer", "The level carried along the real trend's slope from the middle of the last 3 months to the planned Transfer (or the latest data once it has passed); low confidence when that is further ahead than half the months observed."},
	{"Status", "Met: meets the target now and at the Transfer. At risk: meets it now, a real worsening trend breaches it by the Transfer. On track: misses it now, a real improving trend meets it by the Transfer. Recoverable: meets it within the delay window. Off track: not within the window. Insufficient data: fewer than 6 months. No target: shown against its baseline only."},
	{"Score", "The status's weight in the readiness score: met 1, on track 0.75, at risk and recoverable 0.5, off track 0; blank when not scored."},
	{"Weight", "From the Targets sheet; otherwise 2 for a gate and 1 for any other KPI."},
	{"Readiness score", "On the Summary: SUMPRODUCT of the scores and weights ÷ the weights of the scored KPIs × 100, rounded to a whole number."},
	{"DORA tier", "The level placed in the State of DevOps performance clusters (see the benchmark sources)."},
}
