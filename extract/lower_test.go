package extract

import (
	"testing"

	"github.com/saywho/saywho/seeds"
)

// TestLower checks Document.Lower against Token.Lower on texts whose lower
// case keeps or changes the length in bytes, on a Document from Extract and
// on one whose tokens were replaced after it (the table is then ignored).
func TestLower(t *testing.T) {
	e, err := New(WithNER(NERNone), WithSyntax(SyntaxNone))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"", "plain lower words", "The Mayor SAID it", "ÉLYSÉE Ærø ΑΘΗΝΑ МОСКВА",
		"İstanbul KELVIN \u212a ẞ Ⱥ ok", "bad \xffBYTE\xfe and Δ\xc3", "ǅemal ǈ ǋ", "ＡＢＣ full width",
	} {
		d := e.Extract(text)
		for i, tok := range d.Tokens {
			if got, want := d.Lower(i), tok.Lower(); got != want {
				t.Errorf("Extract(%q).Lower(%d) = %q, want %q", text, i, got, want)
			}
		}
		if len(d.Tokens) > 1 {
			d2 := *d
			d2.Tokens = append([]Token(nil), d.Tokens[1:]...)
			for i, tok := range d2.Tokens {
				if got, want := d2.Lower(i), tok.Lower(); got != want {
					t.Errorf("replaced tokens of %q: Lower(%d) = %q, want %q", text, i, got, want)
				}
			}
		}
	}
	d := &Document{Text: "Hand Made", Tokens: []Token{{Span: SpanOf("Hand Made", 0, 4)}}}
	if got := d.Lower(0); got != "hand" {
		t.Errorf("hand-built Document: Lower(0) = %q, want %q", got, "hand")
	}
}

// TestLowerAllocs checks that Document.Lower allocates nothing on the seed
// article, whose tokens have capitals and non-ASCII letters.
func TestLowerAllocs(t *testing.T) {
	text, err := seeds.Text(seeds.Seed)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(WithNER(NERNone), WithSyntax(SyntaxNone))
	if err != nil {
		t.Fatal(err)
	}
	d := e.Extract(text)
	n := 0
	allocs := testing.AllocsPerRun(10, func() {
		n = 0
		for i := range d.Tokens {
			n += len(d.Lower(i))
		}
	})
	if allocs != 0 {
		t.Errorf("Lower over %d tokens: %v allocations per run, want 0", len(d.Tokens), allocs)
	}
}
