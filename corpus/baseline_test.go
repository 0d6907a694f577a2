package corpus

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// Conformance test: the pipeline (extract.New, then claims.Attribute) is
// scored on every corpus at hand and each figure must stay at or above its
// floor in testdata/baseline.json. Invariants checked on the way: every
// gold article loads without error (except the known PolNeAR annotation
// slips) and every predicted Document validates.
//
// Floors are measured figures: `go test ./corpus -run Baseline -update`
// rewrites testdata/baseline.json with, for each figure, the measured value
// truncated to two decimals minus 0.02 (slack for work in progress), never
// lowering an existing floor, and records the date and commit.

var update = flag.Bool("update", false, "raise the floors in testdata/baseline.json to the measured figures")

const baselineFile = "testdata/baseline.json"

// baseline is the content of testdata/baseline.json.
type baseline struct {
	Date   string             `json:"date"`
	Commit string             `json:"commit"`
	Rule   string             `json:"rule"`
	Floors map[string]float64 `json:"floors"`
}

// floored lists, per corpus, the figures that get a floor.
var floored = map[string][]string{
	"seeds": {"ner.f1", "ner.PERSON.f1", "claims.attribution.f1", "claims.quoted_attribution", "claims.speaker",
		"claims.cue.exact.f1", "claims.source.overlap.f1", "claims.content.overlap.f1"},
	"gold": {"ner.f1", "ner.PERSON.f1", "claims.attribution.f1", "claims.quoted_attribution", "claims.speaker",
		"claims.cue.exact.f1", "claims.source.overlap.f1", "claims.content.overlap.f1"},
	"polnear-dev": {"claims.attribution.f1", "claims.quoted_attribution", "claims.chunks.source.f1",
		"claims.chunks.cue.f1", "claims.chunks.content.f1", "claims.cue.exact.f1", "claims.source.exact.f1",
		"claims.content.overlap.f1"},
	"conll-dev": {"ner.f1", "ner.PERSON.f1", "ner.ORG.f1", "ner.LOC.f1", "ner.MISC.f1"},
	"ewt-dev":   {"ud.words.f1", "ud.upos.f1", "ud.xpos.f1", "ud.uas.f1", "ud.las.f1"},
}

func TestBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("scores whole corpora; skipped with -short")
	}
	ex, err := extract.New()
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	// CoNLL dev is scored with the train-only model: the embedded one is
	// trained on train and dev (see extract/internal/ner/model).
	trainOnly, err := extract.New(extract.WithModelFS(os.DirFS("../extract/internal/ner/model/trainonly")))
	if err != nil {
		t.Fatalf("extract.New with the train-only model: %v", err)
	}
	corpora := map[string]func(t *testing.T) []Article{
		"seeds": func(t *testing.T) []Article {
			arts, err := Load(seeds.FS(), "*.gold.json")
			if err != nil {
				t.Fatalf("seeds:\n%s", errorLines(err))
			}
			return arts
		},
		"gold": func(t *testing.T) []Article {
			arts, err := Load(os.DirFS("testdata/gold"), "*.gold.json")
			if err != nil {
				t.Fatalf("testdata/gold:\n%s", errorLines(err))
			}
			return arts
		},
		"polnear-dev": func(t *testing.T) []Article {
			arts, err := LoadPolNeAR(sharedDir(t, "polnear"), "dev")
			if el, ok := err.(ErrorList); !ok && err != nil || len(el) > 1 {
				t.Fatalf("PolNeAR dev: want only the one known annotation slip, have:\n%s", errorLines(err))
			}
			return arts
		},
		"conll-dev": func(t *testing.T) []Article {
			arts, err := LoadCoNLL(filepath.Join(sharedDir(t, "conll2003"), "dev.txt"))
			if err != nil {
				t.Fatalf("CoNLL dev: %s", errorLines(err))
			}
			return arts
		},
	}
	measured := map[string]float64{}
	names := make([]string, 0, len(corpora))
	for name := range corpora {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			arts := corpora[name](t)
			if len(arts) == 0 {
				t.Skipf("no %s articles", name)
			}
			var s Score
			ex := ex
			if name == "conll-dev" {
				ex = trainOnly
			}
			for i := range arts {
				doc := ex.Extract(arts[i].Doc.Text)
				if err := doc.Validate(); err != nil {
					t.Errorf("%s: Extract gave an invalid document: %v", arts[i].ID, err)
				}
				s.Add(&arts[i], doc, claims.Attribute(doc))
			}
			m := s.Metrics()
			for _, k := range floored[name] {
				if v, ok := m[k]; ok {
					measured[name+"/"+k] = v
				}
			}
		})
	}
	// UD English EWT dev, from raw text (ScoreUD): the syntax figures.
	t.Run("ewt-dev", func(t *testing.T) {
		sents, err := LoadCoNLLU(filepath.Join(sharedDir(t, "ud-english-ewt"), "en_ewt-ud-dev.conllu"))
		if err != nil {
			t.Fatalf("EWT dev: %s", errorLines(err))
		}
		s := ScoreUD(sents, func(text string) *extract.Document {
			doc := ex.Extract(text)
			if err := doc.Validate(); err != nil {
				t.Errorf("Extract gave an invalid document: %v", err)
			}
			return doc
		}, 2)
		m := s.Metrics()
		for _, k := range floored["ewt-dev"] {
			measured["ewt-dev/"+k] = m[k]
		}
	})
	keys := make([]string, 0, len(measured))
	for k := range measured {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	b := readBaseline(t)
	for _, k := range keys {
		floor, ok := b.Floors[k]
		t.Logf("%-45s %.4f (floor %.2f)", k, measured[k], floor)
		if ok && measured[k] < floor {
			t.Errorf("%s = %.4f, below its floor %.2f in %s", k, measured[k], floor, baselineFile)
		}
	}
	if *update {
		raised := false
		for _, k := range keys {
			f := math.Floor(measured[k]*100)/100 - 0.02
			f = math.Round(max(f, 0)*100) / 100
			if f > b.Floors[k] || !hasKey(b.Floors, k) {
				b.Floors[k] = max(f, b.Floors[k])
				raised = true
			}
		}
		if raised {
			b.Date = time.Now().UTC().Format("2006-01-02")
			if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
				b.Commit = strings.TrimSpace(string(out))
			}
			writeBaseline(t, b)
		}
	}
}

func hasKey(m map[string]float64, k string) bool { _, ok := m[k]; return ok }

func readBaseline(t *testing.T) baseline {
	t.Helper()
	b := baseline{Floors: map[string]float64{}}
	data, err := os.ReadFile(baselineFile)
	if os.IsNotExist(err) && *update {
		return b
	}
	if err != nil {
		t.Fatalf("reading floors: %v", err)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("%s: %v", baselineFile, err)
	}
	if b.Floors == nil {
		b.Floors = map[string]float64{}
	}
	return b
}

func writeBaseline(t *testing.T, b baseline) {
	t.Helper()
	b.Rule = "floor = measured figure truncated to 2 decimals, minus 0.02; floors only go up (go test ./corpus -run Baseline -update)"
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(baselineFile, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
