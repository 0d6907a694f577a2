package corpus

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/extract"
)

func TestNERBreakdown(t *testing.T) {
	text := "Obama met Acme Corp in Paris and Lyon ."
	ent := func(start, end int, l extract.Label) extract.Entity {
		return extract.Entity{Span: extract.SpanOf(text, start, end), Label: l, Person: -1}
	}
	gold := []extract.Entity{
		ent(0, 5, extract.PER),   // Obama: right
		ent(10, 19, extract.ORG), // Acme Corp: predicted "Acme" (boundary)
		ent(23, 28, extract.LOC), // Paris: predicted ORG (wrong type)
		ent(33, 37, extract.LOC), // Lyon: missed
	}
	pred := []extract.Entity{
		ent(0, 5, extract.PER),
		ent(10, 14, extract.ORG),
		ent(23, 28, extract.ORG),
		ent(29, 32, extract.MISC), // "and": spurious
	}
	seen := map[string]bool{"Obama": true, "Paris": true}
	var b NERBreakdown
	b.Add(gold, pred, seen)
	assert.Equal(t, 1, b.Confusion[extract.PER][extract.PER])
	assert.Equal(t, 1, b.Confusion[extract.LOC][extract.ORG], "Paris as ORG")
	assert.Equal(t, 1, b.Confusion[extract.ORG][extract.NoLabel], "Acme Corp has no same-span prediction")
	assert.Equal(t, 1, b.Confusion[extract.LOC][extract.NoLabel], "Lyon missed")
	assert.Equal(t, 1, b.Confusion[extract.NoLabel][extract.ORG], "Acme spurious")
	assert.Equal(t, 1, b.Confusion[extract.NoLabel][extract.MISC], "and spurious")
	assert.Equal(t, 1, b.Boundary)
	assert.Equal(t, Counts{TP: 1, FP: 1, FN: 1}, b.Seen, "Obama right; Paris: FN under its gold text, FP under the prediction's (also seen)")
	assert.Equal(t, Counts{TP: 0, FP: 2, FN: 2}, b.Unseen)
	// The breakdown agrees with the exact score.
	s := ScoreEntities(gold, pred)
	assert.Equal(t, s.Micro, b.Seen.Add(b.Unseen))

	var sum NERBreakdown
	sum.Merge(b)
	sum.Merge(b)
	assert.Equal(t, 2, sum.Boundary)
	assert.Equal(t, 2, sum.Confusion[extract.LOC][extract.ORG])

	var out strings.Builder
	require.NoError(t, b.Write(&out, true))
	for _, want := range []string{"gold \\ predicted", "right span, wrong type: 1", "overlapped by a prediction of another span: 1", "seen", "unseen"} {
		assert.Contains(t, out.String(), want)
	}
}

func TestEntityTexts(t *testing.T) {
	text := "New  York and Paris"
	a := Article{Doc: &extract.Document{Text: text, Entities: []extract.Entity{
		{Span: extract.SpanOf(text, 0, 9), Label: extract.LOC},
		{Span: extract.SpanOf(text, 14, 19), Label: extract.LOC},
	}}}
	assert.Equal(t, map[string]bool{"New York": true, "Paris": true}, EntityTexts([]Article{a}))
}
