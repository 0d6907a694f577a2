// Package cuemodel is the learned cue detector of package claims: a binary
// averaged perceptron (Collins 2002; Freund and Schapire 1999) that scores
// whether a word token heads a cue (the reporting expression of an
// attribution), trained on PolNeAR train by claims/internal/cmd/claimtrain.
//
// Features are hashed (FNV-1a, 2^Bits buckets) so the model is a fixed
// array of weights; scoring a token allocates nothing.
package cuemodel

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/saywho/saywho/extract"
)

// Bits is the number of hash bits: the model has 1<<Bits weights.
const Bits = 18

// Version names the feature set; a model file must carry the same.
const Version = "cuemodel/3"

// Model is a trained cue detector. It is read-only after Load.
type Model struct {
	W []float32
}

// ErrFormat reports a model file that is not a cue model of this version.
var ErrFormat = errors.New("cuemodel: not a " + Version + " model file")

// Load decodes a model written by Encode.
func Load(b []byte) (*Model, error) {
	h := []byte(Version + "\n")
	if len(b) != len(h)+4<<Bits || string(b[:len(h)]) != string(h) {
		return nil, fmt.Errorf("%w (%d bytes)", ErrFormat, len(b))
	}
	b = b[len(h):]
	m := &Model{W: make([]float32, 1<<Bits)}
	for i := range m.W {
		m.W[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return m, nil
}

// Encode returns the model file of weights w (1<<Bits of them).
func Encode(w []float32) []byte {
	out := append([]byte(nil), Version+"\n"...)
	for _, x := range w {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(x))
	}
	return out
}

// Lex gives the features their lexicon prior: P(cue | stem) from counts,
// or -1 when the stem is unknown.
type Lex func(stem string) float64

// Context is what the features see of a token: the document, the token
// range of its sentence and the token index.
type Context struct {
	Doc    *extract.Document
	Lo, Hi int // token range of the sentence
	I      int
	Stem   string // Snowball stem of token I
	Prior  float64
	// QuotePrefix, when not nil, holds for each token index k the number
	// of quote-mark tokens before k (QuotePrefix(Doc)); it makes the
	// quote features constant-time.
	QuotePrefix []int32
	// Lower, when not nil, returns Doc.Tokens[i].Lower(), from a cache.
	Lower func(i int) string
}

// QuotePrefix returns, for k in 0..len(d.Tokens), the number of quote-mark
// tokens among d.Tokens[:k].
func QuotePrefix(d *extract.Document) []int32 {
	p := make([]int32, len(d.Tokens)+1)
	for k, t := range d.Tokens {
		p[k+1] = p[k]
		if t.Kind.IsQuote() {
			p[k+1]++
		}
	}
	return p
}

const (
	offset32 = 2166136261
	prime32  = 16777619
)

type hasher uint32

func (h hasher) str(s string) hasher { return h.bytes(s).end() }

// bytes mixes the bytes of s into h (FNV-1a), without the terminator.
func (h hasher) bytes(s string) hasher {
	for i := 0; i < len(s); i++ {
		h ^= hasher(s[i])
		h *= prime32
	}
	return h
}

// end mixes in the terminator that closes a string.
func (h hasher) end() hasher {
	h ^= 0xff
	h *= prime32
	return h
}

func tmpl(id byte) hasher { return (hasher(offset32) ^ hasher(id)) * prime32 }

func (h hasher) idx() uint32 { return uint32(h) & (1<<Bits - 1) }

func lowerOf(c *Context, i, lo, hi int) string {
	if i < lo {
		return "<s>"
	}
	if i >= hi {
		return "</s>"
	}
	if c.Lower != nil {
		return c.Lower(i)
	}
	return c.Doc.Tokens[i].Lower()
}

func class(d *extract.Document, i, lo, hi int) string {
	if i < lo || i >= hi {
		return "B"
	}
	t := d.Tokens[i]
	switch {
	case t.Kind.IsQuote():
		return "Q"
	case t.Kind == extract.Punct || t.Kind == extract.Dash:
		return t.Text
	case t.Kind == extract.Number:
		return "9"
	}
	c := t.Text[0]
	if 'A' <= c && c <= 'Z' {
		return "X"
	}
	if c >= 0x80 {
		return "U"
	}
	return "x"
}

// Features calls f with the hashed index of each feature of c.
func Features(c *Context, f func(uint32)) {
	d, lo, hi, i := c.Doc, c.Lo, c.Hi, c.I
	lw := lowerOf(c, i, lo, hi)
	p1, p2 := lowerOf(c, i-1, lo, hi), lowerOf(c, i-2, lo, hi)
	n1, n2 := lowerOf(c, i+1, lo, hi), lowerOf(c, i+2, lo, hi)
	cp, cn := class(d, i-1, lo, hi), class(d, i+1, lo, hi)
	f(tmpl(0).idx())
	f(tmpl(1).str(c.Stem).idx())
	f(tmpl(2).str(lw).idx())
	f(tmpl(3).str(p1).idx())
	f(tmpl(4).str(n1).idx())
	f(tmpl(5).str(c.Stem).str(n1).idx())
	f(tmpl(6).str(p1).str(c.Stem).idx())
	f(tmpl(7).str(p2).str(p1).idx())
	f(tmpl(8).str(c.Stem).str(cn).idx())
	f(tmpl(9).str(c.Stem).str(cp).idx())
	if len(lw) > 3 {
		f(tmpl(10).str(lw[len(lw)-3:]).idx())
	}
	// Quotes before and after in the sentence, and that-clauses ahead.
	qb, qa, that, colon := "0", "0", "0", "0"
	if qp := c.QuotePrefix; qp != nil {
		if qp[i] > qp[max(lo, i-40)] {
			qb = "1"
		}
		if qp[min(hi, i+40)] > qp[i+1] {
			qa = "1"
		}
	} else {
		for k := max(lo, i-40); k < i; k++ {
			if d.Tokens[k].Kind.IsQuote() {
				qb = "1"
			}
		}
		for k := i + 1; k < hi && k < i+40; k++ {
			if d.Tokens[k].Kind.IsQuote() {
				qa = "1"
			}
		}
	}
	for k := i + 1; k < hi && k < i+5; k++ {
		t := d.Tokens[k]
		if t.Text == "that" {
			that = "1"
		}
		if k < i+4 && t.Text == ":" {
			colon = "1"
		}
	}
	f(tmpl(11).str(c.Stem).str(qb).str(qa).idx())
	f(tmpl(12).str(qb).str(qa).str(cp).idx())
	f(tmpl(13).str(c.Stem).str(that).idx())
	f(tmpl(14).str(that).str(colon).idx())
	first := "0"
	if i == lo {
		first = "1"
	}
	f(tmpl(15).str(c.Stem).str(first).idx())
	b := "none"
	if c.Prior >= 0 {
		b = string(rune('a' + int(c.Prior*10)))
	}
	f(tmpl(16).str(b).idx())
	f(tmpl(17).str(b).str(cp).str(cn).idx())
	f(tmpl(18).str(c.Stem).str(n2).idx())
	f(tmpl(19).str(class(d, i, lo, hi)).str(c.Stem).idx())
	f(tmpl(20).str(p1).str(c.Stem).str(n1).idx())
	// Relative position in the sentence, in fifths.
	pos := byte('0' + 5*(i-lo)/(hi-lo+1))
	f(tmpl(21).str(string(pos)).str(b).idx())
	syntaxFeatures(c, f, b)
}

// Score returns the perceptron score of c; positive means a cue head.
func (m *Model) Score(c *Context) float32 {
	var s float32
	Features(c, func(k uint32) { s += m.W[k] })
	return s
}

//go:embed cue.model
var embedded []byte

// Embedded decodes the model shipped with the package (cue.model, written
// by claimtrain; see SOURCES.md).
func Embedded() (*Model, error) { return Load(embedded) }

//go:embed calibration.tsv
var calibration []byte

// EmbeddedCalibration returns the calibration file of package claims
// (calibration.tsv, written by claimtrain -calibrate); callers must not
// modify it.
func EmbeddedCalibration() []byte { return calibration }
