package cuemodel

import "math"

// CueEndSpan is the number of tokens after a cue head that the cue-end
// ranker may add to the cue: candidate ends lie in [head+1,
// head+1+CueEndSpan].
const CueEndSpan = 8

// CueEndFeatures calls f with the hashed features of a cue that runs from
// its head c.B up to token k (exclusive). c.End bounds the candidates (the
// sentence end, or the first quotation mark after the head).
//
// The ranker learns PolNeAR's cue extents: particles and prepositions that
// introduce the content ("accused Holt of", "expressed concern about"),
// light-verb objects ("made no mention of"), infinitives ("continued to
// question"), time adverbials annotators keep or leave ("said Friday"),
// and where the cue must stop for an addressee, a source or a that-clause.
func CueEndFeatures(c *SpanContext, k int, f func(uint32)) {
	d := c.Doc
	idx := func(h hasher) uint32 { return uint32(h) & (1<<EndBits - 1) }
	at := func(i int) string {
		if i >= c.End {
			return "</c>"
		}
		return c.lower(i)
	}
	cls := func(i int) string {
		if i >= c.End {
			return "E"
		}
		return class(d, i, c.Lo, c.Hi)
	}
	h := c.B
	n := k - h // tokens in the cue from the head on
	dist := string(rune('0' + n))
	prev2 := "<h>"
	if k-2 >= h {
		prev2 = at(k - 2)
	}
	f(idx(tmpl(200)))
	f(idx(tmpl(201).str(dist)))
	f(idx(tmpl(202).str(at(k))))
	f(idx(tmpl(203).str(at(k - 1)).str(dist)))
	f(idx(tmpl(204).str(cls(k)).str(cls(k - 1))))
	f(idx(tmpl(205).str(c.CueStem).str(at(k))))
	f(idx(tmpl(206).str(c.CueStem).str(at(k - 1))))
	f(idx(tmpl(207).str(c.CueStem).str(dist)))
	f(idx(tmpl(208).str(at(k - 1)).str(at(k))))
	f(idx(tmpl(209).str(prev2).str(at(k - 1))))
	f(idx(tmpl(210).str(c.CueStem).str(cls(k))))
	f(idx(tmpl(211).str(at(k)).str(at(k + 1))))
	f(idx(tmpl(212).str(at(k)).str(dist)))
	f(idx(tmpl(213).str(cls(k)).str(cls(k + 1)).str(dist)))
	caps, punct := "0", "0"
	for j := h + 1; j < k; j++ {
		w := at(j)
		f(idx(tmpl(214).str(w)))
		switch class(d, j, c.Lo, c.Hi) {
		case "X":
			caps = "1"
		case "x", "U", "9":
		default:
			punct = "1"
		}
	}
	f(idx(tmpl(216).str(caps).str(punct).str(cls(k))))
	f(idx(tmpl(217).str(caps).str(punct).str(at(k))))
	if k < c.End && c.CueLike != nil && c.CueLike(k) {
		f(idx(tmpl(219).str(dist)))
	}
}

// CueEndScore returns the ranker's score of the cue [c.B, k).
func (m *EndModel) CueEndScore(c *SpanContext, k int) float32 {
	var s float32
	CueEndFeatures(c, k, func(h uint32) { s += m.W[h] })
	return s
}

// BestCueEnd returns the best end of a cue headed by token c.B: a token
// boundary in [c.B+1, min(c.B+1+CueEndSpan, c.End)].
func (m *EndModel) BestCueEnd(c *SpanContext) (int, float32) {
	best, bestS := c.B+1, float32(math.Inf(-1))
	for k := c.B + 1; k <= c.End && k <= c.B+1+CueEndSpan; k++ {
		var s float32
		CueEndFeatures(c, k, func(h uint32) { s += m.W[h] })
		if s > bestS {
			best, bestS = k, s
		}
	}
	return best, bestS
}
