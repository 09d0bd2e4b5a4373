package report

import (
	"fmt"
	"strings"
)

// This file holds the external benchmarks packs cite: DORA performance clusters by
// report year and voluntary attrition references. Figures and how well each was checked
// are in the project's BENCHMARKS notes; every pack names the source and year.

// doraSource names the report a tier comes from.
func doraSource(year int) string {
	return fmt.Sprintf("DORA State of DevOps %d, performance clusters", year)
}

// Our reading of monthly data against the ranges, stated in every pack: deployments per
// month ≥ 30 is on demand, 4–29 daily to weekly, 1–3 weekly to monthly, below 1 rarer;
// hours with 24 h = 1 day, 168 h = 1 week, 720 h = 1 month.
const doraConvention = "monthly data read against the ranges as: ≥ 30 deployments a month = on demand, 4–29 = daily to weekly, 1–3 = weekly to monthly; 24 h = 1 day, 168 h = 1 week, 720 h = 1 month"

// doraTier ranks a DORA KPI's level into a cluster of the given report year. It returns
// nil and a note saying why when the year's clusters cannot rank it.
func doraTier(id string, level float64, year int) (*string, string) {
	tier := func(t string) (*string, string) {
		return &t, fmt.Sprintf("%s%s tier (DORA State of DevOps %d).", strings.ToUpper(t[:1]), t[1:], year)
	}
	switch id {
	case "deployment_frequency":
		switch {
		case level >= 30:
			return tier("elite")
		case level >= 4:
			return tier("high")
		case level >= 1:
			if year == 2023 {
				t, note := tier("medium")
				return t, note + " In 2023 the Low tier shares the weekly-to-monthly range."
			}
			return tier("medium")
		}
		return tier("low")
	case "lead_time":
		switch {
		case level < 24:
			return tier("elite")
		case level <= 168:
			return tier("high")
		case level <= 720:
			if year == 2023 {
				t, note := tier("medium")
				return t, note + " In 2023 the Low tier shares the one-week-to-one-month range."
			}
			return tier("medium")
		}
		return tier("low")
	case "time_to_restore":
		switch {
		case level < 1:
			return tier("elite")
		case level < 24:
			if year == 2024 {
				t, note := tier("high")
				return t, note + " In 2024 the High and Medium tiers both restore in under a day."
			}
			return tier("high")
		case year == 2023 && level <= 168:
			return tier("medium")
		case year == 2023 && level <= 720:
			return nil, fmt.Sprintf("Not ranked: between the Medium (1 day – 1 week) and Low (1 – 6 months) tiers of DORA State of DevOps %d.", year)
		case year == 2024 && level < 168:
			return nil, fmt.Sprintf("Not ranked: between the Medium (< 1 day) and Low (1 week – 1 month) tiers of DORA State of DevOps %d.", year)
		}
		return tier("low")
	case "change_failure_rate":
		if year == 2024 {
			return nil, "The 2024 DORA report's change failure rates do not rise tier by tier (Elite 5 %, High 20 %, Medium 10 %, Low 40 %), so this rate is shown beside them, not ranked."
		}
		switch {
		case level <= 5:
			return tier("elite")
		case level <= 10:
			return tier("high")
		case level <= 15:
			return tier("medium")
		}
		t, note := tier("low")
		return t, note + " The tiers' rates, 5, 10, 15 and 64 %, are read as upper bounds."
	case "rework_rate":
		return nil, "Not ranked: DORA State of DevOps 2024 introduced rework rate without tiers."
	}
	return nil, ""
}

// attritionBenchmark sets an annualised attrition rate against the published references.
func attritionBenchmark(annual float64) string {
	where := "below"
	switch {
	case annual > 32.4:
		where = "above"
	case annual >= 13.2:
		where = "within or near"
	}
	return fmt.Sprintf("%s %%/yr is %s the references: software industry globally 13.2 %%/yr (LinkedIn, 2017); "+
		"Latin-American digital roles about 19–32 %%/yr (Mercer, 2022: Mexico 19.2, Brazil 19.5, Argentina 32.4); "+
		"Argentine software industry about 20 %%/yr (CESSI/OPSSI, 2024)", formatFixed(annual, 1), where)
}

// benchmarkSources are the sources a pack cites when it shows tiers or attrition.
func benchmarkSources(year int, hasDORA, hasAttrition bool) []string {
	var out []string
	if hasDORA {
		out = append(out, doraSource(year)+"; "+doraConvention)
	}
	if hasAttrition {
		out = append(out,
			"Voluntary attrition, software industry globally: 13.2 %/yr (LinkedIn workforce data, 2017)",
			"Voluntary attrition, digital roles: Mexico 19.2 %, Brazil 19.5 %, Argentina 32.4 %/yr (Mercer, 2022)",
			"Voluntary attrition, Argentine software industry: about 20 %/yr (CESSI/OPSSI, 2024)")
	}
	return out
}
