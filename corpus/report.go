package corpus

import (
	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Score accumulates the scores of a pipeline over the articles of a
// corpus: NER on articles with LayerEntities, claims on articles with
// LayerClaims. The zero value is ready to use. A Score is not safe for
// concurrent use.
type Score struct {
	Articles int         // articles scored
	NER      *NERScore   // nil until an article with LayerEntities is added
	Claims   *ClaimScore // nil until an article with LayerClaims is added
}

// Add scores one article: doc is what the pipeline extracted from
// a.Doc.Text (its Entities are compared with the gold ones) and pred the
// claims it found. A nil doc counts as no entities.
func (s *Score) Add(a *Article, doc *extract.Document, pred []claims.Claim) {
	s.Articles++
	if a.Layers.Has(LayerEntities) {
		if s.NER == nil {
			s.NER = &NERScore{ByLabel: map[extract.Label]Counts{}}
		}
		var ents []extract.Entity
		if doc != nil {
			ents = doc.Entities
		}
		s.NER.Add(ScoreEntities(a.Doc.Entities, ents))
	}
	if a.Layers.Has(LayerClaims) {
		if s.Claims == nil {
			s.Claims = &ClaimScore{}
		}
		s.Claims.Add(ScoreClaims(a, pred))
	}
}

// Metrics returns the figures of s under flat names, the names
// testdata/baseline.json and `saywho eval -json` use:
//
//	ner.f1, ner.p, ner.r, ner.PERSON.f1 (and ORG, LOC, MISC)
//	claims.attribution.f1 (.p, .r), claims.quoted_attribution, claims.speaker
//	claims.cue.exact.f1, claims.cue.overlap.f1 (and source, content, quote)
//	claims.chunks.source.f1 (and cue, content: strict, as annotated)
//	claims.chunks.content_lenient.f1 (quotation marks ignored: lenient)
//	claims.confidence.ece (expected calibration error of Confidence)
//
// Only the layers that were scored appear.
func (s Score) Metrics() map[string]float64 {
	m := map[string]float64{}
	prf := func(name string, c Counts) {
		m[name+".p"], m[name+".r"], m[name+".f1"] = c.P(), c.R(), c.F1()
	}
	if s.NER != nil {
		prf("ner", s.NER.Micro)
		for _, l := range []extract.Label{extract.PER, extract.ORG, extract.LOC, extract.MISC} {
			m["ner."+l.String()+".f1"] = s.NER.ByLabel[l].F1()
		}
	}
	if c := s.Claims; c != nil {
		prf("claims.attribution", c.Attribution)
		m["claims.quoted_attribution"] = c.QuotedAttribution.Value()
		m["claims.speaker"] = c.Speaker.Value()
		for name, ss := range map[string]SpanScore{"cue": c.Cue, "source": c.Source, "content": c.Content, "quote": c.Quote} {
			m["claims."+name+".exact.f1"] = ss.Exact.F1()
			m["claims."+name+".overlap.f1"] = ss.Overlap.F1()
		}
		m["claims.chunks.source.f1"] = c.Chunks.Source.F1()
		m["claims.chunks.cue.f1"] = c.Chunks.Cue.F1()
		m["claims.chunks.content.f1"] = c.Chunks.Content.F1()
		m["claims.chunks.content_lenient.f1"] = c.LenientContent.F1()
		m["claims.confidence.ece"] = c.Reliability.ECE()
	}
	return m
}
