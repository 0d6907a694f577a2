package syntax

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"github.com/saywho/saywho/internal/inplace"
)

// magic starts every model file; the last byte is the format version,
// which changes whenever the features change (a model trained with other
// features would decode but tag nonsense).
const magic = "SWSYN\x00\x00\x03"

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
	cache  wordCache
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
	sc.dw.resetCached(words, &m.tagger.dict, &m.cache)
	sc.ts.fs = m.tagger.wordSumsCached(&sc.v, &sc.dw, sc.ts.fs, &m.cache)
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

// The model file is a sequence of sections, each an 8-byte header (its
// length in bytes, little-endian, and four zero bytes) and its bytes,
// padded with zeros to a multiple of 8, so that every array starts 8-byte
// aligned and Decode can use it in place. Arrays are little-endian. The
// sections, in order: tag classes and relations (names joined by "\n");
// the scalars (whether there is a second UPOS pass, the root relation);
// the word dictionary (keys, UPOS, fixed classes); the UPOS tables (slots,
// then weights with rowPad zeros after them) of pass 1 and, when present,
// pass 2; the Penn-tag table; the transition table's transSlots slots; the
// direct parser weights; the labeler's table; the label groups (per
// group: a count byte and the relations).

// Encode returns the model file.
func (m *Model) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(magic)
	le := binary.LittleEndian
	section := func(n int, write func()) {
		binary.Write(&b, le, [2]uint32{uint32(n), 0})
		write()
		for b.Len()%8 != 0 {
			b.WriteByte(0)
		}
	}
	str := func(s string) { section(len(s), func() { b.WriteString(s) }) }
	arr := func(x any) { section(binary.Size(x), func() { binary.Write(&b, le, x) }) }
	vart := func(t *varTable) {
		arr(t.slots)
		arr(t.data) // with its rowPad zeros
	}
	str(strings.Join(m.Classes, "\n"))
	str(strings.Join(m.Labels, "\n"))
	var pass2 uint32
	if m.tagger.pass2 != nil {
		pass2 = 1
	}
	arr([]uint32{pass2, uint32(m.parser.rootLabel)})
	arr(m.tagger.dict.keys)
	arr(m.tagger.dict.vals)
	arr(m.tagger.dict.fixed)
	vart(m.tagger.pass1)
	if m.tagger.pass2 != nil {
		vart(m.tagger.pass2)
	}
	vart(m.tagger.xpos)
	arr(m.parser.trans.slots[:])
	arr(m.parser.dir.w[:])
	vart(m.parser.labels)
	arr(m.cache.offs)
	str(m.cache.blob)
	var wf []uint64
	for k := range m.cache.words {
		wf = appendWord(wf, &m.cache.words[k])
	}
	arr(wf)
	arr(m.cache.sums)
	arr(m.cache.slots)
	var g []byte
	for _, grp := range m.parser.groups {
		g = append(g, byte(len(grp)))
		g = append(g, grp...)
	}
	str(string(g))
	return b.Bytes()
}

// decoder reads a model file, remembering the first problem.
type decoder struct {
	data string // 8-byte aligned in memory
	off  int
	err  error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: byte %d: %s", ErrFormat, d.off, fmt.Sprintf(format, args...))
	}
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// section returns the next section's bytes, aliasing d.data.
func (d *decoder) section() string {
	if d.err != nil {
		return ""
	}
	if d.off+8 > len(d.data) {
		d.fail("section header past the end")
		return ""
	}
	n := int(le32(d.data[d.off:]))
	start := d.off + 8
	if n < 0 || n > len(d.data)-start {
		d.fail("section of %d bytes past the end (%d left)", n, len(d.data)-start)
		return ""
	}
	d.off = min(len(d.data), (start+n+7)&^7)
	return d.data[start : start+n]
}

// view returns the next section as a slice of T: in place on
// little-endian hosts (the slice must never be written to), decoded into
// a new slice on others.
func view[T uint8 | int16 | int32 | uint32 | uint64](d *decoder) []T {
	s := d.section()
	var zero T
	size := int(unsafe.Sizeof(zero))
	if d.err != nil {
		return nil
	}
	if len(s)%size != 0 {
		d.fail("section of %d bytes: not a whole number of %d-byte values", len(s), size)
		return nil
	}
	return inplace.Slice[T](s)
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

// vart reads a varTable, used in place; rows are read rowPad weights wide,
// so every slot's row must start at least rowPad weights before the end.
func (d *decoder) vart() *varTable {
	slots := view[uint64](d)
	t := &varTable{slots: slots, data: view[int16](d), shift: d.shift(len(slots))}
	if d.err != nil {
		return nil
	}
	last := uint64(len(t.data) - rowPad)
	if len(t.data) < rowPad {
		d.fail("table of %d weights, want at least %d", len(t.data), rowPad)
		return nil
	}
	for _, e := range slots {
		if e>>16 > last {
			d.fail("row offset %d past the %d weights", e>>16, last)
			return nil
		}
	}
	return t
}

// wordCache reads the word cache: the words' texts and fields are
// decoded (a few hundred KB), their sums and the index used in place.
func (d *decoder) wordCache() wordCache {
	offs := view[uint32](d)
	blob := d.section()
	fields := view[uint64](d)
	c := wordCache{offs: offs, blob: blob, sums: view[int32](d), slots: view[uint32](d)}
	if d.err != nil {
		return wordCache{}
	}
	n := len(offs) - 1
	switch {
	case n < 0:
		d.fail("word cache without offsets")
	case len(fields) != n*wordFields || len(c.sums) != n*perWord:
		d.fail("word cache of %d words with %d fields and %d sums", n, len(fields), len(c.sums))
	case n > 0 && (len(c.slots)&(len(c.slots)-1) != 0 || !slices.Contains(c.slots, 0)):
		d.fail("word cache index of %d slots", len(c.slots))
	}
	for k := 0; d.err == nil && k < n; k++ {
		if offs[k] > offs[k+1] || int(offs[k+1]) > len(blob) {
			d.fail("word cache: word %d at [%d,%d) of %d bytes", k, offs[k], offs[k+1], len(blob))
		}
	}
	for _, e := range c.slots {
		if d.err == nil && int(e) > n {
			d.fail("word cache index: word %d of %d", e, n)
		}
	}
	if d.err != nil {
		return wordCache{}
	}
	if n > 0 {
		c.words = make([]word, n)
		for k := range c.words {
			c.words[k] = decodeWord(fields[k*wordFields:])
		}
	}
	return c
}

// rowPad is the widest read of a row: the UPOS rows' 17.
const rowPad = numUPOS

// Decode reads a model file written by Encode and uses data in place: its
// tables are views of it (on little-endian hosts), so decoding costs a
// scan of the tables' slots for bad row offsets and a few small
// allocations. When data is not 8-byte aligned in memory, it is copied
// once into aligned memory first.
func Decode(data string) (*Model, error) {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return nil, fmt.Errorf("%w (bad magic or version; want %q)", ErrFormat, magic)
	}
	if uintptr(unsafe.Pointer(unsafe.StringData(data)))%8 != 0 {
		buf := make([]uint64, (len(data)+7)/8)
		b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(data))
		copy(b, data)
		data = unsafe.String(&b[0], len(b))
	}
	d := &decoder{data: data, off: len(magic)}
	m := &Model{}
	if s := d.section(); s != "" {
		m.Classes = strings.Split(s, "\n")
	}
	if s := d.section(); s != "" {
		m.Labels = strings.Split(s, "\n")
	}
	sc := view[uint32](d)
	if d.err == nil && len(sc) != 2 {
		d.fail("scalars: %d values, want 2", len(sc))
	}
	if d.err != nil {
		return nil, d.err
	}
	keys := view[uint32](d)
	vals, fixed := view[uint8](d), view[uint8](d)
	if d.err == nil && (len(vals) != len(keys) || len(fixed) != len(keys)) {
		d.fail("dictionary of %d keys, %d UPOS, %d classes", len(keys), len(vals), len(fixed))
	}
	if d.err == nil && len(keys) > 0 && !slices.Contains(keys, 0) {
		d.fail("dictionary without an empty slot")
	}
	if d.err == nil {
		m.tagger.dict = wordDict{keys: keys, vals: vals, fixed: fixed, shift: d.shift(len(keys))}
	}
	m.tagger.pass1 = d.vart()
	if sc[0] != 0 {
		m.tagger.pass2 = d.vart()
	}
	m.tagger.xpos = d.vart()
	if slots := view[uint64](d); d.err == nil {
		if len(slots) != transSlots {
			d.fail("transition table of %d slots, want %d", len(slots), transSlots)
		} else {
			m.parser.trans = &transTable{slots: (*[transSlots]uint64)(slots)}
		}
	}
	if w := view[uint64](d); d.err == nil {
		if len(w) != dirSlots {
			d.fail("direct parser table of %d entries, want %d", len(w), dirSlots)
		} else {
			m.parser.dir.w = (*[dirSlots]uint64)(w)
		}
	}
	m.parser.labels = d.vart()
	m.parser.rootLabel = uint8(sc[1])
	m.parser.numLabels = len(m.Labels)
	m.cache = d.wordCache()
	groups := []byte(d.section()) // one copy, shared by the groups
	for g := range m.parser.groups {
		if d.err != nil {
			break
		}
		if len(groups) == 0 {
			d.fail("label groups: %d of %d", g, numLabelGroups)
			break
		}
		n := int(groups[0])
		if n == 0 || n > maxChoices || n >= len(groups) {
			d.fail("label group %d has %d relations, want 1 to %d", g, n, maxChoices)
			break
		}
		grp := groups[1 : 1+n : 1+n]
		groups = groups[1+n:]
		for _, l := range grp {
			if int(l) >= len(m.Labels) {
				d.fail("label group %d: relation %d of %d", g, l, len(m.Labels))
			}
		}
		m.parser.groups[g] = grp
	}
	if d.err == nil && len(groups) != 0 {
		d.fail("%d bytes after the label groups", len(groups))
	}
	if d.err == nil && d.off != len(data) {
		d.fail("%d bytes after the model", len(data)-d.off)
	}
	if d.err == nil && (sc[1] >= uint32(len(m.Labels)) || len(m.Classes) > 255 || len(m.Labels) > 64) {
		d.fail("%d tag classes, %d relations, root %d", len(m.Classes), len(m.Labels), sc[1])
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
	if m.parser.layout.size > dirSlots {
		return nil, fmt.Errorf("%w: %d direct parser features for %d classes and %d relations, more than the table's %d", ErrFormat, m.parser.layout.size, len(m.Classes), len(m.Labels), dirSlots)
	}
	m.tagger.groups = ts.groups
	m.tagger.classUPOS = ts.upos
	for _, f := range m.tagger.dict.fixed {
		if int(f) > len(m.Classes) {
			return nil, fmt.Errorf("%w: dictionary class %d of %d", ErrFormat, f, len(m.Classes))
		}
	}
	for k := range m.cache.words {
		if f := m.cache.words[k].fixed; int(f) > len(m.Classes) {
			return nil, fmt.Errorf("%w: cached word %d: class %d of %d", ErrFormat, k, f, len(m.Classes))
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
