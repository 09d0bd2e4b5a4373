// Package report is the domain of transferpack: a team's monthly KPI data (Dataset), the
// KPI catalog, and the analysis that turns a Dataset into a Pack, the one source of every
// figure, status and sentence the HTML, PDF, Excel and JSON packs show.
//
// Analyze judges each KPI against its baseline and target (level, Theil–Sen trend with a
// Mann–Kendall test, projection to the Transfer month, status), scores the team's
// readiness, applies the recommendation rules (renegotiate, delay, proceed, first rule
// that holds wins), diffs the result with the month before and proposes the review's
// agenda. Every number a pack prints is formatted here, once.
//
// report imports no spreadsheet library and no other package of transferpack but its own
// subpackages: report/input reads workbooks and CSV folders into Datasets, report/names
// matches the names people type, and report/internal/stats holds the statistics.
package report
