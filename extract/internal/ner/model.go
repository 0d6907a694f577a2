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
	"sync"
	"unsafe"

	"github.com/saywho/saywho/internal/inplace"
)

// magic starts every model file; the last byte is the format version.
const magic = "SWNER\x00\x00\x06"

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
	gazRows [3][64][numTags]int32
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
// concurrent use. A decoded model reads its tables, weights and word cache
// in place from the bytes it was decoded from (see Decode).
type Model struct {
	lex    lexicon
	stages []*stage // a second stage reads the first stage's predictions
	Info   string   // free text from the trainer: data, settings
	// DocWeight scales document-level label agreement (see agree), in the
	// first stage's weight unit; 0 turns it off. The trainer sets it to a
	// multiple of Spread chosen by cross-validation.
	DocWeight float32
	// Spread is the mean, over the training tokens, of the gap between a
	// token's best and worst first-stage tag scores: the unit of
	// DocWeight and of the hand-set honorific prior (see honorifics).
	Spread float32

	// Frequent words whose first-stage feature sums are computed once, by
	// the trainer, for every window offset (5 x numTags each, stage.cache).
	cacheInfo wordCache
	cacheIdx  wordIndex
}

// wordCache holds the model's cached words: built as values by the
// trainer (words), or, in a decoded model, left in the file's records and
// string blob until the first document is tagged, when all are decoded
// once (decoded). A start that tags nothing decodes none of them: 26,000
// words, 2.6 MB of strings for the collector to scan. (Decoding each word
// from its record whenever a document first used it cost 4% more
// instructions per pass over PolNeAR dev than decoding them all once.)
type wordCache struct {
	words      []word // the trainer's words; nil in a decoded model
	recs, blob string // a decoded model's records (wordRecord bytes each) and strings
	n          int    // number of words
	feat       Features
	decoded    func() []word // sync.OnceValue decoding every record; nil with words
}

// all returns every cached word, decoding them on the first call.
func (c *wordCache) all() []word {
	if c.words != nil || c.decoded == nil {
		return c.words
	}
	return c.decoded()
}

// len returns the number of cached words.
func (c *wordCache) len() int { return c.n }

// str returns the string of the record field at byte o of the records
// (offsets were checked at decode).
func (c *wordCache) str(o int) string {
	off, n := int(le32(c.recs, o)), int(le32(c.recs, o+4))
	return c.blob[off : off+n]
}

// word returns cached word k.
func (c *wordCache) word(k int) word {
	if c.words != nil {
		return c.words[k]
	}
	o := k * wordRecord
	recs := c.recs
	return word{
		raw: c.str(o), text: c.str(o + 8), lower: c.str(o + 16), fold: c.str(o + 24), shape: c.str(o + 32), short: c.str(o + 40),
		flags: recs[o+48], caseB: recs[o+49], band: recs[o+50],
		feat:  c.feat,
		clus:  uint16(le32(recs, o+52)),
		gv:    le32(recs, o+56),
		title: le64(recs, o+64), shortH: le64(recs, o+72),
	}
}

// Features returns the optional feature groups the model was trained with.
func (m *Model) Features() Features { return m.lex.feat }

// setCacheWords sets the model's cached words (duplicates dropped).
func (m *Model) setCacheWords(ws []string) {
	seen := make(map[string]bool, len(ws))
	var words []word
	for _, raw := range ws {
		if !seen[raw] {
			seen[raw] = true
			words = append(words, newWord(raw, &m.lex))
		}
	}
	m.cacheInfo = wordCache{words: words, n: len(words), feat: m.lex.feat}
	m.cacheIdx = newWordIndex(words)
}

// buildCache sums, for every stage, the word-feature weights of the
// cached words at each window offset. (As int32: int16 would halve the
// cache, but most frequent words have a sum beyond its range.)
func (m *Model) buildCache() {
	var hashes []uint64
	for _, s := range m.stages {
		s.cache = make([]int32, m.cacheInfo.len()*5*numTags)
		for k := range m.cacheInfo.len() {
			w := m.cacheInfo.word(k)
			hashes = s.wordSums((*[5 * numTags]int32)(s.cache[k*5*numTags:]), &w, hashes)
		}
	}
}

// ErrFormat is returned by Decode for data that is not a model file.
var ErrFormat = errors.New("ner: not a model file (bad magic or version)")

// The model file (format 6) is the magic, then sections, each a uint32
// byte length and its bytes, padded with zeros to a multiple of 8 bytes
// from the start of the file; numbers are little-endian. Sections, in
// order: info text; scalars (numTags, DocWeight, Spread, features,
// gazMax, stages, cached words); the case, cluster and gazetteer tables
// (keys, then values, as table holds them); the cached words (an 80-byte
// record each, see wordRecord) and their string bytes; the cached words'
// index slots; then per stage: transitions, end weights, feature slots
// (key, row), weight rows (numTags int16 each), bias, gazetteer rows and
// padding sums (int32), and the cached words' sums (5 x numTags int32
// each). Arrays are laid out as the tagger reads them, so Decode uses them
// where they lie.

const wordRecord = 80

type writer struct {
	w   *bufio.Writer
	n   int // bytes written
	err error
	buf [8]byte
}

func (w *writer) bytes(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
		w.n += len(b)
	}
}
func (w *writer) u16(v uint16) {
	binary.LittleEndian.PutUint16(w.buf[:2], v)
	w.bytes(w.buf[:2])
}
func (w *writer) u32(v uint32) {
	binary.LittleEndian.PutUint32(w.buf[:4], v)
	w.bytes(w.buf[:4])
}
func (w *writer) u64(v uint64) {
	binary.LittleEndian.PutUint64(w.buf[:8], v)
	w.bytes(w.buf[:8])
}

// section writes one section: its length (n bytes, written by body) and
// the padding after it.
func (w *writer) section(n int, body func()) {
	w.u32(uint32(n))
	w.pad()
	start := w.n
	body()
	if w.err == nil && w.n-start != n {
		w.err = fmt.Errorf("section of %d bytes wrote %d", n, w.n-start)
	}
	w.pad()
}

func (w *writer) pad() {
	for w.n%8 != 0 {
		w.bytes([]byte{0})
	}
}

func (w *writer) table(t table) {
	w.section(4*len(t.keys), func() {
		for _, k := range t.keys {
			w.u32(k)
		}
	})
	w.section(2*len(t.vals), func() {
		for _, v := range t.vals {
			w.u16(v)
		}
	})
}

func (w *writer) f32s(v []float32) {
	w.section(4*len(v), func() {
		for _, f := range v {
			w.u32(math.Float32bits(f))
		}
	})
}

func (w *writer) i32s(v []int32) {
	w.section(4*len(v), func() {
		for _, x := range v {
			w.u32(uint32(x))
		}
	})
}

// Encode writes m to out in the format Decode reads in place.
func (m *Model) Encode(out io.Writer) error {
	w := &writer{w: bufio.NewWriter(out)}
	w.bytes([]byte(magic))
	w.section(len(m.Info), func() { w.bytes([]byte(m.Info)) })
	w.section(7*4, func() {
		w.u32(numTags)
		w.u32(math.Float32bits(m.DocWeight))
		w.u32(math.Float32bits(m.Spread))
		w.u32(uint32(m.lex.feat))
		w.u32(uint32(m.lex.gazMax))
		w.u32(uint32(len(m.stages)))
		w.u32(uint32(m.cacheInfo.len()))
	})
	w.table(m.lex.caseBucket)
	w.table(m.lex.cluster)
	w.table(m.lex.gaz)
	// cached words: records pointing into a blob of distinct strings
	var blob []byte
	at := map[string]uint32{}
	ref := func(s string) uint32 {
		if off, ok := at[s]; ok {
			return off
		}
		off := uint32(len(blob))
		blob = append(blob, s...)
		at[s] = off
		return off
	}
	type rec struct{ off [6]uint32 }
	recs := make([]rec, m.cacheInfo.len())
	for k := range m.cacheInfo.len() {
		c := m.cacheInfo.word(k)
		for j, s := range [6]string{c.raw, c.text, c.lower, c.fold, c.shape, c.short} {
			recs[k].off[j] = ref(s)
		}
	}
	w.section(wordRecord*m.cacheInfo.len(), func() {
		for k := range m.cacheInfo.len() {
			c := m.cacheInfo.word(k)
			for j, s := range [6]string{c.raw, c.text, c.lower, c.fold, c.shape, c.short} {
				w.u32(recs[k].off[j])
				w.u32(uint32(len(s)))
			}
			w.bytes([]byte{c.flags, c.caseB, c.band, 0})
			w.u16(c.clus)
			w.u16(0)
			w.u32(c.gv)
			w.u32(0)
			w.u64(c.title)
			w.u64(c.shortH)
		}
	})
	w.section(len(blob), func() { w.bytes(blob) })
	w.section(4*len(m.cacheIdx.slots), func() {
		for _, v := range m.cacheIdx.slots {
			w.u32(v)
		}
	})
	for _, s := range m.stages {
		w.f32s(s.trans)
		w.f32s(s.end)
		w.section(8*len(s.slots), func() {
			for _, e := range s.slots {
				w.u32(e.key)
				w.u32(e.row)
			}
		})
		w.section(2*len(s.w), func() {
			for _, x := range s.w {
				w.u16(uint16(x))
			}
		})
		w.i32s(s.bias[:])
		w.i32s(unsafe.Slice(&s.gazRows[0][0][0], 3*64*numTags))
		w.i32s(s.pad[:])
		w.i32s(s.cache)
	}
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return fmt.Errorf("ner: encode: %w", w.err)
	}
	return nil
}

// reader reads the sections of a model file held in data, whose first
// byte is 8-byte aligned.
type reader struct {
	data string
	off  int
	err  error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func le32(s string, off int) uint32 {
	_ = s[off+3]
	return uint32(s[off]) | uint32(s[off+1])<<8 | uint32(s[off+2])<<16 | uint32(s[off+3])<<24
}

func le64(s string, off int) uint64 { return uint64(le32(s, off)) | uint64(le32(s, off+4))<<32 }

// section returns the next section's bytes as a string aliasing data.
func (r *reader) section() string {
	if r.err != nil {
		return ""
	}
	if r.off+8 > len(r.data) {
		r.fail("truncated at byte %d: section header", r.off)
		return ""
	}
	n := int(le32(r.data, r.off))
	start := r.off + 8
	if n < 0 || n > len(r.data)-start {
		r.fail("section at byte %d claims %d bytes, %d left", r.off, n, len(r.data)-start)
		return ""
	}
	r.off = (start + n + 7) &^ 7
	return r.data[start : start+n]
}

// view returns the section as a slice of T used in place (little-endian
// hosts) or decoded into a new slice (others); want, when >= 0, is the
// required element count.
func view[T uint16 | int16 | uint32 | int32 | float32 | slot](r *reader, want int) []T {
	s := r.section()
	var zero T
	size := int(unsafe.Sizeof(zero))
	if r.err != nil {
		return nil
	}
	if len(s)%size != 0 || want >= 0 && len(s)/size != want {
		r.fail("section at byte %d: %d bytes, want %d elements of %d bytes", r.off, len(s), want, size)
		return nil
	}
	out := inplace.Slice[T](s)
	if len(out) == 0 || inplace.LittleEndian {
		return out
	}
	if size == 8 { // slot: two uint32, each reversed above as one uint64
		for i := range out {
			p := (*[2]uint32)(unsafe.Pointer(&out[i]))
			p[0], p[1] = p[1], p[0]
		}
	}
	return out
}

func (r *reader) table() table {
	keys := view[uint32](r, -1)
	vals := view[uint16](r, len(keys))
	if r.err == nil && len(keys)&(len(keys)-1) != 0 {
		r.fail("table of %d slots is not a power of two", len(keys))
	}
	return table{keys: keys, vals: vals}
}

// Decode reads a model written by Encode, also when it was gzip-compressed
// afterwards. The model keeps the bytes read and uses them in place.
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
	return decodeOwned(data)
}

// decodeOwned decodes data, which the model then owns: nobody may change
// it afterwards.
func decodeOwned(data []byte) (*Model, error) {
	if len(data) == 0 {
		return nil, ErrFormat
	}
	if uintptr(unsafe.Pointer(&data[0]))%8 != 0 {
		return DecodeString(string(data))
	}
	return DecodeString(unsafe.String(&data[0], len(data)))
}

// DecodeString decodes a model file held in data and uses data in place:
// it costs a header check and a few small allocations, whatever the
// model's size. When data is not 8-byte aligned in memory, it is copied
// once into aligned memory first.
func DecodeString(data string) (*Model, error) {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return nil, ErrFormat
	}
	if len(data) > 0 && uintptr(unsafe.Pointer(unsafe.StringData(data)))%8 != 0 {
		buf := make([]uint64, (len(data)+7)/8)
		b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(data))
		copy(b, data)
		data = unsafe.String(&b[0], len(b))
	}
	r := &reader{data: data, off: len(magic)}
	m := &Model{}
	m.Info = r.section()
	sc := r.section()
	if r.err == nil && len(sc) != 7*4 {
		r.fail("scalars section has %d bytes, want 28", len(sc))
	}
	var nStages, nCache int
	if r.err == nil {
		if nt := le32(sc, 0); nt != numTags {
			return nil, fmt.Errorf("ner: decode: model has %d tags, this code %d", nt, numTags)
		}
		m.DocWeight = math.Float32frombits(le32(sc, 4))
		m.Spread = math.Float32frombits(le32(sc, 8))
		m.lex.feat = Features(le32(sc, 12))
		m.lex.gazMax = int(le32(sc, 16))
		nStages, nCache = int(le32(sc, 20)), int(le32(sc, 24))
	}
	m.lex.caseBucket = r.table()
	m.lex.cluster = r.table()
	m.lex.gaz = r.table()
	recs := r.section()
	blob := r.section()
	if r.err == nil && len(recs) != nCache*wordRecord {
		r.fail("cached words: %d bytes of records for %d words", len(recs), nCache)
	}
	if r.err == nil {
		// The words stay in the records, decoded one at a time on use
		// (wordCache.word); only their string offsets are checked here.
	check:
		for o := 0; o < len(recs); o += wordRecord {
			for f := o; f < o+48; f += 8 {
				off, n := uint64(le32(recs, f)), uint64(le32(recs, f+4))
				if off+n > uint64(len(blob)) {
					r.fail("cached word string [%d,%d) outside %d bytes", off, off+n, len(blob))
					break check
				}
			}
		}
		m.cacheInfo = wordCache{recs: recs, blob: blob, n: nCache, feat: m.lex.feat}
		c := &m.cacheInfo
		rc := *c // the records only: decoded reads them through word
		c.decoded = sync.OnceValue(func() []word {
			ws := make([]word, rc.n)
			for k := range ws {
				ws[k] = rc.word(k)
			}
			return ws
		})
	}
	m.cacheIdx.slots = view[uint32](r, -1)
	if r.err == nil && len(m.cacheIdx.slots)&(len(m.cacheIdx.slots)-1) != 0 {
		r.fail("word index of %d slots is not a power of two", len(m.cacheIdx.slots))
	}
	for _, v := range m.cacheIdx.slots {
		if int(v) > nCache {
			r.fail("word index points to word %d of %d", v, nCache)
			break
		}
	}
	for range nStages {
		if r.err != nil {
			break
		}
		s := &stage{}
		s.trans = view[float32](r, (numTags+1)*numTags)
		s.end = view[float32](r, numTags)
		s.slots = view[slot](r, -1)
		s.w = view[int16](r, -1)
		bias := view[int32](r, numTags)
		gaz := view[int32](r, 3*64*numTags)
		pad := view[int32](r, 5*numTags)
		s.cache = view[int32](r, nCache*5*numTags)
		if r.err != nil {
			break
		}
		n := len(s.slots)
		if n < 2 || n&(n-1) != 0 || len(s.w)%numTags != 0 {
			r.fail("stage of %d slots and %d weights", n, len(s.w))
			break
		}
		rows := uint32(len(s.w) / numTags)
		for _, e := range s.slots {
			if e.key != 0 && e.row >= rows {
				r.fail("feature row %d of %d", e.row, rows)
				break
			}
		}
		s.shift = uint(64 - bitLen(n-1))
		copy(s.bias[:], bias)
		copy(unsafe.Slice(&s.gazRows[0][0][0], 3*64*numTags), gaz)
		copy(s.pad[:], pad)
		s.lat = newLattice(s.trans, s.end)
		m.stages = append(m.stages, s)
	}
	if r.err != nil {
		return nil, fmt.Errorf("ner: decode: truncated or corrupt model: %w", r.err)
	}
	if len(m.stages) == 0 {
		return nil, fmt.Errorf("ner: decode: model has no stages")
	}
	return m, nil
}

// bitLen returns the number of bits needed for n (n > 0).
func bitLen(n int) int {
	b := 0
	for n > 0 {
		n >>= 1
		b++
	}
	return b
}
