package extract

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/saywho/saywho/extract/internal/names"
	"github.com/saywho/saywho/extract/internal/ner"
	"github.com/saywho/saywho/extract/internal/ner/model"
)

// ModelVersion names the embedded NER model: an averaged-perceptron BILOU
// tagger with GloVe cluster features, trained on CoNLL-2003 train and dev
// (see extract/internal/ner). It changes whenever the model file or its
// features change.
const ModelVersion = "ner-conll2003-perceptron-glove-2026-12-01.1"

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
// It also finds the document's Datelines (rules D1 to D3, dateline.go) and
// sets d.Datelines: a placeline's place and agency are passed to the
// tagger as known mentions (so that document agreement carries "BRANFORD
// —" LOC over to "Branford" later on) and replace whatever the tagger
// found on those tokens.
func (r modelRecognizer) recognize(d *Document) []Entity {
	in := ner.Doc{
		Source:    tokenTexts(d.Tokens),
		Sentences: make([]ner.Range, len(d.Sentences)),
	}
	for i, s := range d.Sentences {
		in.Sentences[i] = ner.Range{Lo: s.Tokens.Lo, Hi: s.Tokens.Hi}
	}
	var fixed []fixedMention
	d.Datelines, fixed = findDatelines(d)
	for _, f := range fixed {
		// A known mention must lie inside one sentence.
		if s := d.SentenceOf(f.r.Lo); s >= 0 && s == d.SentenceOf(f.r.Hi-1) {
			in.Known = append(in.Known, ner.Mention{Lo: f.r.Lo, Hi: f.r.Hi, Label: ner.Label(f.label)})
		}
	}
	ms := mergeKnown(r.m.Tag(in), in.Known)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Entity, 0, len(ms))
	for _, m := range ms {
		if m.Label == ner.PER {
			for m.Lo < m.Hi-1 && isTitle(d.Tokens[m.Lo].Text) {
				m.Lo++
			}
		}
		tr := Range{Lo: m.Lo, Hi: m.Hi}
		out = append(out, Entity{Span: d.TokenSpan(tr), Tokens: tr, Label: Label(m.Label), Person: -1})
	}
	return out
}

// tokenTexts gives the tagger the texts of a document's tokens without
// copying them.
type tokenTexts []Token

func (ts tokenTexts) Len() int          { return len(ts) }
func (ts tokenTexts) Text(i int) string { return ts[i].Text }

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

// isTitle reports whether a token is an honorific or title that is not also
// a first name (rule H1).
func isTitle(tok string) bool {
	_, ok := names.Title(tok)
	return ok && !names.IsFirstName(tok)
}
