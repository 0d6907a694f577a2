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
	slots *[transSlots]uint64 // key | w0<<16 | w1<<32 | w2<<48, biased (packTrans); 0 = empty
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

// transBias is added to each transition weight to store it as a 16-bit
// unsigned value: sum then adds two or one of a slot's weights at a time
// in 32-bit lanes, which cannot carry into each other.
const transBias = 1 << 15

// packTrans returns the slot of feature f with weights w0, w1, w2.
func packTrans(f uint64, w0, w1, w2 int16) uint64 {
	return transKey(f) | uint64(int32(w0)+transBias)<<16 | uint64(int32(w1)+transBias)<<32 | uint64(int32(w2)+transBias)<<48
}

// sum adds the weights of the features in fs to s.
func (t *transTable) sum(fs []uint64, s *[3]int32) {
	slots := t.slots
	var lo, hi, n uint64 // weights 0 and 2 in lanes of lo, 1 in hi; n matched
	for _, f := range fs {
		e := slots[f>>(64-transBits)]
		d := uint64(uint16(e) ^ uint16(f|1))
		m := -((d - 1) >> 63) // all ones when e holds f's key, else 0
		v := e >> 16 & m
		lo += v & 0x0000_FFFF_0000_FFFF
		hi += v >> 16 & 0xFFFF
		n -= m
	}
	bias := int32(n) * transBias
	s[0] += int32(uint32(lo)) - bias
	s[1] += int32(uint32(hi)) - bias
	s[2] += int32(uint32(lo>>32)) - bias
}

// sumAll adds the weights of a decision's hashed features to s, as sum
// does, unrolled.
func (t *transTable) sumAll(h *[numParseFeatures]uint64, s *[3]int32) {
	slots := t.slots
	var lo, hi, n, e, f, d, m, v uint64
	e, f = slots[h[0]>>(64-transBits)], h[0]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[1]>>(64-transBits)], h[1]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[2]>>(64-transBits)], h[2]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[3]>>(64-transBits)], h[3]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[4]>>(64-transBits)], h[4]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[5]>>(64-transBits)], h[5]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[6]>>(64-transBits)], h[6]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[7]>>(64-transBits)], h[7]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[8]>>(64-transBits)], h[8]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[9]>>(64-transBits)], h[9]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[10]>>(64-transBits)], h[10]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[11]>>(64-transBits)], h[11]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[12]>>(64-transBits)], h[12]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[13]>>(64-transBits)], h[13]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[14]>>(64-transBits)], h[14]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[15]>>(64-transBits)], h[15]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[16]>>(64-transBits)], h[16]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[17]>>(64-transBits)], h[17]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[18]>>(64-transBits)], h[18]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[19]>>(64-transBits)], h[19]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[20]>>(64-transBits)], h[20]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[21]>>(64-transBits)], h[21]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[22]>>(64-transBits)], h[22]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[23]>>(64-transBits)], h[23]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[24]>>(64-transBits)], h[24]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[25]>>(64-transBits)], h[25]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[26]>>(64-transBits)], h[26]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[27]>>(64-transBits)], h[27]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	e, f = slots[h[28]>>(64-transBits)], h[28]
	d = uint64(uint16(e) ^ uint16(f|1))
	m = -((d - 1) >> 63)
	v = e >> 16 & m
	lo, hi, n = lo+v&0x0000_FFFF_0000_FFFF, hi+v>>16&0xFFFF, n-m
	bias := int32(n) * transBias
	s[0] += int32(uint32(lo)) - bias
	s[1] += int32(uint32(hi)) - bias
	s[2] += int32(uint32(lo>>32)) - bias
}

// The unrolled sumAll assumes numParseFeatures features (this fails to
// compile otherwise).
var _ = [1]int{}[numParseFeatures-29]
