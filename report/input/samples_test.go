package input

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestSamplesRead reads every input in samples/ and expects no finding at all: the
// samples are what a new user learns the format from.
func TestSamplesRead(t *testing.T) {
	inputs, err := filepath.Glob("../../samples/*")
	if err != nil || len(inputs) < 3 {
		t.Fatalf("samples: %v, %v", inputs, err)
	}
	teams := 0
	for _, path := range inputs {
		in, err := Read(path, Options{})
		for _, f := range in.Findings {
			t.Errorf("%s", f)
		}
		if err != nil {
			continue
		}
		for _, d := range in.Teams {
			teams++
			if n := len(d.SeriesFor("predictability").Points); n < 12 {
				t.Errorf("%s: %d months of predictability, want 12 or more", d.Engagement.Team, n)
			}
		}
	}
	if teams < 4 {
		t.Errorf("samples hold %d teams, want at least 4", teams)
	}
}

// TestTwinReadsTheSame: the São Paulo sample is kept as a Portuguese-locale CSV folder
// and, in testdata, as a workbook; both must read to the same dataset.
func TestTwinReadsTheSame(t *testing.T) {
	csvIn, err := Read("../../samples/sao-paulo", Options{})
	if err != nil {
		t.Fatal(err)
	}
	xlsxIn, err := Read("testdata/twin/sao-paulo.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := *csvIn.Teams[0], *xlsxIn.Teams[0]
	a.Source, b.Source = "", ""
	if !reflect.DeepEqual(a, b) {
		for i := range a.Series {
			if i < len(b.Series) && !reflect.DeepEqual(a.Series[i], b.Series[i]) {
				t.Errorf("series %s differs:\ncsv  %v\nxlsx %v", a.Series[i].KPI, a.Series[i].Points, b.Series[i].Points)
			}
		}
		t.Fatalf("datasets differ:\ncsv  %+v\nxlsx %+v", a.Engagement, b.Engagement)
	}
	if len(a.Series) < 10 || len(a.Commentary) == 0 {
		t.Errorf("twin compared too little: %d series, %d comments", len(a.Series), len(a.Commentary))
	}
}
