package json_test

import (
	"bytes"
	"encoding/json"
	"testing"

	jsonpack "github.com/transferpack/transferpack/output/json"
	"github.com/transferpack/transferpack/report"
	"github.com/transferpack/transferpack/report/input"
)

func samplePack(t *testing.T) *report.Pack {
	t.Helper()
	in, err := input.Read("../../samples/sao-paulo", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := report.Analyze(in.Teams[0], report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFixedNames checks the names other tools read (docs/pack-schema.md) and their types.
func TestFixedNames(t *testing.T) {
	var buf bytes.Buffer
	if err := jsonpack.Write(&buf, samplePack(t), jsonpack.Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion  *int    `json:"schema_version"`
		Team           *string `json:"team"`
		ReportMonth    *string `json:"report_month"`
		TransferMonth  *string `json:"transfer_month"`
		Recommendation *struct {
			Decision    *string   `json:"decision"`
			DelayMonths *int      `json:"delay_months"`
			Rationale   *[]string `json:"rationale"`
			Conditions  *[]string `json:"conditions"`
		} `json:"recommendation"`
		KPIs []map[string]json.RawMessage `json:"kpis"`
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var score map[string]json.RawMessage
	_ = json.Unmarshal(buf.Bytes(), &score)
	if _, ok := score["readiness_score"]; !ok {
		t.Error("no readiness_score")
	}
	r := doc.Recommendation
	if doc.SchemaVersion == nil || *doc.SchemaVersion != 1 || doc.Team == nil || *doc.Team != "São Paulo Core Banking" ||
		doc.ReportMonth == nil || *doc.ReportMonth != "2026-10" || doc.TransferMonth == nil || *doc.TransferMonth != "2027-01" {
		t.Errorf("header: %s", buf.String()[:400])
	}
	if r == nil || r.Decision == nil || *r.Decision != "delay" || r.DelayMonths == nil || *r.DelayMonths != 2 ||
		r.Rationale == nil || len(*r.Rationale) == 0 || r.Conditions == nil {
		t.Errorf("recommendation: %+v", r)
	}
	if len(doc.KPIs) == 0 {
		t.Fatal("no kpis")
	}
	for _, k := range doc.KPIs {
		for _, name := range []string{"id", "status", "baseline", "level", "target", "gate", "trend", "projection_at_transfer", "dora_tier"} {
			if _, ok := k[name]; !ok {
				t.Errorf("kpi %s lacks %q", k["id"], name)
			}
		}
		var trend map[string]json.RawMessage
		if err := json.Unmarshal(k["trend"], &trend); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"slope_per_month", "p_value", "significant"} {
			if _, ok := trend[name]; !ok {
				t.Errorf("kpi %s trend lacks %q", k["id"], name)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := jsonpack.Write(&a, samplePack(t), jsonpack.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := jsonpack.Write(&b, samplePack(t), jsonpack.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same pack differ")
	}
	if bytes.Contains(a.Bytes(), []byte(`\u003c`)) {
		t.Error("HTML-escaped output: the pack is written for people and tools, not for a <script>")
	}
}
