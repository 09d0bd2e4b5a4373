package main

import (
	"strings"
	"time"
)

// headers are the wide-layout column headers: the catalog's display name and unit.
var headers = map[string]string{
	"velocity":               "Velocity (SP)",
	"predictability":         "Sprint predictability (%)",
	"completion":             "Completion ratio (%)",
	"release_frequency":      "Release frequency (releases)",
	"on_time_delivery":       "On-time delivery (%)",
	"bug_escape_rate":        "Bug escape rate (%)",
	"defect_rate":            "Defect rate (per 100 SP)",
	"incidents":              "Incidents",
	"test_coverage":          "Test coverage (%)",
	"deployment_frequency":   "Deployment frequency (deploys)",
	"lead_time":              "Lead time for changes (hours)",
	"change_failure_rate":    "Change failure rate (%)",
	"time_to_restore":        "Time to restore (hours)",
	"pr_response_time":       "PR response time (hours)",
	"sla_compliance":         "SLA compliance (%)",
	"blocker_resolution":     "Blocker resolution time (hours)",
	"ceremony_participation": "Ceremony participation (%)",
	"attrition":              "Attrition (%)",
	"ramp_up_days":           "Ramp-up time (days)",
	"enps":                   "eNPS",
	"headcount":              "Headcount (people)",
	"feature_adoption":       "Feature adoption (%)",
	"time_to_market":         "Time to market (days)",
	"roadmap_alignment":      "Roadmap alignment (%)",
	"monthly_cost":           "Monthly cost",
	"cost_per_point":         "Cost per story point",
}

func isPercent(id string) bool { return strings.HasSuffix(headers[id], "(%)") }

func month(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

// Attrition is a monthly rate in % (0.62 = 0.62 %/month, 7.4 %/year). Every attrition
// column has a month above 1 % (for the steady teams, churn while Operate starts), so no
// column is all plain values below 1.

// medellin is ready to transfer: every gate met and improving; coverage stays under the
// agreed 75 %, the one condition.
var medellin = engagement{
	client: "Northbridge Payments Inc.", partner: "Antioquia Software Partners S.A.S.",
	location: "Medellín, Colombia",
	start:    month(2025, time.July), months: 16, transfer: month(2027, time.January),
	report: month(2026, time.October),
	teams: []*team{{
		name: "Medellín Payments", seed: 1, headcount: 22,
		kpis: []series{
			{"velocity", 58, 1.3, 3, 0},
			{"predictability", 84, 0.45, 1, 1},
			{"on_time_delivery", 82, 0.9, 2.5, 0},
			{"bug_escape_rate", 9.2, -0.22, 0.5, 1},
			{"incidents", 3, -0.13, 0.8, 0},
			{"test_coverage", 71, 0.1, 0.5, 1},
			{"deployment_frequency", 9, 0.9, 1.5, 0},
			{"lead_time", 62, -1.9, 3, 0},
			{"change_failure_rate", 13.5, -0.3, 1, 1},
			{"pr_response_time", 16, -0.5, 1.2, 1},
			{"sla_compliance", 90, 0.4, 1.2, 1},
			{"attrition", 0.85, -0.018, 0.05, 2},
			{"enps", 26, 0.4, 2.5, 0},
			{"headcount", 20, 0.15, 0.3, 0},
			{"feature_adoption", 28, 1.6, 1.5, 1},
			{"monthly_cost", 108000, 900, 1500, 0},
		},
		gaps:    map[string][]int{"on_time_delivery": {9}, "enps": {5}, "feature_adoption": {1, 2}},
		oneOffs: map[string]map[int]float64{"attrition": {2: 1.25}},
		notes: []note{
			{2, "team", "Two engineers left during the first weeks of Operate; both roles were backfilled from the partner's **Bogotá** bench."},
			{4, "delivery", "Sprint planning now includes the client's product owner:\n\n1. capacity agreed per sprint\n2. carry-over reviewed first\n3. no new scope after day 2"},
			{7, "quality", "Contract tests added for the **payouts** API. Escaped bugs are now tagged by root cause in Jira."},
			{9, "delivery", "On-time delivery not reported this month: the milestone tracker moved to the client's portfolio tool."},
			{12, "dora", "Trunk-based development for all services; lead time now measured from first commit, as agreed with José Muñoz (client CTO office)."},
			{15, "quality", "Coverage is stuck around **72 %** against the agreed **75 %**. The team proposes a coverage gate on new code instead of a global target."},
			{16, "team", "Knowledge-transfer plan for Transfer signed off in Medellín. Retention bonuses agreed for the two tech leads."},
		},
	}},
}

// saoPaulo misses the predictability gate now but closes the gap by ~1.5 points a month:
// meets 85 % within the delay window, about two months after Transfer.
var saoPaulo = engagement{
	client: "Meridian Bank", partner: "Paulista Tecnologia Ltda.",
	location: "São Paulo, Brasil",
	start:    month(2025, time.November), months: 12, transfer: month(2027, time.January),
	teams: []*team{{
		name: "São Paulo Core Banking", seed: 2, headcount: 18,
		kpis: []series{
			{"velocity", 44, 1.5, 2.5, 0},
			{"predictability", 62, 1.5, 0.5, 1},
			{"completion", 86, 0.8, 2, 1},
			{"bug_escape_rate", 7.6, -0.1, 0.4, 1},
			{"defect_rate", 4.2, -0.08, 0.3, 1},
			{"test_coverage", 71.5, 0.4, 0.4, 1},
			{"deployment_frequency", 6, 0.5, 1, 0},
			{"lead_time", 55, -1, 2.5, 0},
			{"change_failure_rate", 11.5, -0.2, 1, 1},
			{"time_to_restore", 9, -0.2, 1, 1},
			{"blocker_resolution", 20, -0.5, 2, 1},
			{"ceremony_participation", 84, 0.6, 2, 0},
			{"attrition", 0.68, 0, 0.08, 2},
			{"enps", 21, 0.8, 2.5, 0},
			{"ramp_up_days", 30, -0.8, 2, 0},
			{"time_to_market", 48, -1.2, 3, 0},
			{"monthly_cost", 93000, 600, 1200, 0},
		},
		gaps:    map[string][]int{"test_coverage": {7}, "time_to_restore": {3}},
		oneOffs: map[string]map[int]float64{"attrition": {1: 1.1}},
		notes: []note{
			{1, "delivery", "First month of Operate. The team commits to **full sprint scope** but the mainframe interfaces are still new to most engineers."},
			{3, "team", "Onboarding with Conceição Araújo (client architect) in São Paulo: two weeks on the **core ledger** and the batch windows."},
			{6, "delivery", "Over-commitment is the main cause of missed sprint goals. Actions:\n\n- commit to 80 % of last sprint's velocity\n- split stories above 8 points\n- publish carry-over in the review"},
			{7, "quality", "Coverage report missing this month: the Sonar server was migrated."},
			{9, "dora", "Deployments moved from the monthly window to **weekly** releases behind feature flags."},
			{12, "delivery", "Predictability keeps rising (**+1.5 points a month**) but will not reach 85 % by January. Proposal: delay Transfer until the gate is met."},
		},
	}},
}

// andes holds three teams in one long workbook: a structural decline, an attrition
// problem and a solid team with a one-off incident spike.
var andes = engagement{
	client: "Cascadia Outfitters", partner: "Andina Digital S.A.S.",
	location: "Bogotá, Lima and Quito",
	start:    month(2025, time.September), months: 14, transfer: month(2027, time.January),
	teams: []*team{
		{
			name: "Bogotá Platform", seed: 3,
			kpis: []series{
				{"velocity", 96, -2, 4, 0},
				{"predictability", 86.8, -1.25, 1, 1},
				{"release_frequency", 4, -0.1, 0.7, 0},
				{"bug_escape_rate", 6.8, 0.85, 0.6, 1},
				{"incidents", 2, 0.35, 1, 0},
				{"test_coverage", 68, -0.4, 0.6, 1},
				{"deployment_frequency", 14, -0.6, 1.5, 0},
				{"lead_time", 40, 3.2, 4, 0},
				{"change_failure_rate", 9, 0.7, 1.2, 1},
				{"pr_response_time", 10, 1.1, 1.5, 1},
				{"attrition", 0.9, 0.07, 0.12, 2},
				{"enps", 28, -3.6, 3, 0},
				{"headcount", 26, -0.2, 0.3, 0},
				{"roadmap_alignment", 82, -1.2, 2, 0},
				{"monthly_cost", 138000, 400, 1500, 0},
			},
			gaps: map[string][]int{"roadmap_alignment": {4}},
			notes: []note{
				{3, "delivery", "The platform re-architecture was added to the sprint scope **without re-planning**."},
				{6, "team", "Tech lead Andrés Peña moved to another client of the partner; the replacement starts next month."},
				{9, "quality", "Escaped bugs keep rising:\n\n- no regression suite for the new event bus\n- hotfixes skip code review\n- QA shared with another team"},
				{12, "team", "Pulse survey comments: **unclear ownership** and weekend on-call. eNPS has been negative since May."},
				{14, "summary", "The decline is structural, not a one-off. The client asks to renegotiate the **holdback** and the retention funding before any Transfer date is set."},
			},
		},
		{
			name: "Lima Mobile", seed: 4,
			kpis: []series{
				{"velocity", 52, 0.4, 3, 0},
				{"predictability", 87.5, 0.15, 1, 1},
				{"release_frequency", 3, 0.05, 0.6, 0},
				{"bug_escape_rate", 6.2, -0.05, 0.5, 1},
				{"test_coverage", 74, 0.25, 0.6, 1},
				{"deployment_frequency", 8, 0.2, 1.2, 0},
				{"lead_time", 50, -0.5, 3, 0},
				{"change_failure_rate", 10, -0.1, 1.2, 1},
				{"sla_compliance", 93, 0.1, 1.5, 1},
				{"attrition", 1, 0.115, 0.12, 2},
				{"ramp_up_days", 24, 1.2, 2, 0},
				{"enps", 27, -0.3, 2.5, 0},
				{"headcount", 15, 0, 0.4, 0},
				{"feature_adoption", 40, 1, 1.5, 1},
				{"monthly_cost", 72000, 500, 1000, 0},
			},
			gaps: map[string][]int{"sla_compliance": {11}},
			notes: []note{
				{5, "team", "Two iOS engineers resigned for offers from a fintech in Lima; **backfilled within a month**."},
				{8, "delivery", "Delivery is steady: the app release train ships every two weeks, on time."},
				{11, "team", "Attrition keeps rising. Exit interviews point to:\n\n1. salaries below the Lima market for mobile roles\n2. no career path after Transfer\n\nA **retention plan** is being drafted with the partner."},
				{14, "team", "Ramp-up time is growing with every backfill. The retention plan (salary review, Transfer-linked bonus) goes to the steering committee in November."},
			},
		},
		{
			name: "Quito Data", seed: 26,
			kpis: []series{
				{"velocity", 40, 0.6, 2.5, 0},
				{"predictability", 88.5, 0.2, 0.9, 1},
				{"completion", 95, 0.2, 2, 1},
				{"bug_escape_rate", 5.2, -0.08, 0.4, 1},
				{"incidents", 1, 0, 0.7, 0},
				{"test_coverage", 79, 0.2, 0.5, 1},
				{"deployment_frequency", 22, 0.6, 2, 0},
				{"lead_time", 30, -0.4, 2, 0},
				{"change_failure_rate", 7, -0.05, 1, 1},
				{"time_to_restore", 4, -0.05, 0.6, 1},
				{"pr_response_time", 7, -0.1, 0.8, 1},
				{"attrition", 0.45, 0, 0.06, 2},
				{"enps", 35, 0.3, 3, 0},
				{"headcount", 12, 0.1, 0.2, 0},
				{"feature_adoption", 52, 0.8, 1.5, 1},
				{"monthly_cost", 58000, 300, 800, 0},
			},
			gaps: map[string][]int{"test_coverage": {6}},
			oneOffs: map[string]map[int]float64{
				"incidents": {1: 2, 2: 0, 8: 9},
				"attrition": {1: 1.2},
			},
			notes: []note{
				{2, "dora", "Pipelines for the **data lake** ingestion jobs now deploy on every merge."},
				{6, "quality", "Coverage not measured this month: the test runner was upgraded and the report format changed."},
				{8, "quality", "**9 incidents** this month, all from one cause: the upstream CRM vendor changed its export format without notice. Fixed with schema validation at ingestion; not a trend."},
				{13, "business", "Dashboards for the Quito and Guayaquil stores adopted by **all regional managers**."},
			},
		},
	},
}
