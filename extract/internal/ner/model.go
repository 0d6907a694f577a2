package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// magic starts every model file; the last byte is the format version.
const magic = "SWNER\x00\x00\x04"

// stage is one linear-chain model: feature weights per tag plus tag
// transition weights. Feature weights are int16 rows, one per known
// feature, found through an open-addressing table keyed by the upper 32
// bits of the feature hash. All weights of a stage share one unit (the
// quantization step), which Viterbi does not need to know.
type stage struct {
	slots []slot // len is a power of two; key 0 = empty
	shift uint   // 64 - log2(len(slots))
	w     []int16
	trans []float32      // (numTags+1) x numTags; row numTags is the start
	end   []float32      // numTags
	bias  [numTags]int32 // weights of biasHash
	// gazRows are the weights of the gazetteer features (appendGazFeatures)
	// per template (token, left, right) and bit of docState.gaz.
	gazRows [3][32][numTags]int32
	// cache holds the word-feature sums of Model.cacheWords, 5 offsets x
	// numTags each; pad those of padWord. Sums are int32 (see emissions).
	cache []int32
	pad   [5 * numTags]int32
	lat   *lattice // trans and end rearranged for Viterbi
}

type slot struct {
	key uint32 // key32 of the feature hash
	row uint32
}

func key32(h uint64) uint32 {
	if k := uint32(h >> 32); k != 0 {
		return k
	}
	return 1
}

func (s *stage) home(k uint32) uint64 { return (uint64(k) * 0x9E3779B97F4A7C15) >> s.shift }

func (s *stage) row(h uint64) int32 {
	k := key32(h)
	return s.probe(k, s.home(k))
}

// probe returns the row of key k, searching from slot i on, or -1.
func (s *stage) probe(k uint32, i uint64) int32 {
	mask := uint64(len(s.slots) - 1)
	for ; ; i = (i + 1) & mask {
		e := s.slots[i]
		if e.key == k {
			return int32(e.row)
		}
		if e.key == 0 {
			return -1
		}
	}
}

// newStage builds a stage from feature keys and their int16 weight rows
// (numTags each); two features with the same key share the summed row.
func newStage(keys []uint32, w []int16, trans, end []float32) *stage {
	size, bits := 1, 0
	for size < len(keys)*3/2+2 {
		size <<= 1
		bits++
	}
	s := &stage{slots: make([]slot, size), shift: uint(64 - bits), trans: trans, end: end}
	s.w = make([]int16, 0, len(w))
	mask := uint64(size - 1)
	for r, k := range keys {
		i := s.home(k)
		for s.slots[i].key != 0 && s.slots[i].key != k {
			i = (i + 1) & mask
		}
		if s.slots[i].key == k {
			row := s.w[int(s.slots[i].row)*numTags:]
			for t := range numTags {
				row[t] = sat16(int32(row[t]) + int32(w[r*numTags+t]))
			}
			continue
		}
		s.slots[i] = slot{k, uint32(len(s.w) / numTags)}
		s.w = append(s.w, w[r*numTags:(r+1)*numTags]...)
	}
	s.add(&s.bias, biasHash)
	for c, tpl := range gazTemplates {
		for b := range s.gazRows[c] {
			s.add(&s.gazRows[c][b], fin(hbyte(cf(tpl), byte(b))))
		}
	}
	var hashes []uint64
	s.wordSums(&s.pad, &padWord, hashes)
	s.lat = newLattice(trans, end)
	return s
}

func sat16(x int32) int16 { return int16(max(-32767, min(32767, x))) }

// quantize turns float weights (rows of numTags) into int16 rows and scales
// the transition tables to the same unit.
func quantize(keys []uint64, w, trans, end []float32) *stage {
	var big float64
	for _, x := range w {
		big = max(big, math.Abs(float64(x)))
	}
	unit := float32(1)
	if big > 0 {
		unit = float32(big / 32000)
	}
	q := make([]int16, len(w))
	for i, x := range w {
		q[i] = sat16(int32(math.Round(float64(x / unit))))
	}
	k32 := make([]uint32, len(keys))
	for i, h := range keys {
		k32[i] = key32(h)
	}
	tr := make([]float32, len(trans))
	for i, x := range trans {
		tr[i] = x / unit
	}
	en := make([]float32, len(end))
	for i, x := range end {
		en[i] = x / unit
	}
	return newStage(k32, q, tr, en)
}

// Model is a trained recognizer. It is read-only after Decode and safe for
// concurrent use.
type Model struct {
	lex    lexicon
	stages []*stage // a second stage reads the first stage's predictions
	Info   string   // free text from the trainer: data, epochs, scores
	// DocWeight scales document-level label agreement (see agree), in the
	// first stage's weight unit; 0 turns it off. The trainer tunes it on
	// the development set.
	DocWeight float32
	// Spread is the mean, over CoNLL dev tokens, of the gap between a
	// token's best and worst first-stage tag scores: the unit of the
	// hand-set honorific prior (see honorifics).
	Spread float32

	// Frequent words whose first-stage feature sums are computed once, at
	// load, for every window offset (5 x numTags each).
	cacheWords []string
	cacheIndex map[string]int32
	cacheInfo  []word
}

// buildCache sums, for every stage, the word-feature weights of
// cacheWords at each window offset.
func (m *Model) buildCache() {
	m.cacheIndex = make(map[string]int32, len(m.cacheWords))
	m.cacheInfo = make([]word, len(m.cacheWords))
	for k, raw := range m.cacheWords {
		m.cacheIndex[raw] = int32(k)
		m.cacheInfo[k] = newWord(raw, &m.lex)
	}
	var hashes []uint64
	for _, s := range m.stages {
		s.cache = make([]int32, len(m.cacheWords)*5*numTags)
		for k := range m.cacheWords {
			hashes = s.wordSums((*[5 * numTags]int32)(s.cache[k*5*numTags:]), &m.cacheInfo[k], hashes)
		}
	}
}

// ErrFormat is returned by Decode for data that is not a model file.
var ErrFormat = errors.New("ner: not a model file (bad magic or version)")

type writer struct {
	w   *bufio.Writer
	err error
	buf [8]byte
}

func (w *writer) u32(v uint32) {
	binary.LittleEndian.PutUint32(w.buf[:4], v)
	w.bytes(w.buf[:4])
}
func (w *writer) u64(v uint64) {
	binary.LittleEndian.PutUint64(w.buf[:8], v)
	w.bytes(w.buf[:8])
}
func (w *writer) bytes(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}
func (w *writer) f32s(v []float32) {
	w.u32(uint32(len(v)))
	for _, f := range v {
		w.u32(math.Float32bits(f))
	}
}
func (w *writer) str(s string) {
	w.u32(uint32(len(s)))
	w.bytes([]byte(s))
}

// Encode writes m to out, uncompressed: the weights are hashes and
// quantized numbers that gzip shrinks by only a sixth, and decompressing
// would cost more than half of the load time.
func (m *Model) Encode(out io.Writer) error {
	w := &writer{w: bufio.NewWriter(out)}
	w.bytes([]byte(magic))
	w.str(m.Info)
	w.u32(numTags)
	w.u32(math.Float32bits(m.DocWeight))
	w.u32(math.Float32bits(m.Spread))
	// lexicon
	w.u32(uint32(len(m.lex.caseBucket)))
	for _, k := range sortedKeys(m.lex.caseBucket) {
		w.u64(k)
		w.bytes([]byte{m.lex.caseBucket[k]})
	}
	w.u32(uint32(len(m.lex.cluster)))
	for _, k := range sortedKeys(m.lex.cluster) {
		w.u64(k)
		v := m.lex.cluster[k]
		w.bytes([]byte{byte(v), byte(v >> 8)})
	}
	w.u32(uint32(m.lex.gazMax))
	w.u32(uint32(len(m.lex.gaz)))
	for _, k := range sortedKeys(m.lex.gaz) {
		w.u64(k)
		w.bytes([]byte{m.lex.gaz[k]})
	}
	w.u32(uint32(len(m.cacheWords)))
	for _, cw := range m.cacheWords {
		w.str(cw)
	}
	w.u32(uint32(len(m.stages)))
	for _, s := range m.stages {
		w.f32s(s.trans)
		w.f32s(s.end)
		n := 0
		for _, e := range s.slots {
			if e.key != 0 {
				n++
			}
		}
		// each row: key, mask of non-zero tags, the non-zero weights
		w.u32(uint32(n))
		for _, e := range s.slots {
			if e.key == 0 {
				continue
			}
			w.u32(e.key)
			row := s.w[int(e.row)*numTags : int(e.row+1)*numTags]
			var mask uint32
			for t, x := range row {
				if x != 0 {
					mask |= 1 << t
				}
			}
			w.u32(mask)
			for _, x := range row {
				if x != 0 {
					w.buf[0], w.buf[1] = byte(uint16(x)), byte(uint16(x)>>8)
					w.bytes(w.buf[:2])
				}
			}
		}
	}
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return fmt.Errorf("ner: encode: %w", w.err)
	}
	return nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		r.b = nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}
func (r *reader) u32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}
func (r *reader) u64() uint64 {
	b := r.take(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// count reads a length and checks that at least n*each bytes remain.
func (r *reader) count(each int) int {
	n := int(r.u32())
	if r.err == nil && n*each > len(r.b) {
		r.err = fmt.Errorf("length %d exceeds the %d bytes left", n, len(r.b))
	}
	if r.err != nil {
		return 0
	}
	return n
}
func (r *reader) f32s() []float32 {
	n := r.count(4)
	v := make([]float32, n)
	b := r.take(4 * n)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

// Decode reads a model written by Encode, also when it was gzip-compressed
// afterwards.
func Decode(in io.Reader) (*Model, error) {
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, fmt.Errorf("ner: decode: %w", err)
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("ner: decode: %w", err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("ner: decode: %w", err)
		}
	}
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, ErrFormat
	}
	r := &reader{b: data[len(magic):]}
	m := &Model{}
	m.Info = string(r.take(r.count(1)))
	if nt := r.u32(); r.err == nil && nt != numTags {
		return nil, fmt.Errorf("ner: decode: model has %d tags, this code %d", nt, numTags)
	}
	m.DocWeight = math.Float32frombits(r.u32())
	m.Spread = math.Float32frombits(r.u32())
	n := r.count(9)
	m.lex.caseBucket = make(map[uint64]uint8, n)
	for range n {
		k := r.u64()
		m.lex.caseBucket[k] = r.take(1)[0]
	}
	n = r.count(10)
	m.lex.cluster = make(map[uint64]uint16, n)
	for range n {
		k := r.u64()
		b := r.take(2)
		m.lex.cluster[k] = uint16(b[0]) | uint16(b[1])<<8
	}
	m.lex.gazMax = int(r.u32())
	n = r.count(9)
	m.lex.gaz = make(map[uint64]uint8, n)
	for range n {
		k := r.u64()
		m.lex.gaz[k] = r.take(1)[0]
	}
	n = r.count(4)
	m.cacheWords = make([]string, n)
	for i := range n {
		m.cacheWords[i] = string(r.take(r.count(1)))
	}
	ns := r.count(8)
	for range ns {
		trans, end := r.f32s(), r.f32s()
		if r.err == nil && (len(trans) != (numTags+1)*numTags || len(end) != numTags) {
			return nil, fmt.Errorf("ner: decode: transition tables have %d and %d weights", len(trans), len(end))
		}
		n := r.count(8)
		keys := make([]uint32, n)
		w := make([]int16, n*numTags)
		for i := range n {
			keys[i] = r.u32()
			mask := r.u32()
			if mask>>numTags != 0 {
				r.err = fmt.Errorf("row %d: tag mask %#x has bits beyond %d tags", i, mask, numTags)
			}
			for t := range numTags {
				if mask&(1<<t) != 0 {
					b := r.take(2)
					if b == nil {
						break
					}
					w[i*numTags+t] = int16(uint16(b[0]) | uint16(b[1])<<8)
				}
			}
		}
		if r.err != nil {
			break
		}
		m.stages = append(m.stages, newStage(keys, w, trans, end))
	}
	if r.err != nil {
		return nil, fmt.Errorf("ner: decode: truncated or corrupt model: %w", r.err)
	}
	if len(m.stages) == 0 {
		return nil, fmt.Errorf("ner: decode: model has no stages")
	}
	m.buildCache()
	return m, nil
}

func sortedKeys[V any](m map[uint64]V) []uint64 {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
