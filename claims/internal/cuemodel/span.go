package cuemodel

import (
	_ "embed"
	"fmt"
	"math"

	"encoding/binary"

	"github.com/saywho/saywho/extract"
)

// EndBits is the number of hash bits of the content-end model.
const EndBits = 17

// EndVersion names the feature set of the content-end model.
const EndVersion = "endmodel/4"

// EndModel ranks where the content of a claim ends: a structured
// perceptron over the candidate boundaries after the content start. It is
// read-only after loading.
type EndModel struct {
	W []float32
}

// SpanContext is what the end features see: the document, the content
// start B, the cue head and the last candidate boundary End (exclusive).
type SpanContext struct {
	Doc     *extract.Document
	B, End  int
	CueStem string
	// CueHead is the token index of the cue's head word (B itself for
	// the cue-end ranker); the syntax features read its complement.
	CueHead int
	Lo, Hi  int // the sentence
	// CueLike, when not nil, reports whether token i is a likely cue word
	// (by the lexicon prior); it feeds the "a new claim starts here"
	// features.
	CueLike func(i int) bool
	// Lower, when not nil, returns Doc.Tokens[i].Lower(), from a cache.
	Lower func(i int) string
	// StartLimit, when above B, is the first token BestStart may not
	// choose as a content start.
	StartLimit int
	// comp caches complementEnd of CueHead once compSet.
	compEnd, compFirst int
	compSet            bool
}

// complement returns complementEnd(c.Doc, c.CueHead, c.Lo, c.Hi),
// computed once per context.
func (c *SpanContext) complement() (end, first int) {
	if !c.compSet {
		c.compEnd, c.compFirst = complementEnd(c.Doc, c.CueHead, c.Lo, c.Hi)
		c.compSet = true
	}
	return c.compEnd, c.compFirst
}

func (c *SpanContext) lower(i int) string {
	if c.Lower != nil {
		return c.Lower(i)
	}
	return c.Doc.Tokens[i].Lower()
}

// at returns the lower-cased token i, or "</c>" at and past the last
// candidate boundary End.
func (c *SpanContext) at(i int) string {
	if i >= c.End {
		return "</c>"
	}
	return c.lower(i)
}

// cls returns the class of token i (see class), or "E" at and past End.
func (c *SpanContext) cls(i int) string {
	if i >= c.End {
		return "E"
	}
	return class(c.Doc, i, c.Lo, c.Hi)
}

// endIdx maps a feature hash to a weight of an end.model.
func endIdx(h hasher) uint32 { return uint32(h) & (1<<EndBits - 1) }

func distBucket(n int) string {
	switch {
	case n <= 3:
		return string(rune('0' + n))
	case n <= 5:
		return "4-5"
	case n <= 10:
		return "6-10"
	case n <= 20:
		return "11-20"
	}
	return "21+"
}

// EndFeatures calls f with the hashed features of the boundary before token
// k (the content would be tokens [B, k)); open tells whether an odd number
// of quote marks stands in [B, k).
func EndFeatures(c *SpanContext, k int, open bool, f func(uint32)) {
	pre := endPrefixes(c)
	endFeatures(c, &pre, k, open, f)
}

// endPrefix holds the hash states of the end features' templates after
// their parts that do not depend on the candidate boundary.
type endPrefix struct {
	stem106, stem107, first108, first109, first114 hasher
	// compEnd is where the subtree of the cue's clausal complement
	// ends, -1 when it has none (endmodel/4).
	compEnd int
}

func endPrefixes(c *SpanContext) endPrefix {
	first := c.lower(c.B)
	return endPrefix{
		stem106: tmpl(106).str(c.CueStem), stem107: tmpl(107).str(c.CueStem),
		first108: tmpl(108).str(first), first109: tmpl(109).str(first), first114: tmpl(114).str(first),
		compEnd: compEndOf(c),
	}
}

// compEndOf returns the end of the cue's complement subtree when the
// content starts inside it, else -1.
func compEndOf(c *SpanContext) int {
	e, first := c.complement()
	if e < 0 || first > c.B+2 || e <= c.B {
		return -1
	}
	return e
}

func endFeatures(c *SpanContext, pre *endPrefix, k int, open bool, f func(uint32)) {
	idx := endIdx
	isEnd := "0"
	if k == c.End {
		isEnd = "1"
	}
	atK, clsK, dist := c.at(k), c.cls(k), distBucket(k-c.B)
	f(idx(tmpl(100)))
	f(idx(tmpl(101).str(isEnd)))
	f(idx(tmpl(102).str(atK)))
	f(idx(tmpl(103).str(c.at(k - 1))))
	f(idx(tmpl(104).str(clsK).str(c.cls(k - 1))))
	f(idx(tmpl(105).str(atK).str(c.at(k + 1))))
	f(idx(pre.stem106.str(clsK)))
	f(idx(pre.stem107.str(isEnd)))
	f(idx(pre.first108.str(clsK)))
	f(idx(pre.first109.str(isEnd)))
	f(idx(tmpl(110).str(dist).str(isEnd)))
	f(idx(tmpl(111).str(dist).str(clsK)))
	f(idx(tmpl(112).str(atK).str(isEnd).str(dist)))
	op := "0"
	if open {
		op = "1"
	}
	f(idx(tmpl(113).str(op).str(clsK)))
	f(idx(pre.first114.str(atK)))
	// Syntax (endmodel/4): the boundary against the end of the cue's
	// clausal complement, and where the tokens at the boundary attach.
	if c.Doc.Tokens[c.B].Dep != extract.NoDep {
		ce := "none"
		switch {
		case pre.compEnd < 0:
		case k == pre.compEnd:
			ce = "at"
		case k < pre.compEnd:
			ce = "before"
		default:
			ce = "after"
		}
		f(idx(tmpl(117).str(ce)))
		f(idx(tmpl(118).str(ce).str(clsK).str(isEnd)))
		sk := side(c.Doc, k, c.B, c.CueHead, c.End)
		f(idx(tmpl(119).strs(sk)))
		f(idx(tmpl(120).strs(sk).str(ce)))
		f(idx(tmpl(121).strs(side(c.Doc, k-1, c.B, c.CueHead, c.End)).str(clsK)))
	}
	if c.CueLike != nil {
		ahead := "0"
		for j := k; j < c.End && j < k+4; j++ {
			if c.CueLike(j) {
				ahead = string(rune('1' + j - k))
				break
			}
		}
		f(idx(tmpl(115).str(ahead).str(clsK)))
		f(idx(tmpl(116).str(ahead).str(atK)))
	}
}

// Candidates calls f for each candidate boundary k in [c.B+1, c.End] with
// the quote parity EndFeatures needs.
func Candidates(c *SpanContext, f func(k int, open bool)) {
	n := 0
	for k := c.B + 1; k <= c.End; k++ {
		if c.Doc.Tokens[k-1].Kind.IsQuote() {
			n++
		}
		f(k, n%2 == 1)
	}
}

// Best returns the best boundary k in [c.B+1, c.End].
func (m *EndModel) Best(c *SpanContext) int {
	best, bestS := c.End, float32(math.Inf(-1))
	pre := endPrefixes(c)
	Candidates(c, func(k int, open bool) {
		if k-c.B > EndSpan && k != c.End {
			return // long contents end at the sentence end or within EndSpan
		}
		var s float32
		endFeatures(c, &pre, k, open, func(h uint32) { s += m.W[h] })
		if s > bestS {
			best, bestS = k, s
		}
	})
	return best
}

// EndSpan is the farthest boundary after the content start that Best
// scores, besides the sentence end itself.
const EndSpan = 80

// LoadEnd decodes an end model written by EncodeEnd.
func LoadEnd(b []byte) (*EndModel, error) {
	h := []byte(EndVersion + "\n")
	if len(b) != len(h)+4<<EndBits || string(b[:len(h)]) != string(h) {
		return nil, fmt.Errorf("cuemodel: not a %s model file (%d bytes)", EndVersion, len(b))
	}
	b = b[len(h):]
	m := &EndModel{W: make([]float32, 1<<EndBits)}
	for i := range m.W {
		m.W[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return m, nil
}

// EncodeEnd returns the model file of end-model weights w.
func EncodeEnd(w []float32) []byte {
	out := append([]byte(nil), EndVersion+"\n"...)
	for _, x := range w {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(x))
	}
	return out
}

//go:embed end.model
var embeddedEnd []byte

// EmbeddedEnd decodes the content-end model shipped with the package.
func EmbeddedEnd() (*EndModel, error) { return LoadEnd(embeddedEnd) }

// StartSpan is the window of candidate content starts after a cue: tokens
// [CueHi, CueHi+StartSpan).
const StartSpan = 12

// StartFeatures calls f with the hashed features of a content that starts
// at token b, after a cue that ends at token c.B (SpanContext.B holds the
// cue end for start ranking).
func StartFeatures(c *SpanContext, b int, f func(uint32)) {
	d := c.Doc
	idx := endIdx
	dist := distBucket(b - c.B)
	f(idx(tmpl(150)))
	f(idx(tmpl(151).str(dist)))
	f(idx(tmpl(152).str(c.at(b))))
	f(idx(tmpl(153).str(c.at(b - 1))))
	f(idx(tmpl(154).str(c.cls(b)).str(c.cls(b - 1))))
	f(idx(tmpl(155).str(c.CueStem).str(dist)))
	f(idx(tmpl(156).str(c.CueStem).str(c.at(b))))
	f(idx(tmpl(157).str(c.at(b)).str(dist)))
	f(idx(tmpl(158).str(c.at(b - 1)).str(c.at(b))))
	f(idx(tmpl(159).str(c.at(c.B)).str(dist)))
	// Is there a "that" between the cue and b, or at b?
	that := "0"
	for i := c.B; i < b; i++ {
		if d.Tokens[i].Text == "that" {
			that = "1"
		}
	}
	f(idx(tmpl(160).str(that).str(c.at(b))))
	// Syntax (endmodel/4): b against the first token of the cue's clausal
	// complement ("that" included).
	if d.Tokens[b].Dep != extract.NoDep {
		_, first := c.complement()
		cf := "none"
		switch {
		case first < 0:
		case b == first:
			cf = "at"
		case b < first:
			cf = "before"
		default:
			cf = "after"
		}
		f(idx(tmpl(161).str(cf)))
		f(idx(tmpl(162).str(cf).str(c.at(b))))
	}
}

// BestStart returns the best content start in [c.B, min(c.B+StartSpan,
// c.End-1)]; c.B is the cue end.
func (m *EndModel) BestStart(c *SpanContext) int {
	best, bestS := c.B, float32(math.Inf(-1))
	limit := c.StartLimit
	if that := thatAfter(c); that >= 0 && (limit <= c.B || that+1 < limit) {
		limit = that + 1
	}
	for b := c.B; b < c.End && b < c.B+StartSpan && (limit <= c.B || b < limit); b++ {
		var s float32
		StartFeatures(c, b, func(h uint32) { s += m.W[h] })
		if s > bestS {
			best, bestS = b, s
		}
	}
	return best
}

// thatAfter returns the first "that" among the StartSpan tokens after the
// cue end c.B that opens a clause, followed by a determiner, a pronoun or
// a name ("said on his website that the deal was done"), or -1. A
// content never starts past it (rule C10), since PolNeAR contents start at "that"
// (the ranker alone skips it when the parse takes "that" for a relative
// pronoun).
func thatAfter(c *SpanContext) int {
	for k := c.B; k+1 < c.End && k < c.B+StartSpan; k++ {
		if c.lower(k) != "that" {
			continue
		}
		switch c.Doc.Tokens[k+1].POS {
		case extract.DET, extract.PRON, extract.PROPN:
			return k
		}
		return -1
	}
	return -1
}
