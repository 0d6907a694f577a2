package main

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/extract"
)

// finalPunct ends a sentence; the attributor never puts it in a content.
var finalPunct = map[string]bool{".": true, "!": true, "?": true, "…": true, "...": true, ",": true}

// endExample is one content whose end the model must find: its context
// and the gold boundary.
type endExample struct {
	ctx  cuemodel.SpanContext
	gold int
}

// endExamples returns the contents that start after their cue, in the
// cue's sentence, and end before the sentence's final punctuation (the
// contents the attributor's rule I2 builds).
func endExamples(ex *extract.Extractor, arts []article, prior cuemodel.Lex) []endExample {
	var out []endExample
	for _, a := range arts {
		d := ex.Extract(a.Text)
		for _, at := range a.Attributions {
			if len(at.Cue) == 0 || len(at.Content) == 0 {
				continue
			}
			h := -1
			for i := d.TokenAt(at.Cue[0].Start); i >= 0 && i < len(d.Tokens) && d.Tokens[i].Start < at.Cue[0].End; i++ {
				if isHeadWord(d.Tokens[i]) {
					h = i
					break
				}
			}
			b := d.TokenAt(at.Content[0].Start)
			last := d.TokenAt(at.Content[0].End - 1)
			if h < 0 || b < 0 || last < b || b <= h {
				continue
			}
			s := d.SentenceOf(h)
			if s < 0 || d.SentenceOf(b) != s {
				continue
			}
			lo, hi := d.Sentences[s].Tokens.Lo, d.Sentences[s].Tokens.Hi
			end := hi
			for end > lo && finalPunct[d.Tokens[end-1].Text] && !d.Tokens[end-1].Kind.IsQuote() {
				end--
			}
			e := last + 1
			if e > end || e <= b || end-b > 200 {
				continue
			}
			out = append(out, endExample{cuemodel.SpanContext{Doc: d, B: b, End: end, CueStem: d.Tokens[h].Stem(), CueHead: h, Lo: lo, Hi: hi, CueLike: cueLike(d, prior)}, e})
		}
	}
	return out
}

// trainEnd trains the content-end ranker (structured averaged perceptron).
func trainEnd(exs []endExample, epochs int, errw io.Writer) []float32 {
	n := 1 << cuemodel.EndBits
	w := make([]float64, n)
	acc := make([]float64, n)
	c := 1.0
	rng := rand.New(rand.NewPCG(3, 4))
	order := rng.Perm(len(exs))
	update := func(e *endExample, k int, y float64) {
		open := false
		cuemodel.Candidates(&e.ctx, func(kk int, o bool) {
			if kk == k {
				open = o
			}
		})
		cuemodel.EndFeatures(&e.ctx, k, open, func(h uint32) {
			w[h] += y
			acc[h] += c * y
		})
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, i := range order {
			e := &exs[i]
			best, bestS := -1, 0.0
			cuemodel.Candidates(&e.ctx, func(k int, open bool) {
				var s float64
				cuemodel.EndFeatures(&e.ctx, k, open, func(h uint32) { s += w[h] })
				if best < 0 || s > bestS {
					best, bestS = k, s
				}
			})
			if best != e.gold {
				errs++
				update(e, e.gold, 1)
				update(e, best, -1)
			}
			c++
		}
		fmt.Fprintf(errw, "claimtrain: end epoch %d: %d wrong of %d\n", ep+1, errs, len(exs))
	}
	out := make([]float32, n)
	for i := range w {
		out[i] = float32(w[i] - acc[i]/c)
	}
	return out
}

// startExamples returns the contents that start at most StartSpan tokens
// after their cue's end, in its sentence; ctx.B holds the cue end.
func startExamples(ex *extract.Extractor, arts []article) []endExample {
	var out []endExample
	for _, a := range arts {
		d := ex.Extract(a.Text)
		for _, at := range a.Attributions {
			if len(at.Cue) == 0 || len(at.Content) == 0 {
				continue
			}
			cl := d.TokenAt(at.Cue[len(at.Cue)-1].End - 1)
			h := d.TokenAt(at.Cue[0].Start)
			b := d.TokenAt(at.Content[0].Start)
			if cl < 0 || h < 0 || b < 0 || b <= cl || b-(cl+1) >= cuemodel.StartSpan {
				continue
			}
			for h < cl && !isHeadWord(d.Tokens[h]) {
				h++ // the head word, as the attributor's cue.head
			}
			s := d.SentenceOf(cl)
			if s < 0 || d.SentenceOf(b) != s {
				continue
			}
			lo, hi := d.Sentences[s].Tokens.Lo, d.Sentences[s].Tokens.Hi
			end := hi
			for end > lo && finalPunct[d.Tokens[end-1].Text] && !d.Tokens[end-1].Kind.IsQuote() {
				end--
			}
			if b >= end {
				continue
			}
			out = append(out, endExample{cuemodel.SpanContext{Doc: d, B: cl + 1, End: end, CueStem: d.Tokens[h].Stem(), CueHead: h, Lo: lo, Hi: hi}, b})
		}
	}
	return out
}

// trainStart trains the content-start ranker into w (shared with the end
// ranker: the feature templates differ).
func trainStart(exs []endExample, w []float32, epochs int, errw io.Writer) {
	trainRanker(ranker{
		name: "start", seed: [2]uint64{5, 6},
		cands: func(c *cuemodel.SpanContext) (int, int) { return c.B, min(c.End, c.B+cuemodel.StartSpan) },
		feats: cuemodel.StartFeatures,
	}, exs, w, epochs, errw)
}

// ranker is a structured perceptron that picks one token boundary among
// candidates and shares its weights with the other rankers of end.model
// (their feature templates differ).
type ranker struct {
	name  string
	seed  [2]uint64
	cands func(c *cuemodel.SpanContext) (lo, hi int) // candidate boundaries [lo, hi)
	feats func(c *cuemodel.SpanContext, k int, f func(uint32))
}

// trainRanker trains r on exs into w, averaging only r's own updates (acc
// holds only them, so the weights of the other rankers stay as they are).
func trainRanker(r ranker, exs []endExample, w []float32, epochs int, errw io.Writer) {
	n := len(w)
	wt := make([]float64, n)
	acc := make([]float64, n)
	for i, x := range w {
		wt[i] = float64(x)
	}
	c := 1.0
	rng := rand.New(rand.NewPCG(r.seed[0], r.seed[1]))
	order := rng.Perm(len(exs))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, i := range order {
			e := &exs[i]
			best, bestS := -1, 0.0
			lo, hi := r.cands(&e.ctx)
			for k := lo; k < hi; k++ {
				var s float64
				r.feats(&e.ctx, k, func(h uint32) { s += wt[h] })
				if best < 0 || s > bestS {
					best, bestS = k, s
				}
			}
			if best != e.gold {
				errs++
				r.feats(&e.ctx, e.gold, func(h uint32) { wt[h]++; acc[h] += c })
				r.feats(&e.ctx, best, func(h uint32) { wt[h]--; acc[h] -= c })
			}
			c++
		}
		fmt.Fprintf(errw, "claimtrain: %s epoch %d: %d wrong of %d\n", r.name, ep+1, errs, len(exs))
	}
	for i := range w {
		w[i] = float32(wt[i] - acc[i]/c)
	}
}

// cueLike returns the CueLike function of d: a word whose stem heads cues
// with a prior of at least 0.3.
func cueLike(d *extract.Document, prior cuemodel.Lex) func(int) bool {
	return func(i int) bool {
		t := d.Tokens[i]
		if t.Kind != extract.Word {
			return false
		}
		return prior(t.Stem()) >= 0.3
	}
}

// evalRanker prints how often a ranker (best) and the rule it replaces
// find the gold boundary of exs; missed examples that could not be scored
// (unreachable) count as wrong for both.
func evalRanker(what, ruleName string, exs []endExample, unreachable int, best func(*cuemodel.SpanContext) int, rule func(*endExample) int, errw io.Writer) {
	right, ruleRight := 0, 0
	for i := range exs {
		e := &exs[i]
		if best(&e.ctx) == e.gold {
			right++
		}
		if rule(e) == e.gold {
			ruleRight++
		}
	}
	total := len(exs) + unreachable
	fmt.Fprintf(errw, "claimtrain: dev %s: model %d/%d, %s %d/%d\n", what, right, total, ruleName, ruleRight, total)
}
