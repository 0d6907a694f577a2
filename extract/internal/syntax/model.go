package syntax

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// magic starts every model file; the last byte is the format version,
// which changes whenever the features change (a model trained with other
// features would decode but tag nonsense).
const magic = "SWSYN\x00\x00\x01"

// ErrFormat is returned by Decode for data that is not a syntax model of
// this version.
var ErrFormat = errors.New("syntax: not a syntax model of this version")

// Model is a trained tagger and parser. It is read-only after Decode and
// safe for concurrent use; working memory lives in a Scratch.
type Model struct {
	// Classes names the tag classes, "XPOS|UPOS" ("NN|NOUN"), in the order
	// of the class indices Analyse returns.
	Classes []string
	// Labels names the relations ("nsubj", "nmod:poss"), in the order of
	// the label indices Analyse returns.
	Labels []string
	tagger tagModel
	parser parser
	tags   *tagSet
}

// Range is a half-open range [Lo, Hi) of token indices.
type Range struct{ Lo, Hi int }

// Scratch is the working memory of one goroutine's calls to Analyse. The
// zero value is ready to use; it grows to the largest document seen.
type Scratch struct {
	dw     docWords
	v      vecs
	ts     tagScratch
	ps     parseScratch
	tags   []uint8
	heads  []int32
	labels []uint8
}

// Analyse tags, and when parse is set parses, a document: words are the
// texts of its tokens, sents the token ranges of its sentences (in order,
// not overlapping). It returns per token its tag class and, when parse is
// set, its head (a token index within its sentence, -1 for the root) and
// its relation; tokens outside every sentence get class 0, head -1 and
// relation 0. The slices belong to sc and are overwritten by its next use.
// It allocates only when sc has to grow.
func (m *Model) Analyse(sc *Scratch, words []string, sents []Range, parse bool) (tags []uint8, heads []int32, labels []uint8) {
	n := len(words)
	sc.tags = grow(sc.tags, n)
	sc.dw.reset(words, &m.tagger.dict)
	sc.ts.fs = m.tagger.wordSums(&sc.v, &sc.dw, sc.ts.fs)
	if parse {
		sc.heads = grow(sc.heads, n)
		sc.labels = grow(sc.labels, n)
		for i := range sc.heads {
			sc.heads[i] = -1
		}
	}
	for _, r := range sents {
		if r.Hi <= r.Lo {
			continue
		}
		out := sc.tags[r.Lo:r.Hi]
		m.tagger.tag(&sc.ts, &sc.v, &sc.dw, r.Lo, r.Hi, out)
		if !parse {
			continue
		}
		in := &sc.ps.in
		in.dw, in.lo, in.tags, in.upos = &sc.dw, r.Lo, out, m.tags.upos
		hs, ls := m.parser.parse(&sc.ps, in)
		k := int32(r.Hi - r.Lo)
		for i := range hs {
			h := hs[i]
			if h == k {
				h = -1
			}
			sc.heads[r.Lo+i] = h
			sc.labels[r.Lo+i] = ls[i]
		}
	}
	sc.dw.release()
	if !parse {
		return sc.tags, nil, nil
	}
	return sc.tags, sc.heads, sc.labels
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		s = make([]T, n, n+n/2)
	}
	s = s[:n]
	clear(s)
	return s
}

// Encode returns the model file.
func (m *Model) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(magic)
	le := binary.LittleEndian
	w := func(v uint32) { binary.Write(&b, le, v) }
	strs := func(ss []string) {
		s := strings.Join(ss, "\n")
		w(uint32(len(s)))
		b.WriteString(s)
	}
	u64s := func(xs []uint64) { w(uint32(len(xs))); binary.Write(&b, le, xs) }
	u32s := func(xs []uint32) { w(uint32(len(xs))); binary.Write(&b, le, xs) }
	i16s := func(xs []int16) { w(uint32(len(xs))); binary.Write(&b, le, xs) }
	vart := func(t *varTable) {
		u64s(t.slots)
		i16s(t.data[:len(t.data)-rowPad]) // without the padding, which Decode adds back
	}
	fixed := func(t *varTable) {
		if t == nil {
			w(0)
			return
		}
		w(1)
		vart(t)
	}
	strs(m.Classes)
	strs(m.Labels)
	u32s(m.tagger.dict.keys)
	b.Write(m.tagger.dict.vals)
	b.Write(m.tagger.dict.fixed)
	fixed(m.tagger.pass1)
	fixed(m.tagger.pass2)
	vart(m.tagger.xpos)
	u64s(m.parser.trans.slots[:])
	u64s(m.parser.dir.w)
	vart(m.parser.labels)
	w(uint32(m.parser.rootLabel))
	for _, g := range m.parser.groups {
		b.WriteByte(byte(len(g)))
		b.Write(g)
	}
	return b.Bytes()
}

// decoder reads a model file, remembering the first problem.
type decoder struct {
	data string
	off  int
	err  error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: byte %d: %s", ErrFormat, d.off, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) u32() uint32 {
	if d.err != nil || d.off+4 > len(d.data) {
		d.fail("truncated")
		return 0
	}
	s := d.data[d.off:]
	d.off += 4
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// count reads a length and checks that size bytes per item remain.
func (d *decoder) count(size int) int {
	n := int(d.u32())
	if d.err == nil && (n < 0 || n > (len(d.data)-d.off)/size) {
		d.fail("length %d past the end", n)
		return 0
	}
	return n
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if d.err != nil {
		return nil
	}
	s := d.data[d.off : d.off+n]
	d.off += n
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func (d *decoder) bytes(n int) string {
	if d.err != nil || n < 0 || n > len(d.data)-d.off {
		d.fail("truncated")
		return ""
	}
	s := d.data[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) u32s() []uint32 {
	n := d.count(4)
	s := d.bytes(4 * n)
	xs := make([]uint32, len(s)/4)
	for i := range xs {
		xs[i] = uint32(s[4*i]) | uint32(s[4*i+1])<<8 | uint32(s[4*i+2])<<16 | uint32(s[4*i+3])<<24
	}
	return xs
}

func (d *decoder) u64s() []uint64 {
	n := d.count(8)
	s := d.bytes(8 * n)
	xs := make([]uint64, len(s)/8)
	for i := range xs {
		xs[i] = le64(s[8*i:])
	}
	return xs
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// i16s reads int16s and appends pad zeros (room for a row read at any
// offset of the data).
func (d *decoder) i16s(pad int) []int16 {
	n := d.count(2)
	s := d.bytes(2 * n)
	xs := make([]int16, len(s)/2, len(s)/2+pad)
	for i := range xs {
		xs[i] = int16(uint16(s[2*i]) | uint16(s[2*i+1])<<8)
	}
	return xs
}

// shift checks that n buckets are a power of two and returns the shift
// that maps a feature to its bucket.
func (d *decoder) shift(n int) uint {
	if n == 0 || n&(n-1) != 0 {
		d.fail("table of %d buckets: want a power of two", n)
		return 63
	}
	b := 0
	for 1<<b < n {
		b++
	}
	return uint(64 - b)
}

func (d *decoder) fixed() *varTable {
	if d.u32() == 0 {
		return nil
	}
	return d.vart()
}

// vart reads a varTable; rows are read rowPad weights wide.
func (d *decoder) vart() *varTable {
	slots := d.u64s()
	t := &varTable{slots: slots, data: d.i16s(rowPad), shift: d.shift(len(slots))}
	for _, e := range slots {
		if d.err == nil && int(e>>16) > len(t.data) {
			d.fail("row offset %d past the %d weights", e>>16, len(t.data))
		}
	}
	t.data = t.data[:len(t.data)+rowPad] // zeros: a row read at the last offset stays inside
	return t
}

// rowPad is the widest read of a row: the UPOS rows' 17.
const rowPad = numUPOS

// Decode reads a model file written by Encode. The data is copied into the
// model's tables.
func Decode(data string) (*Model, error) {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return nil, fmt.Errorf("%w (bad magic or version; want %q)", ErrFormat, magic)
	}
	d := &decoder{data: data, off: len(magic)}
	m := &Model{}
	m.Classes = d.strs()
	m.Labels = d.strs()
	keys := d.u32s()
	vals, fixed := d.bytes(len(keys)), d.bytes(len(keys))
	if d.err == nil {
		m.tagger.dict = wordDict{keys: keys, vals: []byte(vals), fixed: []byte(fixed), shift: d.shift(len(keys))}
	}
	m.tagger.pass1 = d.fixed()
	m.tagger.pass2 = d.fixed()
	m.tagger.xpos = d.vart()
	if slots := d.u64s(); d.err == nil {
		if len(slots) != transSlots {
			d.fail("transition table of %d slots, want %d", len(slots), transSlots)
		} else {
			m.parser.trans = &transTable{slots: (*[transSlots]uint64)(slots)}
		}
	}
	m.parser.dir.w = d.u64s()
	m.parser.labels = d.vart()
	m.parser.rootLabel = uint8(d.u32())
	m.parser.numLabels = len(m.Labels)
	for g := range m.parser.groups {
		n := d.bytes(1)
		if n == "" {
			break
		}
		grp := []byte(d.bytes(int(n[0])))
		for _, l := range grp {
			if int(l) >= len(m.Labels) && d.err == nil {
				d.fail("label group %d: relation %d of %d", g, l, len(m.Labels))
			}
		}
		if (len(grp) == 0 || len(grp) > maxChoices) && d.err == nil {
			d.fail("label group %d has %d relations, want 1 to %d", g, len(grp), maxChoices)
		}
		m.parser.groups[g] = grp
	}
	if d.err == nil && d.off != len(data) {
		d.fail("%d bytes after the model", len(data)-d.off)
	}
	if d.err == nil && m.tagger.pass1 == nil {
		d.fail("no tagger")
	}
	if d.err == nil && (int(m.parser.rootLabel) >= len(m.Labels) || len(m.Classes) > 255 || len(m.Labels) > 64) {
		d.fail("%d tag classes, %d relations, root %d", len(m.Classes), len(m.Labels), m.parser.rootLabel)
	}
	if d.err != nil {
		return nil, d.err
	}
	ts, err := newTagSet(m.Classes)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	m.tags = ts
	m.parser.layout = newDirectLayout(len(m.Classes), len(m.Labels))
	if len(m.parser.dir.w) != int(m.parser.layout.size) {
		return nil, fmt.Errorf("%w: %d direct parser weights, want %d for %d classes and %d relations", ErrFormat, len(m.parser.dir.w), m.parser.layout.size, len(m.Classes), len(m.Labels))
	}
	m.tagger.groups = ts.groups
	m.tagger.classUPOS = ts.upos
	for _, f := range m.tagger.dict.fixed {
		if int(f) > len(m.Classes) {
			return nil, fmt.Errorf("%w: dictionary class %d of %d", ErrFormat, f, len(m.Classes))
		}
	}
	for u, g := range ts.groups {
		if len(g) == 0 {
			return nil, fmt.Errorf("%w: no tag class for UPOS %s", ErrFormat, UPOSNames[u])
		}
	}
	m.tagger.computePads()
	return m, nil
}
