package main

import (
	"io"

	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/extract"
)

// cueEndExamples returns the cues whose extent the cue-end ranker must
// find: for each attribution, the cue piece holding its head word, with
// the candidates bounded by the sentence end and the first quotation mark
// after the head. A piece that ends beyond the candidates is counted by
// evalRanker (as a miss) but not trained on.
func cueEndExamples(ex *extract.Extractor, arts []article, prior cuemodel.Lex) (exs []endExample, unreachable int) {
	for _, a := range arts {
		d := ex.Extract(a.Text)
		cueLike := cueLike(d, prior)
		for _, at := range a.Attributions {
			for _, p := range at.Cue {
				h := -1
				for i := d.TokenAt(p.Start); i >= 0 && i < len(d.Tokens) && d.Tokens[i].Start < p.End; i++ {
					if isHeadWord(d.Tokens[i]) {
						h = i
						break
					}
				}
				if h < 0 {
					continue
				}
				e := d.TokenAt(p.End-1) + 1
				s := d.SentenceOf(h)
				if e <= h || s < 0 {
					break
				}
				ctx := cueEndContext(d, h, s)
				ctx.CueLike = cueLike
				if e > ctx.End || e > h+1+cuemodel.CueEndSpan {
					unreachable++
					break
				}
				exs = append(exs, endExample{ctx, e})
				break
			}
		}
	}
	return exs, unreachable
}

// cueEndContext is the ranker context of a cue headed by token h of
// sentence s, as the attributor builds it: candidates up to the sentence
// end or the first quotation mark after the head.
func cueEndContext(d *extract.Document, h, s int) cuemodel.SpanContext {
	lo, hi := d.Sentences[s].Tokens.Lo, d.Sentences[s].Tokens.Hi
	end := h + 1
	for end < hi && !d.Tokens[end].Kind.IsQuote() {
		end++
	}
	return cuemodel.SpanContext{Doc: d, B: h, End: end, CueStem: d.Tokens[h].Stem(), CueHead: h, Lo: lo, Hi: hi}
}

// trainCueEnd trains the cue-end ranker into w (shared with the content
// rankers: the feature templates differ).
func trainCueEnd(exs []endExample, w []float32, epochs int, errw io.Writer) {
	trainRanker(ranker{
		name: "cue end", seed: [2]uint64{7, 8},
		cands: func(c *cuemodel.SpanContext) (int, int) {
			return c.B + 1, min(c.End, c.B+1+cuemodel.CueEndSpan) + 1
		},
		feats: cuemodel.CueEndFeatures,
	}, exs, w, epochs, errw)
}
