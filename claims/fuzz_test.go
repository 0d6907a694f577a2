package claims_test

import (
	"os"
	"path/filepath"
	"strings"
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

// FuzzParseCalibration checks that ParseCalibration never panics and that
// a calibration it accepts maps every raw score into [0, 1], monotonely
// for each rule. Seeds: the embedded file and broken variants.
func FuzzParseCalibration(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("internal", "cuemodel", "calibration.tsv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("calibration/1\n*\t0\t0\n*\t1\t1\n")
	f.Add("calibration/1\nD1\t0.5\t0.9\n")
	f.Add("calibration/1\n*\t0.5\tNaN\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := claims.ParseCalibration(strings.NewReader(text))
		if err != nil {
			return
		}
		for _, r := range append(c.Rules(), claims.NoRule) {
			prev := 0.0
			for raw := 0.0; raw <= 1.0001; raw += 0.125 {
				v := c.Apply(r, raw)
				if !(v >= 0 && v <= 1) || v < prev {
					t.Fatalf("rule %s: Apply(%v) = %v after %v", r, raw, v, prev)
				}
				prev = v
			}
		}
	})
}
