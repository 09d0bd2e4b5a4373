package output

import (
	"strings"
	"testing"
)

func TestFormatsByName(t *testing.T) {
	got, err := FormatsByName(" JSON ,")
	if err != nil || len(got) != 1 || got[0].Name != "json" || got[0].Ext != ".json" {
		t.Errorf("FormatsByName(\" JSON ,\") = %v, %v; want the json format", got, err)
	}
	if _, err := FormatsByName("json,xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml": use json`) {
		t.Errorf("an unknown format: %v", err)
	}
	if _, err := FormatsByName(" , "); err == nil {
		t.Error("no format at all was accepted")
	}
}
