// Package portfolio writes the portfolio of a run: one row per team with its decision,
// score, gates and conditions and links to its packs, as a page (index.html), a workbook
// (portfolio.xlsx) and JSON (portfolio.json). Rows carry the teams' packs' own display
// strings; nothing is computed here.
package portfolio

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

// WriteJSON writes the rows as JSON, with the tool's version.
func WriteJSON(rows []Row, version string) ([]byte, error) {
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
	}{version, rows})
	return buf.Bytes(), err
}
