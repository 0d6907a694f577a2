package corpus

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

func TestCountsZeroDenominators(t *testing.T) {
	tests := []struct {
		name    string
		c       Counts
		p, r, f float64
	}{
		{"nothing at all", Counts{}, 1, 1, 1},
		{"nothing predicted", Counts{FN: 3}, 0, 0, 0},
		{"nothing to find", Counts{FP: 2}, 0, 0, 0},
		{"all wrong", Counts{FP: 1, FN: 1}, 0, 0, 0},
		{"half", Counts{TP: 1, FP: 1, FN: 1}, 0.5, 0.5, 0.5},
		{"precise", Counts{TP: 3, FN: 1}, 1, 0.75, 6.0 / 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.p, tt.c.P(), 1e-12, "%+v.P()", tt.c)
			assert.InDelta(t, tt.r, tt.c.R(), 1e-12, "%+v.R()", tt.c)
			assert.InDelta(t, tt.f, tt.c.F1(), 1e-12, "%+v.F1()", tt.c)
			assert.False(t, math.IsNaN(tt.c.F1()))
		})
	}
	assert.Equal(t, 1.0, Ratio{}.Value())
	assert.Equal(t, 0.25, Ratio{1, 4}.Value())
}

// ent builds an entity of text covering the first occurrence of s.
func ent(text, s string, l extract.Label) extract.Entity {
	i := strings.Index(text, s)
	if i < 0 {
		panic("test bug: " + s + " not in text")
	}
	return extract.Entity{Span: extract.SpanOf(text, i, i+len(s)), Label: l, Person: -1}
}

func TestScoreEntities(t *testing.T) {
	const text = "Angela Merkel met Emmanuel Macron in Paris on behalf of the EU ."
	gold := []extract.Entity{
		ent(text, "Angela Merkel", extract.PER),
		ent(text, "Emmanuel Macron", extract.PER),
		ent(text, "Paris", extract.LOC),
		ent(text, "EU", extract.ORG),
	}
	t.Run("perfect", func(t *testing.T) {
		s := ScoreEntities(gold, gold)
		assert.Equal(t, Counts{TP: 4}, s.Micro)
		assert.Equal(t, Counts{TP: 2}, s.ByLabel[extract.PER])
	})
	t.Run("empty prediction", func(t *testing.T) {
		s := ScoreEntities(gold, nil)
		assert.Equal(t, Counts{FN: 4}, s.Micro)
		assert.Equal(t, 0.0, s.Micro.F1())
	})
	t.Run("off by one and wrong type", func(t *testing.T) {
		pred := []extract.Entity{
			ent(text, "Angela Merkel", extract.PER),
			ent(text, "Emmanuel Macro", extract.PER), // one byte short
			ent(text, "Paris", extract.ORG),          // wrong type
			ent(text, "EU", extract.ORG),
		}
		s := ScoreEntities(gold, pred)
		assert.Equal(t, Counts{TP: 2, FP: 2, FN: 2}, s.Micro)
		assert.Equal(t, Counts{TP: 1, FP: 1, FN: 1}, s.ByLabel[extract.PER])
		assert.Equal(t, Counts{FN: 1}, s.ByLabel[extract.LOC])
		assert.Equal(t, Counts{TP: 1, FP: 1}, s.ByLabel[extract.ORG])
		missed, spurious := DiffEntities(gold, pred)
		require.Len(t, missed, 2)
		assert.Equal(t, "Emmanuel Macron", missed[0].Text)
		assert.Equal(t, "Paris", spurious[1].Text)
	})
}

// sp returns the span of the n-th (from 0) occurrence of s in text.
func sp(text, s string, n int) extract.Span {
	off := 0
	for ; n >= 0; n-- {
		i := strings.Index(text[off:], s)
		if i < 0 {
			panic("test bug: " + s + " not in text")
		}
		off += i
		if n > 0 {
			off += len(s)
		}
	}
	return extract.SpanOf(text, off, off+len(s))
}

// person and org return the speakers a gold file names.
func person(name string) claims.Speaker {
	return claims.Speaker{Kind: claims.PersonSpeaker, Name: name, Person: -1, Entity: -1}
}

func org(name string) claims.Speaker {
	return claims.Speaker{Kind: claims.OrgSpeaker, Name: name, Person: -1, Entity: -1}
}

const claimText = `“We will win,” Ms. Khomich said. The ministry said the vote was fair. He denied it.`

func goldClaims() *Article {
	t := claimText
	return &Article{
		Doc:    &extract.Document{Text: t},
		Layers: LayerClaims,
		Claims: []claims.Claim{
			{Kind: claims.Direct, Content: []extract.Span{sp(t, "We will win,", 0)}, Cue: sp(t, "said", 0),
				Source: sp(t, "Ms. Khomich", 0), Speaker: person("Tatyana Khomich")},
			{Kind: claims.Indirect, Content: []extract.Span{sp(t, "the vote was fair", 0)}, Cue: sp(t, "said", 1),
				Source: sp(t, "The ministry", 0), Speaker: org("Ministry of Justice")},
			{Kind: claims.Indirect, Content: []extract.Span{sp(t, "it", 0)}, Cue: sp(t, "denied", 0),
				Source: sp(t, "He", 0), Speaker: claims.Speaker{Person: -1, Entity: -1}},
		},
	}
}

func TestScoreClaimsPerfect(t *testing.T) {
	g := goldClaims()
	s := ScoreClaims(g, g.Claims)
	for name, c := range map[string]Counts{
		"cue exact": s.Cue.Exact, "cue overlap": s.Cue.Overlap, "source exact": s.Source.Exact,
		"content exact": s.Content.Exact, "quote exact": s.Quote.Exact, "quote overlap": s.Quote.Overlap,
		"chunk source": s.Chunks.Source, "chunk cue": s.Chunks.Cue, "chunk content": s.Chunks.Content,
		"attribution": s.Attribution,
	} {
		assert.Equal(t, 0, c.FP+c.FN, "%s: %v", name, c)
		assert.Equal(t, 1.0, c.F1(), name)
	}
	assert.Equal(t, Ratio{1, 1}, s.QuotedAttribution)
	assert.Equal(t, Ratio{2, 2}, s.Speaker)
}

func TestScoreClaimsEmpty(t *testing.T) {
	g := goldClaims()
	s := ScoreClaims(g, nil)
	assert.Equal(t, Counts{FN: 3}, s.Attribution)
	assert.Equal(t, Counts{FN: 3}, s.Content.Exact)
	assert.Equal(t, Counts{FN: 3}, s.Cue.Exact, "two cues are the same word \"said\" but distinct spans")
	assert.Equal(t, Ratio{0, 1}, s.QuotedAttribution)
	assert.Equal(t, Ratio{0, 2}, s.Speaker)

	none := &Article{Doc: &extract.Document{Text: claimText}}
	s = ScoreClaims(none, nil)
	assert.Equal(t, 1.0, s.Attribution.F1(), "no gold, no prediction is perfect")
}

func TestScoreClaimsOffByOne(t *testing.T) {
	g := goldClaims()
	pred := append([]claims.Claim(nil), g.Claims...)
	c := pred[1]
	c.Content = []extract.Span{extract.SpanOf(claimText, c.Content[0].Start, c.Content[0].End-1)} // "the vote was fai"
	c.Source = extract.SpanOf(claimText, c.Source.Start+4, c.Source.End)                          // "ministry"
	pred[1] = c
	s := ScoreClaims(g, pred)
	assert.Equal(t, Counts{TP: 2, FP: 1, FN: 1}, s.Content.Exact)
	assert.Equal(t, Counts{TP: 3}, s.Content.Overlap)
	assert.Equal(t, Counts{TP: 2, FP: 1, FN: 1}, s.Source.Exact)
	assert.Equal(t, Counts{TP: 3}, s.Source.Overlap)
	assert.Equal(t, Counts{TP: 2, FP: 1, FN: 1}, s.Quote.Exact)
	assert.Equal(t, Counts{TP: 3}, s.Quote.Overlap)
	assert.Equal(t, Counts{TP: 3}, s.Attribution, "overlap is enough to attribute")
	assert.Equal(t, Counts{TP: 2, FP: 1, FN: 1}, s.Chunks.Content)
}

func TestScoreClaimsSwappedSpeaker(t *testing.T) {
	g := goldClaims()
	pred := append([]claims.Claim(nil), g.Claims...)
	pred[0].Source, pred[1].Source = g.Claims[1].Source, g.Claims[0].Source
	pred[0].Speaker, pred[1].Speaker = g.Claims[1].Speaker, g.Claims[0].Speaker
	s := ScoreClaims(g, pred)
	assert.Equal(t, Counts{TP: 1, FP: 2, FN: 2}, s.Attribution)
	assert.Equal(t, Ratio{0, 1}, s.QuotedAttribution)
	assert.Equal(t, Ratio{0, 2}, s.Speaker)
	assert.Equal(t, Counts{TP: 3}, s.Source.Exact, "the source spans are all found, just on the wrong claims")
	assert.Equal(t, Counts{TP: 3}, s.Content.Exact)
	assert.Equal(t, Counts{TP: 1, FP: 2, FN: 2}, s.Quote.Exact)
}

func TestScoreClaimsChunksStrict(t *testing.T) {
	g := goldClaims()
	// PolNeAR-style raw pieces: the content includes the marks.
	g.Pieces = []RoleSpans{SpansOf(g.Claims[0]), SpansOf(g.Claims[1]), SpansOf(g.Claims[2])}
	g.Pieces[0].Content = []extract.Span{sp(claimText, "“We will win,”", 0)}
	s := ScoreClaims(g, g.Claims)
	assert.Equal(t, Counts{TP: 2, FP: 1, FN: 1}, s.Chunks.Content, "strict: a content without its marks is wrong")
	assert.Equal(t, Counts{TP: 3}, s.LenientContent, "lenient: the marks are ignored")
	pred := append([]claims.Claim(nil), g.Claims...)
	pred[0].Content = g.Pieces[0].Content
	s = ScoreClaims(g, pred)
	assert.Equal(t, Counts{TP: 3}, s.Chunks.Content, "strict: the marks as annotated")
	assert.Equal(t, Counts{TP: 3}, s.LenientContent)
}

func TestQuotedRecall(t *testing.T) {
	const text = `He said the plan was “dead.” She said “no.” They said it was fine.`
	gold := &Article{Doc: &extract.Document{Text: text}, Layers: LayerClaims, Claims: []claims.Claim{
		// Annotated as indirect, but the content holds marks: partly quoted.
		{Kind: claims.Indirect, Content: []extract.Span{sp(text, "the plan was “dead.”", 0)}, Cue: sp(text, "said", 0), Source: sp(text, "He", 0)},
		{Kind: claims.Direct, Content: []extract.Span{sp(text, "“no.”", 0)}, Cue: sp(text, "said", 1), Source: sp(text, "She", 0)},
		{Kind: claims.Indirect, Content: []extract.Span{sp(text, "it was fine", 0)}, Cue: sp(text, "said", 2), Source: sp(text, "They", 0)},
	}}
	s := ScoreClaims(gold, gold.Claims[1:])
	assert.Equal(t, Ratio{1, 2}, s.QuotedAttribution, "two quoted gold claims, the partly quoted one missed")
}

func TestSpanOverlapIgnoresSpace(t *testing.T) {
	const text = "a b"
	assert.Equal(t, 0, overlap(extract.SpanOf(text, 0, 2), extract.SpanOf(text, 1, 3)), "sharing a space is not sharing a token")
	assert.Equal(t, 1, overlap(extract.SpanOf(text, 0, 3), extract.SpanOf(text, 2, 3)))
}

func TestDiffSpans(t *testing.T) {
	const text = "one two three four"
	g := []extract.Span{sp(text, "one", 0), sp(text, "three", 0)}
	p := []extract.Span{sp(text, "one", 0), sp(text, "three four", 0), sp(text, "two", 0)}
	missed, spurious := DiffSpans(g, p, true)
	assert.Equal(t, []extract.Span{sp(text, "three", 0)}, missed)
	assert.Equal(t, []extract.Span{sp(text, "three four", 0), sp(text, "two", 0)}, spurious)
	missed, spurious = DiffSpans(g, p, false)
	assert.Empty(t, missed)
	assert.Equal(t, []extract.Span{sp(text, "two", 0)}, spurious)
}

// A prediction whose content is exactly a gold claim nested in another
// gold claim's content matches the nested claim: the overlaps tie, the
// closer pair wins.
func TestMatchClaimsNestedTie(t *testing.T) {
	const text = `Mr. Smith reported that the talks went well, those present said.`
	outer := claims.Claim{Kind: claims.Indirect, Content: []extract.Span{sp(text, "Mr. Smith reported that the talks went well", 0)},
		Cue: sp(text, "said", 0), Source: sp(text, "those present", 0)}
	inner := claims.Claim{Kind: claims.Indirect, Content: []extract.Span{sp(text, "that the talks went well", 0)},
		Cue: sp(text, "reported", 0), Source: sp(text, "Mr. Smith", 0), Speaker: person("Christopher W. Smith")}
	pred := []claims.Claim{inner}
	assert.Equal(t, []int{-1, 0}, MatchClaims([]claims.Claim{outer, inner}, pred, false))
	assert.Equal(t, []int{-1, 0}, MatchClaims([]claims.Claim{outer, inner}, pred, true))
	// The order of the gold claims does not matter.
	assert.Equal(t, []int{0, -1}, MatchClaims([]claims.Claim{inner, outer}, pred, false))
}

func TestReliability(t *testing.T) {
	g := goldClaims()
	pred := append([]claims.Claim(nil), g.Claims...)
	pred[0].Confidence = 0.95 // right
	pred[1].Confidence = 0.92 // right
	pred[2].Confidence = 0.31 // right
	wrong := pred[2]
	wrong.Content = []extract.Span{sp(claimText, "We will win", 0)}
	wrong.Source = sp(claimText, "The ministry", 0)
	wrong.Confidence = 1 // the last bin includes 1
	pred = append(pred, wrong)
	s := ScoreClaims(g, pred)
	r := s.Reliability
	assert.Equal(t, ReliabilityBin{Claims: 3, Right: 2, SumConfidence: 0.95 + 0.92 + 1}, r[9])
	assert.Equal(t, ReliabilityBin{Claims: 1, Right: 1, SumConfidence: 0.31}, r[3])
	assert.InDelta(t, 2.0/3, r[9].Accuracy(), 1e-12)
	assert.InDelta(t, (0.95+0.92+1)/3, r[9].MeanConfidence(), 1e-12)
	// ECE: bin 9 is off by |0.9567 - 0.6667|, bin 3 by |0.31 - 1|.
	want := 3.0/4*((0.95+0.92+1)/3-2.0/3) + 1.0/4*(1-0.31)
	assert.InDelta(t, want, r.ECE(), 1e-12)
	var total ClaimScore
	total.Add(s)
	total.Add(s)
	assert.Equal(t, 6, total.Reliability[9].Claims, "reliabilities add up")
	assert.Equal(t, 0.0, Reliability{}.ECE())
}
