package xlsx

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gates this month: Sprint predictability **79.3 %**, Bug escape rate *6.4 %*.", "Gates this month: Sprint predictability 79.3 %, Bug escape rate 6.4 %."},
		{"Plan:\n\n1. capacity agreed\n2. carry-over first\n\n- one\n- two", "Plan:\n1. capacity agreed\n2. carry-over first\n- one\n- two"},
		{"See [the tracker](https://example.com/t) and <https://x.example>.", "See the tracker (https://example.com/t) and https://x.example."},
		{"<script>alert(1)</script>\n\nSafe text with <b>raw</b> HTML.", "Safe text with raw HTML."},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"},
		{"=SUM(A1)", "=SUM(A1)"},
		// The other packs read the same Markdown: strikethrough and bare links too.
		{"Target ~~80 %~~ 85 %, see www.example.com/plan.", "Target 80 % 85 %, see www.example.com/plan."},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
