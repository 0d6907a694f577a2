package claims_test

import (
	"testing"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// FuzzAttribute checks the invariants of the claims stage on any text: no
// panic, every span inside the text and exact, content spans ordered, claims
// in text order (see checkInvariants). It runs the extractor without NER
// (NER has its own fuzz tests in extract), so the capitalised-name fallback
// of the claims stage is what finds speakers. Seeds: the seed articles, the
// hand gold documents and the edge cases of inputs.
func FuzzAttribute(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped in -short mode")
	}
	for _, text := range inputs(f) {
		f.Add(text)
	}
	bare, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := bare.Extract(text)
		checkInvariants(t, doc, claims.Attribute(doc))
	})
}
