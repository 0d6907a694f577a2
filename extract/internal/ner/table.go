package ner

import "slices"

// table maps 64-bit hashes (never 0, see fin) to small values through open
// addressing over their upper 32 bits (key32). The model file stores the
// arrays as they are, so a decoded model uses them in place. Two hashes
// with the same upper half would share a value: with the model's tables
// (at most a few hundred thousand keys) the chance that any pair does is
// below 1%, and training reads the same table, so it would only merge two
// words' features, as hashing features does anyway.
type table struct {
	keys []uint32 // len a power of two (or 0: empty table); 0 = empty slot
	vals []uint16
}

// newTable builds a table from m; values of keys whose upper halves
// collide are ORed together (they are bit sets or small numbers).
func newTable[V uint8 | uint16](m map[uint64]V) table {
	if len(m) == 0 {
		return table{}
	}
	size := 2
	for size < len(m)*2 {
		size <<= 1
	}
	t := table{keys: make([]uint32, size), vals: make([]uint16, size)}
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks) // collisions resolve the same way every time
	mask := uint32(size - 1)
	for _, h := range ks {
		k := key32(h)
		i := tableHome(k) & mask
		for t.keys[i] != 0 && t.keys[i] != k {
			i = (i + 1) & mask
		}
		t.keys[i] = k
		t.vals[i] |= uint16(m[h])
	}
	return t
}

func tableHome(k uint32) uint32 { return uint32((uint64(k) * 0x9E3779B97F4A7C15) >> 32) }

// get returns the value of hash h, or 0.
func (t *table) get(h uint64) uint16 {
	if len(t.keys) == 0 {
		return 0
	}
	k := key32(h)
	mask := uint32(len(t.keys) - 1)
	for i := tableHome(k) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

// len returns the number of keys.
func (t *table) len() int {
	n := 0
	for _, k := range t.keys {
		if k != 0 {
			n++
		}
	}
	return n
}

// wordIndex finds the model's cached words by their token text: open
// addressing over a string hash, slots holding word index + 1.
type wordIndex struct {
	slots []uint32 // len a power of two (or 0); 0 = empty
}

// strHash is FNV-1a (64 bits) of s, mixed; it never returns 0.
func strHash(s string) uint64 { return fin(hstr(fnvOffset, s)) }

func newWordIndex(words []word) wordIndex {
	if len(words) == 0 {
		return wordIndex{}
	}
	size := 2
	for size < len(words)*2 {
		size <<= 1
	}
	x := wordIndex{slots: make([]uint32, size)}
	mask := uint64(size - 1)
	for k := range words {
		i := strHash(words[k].raw) & mask
		for x.slots[i] != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = uint32(k + 1)
	}
	return x
}

// find returns the index of the cached word whose text is tok, or -1.
func (x *wordIndex) find(tok string, words []word) int32 {
	if len(x.slots) == 0 {
		return -1
	}
	mask := uint64(len(x.slots) - 1)
	for i := strHash(tok) & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return -1
		}
		if words[s-1].raw == tok {
			return int32(s - 1)
		}
	}
}
