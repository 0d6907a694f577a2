package extract

import (
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/saywho/saywho/extract/internal/names"
	"github.com/saywho/saywho/extract/internal/ner"
	"github.com/saywho/saywho/extract/internal/ner/model"
)

// ModelVersion names the embedded NER model: an averaged-perceptron BILOU
// tagger with GloVe cluster features and WordNet gazetteers, trained on
// CoNLL-2003 train and dev
// (see extract/internal/ner). It changes whenever the model file or its
// features change.
const ModelVersion = "ner-conll2003-perceptron-glove-wordnet-2026-12-01.2"

// ModelFile is the name of the model file that WithModelFS file systems
// must hold, as written by the nertrain command (plain, or gzip-compressed:
// Decode accepts both).
const ModelFile = model.File

// modelRecognizer tags entities with a trained ner.Model; read-only.
type modelRecognizer struct{ m *ner.Model }

// embeddedModel decodes the embedded model once, on first use. The model
// reads the binary's copy of the file in place: decoding checks headers
// and builds a few small slices, whatever the model's size.
var embeddedModel = sync.OnceValues(func() (*ner.Model, error) {
	m, err := ner.DecodeString(model.Data())
	if err != nil {
		return nil, fmt.Errorf("embedded %s: %w", ModelFile, err)
	}
	return m, nil
})

func decodeModel(fsys fs.FS) (*ner.Model, error) {
	f, err := fsys.Open(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", ModelFile, err)
	}
	defer f.Close()
	m, err := ner.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ModelFile, err)
	}
	return m, nil
}

// loadModelRecognizer loads the model from fsys, or the embedded one
// (decoded once and shared) when fsys is nil.
func loadModelRecognizer(fsys fs.FS) (recognizer, error) {
	var m *ner.Model
	var err error
	if fsys == nil {
		m, err = embeddedModel()
	} else {
		m, err = decodeModel(fsys)
	}
	if err != nil {
		return nil, err
	}
	return modelRecognizer{m}, nil
}

// recognize tags the document's tokens sentence by sentence. Mentions are
// whole tokens; entities get Person -1 (people clustering sets it later).
//
// Rule H1 (CoNLL-2003 guideline: titles and honorifics are not part of a
// person's name): leading tokens of a PERSON mention that are titles in the
// names lexicon ("Mr.", "President") and not also first names ("Dean") are
// dropped from the mention. CoNLL has few "Mr." tokens, so the model alone
// sometimes keeps them.
//
// Rule H2 (CoNLL-2003 tokenization): the model reads a hyphenated compound
// that the tokenizer splits for UD (W1: "Bergamo" "-" "based") as the one
// token CoNLL-2003 writes ("Bergamo-based"), the way it was trained; its
// mentions are mapped back to the document's tokens.
//
// It also finds the document's Datelines (rules D1 to D3, dateline.go) and
// sets d.Datelines: a placeline's place and agency are passed to the
// tagger as known mentions (so that document agreement carries "BRANFORD
// —" LOC over to "Branford" later on) and replace whatever the tagger
// found on those tokens.
func (r modelRecognizer) recognize(d *Document) []Entity {
	in, v := nerView(d)
	var fixed []fixedMention
	d.Datelines, fixed = findDatelines(d)
	for _, f := range fixed {
		// A known mention must lie inside one sentence.
		if s := d.SentenceOf(f.r.Lo); s >= 0 && s == d.SentenceOf(f.r.Hi-1) {
			lo, hi := v.unitOf(f.r.Lo), v.unitOf(f.r.Hi-1)+1
			in.Known = append(in.Known, ner.Mention{Lo: lo, Hi: hi, Label: ner.Label(f.label)})
		}
	}
	ms := mergeKnown(r.m.Tag(in), in.Known)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Entity, 0, len(ms))
	for _, m := range ms {
		if m.Label == ner.PER {
			for m.Lo < m.Hi-1 && isTitle(v.Text(m.Lo)) {
				m.Lo++
			}
		}
		tr := v.tokens(m.Lo, m.Hi)
		out = append(out, Entity{Span: d.TokenSpan(tr), Tokens: tr, Label: Label(m.Label), Person: -1})
	}
	return out
}

// mergeKnown returns ms with every mention that overlaps a known mention
// replaced by the known ones, in token order. Both are sorted.
func mergeKnown(ms, known []ner.Mention) []ner.Mention {
	if len(known) == 0 {
		return ms
	}
	out := make([]ner.Mention, 0, len(ms)+len(known))
	k := 0
	for _, m := range ms {
		for k < len(known) && known[k].Lo < m.Hi {
			if known[k].Hi <= m.Lo {
				out = append(out, known[k])
				k++
				continue
			}
			break
		}
		overlaps := false
		for j := k; j < len(known) && known[j].Lo < m.Hi; j++ {
			if known[j].Hi > m.Lo {
				overlaps = true
			}
		}
		if !overlaps {
			out = append(out, m)
		}
	}
	return append(out, known[k:]...)
}

// nerView returns the tokens and sentences the NER model reads (rule H2):
// the document's tokens, with each run of words joined by Hyphen tokens
// made one token, and the view that maps them back. The token texts are
// read from the document when the tagger asks for them (no copy).
func nerView(d *Document) (ner.Doc, *tokenView) {
	v := &tokenView{d: d}
	in := ner.Doc{Source: v, Sentences: make([]ner.Range, len(d.Sentences))}
	hyphens := 0
	for _, t := range d.Tokens {
		if t.Kind == Hyphen {
			hyphens++
		}
	}
	if hyphens == 0 {
		for i, s := range d.Sentences {
			in.Sentences[i] = ner.Range{Lo: s.Tokens.Lo, Hi: s.Tokens.Hi}
		}
		return in, v
	}
	v.units = make([]unit, 0, len(d.Tokens))
	for si, s := range d.Sentences {
		in.Sentences[si].Lo = len(v.units)
		for i := s.Tokens.Lo; i < s.Tokens.Hi; {
			j := i + 1
			for j+1 < s.Tokens.Hi && d.Tokens[j].Kind == Hyphen && d.Tokens[j-1].End == d.Tokens[j].Start && d.Tokens[j].End == d.Tokens[j+1].Start {
				j += 2
			}
			v.units = append(v.units, unit{lo: int32(i), hi: int32(j)})
			i = j
		}
		in.Sentences[si].Hi = len(v.units)
	}
	return in, v
}

// tokenView is the NER model's view of a document's tokens (rule H2):
// without units, the document's tokens themselves; with units, unit k is
// the document tokens [lo, hi) read as one. It serves the token texts to
// the tagger without copying them.
type tokenView struct {
	d     *Document
	units []unit
}

type unit struct{ lo, hi int32 }

// Len returns the number of tokens the model reads.
func (v *tokenView) Len() int {
	if v.units == nil {
		return len(v.d.Tokens)
	}
	return len(v.units)
}

// Text returns the text of model token i: a slice of the document text.
func (v *tokenView) Text(i int) string {
	if v.units == nil {
		return v.d.Tokens[i].Text
	}
	u := v.units[i]
	return v.d.Text[v.d.Tokens[u.lo].Start:v.d.Tokens[u.hi-1].End]
}

// tokens returns the document tokens of model tokens [lo, hi).
func (v *tokenView) tokens(lo, hi int) Range {
	if v.units == nil {
		return Range{Lo: lo, Hi: hi}
	}
	return Range{Lo: int(v.units[lo].lo), Hi: int(v.units[hi-1].hi)}
}

// unitOf returns the model token that holds document token i.
func (v *tokenView) unitOf(i int) int {
	if v.units == nil {
		return i
	}
	return sort.Search(len(v.units), func(k int) bool { return int(v.units[k].hi) > i })
}

// isTitle reports whether a token is an honorific or title that is not also
// a first name (rule H1).
func isTitle(tok string) bool {
	_, ok := names.Title(tok)
	return ok && !names.IsFirstName(tok)
}
