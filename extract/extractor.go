package extract

import (
	"fmt"
	"sync"
)

// Extractor turns text into Documents. Build one with New (or share the
// package's with Default); after New it never changes, and Extract is safe
// to call from many goroutines at once.
type Extractor struct {
	cfg config
	ner recognizer // nil: no entities
	syn *analyzer  // nil: no syntax
}

// recognizer finds named entities in a document whose tokens, sentences and
// paragraphs are set. Implementations are read-only after construction.
type recognizer interface {
	recognize(d *Document) []Entity
}

// New returns an Extractor configured by opts. It loads the NER and syntax
// models (once; later Extract calls reuse them) and returns an error when a
// model cannot be loaded or an option is invalid.
func New(opts ...Option) (*Extractor, error) {
	e := &Extractor{}
	for _, o := range opts {
		o(&e.cfg)
	}
	switch e.cfg.syntax {
	case SyntaxParse, SyntaxTags:
		a, err := loadAnalyzer(e.cfg.syntaxFS, e.cfg.syntax == SyntaxParse)
		if err != nil {
			return nil, fmt.Errorf("extract: loading syntax model: %w", err)
		}
		e.syn = a
	case SyntaxNone:
	default:
		return nil, fmt.Errorf("extract: invalid syntax %v", e.cfg.syntax)
	}
	switch e.cfg.ner {
	case NERModel:
		r, err := loadModelRecognizer(e.cfg.modelFS)
		if err != nil {
			return nil, fmt.Errorf("extract: loading NER model: %w", err)
		}
		e.ner = r
	case NERProse:
		e.ner = proseRecognizer{}
	case NERNone:
	default:
		return nil, fmt.Errorf("extract: invalid recognizer %v", e.cfg.ner)
	}
	return e, nil
}

var defaultExtractor = sync.OnceValues(func() (*Extractor, error) { return New() })

// Default returns the package's shared Extractor with the default options,
// built on first use. It panics only if the embedded model is broken, which
// is a bug in saywho, not in the caller's input.
func Default() *Extractor {
	e, err := defaultExtractor()
	if err != nil {
		panic(fmt.Sprintf("extract: embedded model is broken: %v", err))
	}
	return e
}

// Parse analyses text with the Default extractor. See Extractor.Extract.
func Parse(text string) *Document { return Default().Extract(text) }

// Extract analyses text: tokens, sentences, paragraphs, part-of-speech tags
// and dependency trees, named entities and the people of the document, in
// that order (the recognizer may read the tags). It never fails: any string, including empty
// text, binary data and invalid UTF-8, gives a Document whose spans satisfy
// the invariants of Document. The Document aliases text; nothing is copied.
func (e *Extractor) Extract(text string) *Document {
	d := &Document{Text: text}
	d.Tokens = appendTokens(make([]Token, 0, len(text)/5+1), text)
	d.Sentences, d.Paragraphs = segment(text, d.Tokens)
	d.lower = buildLower(text, d.Tokens)
	if e.syn != nil {
		e.syn.annotate(d)
	}
	if e.ner != nil && len(d.Tokens) > 0 {
		d.Recognized = true
		d.Entities = e.ner.recognize(d)
		d.People = clusterPeople(d)
	}
	return d
}
