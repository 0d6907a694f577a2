package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// magic starts every model file; the last byte is the format version.
const magic = "SWNER\x00\x00\x01"

// stage is one linear-chain model: feature weights per tag plus tag
// transition weights. Weights live in a dense row per known feature; the
// feature hash -> row map is an open-addressing table.
type stage struct {
	keys  []uint64 // table of feature hashes, 0 = empty; len is a power of two
	rows  []int32  // row of keys[i]
	w     []float32
	trans []float32 // (numTags+1) x numTags; row numTags is the start
	end   []float32 // numTags
}

func (s *stage) row(h uint64) int32 {
	mask := uint64(len(s.keys) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := s.keys[i]
		if k == h {
			return s.rows[i]
		}
		if k == 0 {
			return -1
		}
	}
}

// newStage builds the lookup table over the feature hashes of rows 0..n-1.
func newStage(hashes []uint64, w, trans, end []float32) *stage {
	size := 1
	for size < 2*len(hashes)+2 {
		size <<= 1
	}
	s := &stage{keys: make([]uint64, size), rows: make([]int32, size), w: w, trans: trans, end: end}
	mask := uint64(size - 1)
	for r, h := range hashes {
		i := h & mask
		for s.keys[i] != 0 {
			i = (i + 1) & mask
		}
		s.keys[i], s.rows[i] = h, int32(r)
	}
	return s
}

// Model is a trained recognizer. It is read-only after Decode and safe for
// concurrent use.
type Model struct {
	lex    lexicon
	stages []*stage // the last stage reads the earlier stage's predictions
	Info   string   // free text from the trainer: data, epochs, scores
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

// Encode writes m to out, gzip-compressed.
func (m *Model) Encode(out io.Writer) error {
	zw, err := gzip.NewWriterLevel(out, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: encode: %w", err)
	}
	w := &writer{w: bufio.NewWriter(zw)}
	w.bytes([]byte(magic))
	w.str(m.Info)
	w.u32(numTags)
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
	w.u32(uint32(len(m.stages)))
	for _, s := range m.stages {
		w.f32s(s.trans)
		w.f32s(s.end)
		// rows in table order, skipping empty slots
		n := 0
		for _, k := range s.keys {
			if k != 0 {
				n++
			}
		}
		w.u32(uint32(n))
		for i, k := range s.keys {
			if k == 0 {
				continue
			}
			w.u64(k)
			r := int(s.rows[i])
			for _, f := range s.w[r*numTags : (r+1)*numTags] {
				w.u32(math.Float32bits(f))
			}
		}
	}
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return fmt.Errorf("ner: encode: %w", w.err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: encode: %w", err)
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

// Decode reads a model written by Encode.
func Decode(in io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, fmt.Errorf("ner: decode: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("ner: decode: %w", err)
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
	ns := r.count(8)
	for range ns {
		trans, end := r.f32s(), r.f32s()
		if r.err == nil && (len(trans) != (numTags+1)*numTags || len(end) != numTags) {
			return nil, fmt.Errorf("ner: decode: transition tables have %d and %d weights", len(trans), len(end))
		}
		n := r.count(8 + 4*numTags)
		hashes := make([]uint64, n)
		w := make([]float32, n*numTags)
		for i := range n {
			hashes[i] = r.u64()
			b := r.take(4 * numTags)
			for t := range numTags {
				w[i*numTags+t] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*t:]))
			}
		}
		if r.err != nil {
			break
		}
		m.stages = append(m.stages, newStage(hashes, w, trans, end))
	}
	if r.err != nil {
		return nil, fmt.Errorf("ner: decode: truncated or corrupt model: %w", r.err)
	}
	if len(m.stages) == 0 {
		return nil, fmt.Errorf("ner: decode: model has no stages")
	}
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
