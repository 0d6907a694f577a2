package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateSegGolden = flag.Bool("update-seg", false, "rewrite extract/testdata/*.golden of the tokenizer and segmenter")

// segmentTests give, for each input, the text of each sentence grouped by
// paragraph. Rule IDs refer to the comment on segment.
var segmentTests = []struct {
	name string
	in   string
	want [][]string
}{
	{"empty", "", nil},
	{"blank lines only", "\n\n  \n\t", nil},
	{"no terminator", "hello world", [][]string{{"hello world"}}},
	{"emoticon after a terminator (S2b)", "I love her. :) Then she left! :-( Bye.",
		[][]string{{"I love her. :)", "Then she left! :-(", "Bye."}}},
	{"title before name (S5)", "It was the first meeting of Mr. Lukashenko with a senior official. He left.",
		[][]string{{"It was the first meeting of Mr. Lukashenko with a senior official.", "He left."}}},
	{"initials (S5)", "He met President Aleksandr G. Lukashenko and Christopher W. Smith. Then he left.",
		[][]string{{"He met President Aleksandr G. Lukashenko and Christopher W. Smith.", "Then he left."}}},
	{"U.S. before lower case and a name (S6)", "U.S. officials said the U.S. Embassy and U.S. Rep. Smith would stay.",
		[][]string{{"U.S. officials said the U.S. Embassy and U.S. Rep. Smith would stay."}}},
	{"U.S. at the end of a sentence (S6)", "They live in the U.S. The next day they left.",
		[][]string{{"They live in the U.S.", "The next day they left."}}},
	{"abbreviation then closing quote (S6, S4)", "“We live in the U.S.” The next day they left.",
		[][]string{{"“We live in the U.S.”", "The next day they left."}}},
	{"company suffix (S6)", "He joined Apple Inc. The company said. Acme Corp. said no. Acme Corp. Chief Executive Bob left.",
		[][]string{{"He joined Apple Inc.", "The company said.", "Acme Corp. said no.", "Acme Corp. Chief Executive Bob left."}}},
	{"times (S6)", "He left at 5 p.m. She stayed until 6 p.m. Eastern time.",
		[][]string{{"He left at 5 p.m.", "She stayed until 6 p.m. Eastern time."}}},
	{"months and number prefixes (S5, S6)", "On Jan. 5 he spoke. No. 5 was first. He won.",
		[][]string{{"On Jan. 5 he spoke.", "No. 5 was first.", "He won."}}},
	{"closing mark at a paragraph end (S2)", "the agenda for President Trump through force. ”\nThe next stage, Mr. Smith, told Vilnius.",
		[][]string{{"the agenda for President Trump through force. ”"}, {"The next stage, Mr. Smith, told Vilnius."}}},
	{"spaced closing mark mid-paragraph (S2)", "said: “We are grateful that he managed to make things happen . ” But, he added, the sanctions should stay.",
		[][]string{{"said: “We are grateful that he managed to make things happen . ”", "But, he added, the sanctions should stay."}}},
	{"opening mark used as a closing one at a paragraph end (S3)", "domination of Moscow on the country. “\nHe added that it was unlikely.",
		[][]string{{"domination of Moscow on the country. “"}, {"He added that it was unlikely."}}},
	{"opening mark mid-paragraph starts the next sentence", "He said so. “We will see.”",
		[][]string{{"He said so.", "“We will see.”"}}},
	{"question in a quote before the cue (S4)", "“Why?” he asked. “Because.”",
		[][]string{{"“Why?” he asked.", "“Because.”"}}},
	{"quotation spanning sentences", "“It works. It is fast,” she said.",
		[][]string{{"“It works.", "It is fast,” she said."}}},
	{"straight quotes", `"It works." He said "yes." Then left.`,
		[][]string{{`"It works."`, `He said "yes."`, "Then left."}}},
	{"ellipses (S1, S4)", "Wait... What happened? I think… maybe not.",
		[][]string{{"Wait...", "What happened?", "I think… maybe not."}}},
	{"colon and semicolon do not end (S7)", "He said: This is fine; it is.",
		[][]string{{"He said: This is fine; it is."}}},
	{"brackets (S2)", "(See below.) Then go! Now?! Yes.",
		[][]string{{"(See below.)", "Then go!", "Now?!", "Yes."}}},
	{"line breaks end paragraphs (P1)", "A b.\n\nC d\nE f. G h.\r\nI",
		[][]string{{"A b."}, {"C d"}, {"E f.", "G h."}, {"I"}}},
	{"unicode line separators (P1)", "A b\u2028C d\u2029E\u0085F",
		[][]string{{"A b"}, {"C d"}, {"E"}, {"F"}}},
	{"seed stray lines", "n\nThe US Diplomat arrived.\nn\nn",
		[][]string{{"n"}, {"The US Diplomat arrived."}, {"n"}, {"n"}}},
	{"pronoun I and other initials after a lower-case word (S5b)", "“Neither do I. This debate needs to change.” It got a standing O. The end. Charles G. and David H. Koch paid. Rep. Robert C. “Bobby” Scott spoke.",
		[][]string{{"“Neither do I.", "This debate needs to change.”", "It got a standing O.", "The end.", "Charles G. and David H. Koch paid.", "Rep. Robert C. “Bobby” Scott spoke."}}},
	{"etc. before a sentence starter (S6)", "apples, pears etc. But not plums.",
		[][]string{{"apples, pears etc.", "But not plums."}}},
}

func TestSegment(t *testing.T) {
	for _, tt := range segmentTests {
		t.Run(tt.name, func(t *testing.T) {
			d := tokenizeSegment(tt.in)
			checkDocument(t, d)
			var got [][]string
			for _, p := range d.Paragraphs {
				var ss []string
				for _, s := range d.Sentences[p.Sentences.Lo:p.Sentences.Hi] {
					ss = append(ss, s.Text)
				}
				got = append(got, ss)
			}
			assert.Equal(t, tt.want, got, "segment(%q)", tt.in)
		})
	}
}

// TestSegmentSeed checks the seed article's tricky sentences by their
// position in the text.
func TestSegmentSeed(t *testing.T) {
	text := segSeedText(t)
	d := tokenizeSegment(text)
	checkDocument(t, d)
	sentenceAt := func(sub string) string {
		t.Helper()
		off := strings.Index(text, sub)
		require.GreaterOrEqual(t, off, 0, "seed lacks %q", sub)
		i := d.TokenAt(off)
		require.GreaterOrEqual(t, i, 0)
		return d.Sentences[d.SentenceOf(i)].Text
	}
	assert.Equal(t, "It was the first meeting of Mr. Lukashenko with a senior official of the State Department in five years, and the beginning of what could be a very consecutive thawing of frozen relations between the United States and the ally closest to Russia.",
		sentenceAt("It was the first meeting"))
	assert.True(t, strings.HasSuffix(sentenceAt("describing the liberation"), "through force. ”"))
	assert.True(t, strings.HasSuffix(sentenceAt("We are very grateful"), "happen . ”"))
	assert.True(t, strings.HasPrefix(sentenceAt("But, he added"), "But, he added"))
	assert.True(t, strings.HasSuffix(sentenceAt("there is no quick"), "on the country. “"))
	assert.Contains(t, sentenceAt("Aleksandr G."), "President Aleksandr G. Lukashenko and the chief")
	assert.Contains(t, sentenceAt("Christopher W."), "Mr. Lukashenko, Christopher W. Smith, deputy")
	assert.Equal(t, 31, len(d.Paragraphs), "one paragraph per non-empty line")
}

// TestSegmentGolden compares the tokens and sentences of every
// testdata/NAME.txt (and the seed article) with testdata/NAME.golden.
// Regenerate with: go test ./extract -run TestSegmentGolden -update-seg
func TestSegmentGolden(t *testing.T) {
	inputs := map[string]string{"seed": segSeedText(t)}
	m, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	require.NoError(t, err)
	for _, p := range m {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		inputs[strings.TrimSuffix(filepath.Base(p), ".txt")] = string(b)
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			got := goldenDump(tokenizeSegment(text))
			path := filepath.Join("testdata", name+".golden")
			if *updateSegGolden {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run with -update-seg to create it")
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if gl[i] != wl[i] {
						t.Fatalf("%s differs at line %d:\n got  %s\n want %s\n(run with -update-seg if the change is intended)", path, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("%s: got %d lines, want %d (run with -update-seg if the change is intended)", path, len(gl), len(wl))
			}
		})
	}
}

// goldenDump writes one line per paragraph, sentence and token with byte
// offsets: "P 0 [0,1)", "  S 0 [0,1) text", "    [0,1) Word n".
func goldenDump(d *Document) string {
	var b strings.Builder
	for pi, p := range d.Paragraphs {
		fmt.Fprintf(&b, "P %d [%d,%d)\n", pi, p.Start, p.End)
		for si := p.Sentences.Lo; si < p.Sentences.Hi; si++ {
			s := d.Sentences[si]
			fmt.Fprintf(&b, "  S %d [%d,%d) %s\n", si, s.Start, s.End, s.Text)
			for _, t := range d.Tokens[s.Tokens.Lo:s.Tokens.Hi] {
				fmt.Fprintf(&b, "    [%d,%d) %s %q\n", t.Start, t.End, t.Kind, t.Text)
			}
		}
	}
	return b.String()
}

// TestSegmentAllocs asserts that segmenting allocates its two result
// slices and at most a couple of regrowths, never per token (the seed has
// 1599 tokens).
func TestSegmentAllocs(t *testing.T) {
	text := segSeedText(t)
	toks := appendTokens(nil, text)
	allocs := testing.AllocsPerRun(20, func() { segment(text, toks) })
	assert.LessOrEqual(t, allocs, 4.0, "segment allocations per document")
}
