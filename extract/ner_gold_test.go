package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// TestNERSeedGold scores the embedded model and prose/v2 on the seed
// article's hand-made gold entities (exact span and label) and checks the
// model's F1 against a floor just under the measured figure, and that it
// beats prose.
func TestNERSeedGold(t *testing.T) {
	arts, err := corpus.Load(seeds.FS(), "*.gold.json")
	require.NoError(t, err)
	require.NotEmpty(t, arts)
	f1 := map[extract.NER]float64{}
	for _, n := range []extract.NER{extract.NERModel, extract.NERProse} {
		e, err := extract.New(extract.WithNER(n))
		require.NoError(t, err)
		var sc corpus.NERScore
		for _, a := range arts {
			sc.Add(corpus.ScoreEntities(a.Doc.Entities, e.Extract(a.Doc.Text).Entities))
		}
		t.Logf("%v on %d seed article(s): %v", n, len(arts), sc.Micro)
		for l, c := range sc.ByLabel {
			t.Logf("  %v %v", l, c)
		}
		f1[n] = sc.Micro.F1()
	}
	assert.GreaterOrEqual(t, f1[extract.NERModel], 0.93, "model F1 on the seed gold")
	assert.Greater(t, f1[extract.NERModel], f1[extract.NERProse], "model should beat prose on the seed gold")
}

// TestNERConllDevText scores the whole Extract pipeline on CoNLL-2003 dev
// rebuilt as text (tokens joined by spaces, one sentence per line; see
// corpus.DecodeCoNLL): our tokenizer and segmenter instead of the gold
// tokens, gold entities matched by exact byte span and label. The figure
// is a little under TestNERConllDev's, where the gold tokens are tagged.
func TestNERConllDevText(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short")
	}
	path := filepath.Join("..", "..", "shared", "data", "conll2003", "dev.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("CoNLL-2003 dev not found at %s (shared data is not in the repository): %v", path, err)
	}
	arts, err := corpus.LoadCoNLL(path)
	require.NoError(t, err)
	e, err := extract.New()
	require.NoError(t, err)
	var sc corpus.NERScore
	for _, a := range arts {
		sc.Add(corpus.ScoreEntities(a.Doc.Entities, e.Extract(a.Doc.Text).Entities))
	}
	t.Logf("CoNLL-2003 dev as text, %d documents: %v", len(arts), sc.Micro)
	for l, c := range sc.ByLabel {
		t.Logf("  %v %v", l, c)
	}
	assert.GreaterOrEqual(t, sc.Micro.F1(), 0.92, "micro F1 through the whole pipeline")
}
