package syntax

// Weight tables of the run-time model. A classifier maps a feature (a
// 64-bit hash, see the f functions) to a row of weights, one per class. All
// tables are open-addressing tables of buckets of four 16-bit keys packed in
// one word: the bucket is the feature's top bits, the key its low 16 bits,
// and a lookup finds the lane of the key with a few word operations and no
// branch, so that the lookups of a sentence's many features overlap in the
// processor instead of waiting on each other's mispredicted branches. A
// feature that is absent finds a row of zeros. A bucket holds at most four
// features; when training gives a bucket more, the trainer keeps the four
// with the largest weights (a few per cent of the weakest features are
// dropped, which the dev figures include).

// varTable holds rows of weights (17 for the UPOS passes; for the Penn-tag
// step and the labeler as many as the choices of the feature's group),
// direct-mapped like transTable: slot f >> shift holds the feature's
// 16-bit key and the offset of its row in data. data starts with a row of
// zeros, which absent features get, and ends with padding, so that a row
// can always be read 17 weights wide.
type varTable struct {
	slots []uint64 // key | offset<<16; 0 = empty
	data  []int16
	shift uint
}

// row returns the offset in data of feature f's row.
func (t *varTable) row(f uint64) int {
	e := t.slots[(f>>(t.shift&63))&uint64(len(t.slots)-1)]
	return int((e >> 16) & uint64(int64(match(e, f))))
}

// transTable is the transition classifier, direct-mapped: each feature has
// one slot, its top transBits bits, of 8 bytes holding its 16-bit key and
// its three weights (shift, left, right), so that a feature costs one
// memory access and a dozen instructions. The table has a fixed size, which
// lets the compiler drop the bounds check and keep the loop in registers.
// When several features of the trained model fall on one slot, the one
// with the largest weights keeps it (the dev figures include the loss).
type transTable struct {
	slots *[transSlots]uint64 // key | w0<<16 | w1<<32 | w2<<48; 0 = empty
}

const (
	transBits  = 18
	transSlots = 1 << transBits
)

// transKey returns the key of feature f: its low 16 bits with the lowest
// set, so never 0.
func transKey(f uint64) uint64 { return f&0xFFFF | 1 }

// match returns -1 when slot e holds feature f's key, else 0.
func match(e, f uint64) int32 {
	d := uint32(uint16(e) ^ uint16(f|1))
	return -int32((d - 1) >> 31)
}

// sum adds the weights of the features in fs to s.
func (t *transTable) sum(fs []uint64, s *[3]int32) {
	slots := t.slots
	var a, b, c int32
	for _, f := range fs {
		e := slots[f>>(64-transBits)]
		m := match(e, f)
		a += int32(int16(e>>16)) & m
		b += int32(int16(e>>32)) & m
		c += int32(int16(e>>48)) & m
	}
	s[0] += a
	s[1] += b
	s[2] += c
}
