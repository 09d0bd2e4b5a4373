package output

import (
	"bytes"

	htmlpack "github.com/transferpack/transferpack/output/html"
	"github.com/transferpack/transferpack/output/portfolio"
	"github.com/transferpack/transferpack/report"
)

// Row and Gate are a portfolio row and one of its gates.
type (
	Row  = portfolio.Row
	Gate = portfolio.Gate
)

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
	{name: "index.html", format: "html", write: portfolioHTML},
	{name: "portfolio.json", format: "json", write: func(rows []Row, o RunOptions) ([]byte, error) {
		return portfolio.WriteJSON(rows, o.Writers.Version)
	}},
	{name: "portfolio.xlsx", format: "xlsx", write: func(rows []Row, o RunOptions) ([]byte, error) {
		return portfolio.WriteXLSX(rows, o.Writers.Version)
	}},
}

// portfolioHTML writes the portfolio page with the run's layouts.
func portfolioHTML(rows []Row, o RunOptions) ([]byte, error) {
	w, err := htmlpack.New(htmlOptions(o.Writers))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := w.WritePortfolio(&buf, rows, o.Writers.Version); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
