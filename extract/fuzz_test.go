package extract

import (
	"testing"
)

// FuzzParse checks that any input gives a document satisfying the
// invariants listed in invariant_test.go: no panic, spans in bounds, in
// order, non-overlapping, on rune boundaries, text equal to the slice it
// points to, tokens and white-space gaps rebuilding the text, sentences and
// paragraphs tiling the tokens, and with syntax on (the default) one tree
// per sentence (Validate). It runs the public Extract with NER off (the
// tokenizer, segmenter, tagger and parser are the stages under test).
//
//	go test ./extract -run '^$' -fuzz FuzzParse -fuzztime 60s
func FuzzParse(f *testing.F) {
	f.Add(segSeedText(f))
	for _, tt := range tokenizerTests {
		f.Add(tt.in)
	}
	for _, tt := range segmentTests {
		f.Add(tt.in)
	}
	for _, s := range []string{
		"\xff", "\xe2\x80", "a\xe2\x80\x9c\xe2", "\xed\xa0\x80 surrogate", "\xc0\xaf overlong", "\xf4\x90\x80\x80",
		"“‘«‹„‚\"'’”»›‘’“”", "'\"'\"'\"", "’’’ ’n’’s ’90s’ ‘s’", "\"'a'\" 'b\"", "“ ” ‘ ’ . “\n”",
		"U.S.. U.S.- U.S.-. a.b.c.d.e.f. .a. ..", "Mr.\nSmith", "x@y.z@w.v @ # #_ #1 @_", "http:// https://( www.",
		"1,2,3,4 1,2345 1:2:3 1/2/ 2020-21-",
		"\u00ad\u200d\u200c\u2028\u2029\u0085\ufeff\u200b", "\r\n\r\n\v\f",
	} {
		f.Add(s)
	}
	e, err := New(WithNER(NERNone))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := e.Extract(text)
		checkDocument(t, d)
		if len(d.Tokens) > 0 && !d.HasSyntax() {
			t.Fatalf("Extract with syntax on gave tokens without trees")
		}
		// The cursor gives the same tokens as Extract.
		var tz Tokenizer
		tz.Reset(text)
		i := 0
		for tz.Next() {
			if i >= len(d.Tokens) || tz.Token().Span != d.Tokens[i].Span || tz.Token().Kind != d.Tokens[i].Kind {
				t.Fatalf("Tokenizer token %d %v differs from Extract's", i, tz.Token())
			}
			i++
		}
		if i != len(d.Tokens) {
			t.Fatalf("Tokenizer gave %d tokens, Extract %d", i, len(d.Tokens))
		}
	})
}
