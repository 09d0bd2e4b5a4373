package layouts_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/transferpack/transferpack/layouts"
)

// maxScriptBytes caps the bundle that every HTML pack carries: ECharts' full build is about
// 1.1 MB, and a subset that grows towards it has picked up more than the packs use.
const maxScriptBytes = 700_000

func TestEChartsScriptHeader(t *testing.T) {
	s := layouts.EChartsScript
	if s == "" {
		t.Fatal("EChartsScript is empty: run go generate ./layouts")
	}
	want := "/*! Apache ECharts " + layouts.EChartsVersion + " "
	if !strings.HasPrefix(s, want) {
		t.Errorf("EChartsScript starts %q, want %q", s[:min(len(s), len(want))], want)
	}
	if !strings.Contains(s[:min(len(s), 2000)], "`go generate ./layouts`") {
		t.Error("EChartsScript header does not name the command that generates it")
	}
}

// TestEChartsVersionPinned keeps the constant and the npm pin that the bundle is built from
// in step.
func TestEChartsVersionPinned(t *testing.T) {
	data, err := os.ReadFile("echarts/package.json")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatalf("echarts/package.json: %v", err)
	}
	if got := pkg.DevDependencies["echarts"]; got != layouts.EChartsVersion {
		t.Errorf("echarts/package.json pins echarts %q, EChartsVersion = %q", got, layouts.EChartsVersion)
	}
}

func TestEChartsScriptSize(t *testing.T) {
	if n := len(layouts.EChartsScript); n > maxScriptBytes {
		t.Errorf("EChartsScript is %d bytes, want at most %d", n, maxScriptBytes)
	}
}

// TestEChartsScriptInlinable checks what would break the bundle inside a <script> element:
// "</script" ends the element early, and "<!--" puts the HTML parser into a state where a
// later "<script" changes where the element ends.
func TestEChartsScriptInlinable(t *testing.T) {
	lower := strings.ToLower(layouts.EChartsScript)
	for _, bad := range []string{"</script", "<!--"} {
		if i := strings.Index(lower, bad); i >= 0 {
			t.Errorf("EChartsScript contains %q at byte %d", bad, i)
		}
	}
}

// TestEChartsScriptOffline checks that the code between the license comments names no URL
// but the XML namespaces that the SVG renderer passes to createElementNS, which browsers
// never fetch: a pack must draw its charts without a network.
func TestEChartsScriptOffline(t *testing.T) {
	namespaces := map[string]bool{
		"http://www.w3.org/2000/svg":           true,
		"http://www.w3.org/1999/xlink":         true,
		"http://www.w3.org/2000/xmlns/":        true,
		"http://www.w3.org/XML/1998/namespace": true,
	}
	code := layouts.EChartsScript
	// The header comes first and esbuild moves the other notices to the end.
	_, code, ok := strings.Cut(code, "\n */\n")
	if !ok {
		t.Fatal("EChartsScript has no header comment")
	}
	code, _, _ = strings.Cut(code, "/*! Bundled license information:")
	if len(code) < len(layouts.EChartsScript)/2 {
		t.Fatalf("EChartsScript has %d bytes of code between its comments, want most of its %d", len(code), len(layouts.EChartsScript))
	}
	for _, u := range urlPattern.FindAllString(code, -1) {
		if !namespaces[u] {
			t.Errorf("EChartsScript code names %q, which a browser may fetch", u)
		}
	}
}

var urlPattern = regexp.MustCompile(`(?i)\b(?:https?|wss?|ftp)://[^\s"'\x60)<>]*`)
