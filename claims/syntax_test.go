package claims

import "testing"

// TestSyntaxRules checks the rules that read the dependency parse: the
// subject of a cue (subjectOf), rule S8 (widenSource) and rule I13
// (syntaxClaim), on sentences written for this test.
func TestSyntaxRules(t *testing.T) {
	t.Run("subject through an open complement", func(t *testing.T) {
		w := stageWork(t, "The deputy head of the water board refused to say whether the dam was safe.")
		defer w.release()
		i := tokenAt(t, w, "say", 0)
		lo, hi := w.sent(int(w.sentOf[i]))
		r, ok := w.subjectOf(cue{r: rng(i, i+1), head: i}, lo, hi)
		if got := w.d.TokenSpan(r).Text; !ok || got != "The deputy head of the water board" {
			t.Errorf("subjectOf(say) = %q, %v; want the deputy head of the water board", got, ok)
		}
	})
	t.Run("S8 widens a source cut after its determiner", func(t *testing.T) {
		w := stageWork(t, "The deputy head of the water board said the dam was safe.")
		defer w.release()
		c := cueOf(t, w, "said", 0)
		lo, hi := w.sent(int(w.sentOf[c.head]))
		narrow := tokenRange(t, w, "head of the water board", 0)
		if got := w.d.TokenSpan(w.widenSource(c, narrow, lo, hi)).Text; got != "The deputy head of the water board" {
			t.Errorf("widenSource = %q, want the whole subject", got)
		}
	})
	t.Run("S8 keeps a source whose subject opens with a name", func(t *testing.T) {
		w := stageWork(t, "Mayor Lena Vogt of Porto said the dam was safe.")
		defer w.release()
		c := cueOf(t, w, "said", 0)
		lo, hi := w.sent(int(w.sentOf[c.head]))
		narrow := tokenRange(t, w, "Lena Vogt of Porto", 0)
		if got := w.widenSource(c, narrow, lo, hi); got != narrow {
			t.Errorf("widenSource = %q, want the source unchanged", w.d.TokenSpan(got).Text)
		}
	})
	t.Run("I13 subject and clausal complement", func(t *testing.T) {
		w := stageWork(t, "The deputy head of the water board said the dam was safe.")
		defer w.release()
		c := cueOf(t, w, "said", 0)
		lo, hi := w.sent(int(w.sentOf[c.head]))
		src, content, ok := w.syntaxClaim(c, lo, hi)
		if !ok || w.d.TokenSpan(src).Text != "The deputy head of the water board" || w.d.TokenSpan(content).Text != "the dam was safe." && w.d.TokenSpan(content).Text != "the dam was safe" {
			t.Errorf("syntaxClaim = %q, %q, %v", w.d.TokenSpan(src).Text, w.d.TokenSpan(content).Text, ok)
		}
	})
	t.Run("I13 needs a complement", func(t *testing.T) {
		w := stageWork(t, "The minister said nothing.")
		defer w.release()
		c := cueOf(t, w, "said", 0)
		lo, hi := w.sent(int(w.sentOf[c.head]))
		if _, _, ok := w.syntaxClaim(c, lo, hi); ok {
			t.Errorf("syntaxClaim found a claim in a sentence without a clausal complement")
		}
	})
}
