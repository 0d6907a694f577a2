package wordvec

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// Builder holds the parts of a table for Encode. Words are in rank order and
// lower case; Paths and Depths give each word's cluster path (Depths[i]
// bits, first split most significant); Vectors holds the int8 rows of the
// first len(Vectors)/Dim words, Scale their per-dimension factors.
type Builder struct {
	Words   []string
	Paths   []uint32
	Depths  []uint8
	Dim     int
	Scale   []float32
	Vectors []int8
}

// Encode returns the table in the format Decode reads.
func (b *Builder) Encode() ([]byte, error) {
	n := len(b.Words)
	if len(b.Paths) != n || len(b.Depths) != n {
		return nil, fmt.Errorf("wordvec: %d words, %d paths, %d depths", n, len(b.Paths), len(b.Depths))
	}
	if b.Dim <= 0 || len(b.Scale) != b.Dim || len(b.Vectors)%b.Dim != 0 || len(b.Vectors)/b.Dim > n {
		return nil, fmt.Errorf("wordvec: %d dimensions, %d scales, %d vector values for %d words", b.Dim, len(b.Scale), len(b.Vectors), n)
	}
	nvec := len(b.Vectors) / b.Dim
	slots := 1
	for slots < n+n/2 {
		slots <<= 1
	}
	blob := 0
	for i, w := range b.Words {
		if w == "" {
			return nil, fmt.Errorf("wordvec: word %d is empty", i)
		}
		if b.Depths[i] > 30 {
			return nil, fmt.Errorf("wordvec: word %q: depth %d > 30", w, b.Depths[i])
		}
		blob += len(w)
	}
	t := Table{n: n, nvec: nvec, dim: b.Dim, slots: slots, blob: blob}
	t.slotOff = headerSize
	t.offOff = t.slotOff + 4*slots
	t.nodeOff = t.offOff + 4*(n+1)
	t.scaleOff = t.nodeOff + 4*n
	t.vecOff = t.scaleOff + 4*b.Dim
	t.blobOff = align4(t.vecOff + nvec*b.Dim)
	out := make([]byte, t.blobOff+blob)
	copy(out, magic)
	le := binary.LittleEndian
	for i, v := range []int{n, nvec, b.Dim, slots, blob} {
		le.PutUint32(out[8+4*i:], uint32(v))
	}
	off := 0
	for i, w := range b.Words {
		le.PutUint32(out[t.offOff+4*i:], uint32(off))
		copy(out[t.blobOff+off:], w)
		off += len(w)
		le.PutUint32(out[t.nodeOff+4*i:], 1<<b.Depths[i]|b.Paths[i])
	}
	le.PutUint32(out[t.offOff+4*n:], uint32(off))
	for d, s := range b.Scale {
		le.PutUint32(out[t.scaleOff+4*d:], math.Float32bits(s))
	}
	for i, v := range b.Vectors {
		out[t.vecOff+i] = byte(v)
	}
	mask := uint32(slots - 1)
	for i, w := range b.Words {
		if strings.ToLower(w) != w {
			return nil, fmt.Errorf("wordvec: word %q is not in lower case", w)
		}
		for s := foldHash(w) & mask; ; s = (s + 1) & mask {
			p := out[t.slotOff+4*int(s):]
			if e := le.Uint32(p); e != 0 {
				if b.Words[e-1] == w {
					return nil, fmt.Errorf("wordvec: word %q twice (ranks %d and %d)", w, e-1, i)
				}
				continue
			}
			le.PutUint32(p, uint32(i+1))
			break
		}
	}
	return out, nil
}
