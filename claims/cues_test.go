package claims

import "testing"

func TestCueAt(t *testing.T) {
	tests := []struct {
		name, text, head string
		want             string // the cue's text, "" for no cue
		acc, tell        bool
	}{
		{"auxiliary and adverb join the cue (C3)", "Maria Lopez has repeatedly said that the plan failed.", "said", "has repeatedly said", false, false},
		{"according to (C1)", "According to the ministry, the talks will resume.", "According", "According to", true, false},
		{"a naming participle is no cue (C9)", "The program, called EB-5, lets investors in.", "called", "", false, false},
		{"a catenative verb joins the cue (C3b)", "The nominee continues to insist that he will win.", "continues", "continues to insist", false, false},
		{"a statement joins its verb (C6)", "The ministry issued a statement saying the dam was safe.", "issued", "issued a statement saying", false, false},
		{"a tell verb takes an addressee", "He told reporters on Monday that the plan failed.", "told", "told", false, true},
		{"a particle joins the cue (C3)", "She called for new sanctions.", "called", "called for", false, false},
		{"a reporting verb after an evidential joins it (C4)", "Critics appeared to suggest that the vote was rigged.", "appeared", "appeared to suggest", false, false},
		{"a narrative verb is no cue", "Police arrested three men on Sunday.", "arrested", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := stageWork(t, tt.text)
			defer w.release()
			c, ok := w.cues.at(tokenAt(t, w, tt.head, 0))
			got := ""
			if ok {
				got = w.d.TokenSpan(c.r).Text
			}
			if got != tt.want || ok && (c.acc != tt.acc || c.tell != tt.tell) {
				t.Errorf("cues.at(%q) in %q = %q acc=%v tell=%v, want %q acc=%v tell=%v", tt.head, tt.text, got, c.acc, c.tell, tt.want, tt.acc, tt.tell)
			}
			if ok && (c.p <= 0 || c.p > 1) {
				t.Errorf("cues.at(%q): p = %v, want (0, 1]", tt.head, c.p)
			}
		})
	}
}

// TestCueOrder checks I0 and I0b: the strongest cue of a sentence first,
// and a cue with a that-clause before the cues inside it.
func TestCueOrder(t *testing.T) {
	w := stageWork(t, "Mr. Smith reported that the minister had described the talks as useful.")
	defer w.release()
	var cs []cue
	for i := range w.toks {
		if c, ok := w.cues.at(i); ok {
			cs = append(cs, c)
		}
	}
	cs = w.cues.byStrength(cs)
	w.cues.governFirst(cs)
	if len(cs) < 2 || w.lower(cs[0].head) != "reported" {
		var heads []string
		for _, c := range cs {
			heads = append(heads, w.toks[c.head].Text)
		}
		t.Errorf("cue order %q, want reported first (it governs the that-clause)", heads)
	}
}
