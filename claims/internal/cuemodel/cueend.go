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
	caps, punct := false, false
	for j := c.B + 1; j < k; j++ {
		f(cueEndInside(c, j, &caps, &punct))
	}
	cueEndBoundary(c, k, caps, punct, f)
}

// cueEndInside returns the feature of token j inside the cue (the bag of
// words after the head) and notes in caps and punct whether it is
// capitalised or punctuation.
func cueEndInside(c *SpanContext, j int, caps, punct *bool) uint32 {
	switch class(c.Doc, j, c.Lo, c.Hi) {
	case "X":
		*caps = true
	case "x", "U", "9":
	default:
		*punct = true
	}
	return uint32(tmpl(214).str(c.lower(j))) & (1<<EndBits - 1)
}

// cueEndBoundary calls f with the features of the cue end before token k
// that do not depend on the words inside the cue but through caps and
// punct.
func cueEndBoundary(c *SpanContext, k int, caps, punct bool, f func(uint32)) {
	idx := endIdx
	h := c.B
	n := k - h // tokens in the cue from the head on
	dist := string(rune('0' + n))
	prev2 := "<h>"
	if k-2 >= h {
		prev2 = c.at(k - 2)
	}
	atK, atK1, clsK := c.at(k), c.at(k-1), c.cls(k)
	f(idx(tmpl(200)))
	f(idx(tmpl(201).str(dist)))
	f(idx(tmpl(202).str(atK)))
	f(idx(tmpl(203).str(atK1).str(dist)))
	f(idx(tmpl(204).str(clsK).str(c.cls(k - 1))))
	f(idx(tmpl(205).str(c.CueStem).str(atK)))
	f(idx(tmpl(206).str(c.CueStem).str(atK1)))
	f(idx(tmpl(207).str(c.CueStem).str(dist)))
	f(idx(tmpl(208).str(atK1).str(atK)))
	f(idx(tmpl(209).str(prev2).str(atK1)))
	f(idx(tmpl(210).str(c.CueStem).str(clsK)))
	f(idx(tmpl(211).str(atK).str(c.at(k + 1))))
	f(idx(tmpl(212).str(atK).str(dist)))
	f(idx(tmpl(213).str(clsK).str(c.cls(k + 1)).str(dist)))
	cp, pp := "0", "0"
	if caps {
		cp = "1"
	}
	if punct {
		pp = "1"
	}
	f(idx(tmpl(216).str(cp).str(pp).str(clsK)))
	f(idx(tmpl(217).str(cp).str(pp).str(atK)))
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
	var inside float32 // weights of the words after the head, summed once each
	caps, punct := false, false
	for k := c.B + 1; k <= c.End && k <= c.B+1+CueEndSpan; k++ {
		if k-1 > c.B {
			inside += m.W[cueEndInside(c, k-1, &caps, &punct)]
		}
		s := inside
		cueEndBoundary(c, k, caps, punct, func(h uint32) { s += m.W[h] })
		if s > bestS {
			best, bestS = k, s
		}
	}
	return best, bestS
}
