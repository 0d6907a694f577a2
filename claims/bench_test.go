package claims_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// polnearDev returns the texts of the PolNeAR dev split, or skips when the
// shared data (outside the repository, ../shared from the module root) is
// absent.
func polnearDev(b *testing.B) []string {
	b.Helper()
	dir, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			b.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	files, _ := filepath.Glob(filepath.Join(dir, "..", "shared", "data", "polnear", "dev", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("PolNeAR dev not found in ../shared/data/polnear/dev (shared data lives outside the repository)")
	}
	var texts []string
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	return texts
}

// benchAttribute times the claims stage alone on documents parsed once.
func benchAttribute(b *testing.B, docs []*extract.Document) {
	n, claimsN := 0, 0
	for _, d := range docs {
		n += len(d.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		claimsN = 0
		for _, d := range docs {
			claimsN += len(claims.Attribute(d))
		}
	}
	b.ReportMetric(float64(claimsN), "claims/op")
}

func BenchmarkAttribute(b *testing.B) {
	b.Run("seed", func(b *testing.B) {
		text, err := seeds.Text(seeds.Names()[0])
		if err != nil {
			b.Fatal(err)
		}
		benchAttribute(b, []*extract.Document{extract.Parse(text)})
	})
	b.Run("polnear-dev", func(b *testing.B) {
		var docs []*extract.Document
		for _, t := range polnearDev(b) {
			docs = append(docs, extract.Parse(t))
		}
		benchAttribute(b, docs)
	})
}

// BenchmarkPipeline times, side by side on the PolNeAR dev texts:
//
//   - saywho: the whole pipeline, extract.Parse (tokens, sentences, NER,
//     people) and Attribute, with the default extractor and attributor
//     built before the timer;
//   - prose-ner-only: prose/v2's named-entity recognition alone
//     (prose.NewDocument without segmentation, then Entities), as a user
//     of prose would call it, model loading included because prose loads
//     it in every NewDocument.
//
// Run with -cpu 1 for the one-core throughput the README reports.
func BenchmarkPipeline(b *testing.B) {
	texts := polnearDev(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.Run("saywho", func(b *testing.B) {
		extract.Default()
		claims.Default()
		b.SetBytes(int64(n))
		b.ReportAllocs()
		claimsN := 0
		for b.Loop() {
			claimsN = 0
			for _, t := range texts {
				claimsN += len(claims.Attribute(extract.Parse(t)))
			}
		}
		b.ReportMetric(float64(claimsN), "claims/op")
	})
	b.Run("prose-ner-only", func(b *testing.B) {
		b.SetBytes(int64(n))
		b.ReportAllocs()
		ents := 0
		for b.Loop() {
			ents = 0
			for _, t := range texts {
				doc, err := prose.NewDocument(t, prose.WithSegmentation(false))
				if err != nil {
					b.Fatalf("prose.NewDocument: %v", err)
				}
				ents += len(doc.Entities())
			}
		}
		b.ReportMetric(float64(ents), "entities/op")
	})
}

// pathological builds inputs of about size bytes that stress the claims
// stage: every rule must stay linear on them.
var pathological = []struct {
	name string
	make func(size int) string
}{
	{"unmatched-quotes", func(size int) string {
		// size/3 opening marks with one word each, never closed, in short
		// paragraphs and in one long one.
		return strings.Repeat("“a ", size/len("“a "))
	}},
	{"one-paragraph", func(size int) string {
		unit := "“We will win,” she said, and he told reporters that the plan, according to officials, had failed. "
		return strings.Repeat(unit, size/len(unit))
	}},
	{"capitals", func(size int) string {
		unit := "“WE WILL WIN,” SAID THE MAYOR. THE MAYOR SAID THAT HE WOULD WIN. ACCORDING TO HIM, IT IS OVER.\n"
		return strings.Repeat(unit, size/len(unit))
	}},
	{"no-punctuation", func(size int) string {
		unit := "he said that we would win and she told him that they think it is over according to them "
		return strings.Repeat(unit, size/len(unit))
	}},
}

// BenchmarkAttributePathological runs the claims stage at two sizes per
// input class; ns/op should double with the size (linear time). Documents
// are built with the fast extractor (no NER) outside the timer.
func BenchmarkAttributePathological(b *testing.B) {
	bare, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pathological {
		for _, size := range []int{500_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/size=%d", p.name, size), func(b *testing.B) {
				benchAttribute(b, []*extract.Document{bare.Extract(p.make(size))})
			})
		}
	}
}
