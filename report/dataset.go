package report

// Dataset is one team's input as read: the engagement, the monthly series, the agreed
// framework and the commentary. Values are in the catalog unit of their KPI; percent
// values are percentage points (85 = 85 %) whatever form the cell had.
type Dataset struct {
	Source     string // the input path as the user gave it
	Engagement Engagement
	Series     []Series  // one per KPI with at least one value, in catalog order
	Targets    []Target  // the framework: shared file, then the team's own rows; catalog order
	Commentary []Comment // in month order, then section order
	// Findings are the warnings about this team's data (errors stop the pack and are
	// returned by Read instead). Sorted as the workbook reads.
	Findings Findings
}

// Engagement holds the fields of the Engagement sheet, defaults applied.
type Engagement struct {
	Client, Partner, Team, Location string
	OperateStart                    Month
	TransferDate                    Month // the planned Transfer month
	BaselineMonths                  int   // months from Operate start that set the baseline; default 2
	DelayWindowMonths               int   // how long a delay may last before it is a renegotiation; default 3
	PartnerAligned                  bool  // the BOT partner agrees with the gaps and the plan; default true
	ReportMonth                     Month // as-of month; default the latest month with data
	Currency                        string
	Headcount                       float64 // people; 0 when not given
}

// Series is the monthly data of one KPI, in month order, one point a month at most.
type Series struct {
	KPI    string // catalog id
	Points []Point
}

// Point is one month's value.
type Point struct {
	Month Month   `json:"month"`
	Value float64 `json:"value"` // in the KPI's unit; percent as points
}

// Target is one row of the agreed framework. Pointer fields are nil when the row leaves
// them blank, so the catalog default applies.
type Target struct {
	KPI       string   // catalog id
	Target    *float64 // in the KPI's unit; attrition: annual rate in percent
	Direction Direction
	Gate      *bool
	Weight    *float64 // weight in the readiness score
	Amber     *float64 // tolerance band around the target, in the KPI's unit
	Baseline  *float64 // overrides the computed baseline
}

// Comment is one row of the Commentary sheet.
type Comment struct {
	Month   Month   `json:"month"`
	Section Section `json:"section"`
	Text    string  `json:"text"` // Markdown
}

// Section is the part of a pack a commentary row is attached to: the summary, or one
// section per KPI category.
type Section string

// Sections.
const (
	SectionSummary       Section = "summary"
	SectionDelivery      Section = Section(Delivery)
	SectionQuality       Section = Section(Quality)
	SectionDORA          Section = Section(DORA)
	SectionCollaboration Section = Section(Collaboration)
	SectionTeam          Section = Section(Team)
	SectionBusiness      Section = Section(Business)
	SectionCost          Section = Section(Cost)
)

// Sections returns every section commentary can be attached to, in pack order.
func Sections() []Section {
	return []Section{SectionSummary, SectionDelivery, SectionQuality, SectionDORA, SectionCollaboration,
		SectionTeam, SectionBusiness, SectionCost}
}

// SeriesFor returns the series of a KPI, or nil.
func (d *Dataset) SeriesFor(id string) *Series {
	for i := range d.Series {
		if d.Series[i].KPI == id {
			return &d.Series[i]
		}
	}
	return nil
}

// FirstMonth returns the earliest month with any data, or zero.
func (d *Dataset) FirstMonth() Month {
	var first Month
	for _, s := range d.Series {
		if len(s.Points) > 0 && (first.IsZero() || s.Points[0].Month < first) {
			first = s.Points[0].Month
		}
	}
	return first
}

// LastMonth returns the latest month with any data, or zero.
func (d *Dataset) LastMonth() Month {
	var last Month
	for _, s := range d.Series {
		if n := len(s.Points); n > 0 && s.Points[n-1].Month > last {
			last = s.Points[n-1].Month
		}
	}
	return last
}
