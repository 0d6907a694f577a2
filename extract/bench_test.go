package extract

import (
	"os"
	"testing"

	"github.com/jdkato/prose/v2"
)

// Benchmarks of the tokenizer and segmenter alone (the NER stage is
// benchmarked apart), side by side with prose/v2 doing the same work
// (tokenization and Punkt segmentation, no tagging or extraction):
//
//	go test ./extract -run '^$' -bench 'TokenizeSegment' -benchmem
//
// Inputs: the seed article; the hand-made quote-heavy testdata/quotes.txt;
// all PolNeAR dev texts, one document per text (skipped when ../shared is
// absent).

type benchInput struct {
	name  string
	texts []string
}

func (in benchInput) bytes() (n int64) {
	for _, t := range in.texts {
		n += int64(len(t))
	}
	return n
}

func benchInputs(b *testing.B) []benchInput {
	b.Helper()
	ins := []benchInput{{name: "seed", texts: []string{segSeedText(b)}}}
	if q, err := os.ReadFile("testdata/quotes.txt"); err == nil {
		ins = append(ins, benchInput{name: "quotes", texts: []string{string(q)}})
	}
	dev := benchInput{name: "polnear-dev"}
	ins = append(ins, dev)
	return ins
}

// polnearDev loads the PolNeAR dev texts or skips b.
func polnearDev(b *testing.B) []string {
	b.Helper()
	var texts []string
	for _, p := range segPolNeARTexts(b, "dev") {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatalf("reading %s: %v", p, err)
		}
		texts = append(texts, string(t))
	}
	return texts
}

func runBench(b *testing.B, f func(text string) int) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			if in.texts == nil {
				in.texts = polnearDev(b)
			}
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			tokens := 0
			for b.Loop() {
				tokens = 0
				for _, t := range in.texts {
					tokens += f(t)
				}
			}
			b.ReportMetric(float64(tokens), "tokens/op")
		})
	}
}

// BenchmarkTokenizeSegment measures what Extract does before NER: tokens
// into a slice sized from the text length, then sentences and paragraphs.
func BenchmarkTokenizeSegment(b *testing.B) {
	runBench(b, func(text string) int {
		toks := appendTokens(make([]Token, 0, len(text)/5+1), text)
		segment(text, toks)
		return len(toks)
	})
}

// BenchmarkExtractNoNER measures the public entry point with NER off.
func BenchmarkExtractNoNER(b *testing.B) {
	e, err := New(WithNER(NERNone))
	if err != nil {
		b.Fatal(err)
	}
	runBench(b, func(text string) int { return len(e.Extract(text).Tokens) })
}

// BenchmarkTokenizer measures the cursor alone, with no output slice.
func BenchmarkTokenizer(b *testing.B) {
	var t Tokenizer
	runBench(b, func(text string) int {
		n := 0
		t.Reset(text)
		for t.Next() {
			n++
		}
		return n
	})
}

// BenchmarkProseTokenizeSegment is prose/v2 doing the same work.
func BenchmarkProseTokenizeSegment(b *testing.B) {
	runBench(b, func(text string) int {
		doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			b.Fatal(err)
		}
		return len(doc.Tokens())
	})
}
