package report

import (
	"sort"
	"strings"

	"github.com/transferpack/transferpack/report/names"
)

// Category groups KPIs into the sections of a pack.
type Category string

// The categories, in the order packs show them.
const (
	Delivery      Category = "delivery"
	Quality       Category = "quality"
	DORA          Category = "dora"
	Collaboration Category = "collaboration"
	Team          Category = "team"
	Business      Category = "business"
	Cost          Category = "cost"
)

// Title is the category as a pack's section title: "Delivery", "DORA metrics".
func (c Category) Title() string {
	switch c {
	case DORA:
		return "DORA metrics"
	case Team:
		return "Team health"
	case Business:
		return "Business impact"
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}

// Categories returns every category in pack order.
func Categories() []Category {
	return []Category{Delivery, Quality, DORA, Collaboration, Team, Business, Cost}
}

// Direction says which way a KPI improves.
type Direction string

// Directions. Neutral KPIs (headcount) are shown but never judged better or worse.
const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
	Neutral        Direction = "neutral"
)

// Aggregation says how a month's single value is formed from the month's raw data.
type Aggregation string

// Aggregations.
const (
	AggSum    Aggregation = "sum"    // total over the month
	AggMean   Aggregation = "mean"   // mean over the month's sprints or weeks
	AggMedian Aggregation = "median" // median over the month's items (PRs, changes, incidents)
	AggLast   Aggregation = "last"   // value at the end of the month
	AggRate   Aggregation = "rate"   // events in the month ÷ population
)

// PlainPercent is the rule for reading a plain number (no % sign, no % format) in a
// percent KPI. Plain numbers are percentage points (85 = 85 %); the rule only decides
// what happens when a column looks like fractions. See README "Percent values".
type PlainPercent int

const (
	// PercentHigh: the KPI is normally tens of percent (predictability, coverage). A
	// column whose plain values all lie in [0, 1] is read as fractions (0.85 = 85 %),
	// with a warning; a value in (0, 1] among larger ones is an error.
	PercentHigh PlainPercent = iota
	// PercentLow: the KPI is normally a few percent (bug escape, change failure). A
	// column whose plain values all lie in [0, 1] is read as percentage points, with a
	// warning naming that reading.
	PercentLow
	// PercentTiny: values under 1 % are normal (monthly attrition): plain numbers are
	// always percentage points. A non-zero value under 0.1 is an error: less than one
	// leaver in a thousand people a month looks like a fraction (0.025 for 2.5 %).
	PercentTiny
)

// KPI is one entry of the catalog.
type KPI struct {
	ID          string
	Name        string // display name, also accepted as a column header
	Category    Category
	Unit        string // "%", "SP", "hours", ...; "%" values are percentage points: 85 = 85 %
	Direction   Direction
	Aggregation Aggregation
	// Target is the default target in Unit; HasTarget says whether there is one.
	// For attrition it is an annual rate (15 = 15 % a year) while the data is monthly.
	Target    float64
	HasTarget bool
	Gate      bool // a Transfer gate by default
	// Min and Max bound the plausible monthly values, in Unit; outside them a value is
	// an input error.
	Min, Max float64
	Plain    PlainPercent // only for Unit "%"
	// PluralName says the name is a plural ("Incidents"), so sentences say "are".
	PluralName bool
	Definition string // one line, for the pack's appendix and `transferpack kpis`
}

// IsPercent reports whether the KPI is measured in percent.
func (k *KPI) IsPercent() bool { return k.Unit == "%" }

// TargetLabel prints the default target as packs do ("≥ 85.0 %", "≤ 15.0 %/yr"), or ""
// when the KPI has none.
func (k *KPI) TargetLabel() string {
	if !k.HasTarget {
		return ""
	}
	return formatTarget(k, k.Direction, k.Target, "")
}

// AnnualTarget reports whether the KPI's target is an annual rate over monthly data.
func (k *KPI) AnnualTarget() bool { return k.ID == "attrition" }

// catalog is the built-in KPI catalog, in pack order.
var catalog = []KPI{
	// delivery
	{ID: "velocity", Name: "Velocity", Category: Delivery, Unit: "SP", Direction: HigherIsBetter, Aggregation: AggSum,
		Min: 0, Max: 100000, Definition: "Story points completed in the month."},
	{ID: "predictability", Name: "Sprint predictability", Category: Delivery, Unit: "%", Direction: HigherIsBetter, Aggregation: AggMean,
		Target: 85, HasTarget: true, Gate: true, Min: 0, Max: 200, Plain: PercentHigh,
		Definition: "Committed story points completed ÷ committed story points, mean of the month's sprints."},
	{ID: "completion", Name: "Completion ratio", Category: Delivery, Unit: "%", Direction: HigherIsBetter, Aggregation: AggMean,
		Min: 0, Max: 300, Plain: PercentHigh, Definition: "Story points completed ÷ story points planned for the month."},
	{ID: "release_frequency", Name: "Release frequency", Category: Delivery, Unit: "releases", Direction: HigherIsBetter, Aggregation: AggSum,
		Min: 0, Max: 10000, Definition: "Releases to customers in the month."},
	{ID: "on_time_delivery", Name: "On-time delivery", Category: Delivery, Unit: "%", Direction: HigherIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Plain: PercentHigh, Definition: "Milestones delivered by their agreed date ÷ milestones due in the month."},
	// quality
	{ID: "bug_escape_rate", Name: "Bug escape rate", Category: Quality, Unit: "%", Direction: LowerIsBetter, Aggregation: AggRate,
		Target: 10, HasTarget: true, Gate: true, Min: 0, Max: 100, Plain: PercentLow,
		Definition: "Bugs found in production ÷ all bugs found in the month."},
	{ID: "defect_rate", Name: "Defect rate", Category: Quality, Unit: "per 100 SP", Direction: LowerIsBetter, Aggregation: AggRate,
		Min: 0, Max: 1000, Definition: "Defects raised per 100 story points delivered in the month."},
	{ID: "incidents", Name: "Incidents", PluralName: true, Category: Quality, Unit: "incidents", Direction: LowerIsBetter, Aggregation: AggSum,
		Min: 0, Max: 10000, Definition: "Production incidents of severity 1–2 in the month."},
	{ID: "test_coverage", Name: "Test coverage", Category: Quality, Unit: "%", Direction: HigherIsBetter, Aggregation: AggLast,
		Target: 70, HasTarget: true, Min: 0, Max: 100, Plain: PercentHigh,
		Definition: "Lines covered by automated tests at the end of the month."},
	{ID: "tech_debt_ratio", Name: "Tech debt ratio", Category: Quality, Unit: "ratio", Direction: LowerIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Definition: "Tech-debt items added ÷ tech-debt items resolved in the month (above 1: debt grows)."},
	{ID: "reopen_rate", Name: "Reopen rate", Category: Quality, Unit: "%", Direction: LowerIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Plain: PercentLow, Definition: "Tickets reopened ÷ tickets closed in the month."},
	{ID: "review_rework_rate", Name: "Review rework rate", Category: Quality, Unit: "%", Direction: LowerIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Plain: PercentLow, Definition: "Pull requests sent back for changes ÷ pull requests reviewed in the month."},
	// dora
	{ID: "deployment_frequency", Name: "Deployment frequency", Category: DORA, Unit: "deploys", Direction: HigherIsBetter, Aggregation: AggSum,
		Min: 0, Max: 100000, Definition: "Deployments to production in the month."},
	{ID: "lead_time", Name: "Lead time for changes", Category: DORA, Unit: "hours", Direction: LowerIsBetter, Aggregation: AggMedian,
		Target: 72, HasTarget: true, Min: 0, Max: 8760, Definition: "Median hours from commit to running in production."},
	{ID: "change_failure_rate", Name: "Change failure rate", Category: DORA, Unit: "%", Direction: LowerIsBetter, Aggregation: AggRate,
		Target: 15, HasTarget: true, Min: 0, Max: 100, Plain: PercentLow,
		Definition: "Deployments that caused a failure in production ÷ deployments in the month."},
	{ID: "time_to_restore", Name: "Time to restore", Category: DORA, Unit: "hours", Direction: LowerIsBetter, Aggregation: AggMedian,
		Min: 0, Max: 8760, Definition: "Median hours to recover from a failed deployment."},
	{ID: "rework_rate", Name: "Rework rate", Category: DORA, Unit: "%", Direction: LowerIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Plain: PercentLow,
		Definition: "Unplanned deployments to fix user-facing bugs ÷ deployments in the month."},
	// collaboration
	{ID: "pr_response_time", Name: "PR response time", Category: Collaboration, Unit: "hours", Direction: LowerIsBetter, Aggregation: AggMedian,
		Min: 0, Max: 2000, Definition: "Median hours from a pull request opened to its first review."},
	{ID: "sla_compliance", Name: "SLA compliance", Category: Collaboration, Unit: "%", Direction: HigherIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Plain: PercentHigh,
		Definition: "Requests answered within the agreed time during overlap hours ÷ requests."},
	{ID: "blocker_resolution", Name: "Blocker resolution time", Category: Collaboration, Unit: "hours", Direction: LowerIsBetter, Aggregation: AggMedian,
		Min: 0, Max: 2000, Definition: "Median hours from a blocker raised to resolved."},
	{ID: "ceremony_participation", Name: "Ceremony participation", Category: Collaboration, Unit: "%", Direction: HigherIsBetter, Aggregation: AggMean,
		Min: 0, Max: 100, Plain: PercentHigh,
		Definition: "Client-side attendance at planning, review and retrospective ceremonies."},
	// team
	{ID: "attrition", Name: "Attrition", Category: Team, Unit: "%", Direction: LowerIsBetter, Aggregation: AggRate,
		Target: 15, HasTarget: true, Gate: true, Min: 0, Max: 30, Plain: PercentTiny,
		Definition: "Voluntary leavers ÷ headcount in the month; the target is the annualised rate (monthly × 12)."},
	{ID: "ramp_up_days", Name: "Ramp-up time", Category: Team, Unit: "days", Direction: LowerIsBetter, Aggregation: AggMedian,
		Min: 0, Max: 730, Definition: "Median days for a new joiner to complete a first story on their own."},
	{ID: "enps", Name: "eNPS", Category: Team, Unit: "score", Direction: HigherIsBetter, Aggregation: AggLast,
		Target: 20, HasTarget: true, Min: -100, Max: 100,
		Definition: "Employee Net Promoter Score, −100 to 100, from the latest pulse survey."},
	{ID: "headcount", Name: "Headcount", Category: Team, Unit: "people", Direction: Neutral, Aggregation: AggLast,
		Min: 0, Max: 100000, Definition: "People on the team at the end of the month."},
	// business
	{ID: "feature_adoption", Name: "Feature adoption", Category: Business, Unit: "%", Direction: HigherIsBetter, Aggregation: AggLast,
		Min: 0, Max: 100, Plain: PercentHigh, Definition: "Target users active on features shipped by the team."},
	{ID: "time_to_market", Name: "Time to market", Category: Business, Unit: "days", Direction: LowerIsBetter, Aggregation: AggMedian,
		Min: 0, Max: 3650, Definition: "Median days from a feature approved to released."},
	{ID: "roadmap_alignment", Name: "Roadmap alignment", Category: Business, Unit: "%", Direction: HigherIsBetter, Aggregation: AggRate,
		Min: 0, Max: 100, Plain: PercentHigh, Definition: "Story points spent on roadmap items ÷ all story points."},
	// cost
	{ID: "cost_per_point", Name: "Cost per story point", Category: Cost, Unit: "currency", Direction: LowerIsBetter, Aggregation: AggRate,
		Min: 0, Max: 1e7, Definition: "Monthly cost ÷ story points completed."},
	{ID: "monthly_cost", Name: "Monthly cost", Category: Cost, Unit: "currency", Direction: LowerIsBetter, Aggregation: AggSum,
		Min: 0, Max: 1e10, Definition: "Invoiced cost of the team for the month."},
}

// Catalog returns the built-in KPI catalog in pack order. The slice is a copy.
func Catalog() []KPI {
	return append([]KPI(nil), catalog...)
}

// byKey maps every accepted spelling (id and display name, folded) to a catalog index.
var byKey = func() map[string]int {
	m := make(map[string]int, 2*len(catalog))
	for i, k := range catalog {
		m[names.Fold(k.ID)] = i
		m[names.Fold(k.Name)] = i
	}
	return m
}()

// LookupKPI finds a KPI by id or display name. Case, accents, spaces, hyphens and
// underscores do not matter, and a trailing unit in parentheses is ignored, so
// "Sprint Predictability (%)", "predictability" and "PREDICTABILITY" all match.
func LookupKPI(name string) (*KPI, bool) {
	i, ok := byKey[names.Fold(names.StripUnit(name))]
	if !ok {
		return nil, false
	}
	k := catalog[i] // a copy: the catalog cannot be changed through what Lookup returns
	return &k, true
}

// SuggestKPI returns the id of the catalog KPI closest to an unknown name, or "" when
// none is close enough to be a likely typo.
func SuggestKPI(name string) string {
	key := names.Fold(names.StripUnit(name))
	if key == "" {
		return ""
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if best := names.Closest(key, keys); best != "" {
		return catalog[byKey[best]].ID
	}
	return ""
}
