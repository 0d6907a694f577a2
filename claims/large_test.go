package claims_test

import (
	"strings"
	"testing"
	"time"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// TestPipelineHugeParagraph runs the whole pipeline, extract.Parse (with
// NER) and Attribute, once on a single 5 MB paragraph of news prose, the
// pathological input of the claims issue: no paragraph break bounds any
// window. It checks the invariants of checkInvariants, that claims are
// found at all, and that the run stays linear (a few seconds; the limit is
// generous for loaded machines).
func TestPipelineHugeParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("5 MB pipeline run skipped in -short mode")
	}
	const size = 5 << 20
	unit := "“We will not give up,” Ms. Khomich said, and her lawyer told reporters that the case, " +
		"according to officials in Minsk, had stalled. Mr. Lukashenko, who has long denied it, says " +
		"the sanctions failed; “They never worked” ― critics disagree. "
	text := strings.Repeat(unit, size/len(unit))
	start := time.Now()
	doc := extract.Parse(text)
	cs := claims.Attribute(doc)
	elapsed := time.Since(start)
	t.Logf("%d bytes, %d tokens, %d sentences, %d paragraphs, %d claims in %v (%.2f MB/s)",
		len(text), len(doc.Tokens), len(doc.Sentences), len(doc.Paragraphs), len(cs), elapsed,
		float64(len(text))/1e6/elapsed.Seconds())
	if len(doc.Paragraphs) != 1 {
		t.Errorf("Parse: %d paragraphs, want 1", len(doc.Paragraphs))
	}
	checkInvariants(t, doc, cs)
	if want := size / len(unit); len(cs) < want {
		t.Errorf("Attribute: %d claims in %d repetitions of a unit with several claims", len(cs), want)
	}
	if elapsed > 60*time.Second {
		t.Errorf("pipeline took %v on %d bytes, want a few seconds (linear time)", elapsed, len(text))
	}
}
