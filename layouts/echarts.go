// Package layouts holds the embedded templates, stylesheet and script of the HTML packs; a
// folder given with --layouts overrides them by file name.
package layouts

import _ "embed"

//go:generate node echarts/build.mjs

// EChartsVersion is the version of Apache ECharts that EChartsScript is built from, as
// pinned in echarts/package.json.
const EChartsVersion = "6.1.0"

// EChartsScript is the minified ECharts bundle that offline HTML packs inline in a <script>
// element, so that a pack opened without a network still draws its charts. It defines the
// browser global echarts with only what the packs use: line and bar charts; the grid,
// tooltip, legend, markLine, markArea, markPoint, title and aria components; and the canvas
// and SVG renderers. It is generated from echarts/entry.js by go generate and committed, so
// building transferpack needs no Node; echarts/check.sh verifies that it is up to date.
//
//go:embed echarts.min.js
var EChartsScript string
