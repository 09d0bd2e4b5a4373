package layouts

import "embed"

// Files are the embedded layouts of the HTML pack, one file per part of it: pack.html
// lays out the page and calls the others by file name (cover.html, decision.html,
// scorecard.html, changes.html, trends.html, sections.html, quality.html, agenda.html,
// appendix.html), and list.html is the bulleted list the parts share; pack.css styles
// it for screen and print; charts.js draws each trend chart from the ECharts option
// written beside it. portfolio.html lays out a run's portfolio page, styled by pack.css
// and portfolio.css, with portfolio.js to sort it. A file of the same name in the
// folder given with --layouts replaces any of them.
//
//go:embed *.html pack.css charts.js portfolio.css portfolio.js
var Files embed.FS
