package claims

import "testing"

// TestContentExtent checks where an indirect content starts and ends, by
// the rules (ruleStart, ruleEnd) and by the learned rankers (startLearned,
// endLearned) that the I2 claims use.
func TestContentExtent(t *testing.T) {
	tests := []struct{ name, text, cue, rules, learned string }{
		{"a participle cue ends the content", "He said the bridge would reopen, adding that it was safe.", "said",
			"the bridge would reopen", "the bridge would reopen"},
		{"a second subject and cue end the content", "Only 52 percent agreed that Clinton is healthy, while 73 percent said the same of Trump.", "agreed",
			"that Clinton is healthy", "that Clinton is healthy"},
		{"the addressee and adverbial are left out", "She told reporters on Monday that the talks had failed.", "told",
			"that the talks had failed", "that the talks had failed"},
		{"an adverbial before that is left out", "Mr. Obama said on his website that the deal was done.", "said",
			"that the deal was done", "that the deal was done"},
		{"a semicolon ends the content", "He said the deal was done; the talks were over.", "said",
			"the deal was done", "the deal was done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := stageWork(t, tt.text)
			defer w.release()
			c := cueOf(t, w, tt.cue, 0)
			lo, hi := w.sent(int(w.sentOf[c.head]))
			end := hi - 1 // before the final stop
			b := w.content.ruleStart(c, end)
			e := w.content.ruleEnd(b, end, lo, hi)
			if got := w.d.TokenSpan(rng(b, e)).Text; got != tt.rules {
				t.Errorf("rules: content of %q in %q = %q, want %q", tt.cue, tt.text, got, tt.rules)
			}
			bl := w.content.startLearned(c, end, lo, hi)
			el := w.content.endLearned(c, bl, w.content.ruleEnd(bl, end, lo, hi), lo, hi)
			if got := w.d.TokenSpan(rng(bl, el)).Text; got != tt.learned {
				t.Errorf("learned: content of %q in %q = %q, want %q", tt.cue, tt.text, got, tt.learned)
			}
		})
	}
}
