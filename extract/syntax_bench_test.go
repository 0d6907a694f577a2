package extract

import (
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/saywho/saywho/extract/internal/syntax"
	"github.com/saywho/saywho/extract/internal/syntax/model"
)

// Syntax benchmarks, side by side on the seed article and every PolNeAR
// dev text (one document each; PolNeAR is skipped when ../shared is
// absent):
//
//		go test ./extract -run '^$' -bench 'Syntax' -benchmem -cpu 1
//
//	  - ours/tag+parse: the syntax stage alone (tagger and parser) on
//	    documents tokenized and segmented before the timer, with the model
//	    loaded once;
//	  - ours/tag: the tagger alone (WithSyntax(SyntaxTags));
//	  - ours/extract: the public Extract with NER off (tokenize, segment,
//	    tag, parse);
//	  - prose/tag: prose/v2 tokenizing and tagging (prose.NewDocument with
//	    WithTagging, no segmentation or entity extraction), as its users
//	    call it; it decodes its tagger model in every call.
func BenchmarkSyntax(b *testing.B) {
	ins := nerBenchInputs(b)
	for _, mode := range []Syntax{SyntaxParse, SyntaxTags} {
		a, err := loadAnalyzer(nil, mode == SyntaxParse)
		if err != nil {
			b.Fatal(err)
		}
		name := "ours/tag+parse/"
		if mode == SyntaxTags {
			name = "ours/tag/"
		}
		for _, in := range ins {
			b.Run(name+in.name, func(b *testing.B) {
				docs := make([]*Document, len(in.texts))
				for i, t := range in.texts {
					docs[i] = tokenizeSegment(t)
				}
				b.SetBytes(in.bytes())
				b.ReportAllocs()
				toks := 0
				cpu := nerCPUSeconds()
				for b.Loop() {
					toks = 0
					for _, d := range docs {
						a.annotate(d)
						toks += len(d.Tokens)
					}
				}
				b.ReportMetric(float64(toks), "tokens/op")
				nerReportCPU(b, in.bytes(), cpu)
			})
		}
	}
	e, err := New(WithNER(NERNone))
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range ins {
		b.Run("ours/extract/"+in.name, func(b *testing.B) {
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			cpu := nerCPUSeconds()
			for b.Loop() {
				for _, t := range in.texts {
					e.Extract(t)
				}
			}
			nerReportCPU(b, in.bytes(), cpu)
		})
	}
	for _, in := range ins {
		b.Run("prose/tag/"+in.name, func(b *testing.B) {
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			toks := 0
			cpu := nerCPUSeconds()
			for b.Loop() {
				toks = 0
				for _, t := range in.texts {
					doc, err := prose.NewDocument(t, prose.WithSegmentation(false), prose.WithExtraction(false))
					if err != nil {
						b.Fatal(err)
					}
					toks += len(doc.Tokens())
				}
			}
			b.ReportMetric(float64(toks), "tokens/op")
			nerReportCPU(b, in.bytes(), cpu)
		})
	}
}

// BenchmarkSyntaxModelLoad decodes the embedded syntax model from scratch
// each time, as New does once per process.
func BenchmarkSyntaxModelLoad(b *testing.B) {
	b.SetBytes(int64(len(model.Data())))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := syntax.Decode(model.Data()); err != nil {
			b.Fatal(err)
		}
	}
}
