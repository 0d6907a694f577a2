package corpus

import (
	"strings"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Layers is a set of annotation layers of an Article: the Layer
// constants combined with |.
type Layers uint8

// Annotation layers. A scorer only scores a layer the gold article has: an
// article without LayerEntities says nothing about entities, which is not
// the same as saying there are none. Combine them with |.
const (
	LayerTokens   Layers = 1 << iota // Doc.Tokens and Doc.Sentences are the gold tokenization (CoNLL)
	LayerEntities                    // Doc.Entities holds every named entity
	LayerPeople                      // Doc.People holds every person cluster
	LayerClaims                      // Article.Claims holds every claim
)

var layerNames = []struct {
	l    Layers
	name string
}{{LayerTokens, "tokens"}, {LayerEntities, "entities"}, {LayerPeople, "people"}, {LayerClaims, "claims"}}

// Has reports whether l holds every layer of x.
func (l Layers) Has(x Layers) bool { return l&x == x }

// Names returns the names of the layers in l, in the order tokens,
// entities, people, claims. These are the names of the gold JSON "layers"
// field.
func (l Layers) Names() []string {
	var names []string
	for _, ln := range layerNames {
		if l.Has(ln.l) {
			names = append(names, ln.name)
		}
	}
	return names
}

// String returns the layer names joined by "+", or "none".
func (l Layers) String() string {
	if l == 0 {
		return "none"
	}
	return strings.Join(l.Names(), "+")
}

// parseLayer returns the layer named s.
func parseLayer(s string) (Layers, bool) {
	for _, ln := range layerNames {
		if ln.name == s {
			return ln.l, true
		}
	}
	return 0, false
}

// Article is one annotated document of a corpus.
//
// Doc.Text is the article text. The gold layers live where the pipeline
// puts its own output, so gold and prediction compare field by field:
// entities in Doc.Entities, people in Doc.People (Person.Mentions are
// indices into Doc.Entities), claims in Claims. Layers says which of them
// were annotated. Doc.Tokens and Doc.Sentences are empty unless the source
// has a gold tokenization (LayerTokens, CoNLL-2003).
//
// A gold claim's Speaker is the gold person whose Name is the annotated
// speaker (PersonSpeaker, Person its index), else an organisation
// (OrgSpeaker, Entity its ORG entity or -1), else unknown; Confidence is 1,
// Paragraph and Sentence -1 (gold files carry no segmentation).
type Article struct {
	ID     string // unique within a corpus: "polnear:NAME", "conll:train:17", the gold file's id
	Source string // where the article and its annotation come from, free text
	Doc    *extract.Document
	Claims []claims.Claim
	Layers Layers
	// Pieces, when not nil, is parallel to Claims and holds every span of
	// each role exactly as annotated, for sources whose roles can be
	// discontinuous (PolNeAR). When nil, ClaimSpans derives the pieces from
	// Claims.
	Pieces []RoleSpans
}

// RoleSpans holds the spans of the three roles of one claim: each
// contiguous piece of the source, cue and content is one span.
type RoleSpans struct {
	Source, Cue, Content []extract.Span
}

// SpansOf returns the role spans of c: its Source and Cue when present and
// its Content spans.
func SpansOf(c claims.Claim) RoleSpans {
	var r RoleSpans
	if !c.Source.IsEmpty() {
		r.Source = []extract.Span{c.Source}
	}
	if !c.Cue.IsEmpty() {
		r.Cue = []extract.Span{c.Cue}
	}
	for _, s := range c.Content {
		if !s.IsEmpty() {
			r.Content = append(r.Content, s)
		}
	}
	return r
}

// ClaimSpans returns the role spans of claim i: a.Pieces[i] when the source
// kept the raw pieces, SpansOf(a.Claims[i]) otherwise.
func (a *Article) ClaimSpans(i int) RoleSpans {
	if a.Pieces != nil {
		return a.Pieces[i]
	}
	return SpansOf(a.Claims[i])
}
