package extract

import (
	"fmt"
	"io/fs"
)

// NER selects the named-entity recognizer an Extractor runs.
type NER uint8

// Recognizers. The zero value, NERModel, is the default.
const (
	NERModel NER = iota // saywho's own trained model (embedded)
	NERProse            // prose/v2's recognizer, as a baseline: slow, PERSON and GPE/ORG only
	NERNone             // no entities: tokens, sentences and paragraphs only
)

// String returns "model", "prose" or "none".
func (n NER) String() string {
	switch n {
	case NERModel:
		return "model"
	case NERProse:
		return "prose"
	case NERNone:
		return "none"
	}
	return fmt.Sprintf("NER(%d)", int(n))
}

// ParseNER returns the recognizer named s ("model", "prose" or "none").
func ParseNER(s string) (NER, error) {
	switch s {
	case "model", "":
		return NERModel, nil
	case "prose":
		return NERProse, nil
	case "none":
		return NERNone, nil
	}
	return NERModel, fmt.Errorf("extract: unknown recognizer %q (want model, prose or none)", s)
}

// Option configures an Extractor built by New.
type Option func(*config)

type config struct {
	ner      NER
	modelFS  fs.FS // nil: the embedded model
	syntax   Syntax
	syntaxFS fs.FS // nil: the embedded syntax model
}

// WithNER selects the named-entity recognizer. The default is NERModel.
func WithNER(n NER) Option { return func(c *config) { c.ner = n } }

// WithModelFS loads the NER model from fsys instead of the embedded copy.
// The file system must hold the files the embedded model has (see
// ModelVersion and the model package documentation).
func WithModelFS(fsys fs.FS) Option { return func(c *config) { c.modelFS = fsys } }

// Syntax selects the syntactic analysis an Extractor runs.
type Syntax uint8

// Syntactic analyses. The zero value, SyntaxParse, is the default.
const (
	SyntaxParse Syntax = iota // part-of-speech tags and a dependency tree per sentence
	SyntaxTags                // part-of-speech tags only: Dep stays NoDep, Head 0
	SyntaxNone                // no syntax: POS, Tag and Dep stay at their zero values
)

// String returns "parse", "tags" or "none".
func (s Syntax) String() string {
	switch s {
	case SyntaxParse:
		return "parse"
	case SyntaxTags:
		return "tags"
	case SyntaxNone:
		return "none"
	}
	return fmt.Sprintf("Syntax(%d)", int(s))
}

// ParseSyntax returns the analysis named s ("parse", "tags" or "none").
func ParseSyntax(s string) (Syntax, error) {
	switch s {
	case "parse", "":
		return SyntaxParse, nil
	case "tags":
		return SyntaxTags, nil
	case "none":
		return SyntaxNone, nil
	}
	return SyntaxParse, fmt.Errorf("extract: unknown syntax %q (want parse, tags or none)", s)
}

// WithSyntax selects the syntactic analysis. The default is SyntaxParse.
// The tagger runs before the named-entity recognizer.
func WithSyntax(s Syntax) Option { return func(c *config) { c.syntax = s } }

// WithSyntaxModelFS loads the tagger and parser from fsys instead of the
// embedded copy. The file system must hold SyntaxModelFile, as the
// syntaxtrain command writes it.
func WithSyntaxModelFS(fsys fs.FS) Option { return func(c *config) { c.syntaxFS = fsys } }
