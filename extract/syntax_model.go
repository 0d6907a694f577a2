package extract

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/saywho/saywho/extract/internal/syntax"
	"github.com/saywho/saywho/extract/internal/syntax/model"
)

// SyntaxModelFile is the name of the file that WithSyntaxModelFS file
// systems must hold, as the syntaxtrain command writes it.
const SyntaxModelFile = model.File

// SyntaxModelVersion names the embedded tagger and parser: averaged
// perceptrons trained on UD English EWT 2.15 train (see
// extract/internal/syntax). It changes whenever the model file or its
// features change.
const SyntaxModelVersion = "syntax-ewt2.15-perceptron-2026-12-02.1"

// analyzer tags and parses the sentences of a document with a syntax
// model; read-only after loadAnalyzer, safe for concurrent use.
type analyzer struct {
	m     *syntax.Model
	parse bool
	// The model's tag classes and relations as saywho's types.
	pos  []UPOS
	tag  []PennTag
	deps []DepRel
	pool sync.Pool // of *syntaxScratch
}

type syntaxScratch struct {
	sc    syntax.Scratch
	words []string
	sents []syntax.Range
}

// embeddedSyntax decodes the embedded model once, on first use, reading the
// embedded string in place.
var embeddedSyntax = sync.OnceValues(func() (*syntax.Model, error) {
	m, err := syntax.Decode(model.Data())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SyntaxModelFile, err)
	}
	return m, nil
})

func decodeSyntax(fsys fs.FS) (*syntax.Model, error) {
	b, err := fs.ReadFile(fsys, SyntaxModelFile)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", SyntaxModelFile, err)
	}
	m, err := syntax.Decode(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SyntaxModelFile, err)
	}
	return m, nil
}

// loadAnalyzer loads the syntax model from fsys, or the embedded one
// (decoded once and shared) when fsys is nil.
func loadAnalyzer(fsys fs.FS, parse bool) (*analyzer, error) {
	var m *syntax.Model
	var err error
	if fsys == nil {
		m, err = embeddedSyntax()
	} else {
		m, err = decodeSyntax(fsys)
	}
	if err != nil {
		return nil, err
	}
	a := &analyzer{m: m, parse: parse}
	for _, c := range m.Classes {
		x, u, ok := strings.Cut(c, "|")
		if !ok {
			return nil, fmt.Errorf("%s: tag class %q is not XPOS|UPOS", SyntaxModelFile, c)
		}
		p, err := ParseUPOS(u)
		if err != nil {
			return nil, fmt.Errorf("%s: tag class %q: %w", SyntaxModelFile, c, err)
		}
		t, err := ParsePennTag(x)
		if err != nil {
			return nil, fmt.Errorf("%s: tag class %q: %w", SyntaxModelFile, c, err)
		}
		a.pos, a.tag = append(a.pos, p), append(a.tag, t)
	}
	for _, l := range m.Labels {
		r, err := ParseDepRel(l)
		if err != nil {
			return nil, fmt.Errorf("%s: relation %q: %w", SyntaxModelFile, l, err)
		}
		a.deps = append(a.deps, r)
	}
	return a, nil
}

// annotate sets POS and Tag, and with parsing Head and Dep, of every token
// of d.
func (a *analyzer) annotate(d *Document) {
	s, _ := a.pool.Get().(*syntaxScratch)
	if s == nil {
		s = &syntaxScratch{}
	}
	s.words = s.words[:0]
	for _, t := range d.Tokens {
		s.words = append(s.words, t.Text)
	}
	s.sents = s.sents[:0]
	for _, sent := range d.Sentences {
		s.sents = append(s.sents, syntax.Range{Lo: sent.Tokens.Lo, Hi: sent.Tokens.Hi})
	}
	tags, heads, labels := a.m.Analyse(&s.sc, s.words, s.sents, a.parse)
	for i, c := range tags {
		t := &d.Tokens[i]
		t.POS, t.Tag = a.pos[c], a.tag[c]
	}
	if a.parse {
		for _, sent := range d.Sentences {
			for i := sent.Tokens.Lo; i < sent.Tokens.Hi; i++ {
				t := &d.Tokens[i]
				t.Dep = a.deps[labels[i]]
				if h := heads[i]; h < 0 {
					t.Head = -1
				} else {
					t.Head = sent.Tokens.Lo + int(h)
				}
			}
		}
	}
	clear(s.words)
	a.pool.Put(s)
}
