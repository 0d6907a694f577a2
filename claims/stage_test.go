package claims

import (
	"testing"

	"github.com/saywho/saywho/extract"
)

// tokenAt returns the index of the first token of the occ-th (from 0)
// occurrence of s in the text of w's document.
func tokenAt(t *testing.T, w *work, s string, occ int) int {
	t.Helper()
	return tokenRange(t, w, s, occ).Lo
}

// cueOf returns the cue the cue stage finds at the first token of the
// occ-th occurrence of head, failing when there is none.
func cueOf(t *testing.T, w *work, head string, occ int) cue {
	t.Helper()
	c, ok := w.cues.at(tokenAt(t, w, head, occ))
	if !ok {
		t.Fatalf("no cue at %q in %q", head, w.d.Text)
	}
	return c
}

// parseT parses text with the default extractor.
func parseT(text string) *extract.Document { return extract.Parse(text) }

// rng returns the token range [lo, hi).
func rng(lo, hi int) extract.Range { return extract.Range{Lo: lo, Hi: hi} }
