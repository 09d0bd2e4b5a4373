package report

// SchemaVersion is the version of the Pack's JSON form; it changes when a field is
// renamed or removed, not when one is added.
const SchemaVersion = 1

// Pack is everything a reader of any format sees, computed once by Analyze: every
// number, status and sentence. Writers lay it out; they never compute or re-word.
// A Pack is not modified after Analyze returns it.
type Pack struct {
	SchemaVersion int `json:"schema_version"`

	Team              string  `json:"team"`
	Client            string  `json:"client"`
	Partner           string  `json:"partner"`
	Location          string  `json:"location"`
	Currency          string  `json:"currency"`
	Headcount         float64 `json:"headcount,omitempty"` // people; 0 when not given
	OperateStart      Month   `json:"operate_start"`
	ReportMonth       Month   `json:"report_month"`   // the as-of month
	TransferMonth     Month   `json:"transfer_month"` // the planned Transfer month
	MonthsToTransfer  int     `json:"months_to_transfer"`
	BaselineMonths    int     `json:"baseline_months"`
	DelayWindowMonths int     `json:"delay_window_months"`
	PartnerAligned    bool    `json:"partner_aligned"`
	DORAYear          int     `json:"dora_year"` // the State of DevOps report year tiers come from

	Recommendation Recommendation `json:"recommendation"`
	// ReadinessScore is the weighted mean of status scores × 100, rounded to a whole
	// number, over KPIs with a target and enough data; 0 when there are none (ScoredKPIs
	// is then 0).
	ReadinessScore float64     `json:"readiness_score"`
	ScoredKPIs     int         `json:"scored_kpis"`
	KPIs           []KPIResult `json:"kpis"` // catalog order
	// Changes is what changed since the previous month's analysis; nil for the first
	// month with data.
	Changes     *Changes  `json:"changes"`
	DataQuality []Note    `json:"data_quality"`
	Agenda      Agenda    `json:"agenda"`
	Commentary  []Comment `json:"commentary"` // the report month's, in section order
	// Sections are the category sections of the pack, in pack order: each with its
	// title, its KPIs and its commentary. Categories without a KPI with data are left out.
	Sections []PackSection `json:"sections"`
	Sources  []string      `json:"sources"` // the benchmarks the pack cites, with year
	Display  PackLabels    `json:"display"`
}

// PackLabels are the pack-level figures as every format prints them.
type PackLabels struct {
	ReportMonth   string `json:"report_month"`   // "Oct 2026"
	TransferMonth string `json:"transfer_month"` // "Jan 2027"
	// MonthsToTransfer is the time to the planned Transfer in words: "3 months", or
	// "1 month past" once the report month is after it.
	MonthsToTransfer string `json:"months_to_transfer"`
	// NewTransferMonth is the month a delay moves the Transfer to; "" unless delayed.
	NewTransferMonth string `json:"new_transfer_month,omitempty"`
	// ProjectionHeading and ProjectionMonth say where the scorecard's projections
	// (KPILabels.Projection) stand: "At Transfer" and the planned Transfer month, or,
	// once that month has passed, "At window end" and the delay window's last month.
	ProjectionHeading string `json:"projection_heading"`
	ProjectionMonth   string `json:"projection_month"`
	// Headcount is the team's size as printed: "22 people"; "" when not given.
	Headcount      string `json:"headcount,omitempty"`
	OperateStart   string `json:"operate_start"`
	ReadinessScore string `json:"readiness_score"` // "91 / 100"
	Decision       string `json:"decision"`        // "Proceed", "Delay 2 months", "Renegotiate"
}

// Decision is the recommendation at the Transfer date.
type Decision string

// Decisions.
const (
	Proceed     Decision = "proceed"
	Delay       Decision = "delay"
	Renegotiate Decision = "renegotiate"
)

// Recommendation is the pack's answer and its reasons.
type Recommendation struct {
	Decision    Decision `json:"decision"`
	DelayMonths int      `json:"delay_months"` // 0 unless Decision is delay
	// NewTransferMonth is the planned Transfer month plus the delay; zero unless delayed.
	NewTransferMonth Month  `json:"new_transfer_month,omitempty"`
	Headline         string `json:"headline"` // one sentence for page 1
	// Rationale has one plain sentence per rule that fired, each with its numbers.
	Rationale []string `json:"rationale"`
	// Rules are the ids of the rules that fired, in the order of Rationale.
	Rules []Rule `json:"rules"`
	// Conditions are what must hold for the Transfer: non-gate KPIs at risk or off
	// track, and data-quality problems.
	Conditions []string `json:"conditions"`
	// Terms are the contract terms a renegotiation should revisit; empty otherwise.
	Terms []string `json:"terms"`
}

// Status is a KPI's standing against its target, as of the report month.
type Status string

// Statuses, with their score in the readiness score.
const (
	Met              Status = "met"               // meets the target and still will at Transfer: 1
	AtRisk           Status = "at_risk"           // meets it now, a real worsening trend breaches it by Transfer: 0.5
	OnTrack          Status = "on_track"          // misses it now, a real improving trend meets it by Transfer: 0.75
	Recoverable      Status = "recoverable"       // misses it, projected to meet it within the delay window: 0.5
	OffTrack         Status = "off_track"         // misses it, and not within the delay window: 0
	InsufficientData Status = "insufficient_data" // fewer than 6 months with data
	NoTarget         Status = "no_target"         // shown against its baseline only
)

// score is the status's weight in the readiness score; ok is false for statuses that
// are not scored.
func (s Status) score() (float64, bool) {
	switch s {
	case Met:
		return 1, true
	case AtRisk, Recoverable:
		return 0.5, true
	case OnTrack:
		return 0.75, true
	case OffTrack:
		return 0, true
	}
	return 0, false
}

// KPIResult is one KPI's analysis. Values are in the KPI's unit with percent as points;
// attrition's level, target, trend and projection are annual rates (monthly × 12), its
// series stays monthly.
type KPIResult struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Category       Category  `json:"category"`
	Unit           string    `json:"unit"`
	Direction      Direction `json:"direction"`
	Definition     string    `json:"definition"`
	Gate           bool      `json:"gate"`
	Weight         float64   `json:"weight"`
	MonthsWithData int       `json:"months_with_data"`

	Baseline       *float64 `json:"baseline"`
	BaselineSource string   `json:"baseline_source"`
	Level          *float64 `json:"level"`
	LevelBasis     string   `json:"level_basis"`
	Target         *float64 `json:"target"`
	TargetSource   string   `json:"target_source"`   // "catalog", "framework" or "input"
	Amber          *float64 `json:"amber"`           // tolerance band, in the KPI's unit
	VsBaseline     *float64 `json:"vs_baseline"`     // level − baseline
	VsBaselinePct  *float64 `json:"vs_baseline_pct"` // (level − baseline) ÷ |baseline| × 100
	VsTarget       *float64 `json:"vs_target"`       // level − target

	Trend                   Trend    `json:"trend"`
	Stalled                 bool     `json:"stalled"` // flat or worse at each step of the last 3 months with data
	Projection              *float64 `json:"projection_at_transfer"`
	ProjectionLowConfidence bool     `json:"projection_low_confidence"`
	// ProjectionWindowEnd is the projection at the end of the delay window (Transfer +
	// delay window months).
	ProjectionWindowEnd *float64 `json:"projection_at_window_end"`
	// ProjectionFrom is the month the projection runs from: the middle of the level's
	// months (the later of two). Projections are the printed level plus the printed
	// slope × the months from it, so a reader can redo them from the page.
	ProjectionFrom Month `json:"projection_from,omitempty"`
	// MeetsTargetMonth is the month the projection first meets the target, for a KPI
	// that misses it now with a real improving trend.
	MeetsTargetMonth Month `json:"meets_target_month,omitempty"`
	// BreachMonth is the month the projection first misses the target, for a KPI that
	// meets it now with a real worsening trend.
	BreachMonth Month  `json:"breach_month,omitempty"`
	Status      Status `json:"status"`
	// Band places the level against the target and the agreed tolerance (Amber); ""
	// without a target or data. A non-gate KPI in the amber band is no Transfer condition.
	Band  Band     `json:"band"`
	Score *float64 `json:"score"` // the status's score, nil when not scored

	DORATier  *string `json:"dora_tier"` // elite, high, medium or low; nil when not ranked
	DORANote  string  `json:"dora_note,omitempty"`
	Benchmark string  `json:"benchmark,omitempty"` // attrition: the references it is set against

	// BaselineFrom and BaselineTo are the months the baseline is the median of; zero
	// when the baseline is agreed in Targets or there is no data in those months.
	BaselineFrom Month `json:"baseline_from,omitempty"`
	BaselineTo   Month `json:"baseline_to,omitempty"`
	// LevelMonths are the months the level is taken from: the last 3 with data.
	LevelMonths []Month `json:"level_months"`

	Spikes    []Spike `json:"spikes"`
	Series    []Point `json:"series"`    // the monthly data up to the report month, as entered (attrition monthly)
	Projected []Point `json:"projected"` // the projection from the level's middle month to the end of the delay window, in the unit of Series
	// Summary is the KPI's trend in one plain sentence, printed with its chart.
	Summary string `json:"summary"`
	// Chart is what the KPI's trend chart plots, in the unit of its level and target.
	Chart   Chart     `json:"chart"`
	Display KPILabels `json:"display"`

	kpi *KPI // the catalog entry, for the words
}

// Chart is what a KPI's trend chart plots, in the unit of the KPI's level, target and
// projection: attrition's monthly rates × 12, so they meet its annual target; every
// other KPI as entered.
type Chart struct {
	Actual []Point `json:"actual"` // the months with data
	// ActualLabels are the Actual values as printed: "79.3 %", "27.6 %/yr".
	ActualLabels []string `json:"actual_labels"`
	Projected    []Point  `json:"projected"` // the projection, from the level's middle month to the end of the delay window
	// AmberLow and AmberHigh bound the agreed amber band (the target and the tolerance
	// beyond it); nil without a tolerance.
	AmberLow  *float64 `json:"amber_low,omitempty"`
	AmberHigh *float64 `json:"amber_high,omitempty"`
}

// Trend is the Theil–Sen slope of the last 12 months with data and its Mann–Kendall test.
type Trend struct {
	// SlopePerMonth is the slope used for projections, in the KPI's unit per month: the
	// Theil–Sen estimate when Significant, otherwise 0.
	SlopePerMonth float64 `json:"slope_per_month"`
	// Estimate is the Theil–Sen slope whether significant or not.
	Estimate    float64  `json:"theil_sen_slope"`
	PValue      *float64 `json:"p_value"`     // two-sided Mann–Kendall; nil with fewer than 3 points
	Significant bool     `json:"significant"` // ≥ 6 points and p < 0.10
	Points      int      `json:"points"`
	// Word says which way the KPI is moving, judged by its direction.
	Word Movement `json:"word"`
}

// Spike is a month outside the XmR limits of the baseline period and away from its
// neighbours: a one-off to explain, not a trend.
type Spike struct {
	Month      Month   `json:"month"`
	Value      float64 `json:"value"`
	Display    string  `json:"display"`     // the value as printed
	UsualRange string  `json:"usual_range"` // the XmR limits at that month, as printed
	Note       string  `json:"note"`
}

// KPILabels are a KPI's figures as every format prints them.
type KPILabels struct {
	Baseline   string `json:"baseline"`
	Level      string `json:"level"`
	Target     string `json:"target"` // with its comparison: "≥ 85.0 %"
	VsBaseline string `json:"vs_baseline"`
	VsTarget   string `json:"vs_target"`
	Slope      string `json:"slope"` // "+1.5 pts/month" or "no clear trend"
	// Projection is the projection the scorecard shows, at PackLabels.ProjectionMonth:
	// "82.0 % (low confidence)".
	Projection string `json:"projection"`
	// ProjectionWindowEnd is the projection at the end of the delay window.
	ProjectionWindowEnd string `json:"projection_at_window_end"`
	Status              string `json:"status"` // "Recoverable"
	// LevelPeriod names the months the level is taken from: "Aug–Oct 2026", "Jun, Aug
	// and Oct 2026", "Oct 2026"; Latest is the latest of them as printed ("79.3 %",
	// attrition annualised) and LatestMonth that month ("Oct 2026").
	LevelPeriod string `json:"level_period"`
	Latest      string `json:"latest"`
	LatestMonth string `json:"latest_month"`
	// TrendTest is the trend test behind the slope, for analysts: "Theil–Sen over 12
	// months, Mann–Kendall p < 0.001".
	TrendTest string `json:"trend_test"`
	// DORATier is the DORA tier as printed: "High"; "" when not ranked.
	DORATier string `json:"dora_tier,omitempty"`
	// Series are the monthly values as entered, as printed: "79.3 %"; attrition's are
	// its monthly rates ("2.30 %").
	Series []string `json:"series"`
	Unit   string   `json:"unit"` // "%", "%/yr" for attrition
}

// Changes is the difference from the previous month's analysis.
type Changes struct {
	Since            Month          `json:"since"`
	PreviousDecision Decision       `json:"previous_decision"`
	PreviousScore    float64        `json:"previous_score"`
	StatusChanges    []StatusChange `json:"status_changes"`
	NewFlags         []string       `json:"new_flags"`
	ClearedFlags     []string       `json:"cleared_flags"`
	Summary          []string       `json:"summary"` // sentences, decision first
}

// StatusChange is one KPI whose status moved.
type StatusChange struct {
	KPI  string `json:"kpi"`
	From Status `json:"from"`
	To   Status `json:"to"`
}

// Note is a data-quality finding shown in the pack.
type Note struct {
	Kind NoteKind `json:"kind"`
	KPI  string   `json:"kpi,omitempty"`
	Text string   `json:"text"`

	// months are the missing months among the last 3, which move the level: those are
	// a condition of the Transfer.
	months []string
}

// Agenda is the proposed agenda of the monthly review.
type Agenda struct {
	GatesAtRisk   []string `json:"gates_at_risk"`
	TrendsToWatch []string `json:"trends_to_watch"`
	Changes       []string `json:"changes"`
	Priorities    []string `json:"priorities"`
}

// Band places a KPI's level against its target and the agreed tolerance.
type Band string

// Bands.
const (
	Green Band = "green" // meets the target
	Amber Band = "amber" // misses it by no more than the agreed tolerance
	Red   Band = "red"   // misses it by more, or no tolerance is agreed
)

// Movement says which way a KPI is moving, as its trend test judges it.
type Movement string

// Movements. A KPI with a direction improves or worsens; a neutral one (headcount)
// rises or falls.
const (
	Improving    Movement = "improving"
	Worsening    Movement = "worsening"
	Rising       Movement = "rising"
	Falling      Movement = "falling"
	NoClearTrend Movement = "no clear trend" // fewer than 6 months, or Mann–Kendall p ≥ 0.10
)

// NoteKind says what a data-quality note is about.
type NoteKind string

// Note kinds.
const (
	NoteMissingMonths    NoteKind = "missing_months"     // months without a value between the first and the report month
	NoteLowEvidence      NoteKind = "low_evidence"       // too few months for a status, or a projection far ahead of the data
	NoteOneOff           NoteKind = "one_off"            // a month outside the usual range: explain, don't trend
	NoteAssumption       NoteKind = "assumption"         // how the reader took ambiguous values: confirm it
	NoteInput            NoteKind = "input"              // another warning about the input
	NoteNoData           NoteKind = "no_data"            // a gate without any data
	NoteAfterReportMonth NoteKind = "after_report_month" // values after the report month, left out
	NoteDelayInForce     NoteKind = "delay_in_force"     // the report month is past the planned Transfer
)

// Title is the kind as a heading of the data-quality section: "Missing months".
func (k NoteKind) Title() string {
	switch k {
	case NoteMissingMonths:
		return "Missing months"
	case NoteLowEvidence:
		return "Little evidence"
	case NoteOneOff:
		return "One-off months"
	case NoteAssumption:
		return "Readings to confirm"
	case NoteInput:
		return "About the input"
	case NoteNoData:
		return "Gates without data"
	case NoteAfterReportMonth:
		return "Left out"
	case NoteDelayInForce:
		return "Delay in force"
	}
	return string(k)
}

// Rule identifies a recommendation rule; its prefix is the decision it makes.
type Rule string

// The rules, in the order they are tried: the first decision with a rule that holds wins.
const (
	// A delivery or quality gate is off track.
	RuleGateOffTrack Rule = "renegotiate.gate_off_track"
	// 3 or more KPIs in 2 or more categories miss their targets and are worsening.
	RuleBroadDecline Rule = "renegotiate.broad_decline"
	// A gate misses its target and the partner is not aligned on the gaps.
	RulePartnerNotAligned Rule = "renegotiate.partner_not_aligned"
	// A gate on a time-boxed delay is still off track at the review after the one at
	// or after the planned Transfer month.
	RuleTimeBoxedDelayFailed Rule = "renegotiate.time_boxed_delay_failed"
	// A gate misses its target and is projected to meet it within the delay window.
	RuleGateRecoverable Rule = "delay.gate_recoverable"
	// A gate meets its target but a real worsening trend breaches it by the Transfer.
	RuleGateAtRisk Rule = "delay.gate_at_risk"
	// A gate has fewer than 6 months of data.
	RuleGateInsufficientData Rule = "delay.gate_insufficient_data"
	// A gate outside delivery and quality (attrition) is off track: a time-boxed delay
	// of the whole window, with a plan.
	RuleTimeBoxed Rule = "delay.time_boxed"
	// The readiness score is below 70.
	RuleLowReadiness Rule = "delay.low_readiness"
	// A gate misses its target now and a real improving trend meets it by the Transfer.
	RuleGateOnTrack Rule = "proceed.gate_on_track"
	// A gate meets its target and will at the Transfer.
	RuleGateMet Rule = "proceed.gate_met"
	// The readiness score, stated when the Transfer proceeds.
	RuleReadiness Rule = "proceed.readiness"
)

// PackSection is one category section of a pack.
type PackSection struct {
	Section Section  `json:"section"`
	Title   string   `json:"title"` // "Delivery", "DORA metrics", ...
	KPIs    []string `json:"kpis"`  // ids, in catalog order
	// Commentary is the report month's commentary on the section, Markdown, in input
	// order; empty without any.
	Commentary []string `json:"commentary"`
}
