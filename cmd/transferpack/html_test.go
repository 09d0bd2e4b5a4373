package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildHTML: build writes an HTML pack per team; with --html-assets shared the
// chart script once, beside the packs; --layouts replaces a layout and names the file
// and line of one that does not parse.
func TestBuildHTML(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runCmd(t, "build", "--out", out, "--format", "json,html", "--html-assets", "shared", "../../samples/sao-paulo", "../../samples/medellin.xlsx")
	if code != 0 {
		t.Fatalf("build = exit %d:\n%s%s", code, stdout, stderr)
	}
	scripts, _ := filepath.Glob(filepath.Join(out, "assets", "echarts-*.js"))
	packs, _ := filepath.Glob(filepath.Join(out, "*-*.html"))                               // the teams' packs, not the portfolio's index.html
	if len(scripts) != 1 || len(packs) != 2 || !strings.Contains(stdout, "wrote 9 files") { // 2 × 2 packs, the script, 3 portfolio files, the manifest
		t.Fatalf("shared build wrote %q and %q:\n%s", scripts, packs, stdout)
	}
	page, err := os.ReadFile(filepath.Join(out, "sao-paulo-core-banking.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<script src="assets/`+filepath.Base(scripts[0])+`"></script>`) {
		t.Error("the pack does not load the shared script")
	}

	inline := t.TempDir()
	if _, stderr, code := runCmd(t, "build", "--out", inline, "--format", "html", "../../samples/sao-paulo"); code != 0 {
		t.Fatalf("inline build = exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(inline, "assets")); !os.IsNotExist(err) {
		t.Errorf("an inline build wrote assets: %v", err)
	}

	if _, stderr, code := runCmd(t, "build", "--out", t.TempDir(), "--format", "html", "--html-assets", "remote", "../../samples/sao-paulo"); code != 2 || !strings.Contains(stderr, `--html-assets "remote": use inline or shared`) {
		t.Errorf("--html-assets remote = exit %d: %s", code, stderr)
	}

	layouts := t.TempDir()
	bad := filepath.Join(layouts, "cover.html")
	if err := os.WriteFile(bad, []byte("<header>\n<h1>{{.Pack.Team</h1>\n</header>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	_, stderr, code = runCmd(t, "build", "--out", empty, "--format", "html", "--layouts", layouts, "../../samples/sao-paulo")
	if code != 1 || !strings.Contains(stderr, "layout "+bad+":2: ") {
		t.Errorf("a broken layout = exit %d: %s; want its file and line", code, stderr)
	}
	if files, _ := os.ReadDir(empty); len(files) != 0 {
		t.Errorf("a broken layout still wrote %d files", len(files))
	}
}
