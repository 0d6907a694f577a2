package saywho

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Benchmarks of the whole pipeline through Analyze on pathological inputs,
// at two sizes each: ns/op must double with the size (linear time).
//
//	go test . -run '^$' -bench 'AnalyzePathological' -benchmem -cpu 1 -benchtime 3x
//
// manyNames is the document of distinct names: people clustering
// used to scan every person per mention (2 MB took 70 s of CPU).

// manyNames returns about size bytes of sentences naming distinct people
// ("Jane Korvanek said …", "Mr. Korvanek told …", quotes, "According to
// …"), from a fixed seed.
func manyNames(size int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	firsts := strings.Fields("John Jane Maria Peter Olga Alex Sam Chris Anna Igor Paul Laura")
	syll := strings.Fields("ka lo vin mar ter sko ba rel dun fi gor nesh")
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		var w strings.Builder
		for k := i; w.Len() < 4 || k > 0; k /= len(syll) {
			w.WriteString(syll[k%len(syll)])
		}
		last := strings.ToUpper(w.String()[:1]) + w.String()[1:]
		first := firsts[rng.IntN(len(firsts))]
		switch rng.IntN(4) {
		case 0:
			fmt.Fprintf(&b, "%s %s said the plan would fail. ", first, last)
		case 1:
			fmt.Fprintf(&b, "Mr. %s told reporters that prices rose. ", last)
		case 2:
			fmt.Fprintf(&b, "“We will win,” said %s %s, a local official. ", first, last)
		default:
			fmt.Fprintf(&b, "According to %s %s, the vote was fair.\n\n", first, last)
		}
	}
	return b.String()
}

var pathological = []struct {
	name string
	make func(size int) string
}{
	{"many-names", manyNames},
	{"one-paragraph", func(size int) string {
		unit := "“We will not give up,” Ms. Khomich said, and her lawyer told reporters that the case, " +
			"according to officials in Minsk, had stalled. Mr. Lukashenko, who has long denied it, says " +
			"the sanctions failed; “They never worked” ― critics disagree. "
		return strings.Repeat(unit, size/len(unit))
	}},
	{"one-sentence", func(size int) string {
		unit := "he said that Ana Ruiz and the ministry of water and Maria Lopez told him she would win and "
		return strings.Repeat(unit, size/len(unit))
	}},
	{"unmatched-quotes", func(size int) string { return strings.Repeat("“a Smith said ", size/len("“a Smith said ")) }},
}

func BenchmarkAnalyzePathological(b *testing.B) {
	an := Default()
	for _, p := range pathological {
		for _, size := range []int{1 << 20, 2 << 20} {
			b.Run(fmt.Sprintf("%s/size=%d", p.name, size), func(b *testing.B) {
				text := p.make(size)
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				claims := 0
				for b.Loop() {
					r, err := an.Analyze(context.Background(), p.name, text)
					if err != nil {
						b.Fatal(err)
					}
					claims = len(r.Claims)
				}
				b.ReportMetric(float64(claims), "claims/op")
			})
		}
	}
}

// polnearDev returns PolNeAR's dev texts (84 articles, 568 KB), found from
// the module root at ../shared/data; it skips without them.
func polnearDev(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "shared", "data", "polnear", "dev", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("PolNeAR dev not found in ../shared/data/polnear/dev (shared data lives outside the repository)")
	}
	texts := make([]string, 0, len(files))
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	return texts
}

// BenchmarkAnalyze runs the whole pipeline the command runs (extraction
// with syntax, attribution, the Result and its JSON) over PolNeAR dev per
// op, on warm models, and reports allocations per token:
//
//	go test . -run '^$' -bench '^BenchmarkAnalyze$' -benchmem -cpu 1
func BenchmarkAnalyze(b *testing.B) {
	texts := polnearDev(b)
	an, err := New(WithDocuments())
	if err != nil {
		b.Fatal(err)
	}
	n, tokens := 0, 0
	for _, t := range texts {
		n += len(t)
		r, err := an.Analyze(context.Background(), "dev", t)
		if err != nil {
			b.Fatal(err)
		}
		tokens += len(r.Document().Tokens)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		w := NewWriter(&buf, FormatJSONL, WriteOptions{})
		for _, t := range texts {
			r, err := an.Analyze(context.Background(), "dev", t)
			if err != nil {
				b.Fatal(err)
			}
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tokens), "tokens/op")
}
