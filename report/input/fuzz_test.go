package input

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/transferpack/transferpack/report"
)

// The reader takes untrusted files: whatever the bytes, it returns findings, never
// panics, and an input it accepts can be analysed.

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2026-03", "Mar 2026", "março de 2026", "01/03/2026", "05/03/2026", "mar-26", "", "2026-13"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := report.ParseMonth(s)
		if err == nil && (m.Num() < 1 || m.Num() > 12 || m.Year() < 1990 || m.Year() > 2200) {
			t.Errorf("ParseMonth(%q) = %v, an impossible month", s, m)
		}
	})
}

func FuzzParseNumberText(f *testing.F) {
	for _, s := range []string{"85", "85,5%", "1.234,5", "1,234", "-12", "n/a", "1e309", "%"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		v, _, err := parseNumberText(s, decimalComma)
		if err == nil && (v != v || v > 1e308 || v < -1e308) {
			t.Errorf("parseNumberText(%q) = %v, not a finite number", s, v)
		}
	})
}

// FuzzReadCSV feeds arbitrary metrics.csv bytes to the whole pipeline.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Month,Velocity,Predictability\n2025-11,40,80%\n2025-12,42,82%\n"))
	f.Add([]byte("\xEF\xBB\xBFMonth;KPI;Value;Team\n2025-11;predictability;85,5%;Lima\n"))
	f.Add([]byte("Month,predictability\n2025-11,0.8\n2025-12,85\n2026-01,#DIV/0!\n"))
	f.Add([]byte("\"Month\nx\",\"a\"\"b\n"))
	f.Add([]byte("Month,KPI,Value,Team\n2025-11,velocity,40,Lima\n2025-12,velocity,n/a,Quito\n2025-12,velocity,41,lima\n"))
	engagement := []byte("Field,Value\nTeam,Fuzz\nOperate start,2025-11\nTransfer date,2027-01\n")
	f.Fuzz(func(t *testing.T, metrics []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "engagement.csv"), engagement, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "metrics.csv"), metrics, 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := Read(dir, Options{})
		if in == nil {
			t.Fatal("Read returned no Input")
		}
		if (err != nil) != in.Findings.HasErrors() {
			t.Fatalf("err %v with findings %v", err, in.Findings)
		}
		// Teams come back along with errors only when each error is another team's own.
		for _, f := range in.Findings.Errors() {
			for _, d := range in.Teams {
				if f.Team == "" || f.Team == d.Engagement.Team {
					t.Fatalf("team %q returned along with the error %s", d.Engagement.Team, f)
				}
			}
		}
		for _, d := range in.Teams {
			if _, err := report.Analyze(d, report.Options{}); err != nil && d.LastMonth() != 0 {
				t.Fatalf("Analyze: %v", err)
			}
		}
	})
}
