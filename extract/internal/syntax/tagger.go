package syntax

// The tagger runs in three steps per sentence, left to right:
//
//  1. UPOS, greedy, from features of the word, its neighbours (two each
//     side), the two tags before it and the look-ahead dictionary (the UPOS
//     the next words most often have in training);
//  2. optionally (TrainConfig.TwoPass; the shipped model has no second
//     pass) UPOS again, with the features of step 1 and the tags step 1
//     gave the two words to the right, trained on the first pass's output
//     for sentences it was not trained on. On EWT dev it gained nothing
//     (0.9538 against 0.9536), at twice the cost, although gold right-hand
//     tags would add 0.9: the first pass's tags are too often wrong;
//  3. the Penn tag, chosen among those seen in training with the UPOS (for
//     NOUN: NN, NNS, ...), from the word, its suffixes, its neighbours and
//     their tags. The result is a tag class, a pair of the two.
//
// The UPOS classifiers have a row of 17 weights per feature. The features
// that read only one word (its form, affixes, shape, clusters; those of a
// neighbour at a given offset) are summed once per distinct word of the
// document and window offset; a token then adds five such sums and its
// context features (tags, word pairs).

// numUPOS is the number of UPOS tags; the tagger's classes are their
// indices in the model's UPOS list.
const numUPOS = 17

// wordDict maps a word (its normalized form, or failing that its lower
// case) to the UPOS it most often has in training, 1-based, for the
// look-ahead features.
type wordDict struct {
	keys  []uint32
	vals  []uint8 // UPOS + 1
	fixed []uint8 // the word's tag class + 1 when it (nearly) always has that one, else 0
	shift uint
}

func (d *wordDict) get(f uint64) int {
	if len(d.keys) == 0 {
		return -1
	}
	mask := uint64(len(d.keys) - 1)
	k := uint32(f) | 1
	for i := f >> d.shift; ; i = (i + 1) & mask {
		switch d.keys[i] {
		case k:
			return int(i)
		case 0:
			return -1
		}
	}
}

// lookup returns the UPOS (1-based) and the fixed class (1-based) of a
// word, 0 when unknown.
func (d *wordDict) lookup(form, lower uint64) (upos, fixed uint8) {
	i := d.get(f1(tplDictForm, form))
	if i < 0 {
		i = d.get(f1(tplDictLower, lower))
	}
	if i < 0 {
		return 0, 0
	}
	return d.vals[i], d.fixed[i]
}

// Keys of the word dictionary: the form and the lower case are hashed with
// their own template numbers so that they never collide.
const (
	tplDictForm  = 1001
	tplDictLower = 1002
)

// Padding words before and after a sentence.
var (
	padStart = word{form: 1, lower: 1, shape: 1, pre: [3]uint64{1, 1, 1}, suf: [4]uint64{1, 1, 1, 1}, cl: [3]uint64{1, 1, 1}, flags: 1 << 20, rank: 9, dict: 99}
	padEnd   = word{form: 2, lower: 2, shape: 2, pre: [3]uint64{2, 2, 2}, suf: [4]uint64{2, 2, 2, 2}, cl: [3]uint64{2, 2, 2}, flags: 1 << 21, rank: 9, dict: 98}
)

// offsets are the window offsets of the word-only features, in the order
// of a distinct word's cached sums.
var offsets = [5]int{0, -1, 1, -2, 2}

// wordFeats appends the features that read only word x, at window offset
// off of the token tagged. pass is 1 or 2 (the second pass has its own
// weights, so its features are numbered apart).
func wordFeats(dst []uint64, x *word, off, pass int) []uint64 {
	p := uint64(pass-1) * 100
	switch off {
	case 0:
		return append(dst,
			f1(p+1, 0), f1(p+2, x.form), f1(p+3, x.lower), f1(p+4, x.shape),
			f1(p+5, x.pre[0]), f1(p+6, x.pre[1]), f1(p+7, x.pre[2]),
			f1(p+8, x.suf[0]), f1(p+9, x.suf[1]), f1(p+10, x.suf[2]), f1(p+11, x.suf[3]),
			f1(p+12, x.flags), f1(p+13, x.cl[0]), f1(p+14, x.cl[1]), f1(p+15, x.cl[2]),
			f2(p+16, x.rank, x.shape))
	case -1:
		return append(dst, f1(p+17, x.lower), f1(p+21, x.suf[2]), f1(p+23, x.cl[1]))
	case 1:
		return append(dst, f1(p+18, x.lower), f1(p+22, x.suf[2]), f1(p+24, x.cl[1]), f1(p+32, x.dict))
	case -2:
		return append(dst, f1(p+19, x.lower), f1(p+25, x.cl[0]))
	default:
		return append(dst, f1(p+20, x.lower), f1(p+26, x.cl[0]), f1(p+33, x.dict))
	}
}

// contextFeats appends the features of token w that read two words or
// tags: t1 and t2 are the UPOS (1-based, 0 before the sentence) of the two
// tokens before it, r1 and r2 (second pass only) those step 1 gave the two
// after it (1-based; numUPOS+1 past the end); sent says whether the token
// starts its sentence and whether the sentence is in title case (sentFlags).
func sentFlags(dw *docWords, lo, hi, i int) uint64 {
	var f uint64
	if i == 0 {
		f = 1
	}
	words, caps := 0, 0
	for k := lo; k < hi; k++ {
		fl := dw.types[dw.of[k]].flags
		if fl&flLetter != 0 {
			words++
			if fl&flCap != 0 {
				caps++
			}
		}
	}
	if words >= 3 && caps*4 >= words*3 {
		f |= 2
	}
	return f
}

func contextFeats(dst []uint64, w, p1, n1 *word, t1, t2, r1, r2, sent uint64, pass int) []uint64 {
	p := uint64(pass-1) * 100
	dst = append(dst,
		f2(p+39, w.shape, sent),
		f1(p+27, t1), f2(p+28, t1, t2), f2(p+29, t1, w.lower),
		f2(p+30, p1.lower, w.lower), f2(p+31, w.lower, n1.lower), f2(p+34, w.lower, n1.dict),
		f3(p+35, p1.shape, w.shape, n1.shape), f2(p+36, t1, w.cl[1]), f2(p+37, t1, w.suf[2]),
		f2(p+38, n1.dict, w.suf[2]))
	if pass == 2 {
		dst = append(dst,
			f1(240, r1), f2(241, r1, r2), f2(242, t1, r1), f2(243, w.lower, r1), f2(244, r1, w.suf[2]),
			f3(245, t1, r1, w.cl[1]))
	}
	return dst
}

// xposFeats appends the features of the Penn-tag choice for token w whose
// UPOS is u (1-based; the features are keyed by it): x1 is the tag class
// of the token before (1-based, 0 at the start), u1 and r1 the UPOS before
// and after.
func xposFeats(dst []uint64, w, p1, n1 *word, u, x1, u1, r1 uint64) []uint64 {
	return append(dst,
		f2(301, u, 0), f2(302, u, w.form), f2(304, u, w.suf[0]),
		f2(305, u, w.suf[1]), f2(306, u, w.suf[2]), f2(308, u, x1),
		f2(309, u, p1.lower), f3(312, u, x1, w.suf[1]),
		f2(313, u, r1), f2(314, u, u1))
}

// tagModel is the run-time tagger.
type tagModel struct {
	pass1, pass2 *varTable // pass2 nil: one pass
	xpos         *varTable
	dict         wordDict
	classUPOS    []uint8 // the UPOS (0-based) of each tag class
	// groups lists, per UPOS (0-based), the tag classes with that UPOS:
	// the Penn tags step 3 chooses among, first the most frequent.
	groups [numUPOS][]uint8
	// pads are the sums of the padding words' features at offsets -2, -1,
	// +1, +2 (padStart, padStart, padEnd, padEnd), per pass.
	pads [2][4][numUPOS]int32
}

// vecs is the per-document memory of the tagger: the word-only sums of
// every distinct word, at the five offsets, for each pass.
type vecs [2][]int32

func (t *tagModel) sumWord(dst *[numUPOS]int32, tb *varTable, fs []uint64) {
	for _, f := range fs {
		addRow(dst, tb.data[tb.row(f):])
	}
}

// wordSums computes the cached sums of every distinct word of dw into v,
// copying those of words in the model's word cache (wc, when not nil).
func (t *tagModel) wordSums(v *vecs, dw *docWords, fs []uint64) []uint64 {
	return t.wordSumsCached(v, dw, fs, nil)
}

func (t *tagModel) wordSumsCached(v *vecs, dw *docWords, fs []uint64, wc *wordCache) []uint64 {
	for pass, tb := range []*varTable{t.pass1, t.pass2} {
		if tb == nil {
			continue
		}
		need := len(dw.types) * len(offsets) * numUPOS
		if cap(v[pass]) < need {
			v[pass] = make([]int32, need+need/2)
		}
		v[pass] = v[pass][:need]
		clear(v[pass])
		for i := range dw.types {
			if pass == 0 && wc != nil && dw.cache[i] >= 0 {
				k := int(dw.cache[i])
				copy(v[pass][i*perWord:(i+1)*perWord], wc.sums[k*perWord:(k+1)*perWord])
				continue
			}
			for k, off := range offsets {
				fs = wordFeats(fs[:0], &dw.types[i], off, pass+1)
				t.sumWord((*[numUPOS]int32)(v[pass][(i*len(offsets)+k)*numUPOS:]), tb, fs)
			}
		}
	}
	return fs
}

// computePads fills t.pads.
func (t *tagModel) computePads() {
	var fs []uint64
	for pass, tb := range []*varTable{t.pass1, t.pass2} {
		if tb == nil {
			continue
		}
		for k, off := range []int{-2, -1, 1, 2} {
			pad := &padStart
			if off > 0 {
				pad = &padEnd
			}
			fs = wordFeats(fs[:0], pad, off, pass+1)
			t.sumWord(&t.pads[pass][k], tb, fs)
		}
	}
}

// tagScratch is the tagger's per-sentence working memory.
type tagScratch struct {
	fs     []uint64
	first  []uint8 // step 1's UPOS (0-based)
	scores [numUPOS]int32
	xs     []float32
}

// tag sets out[i] to the tag class of token i of a sentence whose tokens
// have the distinct words of (dw.of[lo:hi]).
func (t *tagModel) tag(sc *tagScratch, v *vecs, dw *docWords, lo, hi int, out []uint8) {
	n := hi - lo
	if cap(sc.first) < n {
		sc.first = make([]uint8, n+n/2)
	}
	first := sc.first[:n]
	t.upos(sc, v, dw, lo, hi, 1, nil, first)
	upos := first
	if t.pass2 != nil {
		upos = out // step 2 writes its UPOS into out, step 3 replaces them by classes
		t.upos(sc, v, dw, lo, hi, 2, first, upos)
	}
	// Step 3: Penn tags.
	var x1 uint64
	for i := 0; i < n; i++ {
		u := upos[i]
		g := t.groups[u]
		var c uint8
		switch w := &dw.types[dw.of[lo+i]]; {
		case w.fixed != 0 && t.classUPOS[w.fixed-1] == u:
			c = w.fixed - 1
		case len(g) == 1:
			c = g[0]
		default:
			p1, n1 := t.neighbour(dw, lo, hi, i-1), t.neighbour(dw, lo, hi, i+1)
			u1, r1 := uint64(0), uint64(numUPOS+1)
			if i > 0 {
				u1 = uint64(upos[i-1]) + 1
			}
			if i+1 < n {
				r1 = uint64(upos[i+1]) + 1
			}
			sc.fs = xposFeats(sc.fs[:0], w, p1, n1, uint64(u)+1, x1, u1, r1)
			var s [maxChoices]int32
			sumRows(&s, t.xpos, sc.fs, len(g))
			best := 0
			for k := 1; k < len(g); k++ {
				if s[k] > s[best] {
					best = k
				}
			}
			c = g[best]
		}
		out[i] = c
		x1 = uint64(c) + 1
	}
}

// neighbour returns token i's word, or padding outside [0, hi-lo).
func (t *tagModel) neighbour(dw *docWords, lo, hi, i int) *word {
	switch {
	case i < 0:
		return &padStart
	case lo+i >= hi:
		return &padEnd
	}
	return &dw.types[dw.of[lo+i]]
}

// upos runs one UPOS pass over tokens [lo, hi), writing 0-based UPOS into
// out; first holds step 1's output for pass 2.
func (t *tagModel) upos(sc *tagScratch, v *vecs, dw *docWords, lo, hi, pass int, first, out []uint8) {
	tb := t.pass1
	if pass == 2 {
		tb = t.pass2
	}
	vs := v[pass-1]
	pads := &t.pads[pass-1]
	n := hi - lo
	var t1, t2 uint64
	title := sentFlags(dw, lo, hi, 1) // the title-case bit, computed once
	for i := 0; i < n; i++ {
		ti := int(dw.of[lo+i])
		w := &dw.types[ti]
		if w.fixed != 0 {
			u := t.classUPOS[w.fixed-1]
			out[i] = u
			t2, t1 = t1, uint64(u)+1
			continue
		}
		s := &sc.scores
		*s = *(*[numUPOS]int32)(vs[(ti*5)*numUPOS:])
		// Offsets -1, +1, -2, +2 (the order of offsets).
		for k, off := range [4]int{-1, 1, -2, 2} {
			j := i + off
			if j < 0 || j >= n {
				pk := 0 // index in pads: -2, -1, +1, +2
				switch off {
				case -1:
					pk = 1
				case 1:
					pk = 2
				case 2:
					pk = 3
				}
				addVec(s, &pads[pk])
				continue
			}
			tj := int(dw.of[lo+j])
			addVec(s, (*[numUPOS]int32)(vs[(tj*5+k+1)*numUPOS:]))
		}
		p1, n1 := t.neighbour(dw, lo, hi, i-1), t.neighbour(dw, lo, hi, i+1)
		var r1, r2 uint64 = numUPOS + 1, numUPOS + 1
		if pass == 2 {
			if i+1 < n {
				r1 = uint64(first[i+1]) + 1
			}
			if i+2 < n {
				r2 = uint64(first[i+2]) + 1
			}
		}
		sf := title
		if i == 0 {
			sf |= 1
		}
		sc.fs = contextFeats(sc.fs[:0], w, p1, n1, t1, t2, r1, r2, sf, pass)
		for _, f := range sc.fs {
			addRow(s, tb.data[tb.row(f):])
		}
		best := 0
		for c := 1; c < numUPOS; c++ {
			if s[c] > s[best] {
				best = c
			}
		}
		out[i] = uint8(best)
		t2, t1 = t1, uint64(best)+1
	}
}

// addRow adds the first numUPOS weights of row to s.
func addRow(s *[numUPOS]int32, row []int16) {
	r := (*[numUPOS]int16)(row)
	s[0] += int32(r[0])
	s[1] += int32(r[1])
	s[2] += int32(r[2])
	s[3] += int32(r[3])
	s[4] += int32(r[4])
	s[5] += int32(r[5])
	s[6] += int32(r[6])
	s[7] += int32(r[7])
	s[8] += int32(r[8])
	s[9] += int32(r[9])
	s[10] += int32(r[10])
	s[11] += int32(r[11])
	s[12] += int32(r[12])
	s[13] += int32(r[13])
	s[14] += int32(r[14])
	s[15] += int32(r[15])
	s[16] += int32(r[16])
}

// maxChoices is the most choices the Penn-tag step and the labeler have
// (the Penn tags of a UPOS, the relations of a label group): their rows
// are added 16 weights at a time, the weights past a row's end belonging
// to the next row (or the table's padding) and ignored by the argmax.
const maxChoices = 16

// sumRows adds to s the rows of the features fs in tb, whose groups have
// width choices: 8 weights of each row when that is enough, else 16.
func sumRows(s *[maxChoices]int32, tb *varTable, fs []uint64, width int) {
	if width <= 8 {
		h := (*[8]int32)(s[:8])
		for _, f := range fs {
			addRow8(h, tb.data[tb.row(f):])
		}
		return
	}
	for _, f := range fs {
		addRow16(s, tb.data[tb.row(f):])
	}
}

// addRow8 adds the first 8 weights of row to s.
func addRow8(s *[8]int32, row []int16) {
	r := (*[8]int16)(row)
	s[0] += int32(r[0])
	s[1] += int32(r[1])
	s[2] += int32(r[2])
	s[3] += int32(r[3])
	s[4] += int32(r[4])
	s[5] += int32(r[5])
	s[6] += int32(r[6])
	s[7] += int32(r[7])
}

// addRow16 adds the first 16 weights of row to s.
func addRow16(s *[maxChoices]int32, row []int16) {
	r := (*[maxChoices]int16)(row)
	s[0] += int32(r[0])
	s[1] += int32(r[1])
	s[2] += int32(r[2])
	s[3] += int32(r[3])
	s[4] += int32(r[4])
	s[5] += int32(r[5])
	s[6] += int32(r[6])
	s[7] += int32(r[7])
	s[8] += int32(r[8])
	s[9] += int32(r[9])
	s[10] += int32(r[10])
	s[11] += int32(r[11])
	s[12] += int32(r[12])
	s[13] += int32(r[13])
	s[14] += int32(r[14])
	s[15] += int32(r[15])
}

// addVec adds v to s.
func addVec(s, v *[numUPOS]int32) {
	s[0] += v[0]
	s[1] += v[1]
	s[2] += v[2]
	s[3] += v[3]
	s[4] += v[4]
	s[5] += v[5]
	s[6] += v[6]
	s[7] += v[7]
	s[8] += v[8]
	s[9] += v[9]
	s[10] += v[10]
	s[11] += v[11]
	s[12] += v[12]
	s[13] += v[13]
	s[14] += v[14]
	s[15] += v[15]
	s[16] += v[16]
}

// The unrolled helpers assume 17 UPOS tags (this fails to compile
// otherwise).
var _ = [1]int{}[numUPOS-17]
