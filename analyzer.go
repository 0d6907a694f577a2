package saywho

import (
	"context"
	"fmt"
	"sync"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Analyzer runs the whole pipeline, extraction then attribution, and gives
// a Result per document. Build it once with New; it never changes after,
// and Analyze is safe to call from many goroutines at once. The command,
// the server and batch pipelines all go through it.
type Analyzer struct {
	ex       *extract.Extractor
	at       *claims.Attributor
	keepDocs bool // Results keep their Document
}

// New returns an Analyzer configured by opts. It loads the models (once;
// later Analyze calls reuse them) and returns an error when a model cannot
// be loaded.
func New(opts ...Option) (*Analyzer, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	a := &Analyzer{ex: cfg.extractor, at: cfg.attributor, keepDocs: cfg.keepDocs}
	if a.ex == nil {
		ex, err := extract.New(extract.WithNER(cfg.ner))
		if err != nil {
			return nil, fmt.Errorf("saywho: %w", err)
		}
		a.ex = ex
	}
	if a.at == nil {
		at, err := claims.New()
		if err != nil {
			return nil, fmt.Errorf("saywho: %w", err)
		}
		a.at = at
	}
	return a, nil
}

var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) { return New() })

// Default returns the package's shared Analyzer with the default options,
// built on first use. It panics only if an embedded model is broken, which
// is a bug in saywho, not in the caller's input.
func Default() *Analyzer {
	a, err := defaultAnalyzer()
	if err != nil {
		panic(fmt.Sprintf("saywho: embedded models are broken: %v", err))
	}
	return a
}

// Analyze analyses text and returns its Result, named id. Analysis itself
// never fails: any string, including empty text, binary data and invalid
// UTF-8, gives a Result (odd input is described in Result.Warnings). The
// only error is ctx's: Analyze checks ctx before each stage (extraction,
// attribution, building the Result) and returns ctx.Err(), wrapped with
// id, when it is done; a stage that has started runs to its end. The
// Result aliases text.
func (a *Analyzer) Analyze(ctx context.Context, id, text string) (Result, error) {
	stop := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("saywho: analysing %s: %w", id, err)
		}
		return nil
	}
	if err := stop(); err != nil {
		return Result{}, err
	}
	doc := a.ex.Extract(text)
	if err := stop(); err != nil {
		return Result{}, err
	}
	cs := a.at.Attribute(doc)
	if err := stop(); err != nil {
		return Result{}, err
	}
	r := newResult(id, doc, cs)
	if a.keepDocs {
		r.doc = doc
	}
	r.Warnings = InputWarnings(text)
	return r, nil
}
