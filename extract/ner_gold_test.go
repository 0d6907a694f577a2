package extract_test

import (
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
	assert.GreaterOrEqual(t, f1[extract.NERModel], 0.88, "model F1 on the seed gold")
	assert.Greater(t, f1[extract.NERModel], f1[extract.NERProse], "model should beat prose on the seed gold")
}
