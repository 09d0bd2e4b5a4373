package json_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	jsonpack "github.com/transferpack/transferpack/output/json"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

var update = flag.Bool("update", false, "rewrite the golden packs in testdata")

// TestGoldenSamples pins every sample team's JSON pack byte for byte: a change to the
// reader, the analysis or the wording shows here as a diff to read, and a refactor shows
// none. go test ./output/json -update rewrites them.
func TestGoldenSamples(t *testing.T) {
	inputs, err := filepath.Glob("../../samples/*")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, path := range inputs {
		in, err := input.Read(path, input.Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, d := range in.Teams {
			p, err := report.Analyze(d, report.Options{})
			if err != nil {
				t.Fatalf("%s: %v", d.Engagement.Team, err)
			}
			var buf bytes.Buffer
			if err := jsonpack.Write(&buf, p, jsonpack.Options{}); err != nil {
				t.Fatal(err)
			}
			name := strings.ToLower(strings.ReplaceAll(strings.Fields(d.Engagement.Team)[0], "ã", "a")) + ".json"
			name = strings.NewReplacer("á", "a", "í", "i").Replace(name)
			seen[name] = true
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%s: %v (run go test ./output/json -update)", d.Engagement.Team, err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s: the JSON pack differs from %s; if the change is meant, run go test ./output/json -update and read the diff", d.Engagement.Team, golden)
			}
		}
	}
	// A golden file without its team is a sample that went away unnoticed.
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	for _, f := range files {
		if !seen[filepath.Base(f)] && !*update {
			t.Errorf("%s has no sample team", f)
		}
	}
	if len(seen) != 5 {
		t.Errorf("%d sample teams, want 5", len(seen))
	}
}
