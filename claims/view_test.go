package claims

import "testing"

func TestDateline(t *testing.T) {
	tests := []struct{ text, opens string }{
		{"LISBON (Reuters) - The strike will end, union leaders said.", "The"},
		{"Washington (CNN) — The senator said no.", "The"},
		{"NEW YORK, Oct. 3 (AP) — Officials said the plan failed.", "Officials"},
		{"BRANFORD — “We are ready,” the mayor said.", "“"},
		{"Mr. Smith — the mayor — said no.", "Mr."},   // not a dateline: no capitals, no agency
		{"US officials said the talks failed.", "US"}, // no dash
	}
	for _, tt := range tests {
		w := stageWork(t, tt.text)
		lo, _ := w.sent(0)
		if got := w.toks[lo].Text; got != tt.opens {
			t.Errorf("sent(0) of %q starts at %q, want %q (S5)", tt.text, got, tt.opens)
		}
		if rl, _ := w.rawSent(0); rl != 0 {
			t.Errorf("rawSent(0) of %q starts at token %d, want 0", tt.text, rl)
		}
		w.release()
	}
}
