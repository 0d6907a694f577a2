package extract

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// The invariants checked on every tokenized and segmented document
// (checkDocument), over the seed article, every PolNeAR train and dev text,
// the test tables and the fuzzer's inputs:
//
//  1. Document.Validate passes: spans in bounds, on rune boundaries, text
//     equal to the slice, sorted, non-overlapping, no empty token.
//  2. Tokens plus the gaps between them rebuild the text, and every gap is
//     white space only (isSpace); no token holds white space, and Invalid
//     tokens hold only bytes that do not decode.
//  3. Sentences tile the tokens (each token in exactly one sentence, in
//     order); paragraphs tile the tokens and the sentences; each sentence
//     and paragraph span runs from its first token's start to its last
//     token's end.
//  4. No line break inside a paragraph (rule P1); a line break between any
//     two paragraphs.

// segRepoRoot returns the directory holding go.mod, walking up from the
// package directory.
func segRepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatalf("no go.mod above the package directory")
		}
		dir = parent
	}
}

// segSeedText returns the seed article's text.
func segSeedText(tb testing.TB) string {
	tb.Helper()
	p := filepath.Join(segRepoRoot(tb), "seeds", "articles", "000_8cddab4abca9d9aa.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatalf("reading the seed article: %v", err)
	}
	return string(b)
}

// segPolNeARTexts returns the paths of the PolNeAR texts of the given
// splits, skipping the test when the shared data directory is absent.
func segPolNeARTexts(tb testing.TB, splits ...string) []string {
	tb.Helper()
	root := filepath.Join(segRepoRoot(tb), "..", "shared", "data", "polnear")
	var paths []string
	for _, split := range splits {
		m, err := filepath.Glob(filepath.Join(root, split, "text", "*.txt"))
		if err != nil {
			tb.Fatalf("listing PolNeAR %s texts: %v", split, err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		tb.Skipf("PolNeAR texts not found under %s (the shared data directory ../shared is absent); skipping", root)
	}
	return paths
}

// tokenizeSegment runs the tokenizer and segmenter as Extract does.
func tokenizeSegment(text string) *Document {
	d := &Document{Text: text}
	d.Tokens = appendTokens(make([]Token, 0, len(text)/5+1), text)
	d.Sentences, d.Paragraphs = segment(text, d.Tokens)
	return d
}

// checkDocument reports every violation of the invariants listed above.
func checkDocument(tb testing.TB, d *Document) {
	tb.Helper()
	if err := d.Validate(); err != nil {
		tb.Fatalf("Validate: %v", err)
	}
	text := d.Text
	var rebuilt strings.Builder
	prev := 0
	for i, t := range d.Tokens {
		gap := text[prev:t.Start]
		if !allSpace(gap) {
			tb.Fatalf("gap %q before token %d %q at %d is not white space", gap, i, t.Text, t.Start)
		}
		for k := 0; k < len(t.Text); {
			r, n := utf8.DecodeRuneInString(t.Text[k:])
			invalid := r == utf8.RuneError && n == 1
			if invalid != (t.Kind == Invalid) {
				tb.Fatalf("token %d %q (%v) at %d: byte %d valid=%v", i, t.Text, t.Kind, t.Start, k, !invalid)
			}
			if !invalid && isSpace(r) {
				tb.Fatalf("token %d %q at %d holds white space", i, t.Text, t.Start)
			}
			k += n
		}
		if got, want := d.Lower(i), t.Lower(); got != want {
			tb.Fatalf("Lower(%d) = %q, want Token.Lower() %q (token %q at %d)", i, got, want, t.Text, t.Start)
		}
		rebuilt.WriteString(gap)
		rebuilt.WriteString(t.Text)
		prev = t.End
	}
	if !allSpace(text[prev:]) {
		tb.Fatalf("trailing gap %q is not white space", text[prev:])
	}
	rebuilt.WriteString(text[prev:])
	if rebuilt.String() != text {
		tb.Fatalf("tokens and gaps do not rebuild the text")
	}

	n := len(d.Tokens)
	if n == 0 {
		if len(d.Sentences) != 0 || len(d.Paragraphs) != 0 {
			tb.Fatalf("no tokens but %d sentences, %d paragraphs", len(d.Sentences), len(d.Paragraphs))
		}
		return
	}
	spanOf := func(r Range) (int, int) { return d.Tokens[r.Lo].Start, d.Tokens[r.Hi-1].End }
	next := 0
	for i, s := range d.Sentences {
		if s.Tokens.Lo != next || s.Tokens.Hi <= s.Tokens.Lo {
			tb.Fatalf("sentence %d tokens %v do not continue at %d", i, s.Tokens, next)
		}
		if a, b := spanOf(s.Tokens); a != s.Start || b != s.End {
			tb.Fatalf("sentence %d span [%d,%d) is not its tokens' [%d,%d)", i, s.Start, s.End, a, b)
		}
		next = s.Tokens.Hi
	}
	if next != n {
		tb.Fatalf("sentences cover %d of %d tokens", next, n)
	}
	next, nextSent := 0, 0
	for i, p := range d.Paragraphs {
		if p.Tokens.Lo != next || p.Tokens.Hi <= p.Tokens.Lo || p.Sentences.Lo != nextSent || p.Sentences.Hi <= p.Sentences.Lo {
			tb.Fatalf("paragraph %d (tokens %v, sentences %v) does not continue at token %d, sentence %d", i, p.Tokens, p.Sentences, next, nextSent)
		}
		if a, b := spanOf(p.Tokens); a != p.Start || b != p.End {
			tb.Fatalf("paragraph %d span [%d,%d) is not its tokens' [%d,%d)", i, p.Start, p.End, a, b)
		}
		if d.Sentences[p.Sentences.Lo].Tokens.Lo != p.Tokens.Lo || d.Sentences[p.Sentences.Hi-1].Tokens.Hi != p.Tokens.Hi {
			tb.Fatalf("paragraph %d: its sentences do not cover exactly its tokens", i)
		}
		for j := p.Sentences.Lo; j < p.Sentences.Hi; j++ {
			if d.Sentences[j].Paragraph != i {
				tb.Fatalf("sentence %d says paragraph %d, lies in %d", j, d.Sentences[j].Paragraph, i)
			}
		}
		for k := p.Tokens.Lo + 1; k < p.Tokens.Hi; k++ {
			if lineBreak(text, d.Tokens[k-1].End, d.Tokens[k].Start) {
				tb.Fatalf("paragraph %d holds a line break before token %d at %d", i, k, d.Tokens[k].Start)
			}
		}
		if i > 0 && !lineBreak(text, d.Paragraphs[i-1].End, p.Start) {
			tb.Fatalf("no line break between paragraphs %d and %d", i-1, i)
		}
		next, nextSent = p.Tokens.Hi, p.Sentences.Hi
	}
	if next != n || nextSent != len(d.Sentences) {
		tb.Fatalf("paragraphs cover %d of %d tokens, %d of %d sentences", next, n, nextSent, len(d.Sentences))
	}
}

func allSpace(s string) bool {
	for k := 0; k < len(s); {
		r, n := utf8.DecodeRuneInString(s[k:])
		if r == utf8.RuneError && n == 1 || !isSpace(r) {
			return false
		}
		k += n
	}
	return true
}

func TestInvariantsSeed(t *testing.T) {
	checkDocument(t, tokenizeSegment(segSeedText(t)))
}

func TestInvariantsTables(t *testing.T) {
	for _, tt := range tokenizerTests {
		checkDocument(t, tokenizeSegment(tt.in))
	}
	for _, tt := range segmentTests {
		checkDocument(t, tokenizeSegment(tt.in))
	}
}

func TestInvariantsPolNeAR(t *testing.T) {
	paths := segPolNeARTexts(t, "train", "dev")
	var bytes, tokens, sentences int
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("reading %s: %v", p, err)
		}
		d := tokenizeSegment(string(b))
		t.Run(filepath.Base(p), func(t *testing.T) { checkDocument(t, d) })
		bytes += len(b)
		tokens += len(d.Tokens)
		sentences += len(d.Sentences)
	}
	t.Logf("%d texts, %d bytes, %d tokens, %d sentences", len(paths), bytes, tokens, sentences)
}

// TestExtractConcurrent runs one Extractor from several goroutines (run it
// with -race): the results equal a sequential run.
func TestExtractConcurrent(t *testing.T) {
	e, err := New(WithNER(NERNone))
	if err != nil {
		t.Fatal(err)
	}
	text := segSeedText(t)
	want := goldenDump(e.Extract(text))
	var wg sync.WaitGroup
	errs := make([]bool, 4)
	for g := range errs {
		wg.Go(func() {
			for range 5 {
				if goldenDump(e.Extract(text)) != want {
					errs[g] = true
				}
			}
		})
	}
	wg.Wait()
	for g, bad := range errs {
		if bad {
			t.Errorf("goroutine %d got a different document", g)
		}
	}
}
