package extract

import (
	"os"
	"path/filepath"
	"testing"

	"testing/fstest"

	"github.com/jdkato/prose/v2"

	"github.com/saywho/saywho/extract/internal/ner"
	"github.com/saywho/saywho/extract/internal/ner/model"
)

// NER benchmarks: our whole Extract (tokenize, segment, NER, people), our
// tokenize+segment+NER alone, and prose/v2's NER, side by side on the seed
// article and on every PolNeAR dev text (one document each; PolNeAR is
// skipped when ../shared is absent):
//
//	go test ./extract -run '^$' -bench 'NER|ProseModelOnce|ModelLoad' -benchmem -cpu 1
//
// prose is measured as users call it: prose.NewDocument(text,
// prose.WithSegmentation(false)) per document, then Entities(). prose
// decodes its tagger and NER models again inside every NewDocument call, so
// its figure includes that model loading; ours loads once, in New.
//
// On a shared machine, run with -cpu 1 and read MB/cpu-s (throughput per
// CPU second of this process) beside the wall-clock MB/s.

func nerBenchInputs(b *testing.B) []benchInput {
	seed := benchInput{name: "seed", texts: []string{segSeedText(b)}}
	ins := []benchInput{seed}
	if _, err := os.Stat(filepath.Join(filepath.Dir(segRepoRoot(b)), "shared", "data", "polnear")); err != nil {
		return ins // no shared data: seed only
	}
	var texts []string
	for _, p := range segPolNeARTexts(b, "dev") {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	return append(ins, benchInput{name: "polnear-dev", texts: texts})
}

func BenchmarkNER(b *testing.B) {
	ins := nerBenchInputs(b)
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range ins {
		b.Run("ours/"+in.name, func(b *testing.B) {
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			ents := 0
			cpu := nerCPUSeconds()
			for b.Loop() {
				ents = 0
				for _, t := range in.texts {
					ents += len(e.Extract(t).Entities)
				}
			}
			b.ReportMetric(float64(ents), "entities/op")
			nerReportCPU(b, in.bytes(), cpu)
		})
	}
	// Tokenize, segment and tag only: the stages the NER speed target
	// counts, without people clustering.
	r, err := loadModelRecognizer(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range ins {
		b.Run("ours-tokenize+ner/"+in.name, func(b *testing.B) {
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			ents := 0
			cpu := nerCPUSeconds()
			for b.Loop() {
				ents = 0
				for _, t := range in.texts {
					ents += len(r.recognize(nerDoc(t)))
				}
			}
			b.ReportMetric(float64(ents), "entities/op")
			nerReportCPU(b, in.bytes(), cpu)
		})
	}
	for _, in := range ins {
		b.Run("prose/"+in.name, func(b *testing.B) {
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			ents := 0
			cpu := nerCPUSeconds()
			for b.Loop() {
				ents = 0
				for _, t := range in.texts {
					doc, err := prose.NewDocument(t, prose.WithSegmentation(false))
					if err != nil {
						b.Fatal(err)
					}
					ents += len(doc.Entities())
				}
			}
			b.ReportMetric(float64(ents), "entities/op")
			nerReportCPU(b, in.bytes(), cpu)
		})
	}
}

// nerReportCPU reports throughput per CPU second (process user+system
// time since cpu), which a loaded machine distorts less than wall time.
func nerReportCPU(b *testing.B, bytes int64, cpu float64) {
	if d := nerCPUSeconds() - cpu; d > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/d/1e6, "MB/cpu-s")
	}
}

// BenchmarkProseModelOnce runs prose/v2's NER with its model decoded once
// and passed to every call (prose.UsingModel with the Model of a first
// Document), which prose's API allows but its docs do not show; it is the
// fair comparison of tagging speed alone.
func BenchmarkProseModelOnce(b *testing.B) {
	first, err := prose.NewDocument("Warm up.", prose.WithSegmentation(false))
	if err != nil {
		b.Fatal(err)
	}
	m := first.Model
	for _, in := range nerBenchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(in.bytes())
			b.ReportAllocs()
			ents := 0
			cpu := nerCPUSeconds()
			for b.Loop() {
				ents = 0
				for _, t := range in.texts {
					doc, err := prose.NewDocument(t, prose.WithSegmentation(false), prose.UsingModel(m))
					if err != nil {
						b.Fatal(err)
					}
					ents += len(doc.Entities())
				}
			}
			b.ReportMetric(float64(ents), "entities/op")
			nerReportCPU(b, in.bytes(), cpu)
		})
	}
}

// BenchmarkModelLoad decodes the embedded model from scratch each time, as
// New does once per process (in place, from the binary's copy of the
// file), and, as "fs", from a file system (WithModelFS: the file is read
// into memory first).
func BenchmarkModelLoad(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ner.DecodeString(model.Data()); err != nil {
				b.Fatal(err)
			}
		}
	})
	fsys := fstest.MapFS{ModelFile: {Data: []byte(model.Data())}}
	b.Run("fs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeModel(fsys); err != nil {
				b.Fatal(err)
			}
		}
	})
}
