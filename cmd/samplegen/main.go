// Command samplegen writes the sample inputs in samples/: three engagements whose monthly
// KPIs tell a proceed, a delay and a renegotiate story, in each input shape the reader
// accepts (a wide workbook, a Portuguese-locale CSV folder, a long multi-team workbook).
//
// Run it from the repository root to regenerate every sample:
//
//	go run ./cmd/samplegen
//
// or write n synthetic teams (the samples' stories with noise of their own, in every
// layout) into a folder, for benchmarks and tests of whole runs:
//
//	go run ./cmd/samplegen --teams 500 --out /tmp/teams
//
// The output is byte-for-byte deterministic: fixed seeds, fixed document dates.
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"
)

func main() {
	samples := flag.String("samples", "samples", "folder the samples are written to")
	twin := flag.String("twin", "report/input/testdata/twin", "folder of the São Paulo workbook twin")
	teams := flag.Int("teams", 0, "write this many synthetic teams into --out instead of the samples")
	out := flag.String("out", "", "folder the synthetic teams are written to")
	flag.Parse()
	if *teams > 0 {
		if *out == "" {
			fmt.Fprintln(os.Stderr, "generate: --teams needs --out DIR")
			os.Exit(2)
		}
		if err := writeSynthetic(*out, *teams); err != nil {
			fmt.Fprintln(os.Stderr, "generate:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*samples, *twin); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

// run writes every sample into samplesDir and the CSV folder's workbook twin into twinDir.
func run(samplesDir, twinDir string) error {
	for _, dir := range []string{samplesDir, twinDir} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := writeMedellin(samplesDir); err != nil {
		return fmt.Errorf("medellín: %w", err)
	}
	if err := writeSaoPaulo(samplesDir, twinDir); err != nil {
		return fmt.Errorf("são paulo: %w", err)
	}
	if err := writeAndes(samplesDir); err != nil {
		return fmt.Errorf("andes: %w", err)
	}
	return nil
}

// series is the story of one KPI: a straight line plus normal noise.
type series struct {
	id     string
	start  float64 // value in the first month, in the catalog's unit (85 = 85 %)
	slope  float64 // change per month
	noise  float64 // standard deviation of the monthly noise
	digits int     // decimals kept
}

// note is a hand-written commentary entry.
type note struct {
	month   int // 1-based month of the data
	section string
	text    string
}

// team is one offshore team: its KPI stories and its commentary.
type team struct {
	name      string
	seed      uint64
	headcount int // the Engagement sheet's Headcount; single-team inputs only
	kpis      []series
	gaps      map[string][]int           // KPI -> 1-based months left empty
	oneOffs   map[string]map[int]float64 // KPI -> 1-based month -> value off the line
	notes     []note
}

// engagement is one input: the engagement fields and its teams.
type engagement struct {
	client, partner, location string
	start                     time.Time // Operate start, also the first month of data
	months                    int       // months of data
	transfer                  time.Time
	report                    time.Time // zero: left to the reader's default
	teams                     []*team
}

// data is a team's generated monthly values.
type data struct {
	team   *team
	months []time.Time
	ids    []string             // KPIs in column order
	vals   map[string][]float64 // NaN: missing
	digits map[string]int
}

// generate draws the team's monthly values. Noise is drawn for every month, gaps
// included, so adding a gap never shifts the other values.
func (t *team) generate(start time.Time, months int) *data {
	r := rand.New(rand.NewPCG(t.seed, 0x7472616e73666572))
	d := &data{team: t, vals: map[string][]float64{}, digits: map[string]int{}}
	for i := range months {
		d.months = append(d.months, start.AddDate(0, i, 0))
	}
	for _, s := range t.kpis {
		v := make([]float64, months)
		for i := range v {
			v[i] = round(clamp(s.id, s.start+s.slope*float64(i)+s.noise*r.NormFloat64()), s.digits)
		}
		for m, x := range t.oneOffs[s.id] {
			v[m-1] = x
		}
		for _, m := range t.gaps[s.id] {
			v[m-1] = math.NaN()
		}
		d.add(s.id, v, s.digits)
	}
	d.deriveCostPerPoint()
	return d
}

func (d *data) add(id string, v []float64, digits int) {
	d.ids = append(d.ids, id)
	d.vals[id] = v
	d.digits[id] = digits
}

// deriveCostPerPoint adds cost per story point as monthly cost ÷ velocity, so the two
// agree the way finance checks them.
func (d *data) deriveCostPerPoint() {
	cost, vel := d.vals["monthly_cost"], d.vals["velocity"]
	if cost == nil || vel == nil {
		return
	}
	v := make([]float64, len(cost))
	for i := range v {
		v[i] = round(cost[i]/vel[i], 0) // NaN stays NaN
	}
	d.add("cost_per_point", v, 0)
}

// clamp keeps a value inside the KPI's plausible range.
func clamp(id string, v float64) float64 {
	switch {
	case id == "enps":
		return max(-100, min(100, v))
	case isPercent(id):
		return max(0, min(100, v))
	}
	return max(0, v)
}

func round(v float64, digits int) float64 {
	p := math.Pow10(digits)
	return math.Round(v*p) / p
}
