package corpus

import (
	"testing"

	"github.com/saywho/saywho/extract"
)

func TestAlign(t *testing.T) {
	// Gold tokens of "Mr. Smith-Jones said" from CoNLL-style data.
	var errs ErrorList
	arts := DecodeCoNLL("x", []byte("Mr. O\nSmith-Jones I-PER\nsaid O\n"), &errs)
	if len(errs) > 0 || len(arts) != 1 {
		t.Fatalf("DecodeCoNLL: %v", errs)
	}
	doc := arts[0].Doc // "Mr. Smith-Jones said": tokens [0,3) [4,15) [16,20)
	tests := []struct {
		start, end int
		mode       AlignMode
		want       extract.Range
		ok         bool
	}{
		{4, 15, Strict, extract.Range{Lo: 1, Hi: 2}, true},
		{3, 16, Strict, extract.Range{Lo: 1, Hi: 2}, true}, // white space around is fine
		{4, 9, Strict, extract.Range{}, false},             // "Smith": half a token
		{4, 9, Contract, extract.Range{}, false},
		{4, 9, Expand, extract.Range{Lo: 1, Hi: 2}, true},
		{1, 20, Contract, extract.Range{Lo: 1, Hi: 3}, true},
		{1, 17, Expand, extract.Range{Lo: 0, Hi: 3}, true},
		{15, 16, Expand, extract.Range{}, false}, // only a space
	}
	for _, tt := range tests {
		s := extract.SpanOf(doc.Text, tt.start, tt.end)
		got, ok := Align(doc, s, tt.mode)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Align(%q, %v) = %v, %v, want %v, %v", s.Text, tt.mode, got, ok, tt.want, tt.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Align(doc, extract.SpanOf(doc.Text, 4, 15), Expand) }); n != 0 {
		t.Errorf("Align allocates %v times, want 0", n)
	}
}
