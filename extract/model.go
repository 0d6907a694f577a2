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
// tagger trained on CoNLL-2003 (see extract/internal/ner). It changes
// whenever the model file or its features change.
const ModelVersion = "ner-conll2003-perceptron-2026-11-26.6"

// ModelFile is the name of the model file that WithModelFS file systems
// must hold, as written by the nertrain command (plain, or gzip-compressed:
// Decode accepts both).
const ModelFile = model.File

// modelRecognizer tags entities with a trained ner.Model; read-only.
type modelRecognizer struct{ m *ner.Model }

// embeddedModel decodes the embedded model once, on first use.
var embeddedModel = sync.OnceValues(func() (*ner.Model, error) {
	return decodeModel(model.FS())
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
func (r modelRecognizer) recognize(d *Document) []Entity {
	in, units := nerView(d)
	ms := r.m.Tag(in)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Entity, 0, len(ms))
	for _, m := range ms {
		if m.Label == ner.PER {
			for m.Lo < m.Hi-1 && isTitle(in.Tokens[m.Lo]) {
				m.Lo++
			}
		}
		tr := Range{Lo: m.Lo, Hi: m.Hi}
		if units != nil {
			tr = Range{Lo: units[m.Lo].Lo, Hi: units[m.Hi-1].Hi}
		}
		out = append(out, Entity{Span: d.TokenSpan(tr), Tokens: tr, Label: Label(m.Label), Person: -1})
	}
	return out
}

// nerView returns the tokens and sentences the NER model reads (rule H2):
// the document's tokens, with each run of words joined by Hyphen tokens
// made one token. units maps each NER token to its range of document
// tokens; it is nil when nothing was joined (then the indices agree).
func nerView(d *Document) (ner.Doc, []Range) {
	hyphens := 0
	for _, t := range d.Tokens {
		if t.Kind == Hyphen {
			hyphens++
		}
	}
	in := ner.Doc{Sentences: make([]ner.Range, len(d.Sentences))}
	if hyphens == 0 {
		in.Tokens = make([]string, len(d.Tokens))
		for i, t := range d.Tokens {
			in.Tokens[i] = t.Text
		}
		for i, s := range d.Sentences {
			in.Sentences[i] = ner.Range{Lo: s.Tokens.Lo, Hi: s.Tokens.Hi}
		}
		return in, nil
	}
	in.Tokens = make([]string, 0, len(d.Tokens))
	units := make([]Range, 0, len(d.Tokens))
	for si, s := range d.Sentences {
		in.Sentences[si].Lo = len(in.Tokens)
		for i := s.Tokens.Lo; i < s.Tokens.Hi; {
			j := i + 1
			for j+1 < s.Tokens.Hi && d.Tokens[j].Kind == Hyphen && d.Tokens[j-1].End == d.Tokens[j].Start && d.Tokens[j].End == d.Tokens[j+1].Start {
				j += 2
			}
			in.Tokens = append(in.Tokens, d.Text[d.Tokens[i].Start:d.Tokens[j-1].End])
			units = append(units, Range{Lo: i, Hi: j})
			i = j
		}
		in.Sentences[si].Hi = len(in.Tokens)
	}
	return in, units
}

// isTitle reports whether a token is an honorific or title that is not also
// a first name (rule H1).
func isTitle(tok string) bool {
	_, ok := names.Title(tok)
	return ok && !names.IsFirstName(tok)
}
