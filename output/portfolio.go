package output

import (
	"bytes"
	"encoding/json"

	"github.com/transferpack/transferpack/report"
)

// Row is one team's line in the portfolio: its decision, score, gates and conditions, as
// the team's pack prints them, and the files to open.
type Row struct {
	Team        string `json:"team"`
	Input       string `json:"input"`
	ReportMonth string `json:"report_month"` // "Oct 2026": the month of the pack the row links to
	// Decision is proceed, delay or renegotiate; "" for an input that failed without a
	// pack from an earlier run.
	Decision         string  `json:"decision"`
	DecisionLabel    string  `json:"decision_label"` // "Delay 2 months"
	DelayMonths      int     `json:"delay_months"`
	TransferMonth    string  `json:"transfer_month"`
	NewTransferMonth string  `json:"new_transfer_month,omitempty"`
	Score            float64 `json:"readiness_score"`
	ScoreLabel       string  `json:"readiness_label"` // "91 / 100"
	Gates            []Gate  `json:"gates"`
	Conditions       int     `json:"conditions"`
	// Files are the team's packs by format name, relative to the output folder.
	Files map[string]string `json:"files"`
	// Failed marks a team whose input failed in this run: the files are last run's, of
	// ReportMonth; Findings are the input's errors.
	Failed   bool     `json:"failed,omitempty"`
	Findings []string `json:"findings,omitempty"`
}

// Gate is one gate's status in a portfolio row.
type Gate struct {
	KPI         string        `json:"kpi"`
	Name        string        `json:"name"`
	Status      report.Status `json:"status"`
	StatusLabel string        `json:"status_label"`
}

// rowOf makes a team's portfolio row from its pack and the files it is written to.
func rowOf(p *report.Pack, stem string, formats []Format) Row {
	r := Row{Team: p.Team, ReportMonth: p.Display.ReportMonth, Decision: string(p.Recommendation.Decision),
		DecisionLabel: p.Display.Decision, DelayMonths: p.Recommendation.DelayMonths,
		TransferMonth: p.Display.TransferMonth, NewTransferMonth: p.Display.NewTransferMonth,
		Score: p.ReadinessScore, ScoreLabel: p.Display.ReadinessScore, Gates: []Gate{},
		Conditions: len(p.Recommendation.Conditions), Files: map[string]string{}}
	for _, k := range p.KPIs {
		if k.Gate {
			r.Gates = append(r.Gates, Gate{KPI: k.ID, Name: k.Name, Status: k.Status, StatusLabel: k.Display.Status})
		}
	}
	for _, f := range formats {
		r.Files[f.Name] = stem + f.Ext
	}
	return r
}

// maxFindings is how many of a failed input's findings its portfolio row carries.
const maxFindings = 5

// failedRow is the portfolio row of an input that failed: its first findings, and the
// teams that failed on their own.
func failedRow(input string, fs report.Findings, teams []TeamResult) Row {
	r := Row{Team: input, Input: input, Failed: true, Gates: []Gate{}, Files: map[string]string{}}
	for _, f := range fs.Errors() {
		r.Findings = append(r.Findings, f.Cell()+": "+f.Message)
	}
	for _, t := range teams {
		if t.Err != nil {
			r.Findings = append(r.Findings, t.Err.Error())
		}
	}
	if n := len(r.Findings); n > maxFindings {
		r.Findings = append(r.Findings[:maxFindings], report.Count(n-maxFindings, "more error"))
	}
	return r
}

// portfolioFile is one file of the run's portfolio.
type portfolioFile struct {
	name, format string
	write        func(rows []Row, o RunOptions) ([]byte, error)
}

// portfolioFiles are written after every team, in this order.
var portfolioFiles = []portfolioFile{
	{name: "portfolio.json", format: "json", write: portfolioJSON},
}

// portfolioJSON writes the portfolio's rows as JSON.
func portfolioJSON(rows []Row, o RunOptions) ([]byte, error) {
	if rows == nil {
		rows = []Row{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(struct {
		Version string `json:"version"`
		Rows    []Row  `json:"teams"`
	}{o.Writers.Version, rows})
	return buf.Bytes(), err
}
