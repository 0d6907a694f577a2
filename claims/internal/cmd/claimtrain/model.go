package main

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

// prior returns P(cue | stem) as the attributor computes it from the
// lexicon: In/(Total+2) for stems that head a cue at least 3 times.
func (st *stats) prior() cuemodel.Lex {
	return func(stem string) float64 {
		p, ok := st.head[stem]
		if !ok || p.in < 3 {
			return -1
		}
		return float64(p.in) / float64(p.total+2)
	}
}

type example struct {
	feats []uint32
	y     bool
}

// heads returns, per token of d, whether it heads a cue of atts (the first
// word of the cue span that is not an auxiliary, as add counts it).
func heads(d *extract.Document, atts []corpus.RoleSpans) []bool {
	isHead := make([]bool, len(d.Tokens))
	for _, a := range atts {
		head := -1
		for _, s := range a.Cue {
			for i := d.TokenAt(s.Start); i >= 0 && i < len(d.Tokens) && d.Tokens[i].Start < s.End; i++ {
				t := d.Tokens[i]
				if head < 0 && isHeadWord(t) {
					head = i
				}
			}
		}
		if head >= 0 {
			isHead[head] = true
		}
	}
	return isHead
}

// examples returns one example per word token of the documents. prior(k)
// is the lexicon prior to use for article k.
func examples(ex *extract.Extractor, arts []article, prior func(k int) cuemodel.Lex, full cuemodel.Lex) []example {
	var out []example
	for ai, a := range arts {
		pr := prior(ai)
		d := ex.Extract(a.Text)
		isHead := heads(d, a.Attributions)
		for _, s := range d.Sentences {
			for i := s.Tokens.Lo; i < s.Tokens.Hi; i++ {
				t := d.Tokens[i]
				if t.Kind != extract.Word && t.Kind != extract.Abbrev {
					continue
				}
				stem := t.Stem()
				if full(stem) < 0.01 && !isHead[i] {
					// The attributor never scores such words (cues.go
					// minPrior); train on the words it does score.
					continue
				}
				c := cuemodel.Context{Doc: d, Lo: s.Tokens.Lo, Hi: s.Tokens.Hi, I: i, Stem: stem, Prior: pr(stem)}
				var fs []uint32
				cuemodel.Features(&c, func(k uint32) { fs = append(fs, k) })
				out = append(out, example{fs, isHead[i]})
			}
		}
	}
	return out
}

// trainModel trains the averaged perceptron and returns its averaged
// weights.
func trainModel(ex *extract.Extractor, arts []article, prior func(k int) cuemodel.Lex, full cuemodel.Lex, epochs int, seed uint64, errw io.Writer) []float32 {
	exs := examples(ex, arts, prior, full)
	n := 1 << cuemodel.Bits
	w := make([]float64, n)
	acc := make([]float64, n)
	c := 1.0
	rng := rand.New(rand.NewPCG(seed, seed+1))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, k := range order {
			e := exs[k]
			var s float64
			for _, f := range e.feats {
				s += w[f]
			}
			if (s > 0) != e.y {
				errs++
				y := -1.0
				if e.y {
					y = 1
				}
				for _, f := range e.feats {
					w[f] += y
					acc[f] += c * y
				}
			}
			c++
		}
		fmt.Fprintf(errw, "claimtrain: epoch %d: %d mistakes on %d examples\n", ep+1, errs, len(exs))
	}
	out := make([]float32, n)
	for i := range w {
		out[i] = float32(w[i] - acc[i]/c)
	}
	return out
}

// evalModel prints precision and recall of cue heads on arts.
func evalModel(ex *extract.Extractor, arts []article, prior cuemodel.Lex, w []float32, errw io.Writer) {
	m := &cuemodel.Model{W: w}
	tp, fp, fn := 0, 0, 0
	for _, a := range arts {
		d := ex.Extract(a.Text)
		isHead := heads(d, a.Attributions)
		for _, s := range d.Sentences {
			for i := s.Tokens.Lo; i < s.Tokens.Hi; i++ {
				t := d.Tokens[i]
				if t.Kind != extract.Word && t.Kind != extract.Abbrev {
					continue
				}
				stem := t.Stem()
				c := cuemodel.Context{Doc: d, Lo: s.Tokens.Lo, Hi: s.Tokens.Hi, I: i, Stem: stem, Prior: prior(stem)}
				got := prior(stem) >= 0.01 && m.Score(&c) > 0
				switch {
				case got && isHead[i]:
					tp++
				case got:
					fp++
				case isHead[i]:
					fn++
				}
			}
		}
	}
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	fmt.Fprintf(errw, "claimtrain: dev cue heads P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n", p, r, 2*p*r/max(1e-9, p+r), tp, fp, fn)
}
