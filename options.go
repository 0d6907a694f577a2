package saywho

import (
	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Option configures an Analyzer built by New.
type Option func(*config)

type config struct {
	ner        extract.NER
	extractor  *extract.Extractor
	attributor *claims.Attributor
	keepDocs   bool
}

// WithNER selects the named-entity recognizer of the Analyzer's extractor
// (extract.NERModel by default). It is ignored when WithExtractor is given.
func WithNER(n extract.NER) Option { return func(c *config) { c.ner = n } }

// WithExtractor makes the Analyzer use e (built with extract.New and any
// options) instead of building its own.
func WithExtractor(e *extract.Extractor) Option { return func(c *config) { c.extractor = e } }

// WithAttributor makes the Analyzer use a (built with claims.New and any
// options) instead of one built with claims.New().
func WithAttributor(a *claims.Attributor) Option { return func(c *config) { c.attributor = a } }

// WithDocuments makes every Result keep its extract.Document
// (Result.Document): tokens with their tags and trees, for the CoNLL-U
// writer and callers that want more than the Result's layers. The document
// then lives as long as the Result, about ten times the text's size.
func WithDocuments() Option { return func(c *config) { c.keepDocs = true } }
