package syntax

// The parser is a greedy arc-hybrid transition system (Kuhlmann, Gómez-
// Rodríguez and Satta 2011) with the root at the end of the buffer
// (Ballesteros and Nivre 2013), whose transitions are chosen by an
// averaged perceptron trained with a dynamic oracle (Goldberg and Nivre
// 2013), over the rich non-local features of Zhang and Nivre (2011) plus
// GloVe clusters. Relations are chosen by a second, smaller classifier at
// the moment an arc is made; in the arc-hybrid system the dependent is
// complete then (all its children are attached), so the labeler sees them.
//
// Transitions, on a stack σ|s1|s0 and a buffer b0|β:
//
//	SHIFT  push b0                          (b0 is not the root)
//	LEFT   b0 → s0: s0 becomes a child of b0, pop s0
//	RIGHT  s1 → s0: s0 becomes a child of s1, pop s0
//
// LEFT with the root at the front of the buffer is allowed only when the
// stack holds one word, so a sentence gets exactly one root. Every word is
// shifted once and popped once: 2n transitions for n words. The trees are
// projective.

// Transitions.
const (
	shift = iota
	left
	right
	numTransitions
)

// state is a parser configuration for a sentence of n words; word n is the
// root.
type state struct {
	n      int
	stack  []int32
	b      int32   // buffer front; n is the root
	heads  []int32 // -1 until set; n for the root's child
	labels []uint8
	// Children, for features: the two leftmost and two rightmost
	// children of each word (-1 when none), the number of children on each
	// side, and the set of their relations as a bit set.
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []uint8
	ls, rs             []uint64
}

func (st *state) reset(n int) {
	st.n = n
	st.stack = st.stack[:0]
	st.b = 0
	st.heads = fill(st.heads, n, -1)
	st.labels = resize8(st.labels, n)
	st.lc1 = fill(st.lc1, n+1, -1)
	st.lc2 = fill(st.lc2, n+1, -1)
	st.rc1 = fill(st.rc1, n+1, -1)
	st.rc2 = fill(st.rc2, n+1, -1)
	st.nl = resize8(st.nl, n+1)
	st.nr = resize8(st.nr, n+1)
	st.ls = resize64(st.ls, n+1)
	st.rs = resize64(st.rs, n+1)
}

func fill(s []int32, n int, v int32) []int32 {
	if cap(s) < n {
		s = make([]int32, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

func resize8(s []uint8, n int) []uint8 {
	if cap(s) < n {
		s = make([]uint8, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func resize64(s []uint64, n int) []uint64 {
	if cap(s) < n {
		s = make([]uint64, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (st *state) terminal() bool { return int(st.b) == st.n && len(st.stack) == 0 }

// valid reports which transitions are allowed.
func (st *state) valid() (ok [numTransitions]bool) {
	ns := len(st.stack)
	ok[shift] = int(st.b) < st.n
	ok[left] = ns >= 1 && (int(st.b) < st.n || ns == 1)
	ok[right] = ns >= 2
	return ok
}

// apply performs transition t, with relation label for an arc, and
// returns the dependent and head of the arc it made (-1, -1 for SHIFT).
func (st *state) apply(t int) (dep, head int32) {
	switch t {
	case shift:
		st.stack = append(st.stack, st.b)
		st.b++
		return -1, -1
	case left:
		dep, head = st.stack[len(st.stack)-1], st.b
	default:
		dep, head = st.stack[len(st.stack)-1], st.stack[len(st.stack)-2]
	}
	st.stack = st.stack[:len(st.stack)-1]
	st.heads[dep] = head
	if dep < head {
		st.lc2[head] = st.lc1[head]
		st.lc1[head] = dep
		st.nl[head]++
	} else {
		if st.rc1[head] >= 0 {
			st.rc2[head] = st.rc1[head]
		}
		st.rc1[head] = dep
		st.nr[head]++
	}
	return dep, head
}

// setLabel records the relation of the arc just made to dep.
func (st *state) setLabel(dep, head int32, label uint8) {
	st.labels[dep] = label
	if dep < head {
		st.ls[head] |= 1 << (label & 63)
	} else {
		st.rs[head] |= 1 << (label & 63)
	}
}

// Word atoms of tokens that are not words; their tag atoms are 0 (none)
// and the largest value (the root), see parseInput.prepare.
const (
	atomNone = 0xA5A5_0001
	atomRoot = 0xA5A5_0002
)

// tok gives the atoms of token i for the features: its lower-case word and
// its UPOS (1-based); none for i < 0, the root's for n.
func (p *parseInput) tok(i int32) (w, t uint64) { a := &p.atoms[i+1]; return a.w, a.t }

// cls returns the tag class atom of token i (its Penn tag and UPOS).
func (p *parseInput) cls(i int32) uint64 { return p.atoms[i+1].x }

// atom is what the parser's features read of a token: its lower-case
// word, its UPOS and its tag class (both 1-based).
type atom struct{ w, t, x uint64 }

// word returns the word of token i (0 <= i < n).
func (p *parseInput) word(i int32) *word { return &p.dw.types[p.dw.of[p.lo+int(i)]] }

// parseInput is what the features read besides the state: the sentence's
// words (tokens lo to lo+len(tags) of dw), their tag classes, and the
// atoms of each token, from index 1 (index 0 is "none", n+1 the root).
type parseInput struct {
	dw    *docWords
	lo    int
	tags  []uint8
	upos  []uint8 // UPOS (0-based) of each tag class
	atoms []atom  // from index 1; 0 is "none", n+1 the root
}

// prepare fills the atoms of the sentence's tokens.
func (p *parseInput) prepare() {
	n := len(p.tags)
	p.atoms = grow(p.atoms, n+2)
	p.atoms[0] = atom{w: atomNone}
	p.atoms[n+1] = atom{w: atomRoot, t: numUPOS + 1, x: uint64(len(p.upos)) + 1}
	for i := 0; i < n; i++ {
		x := &p.dw.types[p.dw.of[p.lo+i]]
		p.atoms[i+1] = atom{w: x.lower, t: uint64(p.upos[p.tags[i]]) + 1, x: uint64(p.tags[i]) + 1}
	}
}

func dist(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 7:
		return 5
	case d <= 12:
		return 6
	}
	return 7
}

// labelOf returns the relation of token i as a feature atom: 0 for none,
// else the relation + 1.
func (st *state) labelOf(i int32) uint64 {
	if i < 0 {
		return 0
	}
	return uint64(st.labels[i]) + 1
}

// numParseFeatures is the number of hashed features parseFeatures appends;
// numDirect the number of direct ones.
const (
	numParseFeatures = 29
	numDirect        = 42
)

// directLayout places the parser's direct features: templates that read
// only tags, relations and distances, whose few values index a dense array
// (dirTable) instead of a hashed table. The array, about 900 KB, stays in
// the processor's caches, and these features cost no hashing and never
// collide. T is the number of UPOS atoms (none, 17 tags, root), X of tag
// class atoms, L of relation atoms, D of distances.
type directLayout struct {
	T, X, L, D uint32
	base       [numDirect]uint32
	size       uint32
}

// Domains of the direct templates, in the order parseFeatures appends them.
const (
	dT = iota
	dX
	dXX
	dTT
	dTTT
	dTD
	dTTD
	dL
)

var directKinds = [numDirect]uint8{
	dT, dT, dT, dT, dT, dT, // s0t s1t b0t b1t b2t s2t
	dX, dX, dX, dX, dXX, // s0x b0x s1x b1x, s0x|b0x
	dTT, dTT, dTT, // s0t|b0t b0t|b1t s1t|s0t
	dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, dTTT, // tag triples
	dTD, dTD, dTTD, dTTD, // distances
	dT, dT, dT, // s0l s0r b0l tags
	dL, dL, dL, dL, dL, dL, // children's relations
}

func newDirectLayout(classes, labels int) directLayout {
	l := directLayout{T: numUPOS + 2, X: uint32(classes) + 2, L: uint32(labels) + 1, D: 9}
	for k, kind := range directKinds {
		l.base[k] = l.size
		switch kind {
		case dT:
			l.size += l.T
		case dX:
			l.size += l.X
		case dXX:
			l.size += l.X * l.X
		case dTT:
			l.size += l.T * l.T
		case dTTT:
			l.size += l.T * l.T * l.T
		case dTD:
			l.size += l.T * l.D
		case dTTD:
			l.size += l.T * l.T * l.D
		case dL:
			l.size += l.L
		}
	}
	return l
}

// dirTable is the parser's direct feature weights: per entry the three
// int16 weights (shift, left, right), each biased by dirBias to a 16-bit
// unsigned value, in 21-bit lanes of a word (bits 0, 21 and 42), so that
// summing a decision's direct features is one addition per feature: the
// lanes of up to dirBatch entries cannot carry into each other. The table
// has a fixed size, dirSlots entries (those past the layout's size are
// zero weights), so that an index needs no bounds check.
type dirTable struct {
	w *[dirSlots]uint64
}

const (
	dirBias  = 1 << 15
	dirLane  = 21
	dirMask  = 1<<dirLane - 1
	dirBatch = dirMask / (1<<16 - 1) // 32 entries of at most 0xFFFF fit in a lane

	dirBits    = 17
	dirSlots   = 1 << dirBits
	dirMaskIdx = dirSlots - 1
)

// packDir returns the entry of weights w0, w1, w2.
func packDir(w0, w1, w2 int16) uint64 {
	return uint64(int32(w0)+dirBias) | uint64(int32(w1)+dirBias)<<dirLane | uint64(int32(w2)+dirBias)<<(2*dirLane)
}

// unpackDir adds the weights summed in acc, n entries, to s.
func unpackDir(acc uint64, n int32, s *[3]int32) {
	bias := n * dirBias
	s[0] += int32(acc&dirMask) - bias
	s[1] += int32(acc>>dirLane&dirMask) - bias
	s[2] += int32(acc>>(2*dirLane)&dirMask) - bias
}

// sum adds the weights of the direct features ds to s.
func (t *dirTable) sum(ds []uint32, s *[3]int32) {
	w := t.w
	for len(ds) > 0 {
		batch := ds[:min(len(ds), dirBatch)]
		ds = ds[len(batch):]
		var acc uint64
		for _, i := range batch {
			acc += w[i&dirMaskIdx]
		}
		unpackDir(acc, int32(len(batch)), s)
	}
}

// sumAll adds the weights of a decision's direct features to s, as sum
// does, unrolled.
func (t *dirTable) sumAll(d *[numDirect]uint32, s *[3]int32) {
	w := t.w
	a := w[d[0]&dirMaskIdx] +
		w[d[1]&dirMaskIdx] +
		w[d[2]&dirMaskIdx] +
		w[d[3]&dirMaskIdx] +
		w[d[4]&dirMaskIdx] +
		w[d[5]&dirMaskIdx] +
		w[d[6]&dirMaskIdx] +
		w[d[7]&dirMaskIdx] +
		w[d[8]&dirMaskIdx] +
		w[d[9]&dirMaskIdx] +
		w[d[10]&dirMaskIdx] +
		w[d[11]&dirMaskIdx] +
		w[d[12]&dirMaskIdx] +
		w[d[13]&dirMaskIdx] +
		w[d[14]&dirMaskIdx] +
		w[d[15]&dirMaskIdx] +
		w[d[16]&dirMaskIdx] +
		w[d[17]&dirMaskIdx] +
		w[d[18]&dirMaskIdx] +
		w[d[19]&dirMaskIdx] +
		w[d[20]&dirMaskIdx] +
		w[d[21]&dirMaskIdx] +
		w[d[22]&dirMaskIdx] +
		w[d[23]&dirMaskIdx] +
		w[d[24]&dirMaskIdx] +
		w[d[25]&dirMaskIdx] +
		w[d[26]&dirMaskIdx] +
		w[d[27]&dirMaskIdx] +
		w[d[28]&dirMaskIdx] +
		w[d[29]&dirMaskIdx] +
		w[d[30]&dirMaskIdx] +
		w[d[31]&dirMaskIdx]
	unpackDir(a, 32, s)
	b := w[d[32]&dirMaskIdx] +
		w[d[33]&dirMaskIdx] +
		w[d[34]&dirMaskIdx] +
		w[d[35]&dirMaskIdx] +
		w[d[36]&dirMaskIdx] +
		w[d[37]&dirMaskIdx] +
		w[d[38]&dirMaskIdx] +
		w[d[39]&dirMaskIdx] +
		w[d[40]&dirMaskIdx] +
		w[d[41]&dirMaskIdx]
	unpackDir(b, numDirect-32, s)
}

// The unrolled sumAll assumes numDirect features, in two batches (this
// fails to compile otherwise).
var _ = [1]int{}[numDirect-42]
var _ = [1]int{}[dirBatch-32]

// directKey is the trainer's key of direct feature i (hashed features
// never have the top bit and the next 31 bits all set this way).
func directKey(i uint32) uint64 { return 0xFFFFFFFF00000000 | uint64(i) }

// parseFeats is a decision's features, gathered in fixed arrays: the
// hashed ones and the indices of the direct ones.
type parseFeats struct {
	h [numParseFeatures]uint64
	d [numDirect]uint32
}

// tri returns the index of the tag triple (a, b, c) in a direct template
// at base over t tags.
func tri(base uint32, t, a, b, c uint64) uint32 { return base + uint32((a*t+b)*t+c) }

// parseFeatures sets fb to the features of the configuration st.
func parseFeatures(fb *parseFeats, st *state, p *parseInput, l *directLayout) {
	h, dd := &fb.h, &fb.d
	ns := len(st.stack)
	s0, s1, s2 := int32(-1), int32(-1), int32(-1)
	if ns > 0 {
		s0 = st.stack[ns-1]
	}
	if ns > 1 {
		s1 = st.stack[ns-2]
	}
	if ns > 2 {
		s2 = st.stack[ns-3]
	}
	b0 := st.b
	b1, b2 := b0+1, b0+2
	if int(b1) > st.n {
		b1 = -1
	}
	if int(b2) > st.n {
		b2 = -1
	}
	s0w, s0t := p.tok(s0)
	s1w, s1t := p.tok(s1)
	_, s2t := p.tok(s2)
	b0w, b0t := p.tok(b0)
	b1w, b1t := p.tok(b1)
	_, b2t := p.tok(b2)
	s0x, s1x, b0x, b1x := p.cls(s0), p.cls(s1), p.cls(b0), p.cls(b1)

	var s0l, s0l2, s0r, s0r2, b0l, b0l2, s1r int32 = -1, -1, -1, -1, -1, -1, -1
	var s1vr uint64
	var s0sl, s0sr, b0sl, s1sr uint64
	if s0 >= 0 {
		s0l, s0l2, s0r, s0r2 = st.lc1[s0], st.lc2[s0], st.rc1[s0], st.rc2[s0]
		s0sl, s0sr = st.ls[s0], st.rs[s0]
	}
	b0l, b0l2 = st.lc1[b0], st.lc2[b0]
	b0sl = st.ls[b0]
	if s1 >= 0 {
		s1r = st.rc1[s1]
		s1vr, s1sr = uint64(st.nr[s1]), st.rs[s1]
	}
	s0lw, s0lt := p.tok(s0l)
	s0rw, s0rt := p.tok(s0r)
	b0lw, b0lt := p.tok(b0l)
	_, s0l2t := p.tok(s0l2)
	_, s0r2t := p.tok(s0r2)
	_, b0l2t := p.tok(b0l2)
	_, s1rt := p.tok(s1r)
	d := uint64(8) // no s0
	if s0 >= 0 {
		d = dist(s0, b0)
	}
	d1 := uint64(8)
	if s1 >= 0 {
		d1 = dist(s1, s0)
	}
	// words, alone and with their tags
	h[0] = f2(1, s0w, s0t)
	h[1] = f1(2, s0w)
	h[2] = f2(4, s1w, s1t)
	h[3] = f1(5, s1w)
	h[4] = f2(7, b0w, b0t)
	h[5] = f1(8, b0w)
	h[6] = f2(10, b1w, b1t)
	h[7] = f1(11, b1w)
	h[8] = f2(85, s0w, s0x)
	h[9] = f2(86, b0w, b0x)
	// pairs with words
	h[10] = f4(15, s0w, s0t, b0w, b0t)
	h[11] = f3(16, s0w, s0t, b0w)
	h[12] = f3(17, s0w, b0w, b0t)
	h[13] = f3(18, s0w, s0t, b0t)
	h[14] = f3(19, s0t, b0w, b0t)
	h[15] = f2(20, s0w, b0w)
	h[16] = f2(24, s1w, s0w)
	h[17] = f4(25, s1w, s1t, s0w, s0t)
	// distance with words
	h[18] = f2(34, s0w, d)
	h[19] = f2(36, b0w, d)
	h[20] = f3(38, s0w, b0w, d)
	// children's words
	h[21] = f1(47, s0lw)
	h[22] = f1(50, s0rw)
	h[23] = f1(53, b0lw)
	// relation sets
	h[24] = f2(62, s0t, s0sr)
	h[25] = f2(63, s0t, s0sl)
	h[26] = f2(64, b0t, b0sl)
	h[27] = f3(65, s1t, s1vr, s1sr)
	// four tags
	h[28] = f4(90, s1t, s0t, b0t, b1t)
	T, X, D := uint64(l.T), uint64(l.X), uint64(l.D)
	b := &l.base
	dd[0] = b[0] + uint32(s0t)
	dd[1] = b[1] + uint32(s1t)
	dd[2] = b[2] + uint32(b0t)
	dd[3] = b[3] + uint32(b1t)
	dd[4] = b[4] + uint32(b2t)
	dd[5] = b[5] + uint32(s2t)
	dd[6] = b[6] + uint32(s0x)
	dd[7] = b[7] + uint32(b0x)
	dd[8] = b[8] + uint32(s1x)
	dd[9] = b[9] + uint32(b1x)
	dd[10] = b[10] + uint32(s0x*X+b0x)
	dd[11] = b[11] + uint32(s0t*T+b0t)
	dd[12] = b[12] + uint32(b0t*T+b1t)
	dd[13] = b[13] + uint32(s1t*T+s0t)
	dd[14] = tri(b[14], T, b0t, b1t, b2t)
	dd[15] = tri(b[15], T, s0t, b0t, b1t)
	dd[16] = tri(b[16], T, s1t, s0t, b0t)
	dd[17] = tri(b[17], T, s2t, s1t, s0t)
	dd[18] = tri(b[18], T, s0t, s0lt, b0t)
	dd[19] = tri(b[19], T, s0t, s0rt, b0t)
	dd[20] = tri(b[20], T, s0t, b0t, b0lt)
	dd[21] = tri(b[21], T, s1t, s1rt, s0t)
	dd[22] = tri(b[22], T, s0t, s0lt, s0l2t)
	dd[23] = tri(b[23], T, s0t, s0rt, s0r2t)
	dd[24] = tri(b[24], T, b0t, b0lt, b0l2t)
	dd[25] = tri(b[25], T, s1t, s0t, s0lt)
	dd[26] = tri(b[26], T, s1t, s0t, s0rt)
	dd[27] = tri(b[27], T, s1t, b0t, b1t)
	dd[28] = tri(b[28], T, s0t, b1t, b2t)
	dd[29] = b[29] + uint32(s0t*D+d)
	dd[30] = b[30] + uint32(b0t*D+d)
	dd[31] = b[31] + uint32((s0t*T+b0t)*D+d)
	dd[32] = b[32] + uint32((s1t*T+s0t)*D+d1)
	dd[33] = b[33] + uint32(s0lt)
	dd[34] = b[34] + uint32(s0rt)
	dd[35] = b[35] + uint32(b0lt)
	dd[36] = b[36] + uint32(st.labelOf(s0l))
	dd[37] = b[37] + uint32(st.labelOf(s0r))
	dd[38] = b[38] + uint32(st.labelOf(b0l))
	dd[39] = b[39] + uint32(st.labelOf(s0l2))
	dd[40] = b[40] + uint32(st.labelOf(s0r2))
	dd[41] = b[41] + uint32(st.labelOf(b0l2))
}

// labelFeatures appends the features of the arc head → dep for the
// labeler, keyed by the arc's label group g (the tags of both ends and the
// direction are in g).
func labelFeatures(dst []uint64, st *state, p *parseInput, dep, head int32, g uint64) []uint64 {
	dw, dt := p.tok(dep)
	hw, ht := p.tok(head)
	dc := p.cls(dep) // the group has the UPOS of both ends; this adds the dependent's Penn tag
	d := dist(dep, head)
	l1, l2, r1 := st.lc1[dep], st.lc2[dep], st.rc1[dep]
	l2w, _ := p.tok(l2)
	l1w, l1t := p.tok(l1)
	r1w, r1t := p.tok(r1)
	df := p.word(dep).flags
	b := 1000 * (g + 1)
	return append(dst,
		f1(b+101, 0),
		f1(b+102, dw), f1(b+105, hw),
		f2(b+108, dt, d), f2(b+111, dw, hw),
		f1(b+113, st.labelOf(l1)), f1(b+114, st.labelOf(r1)), f1(b+115, l1w), f1(b+117, r1w),
		f1(b+118, st.ls[dep]), f1(b+119, st.rs[dep]), f1(b+124, df), f2(b+122, ht, l1t), f2(b+123, ht, r1t),
		f1(b+120, dc), f1(b+126, st.ls[head]), f1(b+127, st.rs[head]), f1(b+116, l2w),
	)
}

// labelGroup returns the group of relations the labeler chooses among for
// an arc: by the UPOS of the dependent and of the head and the direction.
func labelGroup(p *parseInput, dep, head int32) int {
	du, hu := int(p.upos[p.tags[dep]]), int(p.upos[p.tags[head]])
	g := du*numUPOS + hu
	if head < dep {
		g += numUPOS * numUPOS
	}
	return g
}

// numLabelGroups is the number of label groups.
const numLabelGroups = 2 * numUPOS * numUPOS

// parser is the run-time parser.
type parser struct {
	trans     *transTable
	dir       dirTable
	layout    directLayout
	labels    *varTable
	numLabels int
	rootLabel uint8 // the relation of the root's child, never given to another arc
	// groups lists per label group the relations seen in training, most
	// frequent first; a group seen in no arc has all relations but root.
	groups [numLabelGroups][]uint8
}

// parseScratch is the per-sentence working memory of the parser.
type parseScratch struct {
	st state
	pf parseFeats
	fs []uint64
	in parseInput
}

// parse returns the head (n for the root) and relation of every token of
// the sentence in input. The slices belong to sc.
func (p *parser) parse(sc *parseScratch, in *parseInput) ([]int32, []uint8) {
	st := &sc.st
	n := len(in.tags)
	st.reset(n)
	in.prepare()
	for !st.terminal() {
		ok := st.valid()
		next := -1
		if nValid(ok) == 1 {
			next = onlyValid(ok)
		} else {
			parseFeatures(&sc.pf, st, in, &p.layout)
			var s [3]int32
			p.trans.sumAll(&sc.pf.h, &s)
			p.dir.sumAll(&sc.pf.d, &s)
			for t := range numTransitions {
				if ok[t] && (next < 0 || s[t] > s[next]) {
					next = t
				}
			}
		}
		dep, head := st.apply(next)
		if dep < 0 {
			continue
		}
		if int(head) == n {
			st.setLabel(dep, head, p.rootLabel)
			continue
		}
		g := labelGroup(in, dep, head)
		cands := p.groups[g]
		label := cands[0]
		if len(cands) > 1 {
			sc.fs = labelFeatures(sc.fs[:0], st, in, dep, head, uint64(g))
			var ls [maxChoices]int32
			sumRows(&ls, p.labels, sc.fs, len(cands))
			best := 0
			for k := 1; k < len(cands); k++ {
				if ls[k] > ls[best] {
					best = k
				}
			}
			label = cands[best]
		}
		st.setLabel(dep, head, label)
	}
	return st.heads, st.labels
}
