package names

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sprint Predictability", "sprintpredictability"},
		{"sprint_predictability", "sprintpredictability"},
		{"  Bug-escape RATE ", "bugescaperate"},
		{"Ramp-up time (días)", "rampuptimedias"},
		{"Operação", "operacao"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripUnit(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lead time (h)", "Lead time"},
		{" Sprint predictability (%) ", "Sprint predictability"},
		{"(h)", "(h)"},
		{"Velocity", "Velocity"},
	}
	for _, tt := range tests {
		if got := StripUnit(tt.in); got != tt.want {
			t.Errorf("StripUnit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	candidates := []string{"predictability", "velocity", "bugescaperate", "summary"}
	tests := []struct{ key, want string }{
		{"predictabilty", "predictability"}, // one letter dropped
		{"bugescape", "bugescaperate"},      // the last word left off
		{"sumary", "summary"},
		{"xyz", ""}, // nothing near
		{"velocty", "velocity"},
	}
	for _, tt := range tests {
		if got := Closest(tt.key, candidates); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestFileStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"São Paulo Core Banking", "sao-paulo-core-banking"},
		{"Medellín Payments", "medellin-payments"},
		{"../../etc/passwd", "etc-passwd"},
		{"  ", "team"},
		{"Équipe / Ñandú", "equipe-nandu"},
		{"東京", "team"},
	}
	for _, tt := range tests {
		if got := FileStem(tt.in); got != tt.want {
			t.Errorf("FileStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := FileStem("a-very-long-team-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on")
	if len(long) > maxStem || long[len(long)-1] == '-' {
		t.Errorf("FileStem of a long name = %q (%d bytes)", long, len(long))
	}
}
