package ner

import (
	"math"
	"math/bits"
	"sync"
)

// Tag returns the entity mentions of doc in token order; they do not
// overlap and lie inside sentences. Tag is safe to call from many
// goroutines at once; its scratch space comes from a pool.
//
// The first stage scores every token with the full feature set and decodes
// with Viterbi. A second stage, when the model has one, adds weights for
// what the first stage said about the same word elsewhere in the document
// (setHistory) to the first stage's scores and decodes again.
//
// Memory: scores live for one sentence at a time. Beyond its words (one
// entry per distinct token text), a document costs the tagger a word index
// (4 bytes) and a label (1 byte) per token, and per capitalized token its
// best score per label (document agreement): sentences whose scores
// agreement moves are scored again rather than kept.
func (m *Model) Tag(doc Doc) []Mention {
	if doc.numTokens() == 0 || len(doc.Sentences) == 0 {
		return nil
	}
	st, _ := statePool.Get().(*docState)
	if st == nil {
		st = &docState{}
	}
	defer func() {
		st.release()
		statePool.Put(st)
	}()
	st.reset(doc, m)
	var out []Mention
	for k, s := range m.stages {
		hist := k > 0
		if hist {
			st.setHistory(out)
			out = out[:0]
		}
		s.prepareWords(st)
		st.best = st.best[:0]
		for si := range doc.Sentences {
			em := st.scoreSentence(s, m, si, hist)
			if m.DocWeight > 0 {
				st.keepBest(em, si)
			}
			out = st.decodeSentence(em, s.lat, si, out)
		}
		// Rule R3 before agreement too, so that "the Obama administration"
		// votes PERSON with "Barack Obama" instead of pulling it away.
		st.namedHeads(out)
		if m.DocWeight > 0 {
			out = st.agree(out, s, m, hist)
		}
	}
	st.forgetMentions()
	st.appositives(out)
	st.placeOf(out)
	st.namedHeads(out)
	return st.evidence(out)
}

// keptTokens is how many tokens' scores (from the start of a document)
// Tag keeps for document agreement, 68 bytes each: enough for any news
// article, so that agreement reads the scores of a sentence it moves
// instead of computing them again. Sentences past it are scored again.
const keptTokens = 1 << 16

// scoreSentence returns the scores of stage s for every token and tag of
// sentence si (a row of numTags per token), with rule R1 and the known
// mentions applied. They are kept in st.kept when the sentence lies in the
// first keptTokens tokens, else in st.em, valid until the next call.
func (st *docState) scoreSentence(s *stage, m *Model, si int, hist bool) []float32 {
	r := st.doc.Sentences[si]
	var em []float32
	if r.Hi <= keptTokens {
		st.kept = growF32(st.kept, r.Hi*numTags)
		em = st.kept[r.Lo*numTags : r.Hi*numTags]
	} else {
		st.em = grow(st.em, (r.Hi-r.Lo)*numTags)
		em = st.em
	}
	s.sentenceEmissions(st, si, hist, em)
	st.honorifics(em, r, m.Spread*honorificPrior)
	st.known(em, r, m.Spread*knownPrior)
	return em
}

// capital reports whether token i is capitalized: the tokens that vote in
// and are moved by document agreement.
func (st *docState) capital(i int) bool {
	f := st.words[st.tok[i]].flags
	return f&(fInitCap|fAllCap) != 0 && f&fHasLetter != 0
}

// keepBest appends to st.best, for each capitalized token of sentence si,
// each label's best tag score in em (the sentence's scores).
func (st *docState) keepBest(em []float32, si int) {
	r := st.doc.Sentences[si]
	for i := r.Lo; i < r.Hi; i++ {
		if !st.capital(i) {
			continue
		}
		// Without NaNs the maximum of a set is the same in any order (max
		// picks +0 over -0 either way), so the pairs below match a running
		// max over tags.
		e := (*[numTags]float32)(em[(i-r.Lo)*numTags:])
		st.best = append(st.best, [NumLabels]float32{
			e[0],
			max(max(e[1], e[2]), max(e[3], e[4])),
			max(max(e[5], e[6]), max(e[7], e[8])),
			max(max(e[9], e[10]), max(e[11], e[12])),
			max(max(e[13], e[14]), max(e[15], e[16])),
		})
	}
}

// agree nudges each capitalized token toward the labels the same word
// (lower-cased) got at its other places in the document, by weight times
// the share of each label there, and decodes again the sentences whose
// scores moved (scoring them again: scores are kept for one sentence at a
// time). It is one-step label consistency in the spirit of Ratinov and
// Roth's (2009) non-local features: "Obama" tagged PERSON ten times pulls
// a lone "lead over Obama" away from LOC. st.best holds the capitalized
// tokens' best scores per label (keepBest), in token order.
func (st *docState) agree(ms []Mention, s *stage, m *Model, hist bool) []Mention {
	weight := m.DocWeight
	n := st.doc.numTokens()
	st.labels = resize(st.labels, n)
	for _, m := range ms {
		for i := m.Lo; i < m.Hi; i++ {
			st.labels[i] = m.Label
		}
	}
	// Each capitalized token votes for its label with its margin: how far
	// its own scores prefer that label to the next best.
	st.votes = resize(st.votes, len(st.best))
	st.sums = resize(st.sums, len(st.gseen))
	c := 0 // capitalized tokens so far
	for _, r := range st.doc.Sentences {
		for i := r.Lo; i < r.Hi; i++ {
			if !st.capital(i) {
				continue
			}
			best := &st.best[c]
			own := st.labels[i]
			other := float32(math.Inf(-1))
			for l, x := range best {
				if Label(l) != own {
					other = max(other, x)
				}
			}
			v := max(best[own]-other, 0) + 1
			st.votes[c] = v
			st.sums[st.group[st.tok[i]]][own] += v
			c++
		}
	}
	out := make([]Mention, 0, len(ms)) // the caller's result: never pooled
	j := 0                             // next mention of ms
	c = 0
	for si, r := range st.doc.Sentences {
		st.moves = st.moves[:0]
		for i := r.Lo; i < r.Hi; i++ {
			if !st.capital(i) {
				continue
			}
			sums := st.sums[st.group[st.tok[i]]] // a copy: the other places' votes
			own := st.labels[i]
			sums[own] -= st.votes[c]
			c++
			var total float32
			disagree := false
			for l, x := range sums {
				total += x
				if x > 0.5 && Label(l) != own {
					disagree = true
				}
			}
			if !disagree {
				continue
			}
			mv := move{i: i}
			for l, x := range sums {
				mv.q[l] = weight * x / total
			}
			st.moves = append(st.moves, mv)
		}
		start := j
		for j < len(ms) && ms[j].Lo < r.Hi {
			j++
		}
		if len(st.moves) == 0 {
			out = append(out, ms[start:j]...)
			continue
		}
		var em []float32
		if r.Hi <= keptTokens {
			em = st.kept[r.Lo*numTags : r.Hi*numTags]
		} else {
			em = st.scoreSentence(s, m, si, hist)
		}
		for _, mv := range st.moves {
			e := (*[numTags]float32)(em[(mv.i-r.Lo)*numTags:])
			for t := range e {
				e[t] += mv.q[tagLabels[t]]
			}
		}
		out = st.decodeSentence(em, s.lat, si, out)
	}
	return out
}

// move is document agreement's change to one token's scores: q[l] is
// added to the scores of every tag of label l.
type move struct {
	i int
	q [NumLabels]float32
}

// knownPrior is the weight, in units of Model.Spread, that Doc.Known adds
// to each of its tokens' tags: enough to beat any tagger score.
const knownPrior = 4

// known raises by w the scores of the tags of Doc.Known in sentence r,
// whose scores em holds.
func (st *docState) known(em []float32, r Range, w float32) {
	for _, k := range st.doc.Known {
		if k.Label == None || k.Label >= NumLabels || k.Lo < 0 || k.Hi > st.doc.numTokens() || k.Hi <= k.Lo {
			continue
		}
		for i := max(k.Lo, r.Lo); i < min(k.Hi, r.Hi); i++ {
			pos := posI
			switch {
			case k.Hi-k.Lo == 1:
				pos = posU
			case i == k.Lo:
				pos = posB
			case i == k.Hi-1:
				pos = posL
			}
			em[(i-r.Lo)*numTags+tagOf(k.Label, pos)] += w
		}
	}
}

// honorificPrior is the weight, in units of Model.Spread, of rule R1.
const honorificPrior = 0.5

// honorifics applies rule R1 to sentence r, whose scores em holds: an
// honorific that marks a person ("Mr.", "Mrs.", "Ms.", "Miss", "Mx.",
// "Dr." and their forms without the period, and a few titles such as
// "President" and "Sen.") followed by a capitalized word makes that word
// likely to start a PERSON and the honorific itself unlikely to be inside
// any entity (CoNLL-2003 leaves honorifics out of names). CoNLL's Reuters
// text has almost no "Mr.", so the model cannot learn this from its
// training data; news text is full of it.
func (st *docState) honorifics(em []float32, r Range, w float32) {
	if w == 0 {
		return
	}
	for i := r.Lo; i+1 < r.Hi; i++ {
		if st.words[st.tok[i]].flags&fHonorific == 0 || st.words[st.tok[i+1]].flags&fInitCap == 0 {
			continue
		}
		k := i - r.Lo
		h := em[k*numTags : (k+1)*numTags]
		for t := 1; t < numTags; t++ {
			h[t] -= w
		}
		n := em[(k+1)*numTags : (k+2)*numTags]
		n[tagOf(PER, posB)] += w
		n[tagOf(PER, posU)] += w
	}
}

func isHonorific(lower string) bool {
	switch lower {
	case "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "mx.", "dr.", "dr", "messrs.", "mme.", "mme", "mlle.",
		// Titles that stand only before a person's name, never inside an
		// organisation's ("General Motors" and "Justice Department" are
		// why "general" and "justice" are not here).
		"president", "sen.", "senator", "rep.", "gov.", "governor", "mayor", "chancellor":
		return true
	}
	return false
}

// statePool recycles tagging state between Tag calls (and goroutines).
var statePool sync.Pool

// prepareWords sets st.wv to every distinct word's sums of stage s's word
// features at the five window offsets: the stage's own for cached words
// and the padding, else computed into st.vecs (uncached words only).
func (s *stage) prepareWords(st *docState) {
	const vl = 5 * numTags
	uncached := 0
	for k := range st.words {
		if int32(k) != st.pad && (st.cached[k] < 0 || s.cache == nil) {
			uncached++
		}
	}
	st.vecs = growI32(st.vecs, uncached*vl)
	st.wv = st.wv[:0]
	u := 0
	for k := range st.words {
		switch g := st.cached[k]; {
		case int32(k) == st.pad:
			st.wv = append(st.wv, &s.pad)
		case g >= 0 && s.cache != nil:
			st.wv = append(st.wv, (*[vl]int32)(s.cache[int(g)*vl:]))
		default:
			v := (*[vl]int32)(st.vecs[u*vl:])
			u++
			st.hashes = s.wordSums(v, &st.words[k], st.hashes)
			st.wv = append(st.wv, v)
		}
	}
}

// sentenceEmissions writes into em the stage's scores for every token and
// tag of sentence si (a row of numTags per token). Word features come from
// st.wv (prepareWords); with hist, the features of setHistory's
// predictions are added.
//
// Sums are int32, converted to float32 once per token and tag. Every
// weight is an int16, and a token has at most 136 features (40 word
// features over the window, 8 local, 84 gazetteer, 3 history, the bias),
// so no partial sum reaches 136*32767 < 2^24, below which float32 holds
// integers exactly: the result is the float32 sum in any order.
func (s *stage) sentenceEmissions(st *docState, si int, hist bool, em []float32) {
	r := st.doc.Sentences[si]
	gaz := st.sentenceGaz(si)
	for i := r.Lo; i < r.Hi; i++ {
		acc := s.bias
		if i-2 >= r.Lo && i+2 < r.Hi {
			// No padding in the window: the common case, unrolled.
			tok := (*[5]int32)(st.tok[i-2:])
			addRow32(&acc, (*[numTags]int32)(st.wv[tok[0]][0*numTags:]))
			addRow32(&acc, (*[numTags]int32)(st.wv[tok[1]][1*numTags:]))
			addRow32(&acc, (*[numTags]int32)(st.wv[tok[2]][2*numTags:]))
			addRow32(&acc, (*[numTags]int32)(st.wv[tok[3]][3*numTags:]))
			addRow32(&acc, (*[numTags]int32)(st.wv[tok[4]][4*numTags:]))
		} else {
			for o := -2; o <= 2; o++ {
				addRow32(&acc, (*[numTags]int32)(st.wv[st.wordAt(r, i+o)][(o+2)*numTags:]))
			}
		}
		st.hashes = st.appendLocalFeatures(st.hashes[:0], si, i)
		s.addGaz(&acc, gaz, r, i)
		if hist {
			st.hashes = st.appendHistoryFeatures(st.hashes, si, i)
		}
		s.addAll(&acc, st.hashes)
		toFloat32((*[numTags]float32)(em[(i-r.Lo)*numTags:]), &acc)
	}
}

// emissions returns the stage's scores for every token and tag of the
// document (a row of numTags per token; rows of tokens outside sentences
// stay zero), without rule R1 or known mentions: for training and
// inspection, which want the whole document's at once. The result is
// newly allocated.
func (s *stage) emissions(st *docState, hist bool) []float32 {
	em := make([]float32, st.doc.numTokens()*numTags)
	s.prepareWords(st)
	for si, r := range st.doc.Sentences {
		s.sentenceEmissions(st, si, hist, em[r.Lo*numTags:r.Hi*numTags])
	}
	return em
}

// wordSums sets v to the sums of the weights of w's word features at each
// window offset (numTags per offset, offsets -2..2). It returns hashes,
// its scratch space.
func (s *stage) wordSums(v *[5 * numTags]int32, w *word, hashes []uint64) []uint64 {
	clear(v[:])
	var ends [5]int
	hashes = hashes[:0]
	for o := -2; o <= 2; o++ {
		hashes = appendTypeFeatures(hashes, w, o)
		ends[o+2] = len(hashes)
	}
	// All offsets' features in one lookup, for more overlapping misses.
	var buf [64]int32
	rows := s.rowsOf(buf[:0], hashes)
	j := 0
	for k, end := range ends {
		vo := (*[numTags]int32)(v[k*numTags:])
		for ; j < end; j++ {
			r := rows[j]
			if r < 0 {
				continue
			}
			addRow16(vo, (*[numTags]int16)(s.w[int(r)*numTags:]))
		}
	}
	return hashes
}

// decodeSentence runs Viterbi over em, the scores of sentence si, and
// appends the mentions found.
func (st *docState) decodeSentence(em []float32, lat *lattice, si int, out []Mention) []Mention {
	r := st.doc.Sentences[si]
	n := r.Hi - r.Lo
	if n <= 0 {
		return out
	}
	st.score = grow(st.score, n*numTags)
	st.back = growU8(st.back, n*numTags)
	st.tags = growU8(st.tags, n)
	lat.run(em[:n*numTags], st.score, st.back, st.tags)
	return decodeTags(out, st.tags, r.Lo)
}

// decode runs Viterbi on each sentence of em (the whole document's scores,
// as emissions returns them) and appends the mentions found.
func (st *docState) decode(em []float32, lat *lattice, out []Mention) []Mention {
	for si, r := range st.doc.Sentences {
		out = st.decodeSentence(em[r.Lo*numTags:r.Hi*numTags], lat, si, out)
	}
	return out
}

func grow(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}

// growF32 returns b extended to length n, keeping its contents.
func growF32(b []float32, n int) []float32 {
	if cap(b) < n {
		nb := make([]float32, n, max(n, min(2*cap(b), keptTokens*numTags)))
		copy(nb, b)
		return nb
	}
	return b[:max(len(b), n)]
}

func growI32(b []int32, n int) []int32 {
	if cap(b) < n {
		return make([]int32, n)
	}
	return b[:n]
}

func growU8(b []uint8, n int) []uint8 {
	if cap(b) < n {
		return make([]uint8, n)
	}
	return b[:n]
}

// add adds the weights of feature h, if the stage knows it, to v.
func (s *stage) add(v *[numTags]int32, h uint64) {
	r := s.row(h)
	if r < 0 {
		return
	}
	addRow16(v, (*[numTags]int16)(s.w[int(r)*numTags:]))
}

// addAll adds to v the weights of every feature of hs that the stage
// knows, as add does for each.
func (s *stage) addAll(v *[numTags]int32, hs []uint64) {
	var buf [32]int32
	for _, r := range s.rowsOf(buf[:0], hs) {
		if r < 0 {
			continue
		}
		addRow16(v, (*[numTags]int16)(s.w[int(r)*numTags:]))
	}
}

// rowsOf appends to dst the row of each feature of hs, -1 for a feature
// the stage does not know. It reads the home slots of a batch of features
// before probing any: loads that do not depend on one another, so that
// their cache misses overlap instead of each waiting behind the branches
// of the previous probe.
func (s *stage) rowsOf(dst []int32, hs []uint64) []int32 {
	const batch = 32
	var first [batch]slot
	// shift < 64: newStage makes at least 2 slots. &63 spares the
	// compiler's handling of larger shifts.
	slots, shift := s.slots, s.shift&63
	mask := uint64(len(slots) - 1)
	for len(hs) > 0 {
		b := hs[:min(batch, len(hs))]
		hs = hs[len(b):]
		for j, h := range b {
			// s.home(key32(h)), with the stage's fields in registers
			first[j] = slots[(uint64(key32(h))*0x9E3779B97F4A7C15)>>shift]
		}
		for j, h := range b {
			k, e := key32(h), first[j]
			r := int32(e.row)
			if e.key != k {
				r = -1
				if e.key != 0 {
					r = s.probe(k, (s.home(k)+1)&mask)
				}
			}
			dst = append(dst, r)
		}
	}
	return dst
}

// viterbi writes into tags the best BILOU sequence for emission scores em
// (n x numTags) under transition weights trans ((numTags+1) x numTags, the
// last row for the start) and end weights; invalid transitions are never
// taken.
func viterbi(trans, end, em, score []float32, back []uint8, tags []uint8) {
	v := newLattice(trans, end)
	v.run(em, score, back, tags)
}

const nOpen = 1 + 2*(NumLabels-1) // tags that start fresh: O, B-x, U-x

// lattice holds a stage's transition weights rearranged for BILOU: an
// opener (O, B-x, U-x) follows a closer (O, L-x, U-x); I-x and L-x follow
// B-x or I-x of the same label. Fixed-size arrays let the compiler drop
// bounds checks in the inner loops.
type lattice struct {
	co    [nOpen][nOpen]float32     // [opener][closer]
	in    [NumLabels - 1][4]float32 // per label: B->I, I->I, B->L, I->L
	start [numTags]float32
	end   [numTags]float32
	// oWins is the lead of the previous O over every other closer past
	// which O is the best predecessor of every opener:
	// max over openers t and closers p != O of trans[p][t] - trans[O][t].
	oWins float32
}

func newLattice(trans, end []float32) *lattice {
	v := &lattice{}
	for i, t := range openers {
		for j, p := range closers {
			v.co[i][j] = trans[int(p)*numTags+int(t)]
		}
	}
	for l := range NumLabels - 1 {
		b, in, last := 1+4*l+posB, 1+4*l+posI, 1+4*l+posL
		v.in[l] = [4]float32{trans[b*numTags+in], trans[in*numTags+in], trans[b*numTags+last], trans[in*numTags+last]}
	}
	copy(v.start[:], trans[numTags*numTags:])
	copy(v.end[:], end)
	v.oWins = float32(math.Inf(-1))
	for i := range nOpen {
		for j := 1; j < nOpen; j++ {
			v.oWins = max(v.oWins, v.co[i][j]-v.co[i][0])
		}
	}
	return v
}

func (v *lattice) run(em, score []float32, back []uint8, tags []uint8) {
	n := len(tags)
	negInf := float32(math.Inf(-1))
	for t := 0; t < numTags; t++ {
		if validStart(t) {
			score[t] = em[t] + v.start[t]
		} else {
			score[t] = negInf
		}
	}
	co, in := &v.co, &v.in
	for i := 1; i < n; i++ {
		prev := (*[numTags]float32)(score[(i-1)*numTags:])
		cur := (*[numTags]float32)(score[i*numTags:])
		e := (*[numTags]float32)(em[i*numTags:])
		bk := (*[numTags]uint8)(back[i*numTags:])
		// Openers (O, B-x, U-x) follow a closer: O, L-x or U-x. O beats
		// every other closer as the predecessor of every opener when its
		// lead over each of them is at least oWins: the common case, a
		// token far from any entity. The eight tests are independent (no
		// chain of max through the closers), and fl(c0-x) is
		// non-increasing in x, so this is the same test as
		// c0 - max(closers) >= oWins, infinities included.
		c0, ow := prev[0], v.oWins
		if c0-prev[3] >= ow && c0-prev[4] >= ow && c0-prev[7] >= ow && c0-prev[8] >= ow &&
			c0-prev[11] >= ow && c0-prev[12] >= ow && c0-prev[15] >= ow && c0-prev[16] >= ow {
			cur[0], bk[0] = c0+co[0][0]+e[0], 0
			cur[1], bk[1] = c0+co[1][0]+e[1], 0
			cur[4], bk[4] = c0+co[2][0]+e[4], 0
			cur[5], bk[5] = c0+co[3][0]+e[5], 0
			cur[8], bk[8] = c0+co[4][0]+e[8], 0
			cur[9], bk[9] = c0+co[5][0]+e[9], 0
			cur[12], bk[12] = c0+co[6][0]+e[12], 0
			cur[13], bk[13] = c0+co[7][0]+e[13], 0
			cur[16], bk[16] = c0+co[8][0]+e[16], 0
		} else {
			cs := [nOpen]float32{prev[0], prev[3], prev[4], prev[7], prev[8], prev[11], prev[12], prev[15], prev[16]}
			bestOpeners(cur, bk, e, &cs, co)
		}
		// I-x and L-x follow B-x or I-x of the same label.
		if sb, si := prev[1]+in[0][0], prev[2]+in[0][1]; sb >= si {
			cur[2], bk[2] = sb+e[2], 1
		} else {
			cur[2], bk[2] = si+e[2], 2
		}
		if sb, si := prev[1]+in[0][2], prev[2]+in[0][3]; sb >= si {
			cur[3], bk[3] = sb+e[3], 1
		} else {
			cur[3], bk[3] = si+e[3], 2
		}
		if sb, si := prev[5]+in[1][0], prev[6]+in[1][1]; sb >= si {
			cur[6], bk[6] = sb+e[6], 5
		} else {
			cur[6], bk[6] = si+e[6], 6
		}
		if sb, si := prev[5]+in[1][2], prev[6]+in[1][3]; sb >= si {
			cur[7], bk[7] = sb+e[7], 5
		} else {
			cur[7], bk[7] = si+e[7], 6
		}
		if sb, si := prev[9]+in[2][0], prev[10]+in[2][1]; sb >= si {
			cur[10], bk[10] = sb+e[10], 9
		} else {
			cur[10], bk[10] = si+e[10], 10
		}
		if sb, si := prev[9]+in[2][2], prev[10]+in[2][3]; sb >= si {
			cur[11], bk[11] = sb+e[11], 9
		} else {
			cur[11], bk[11] = si+e[11], 10
		}
		if sb, si := prev[13]+in[3][0], prev[14]+in[3][1]; sb >= si {
			cur[14], bk[14] = sb+e[14], 13
		} else {
			cur[14], bk[14] = si+e[14], 14
		}
		if sb, si := prev[13]+in[3][2], prev[14]+in[3][3]; sb >= si {
			cur[15], bk[15] = sb+e[15], 13
		} else {
			cur[15], bk[15] = si+e[15], 14
		}
	}
	last := score[(n-1)*numTags : n*numTags]
	best, arg := negInf, 0
	for t := 0; t < numTags; t++ {
		if !validEnd(t) {
			continue
		}
		if s := last[t] + v.end[t]; s > best {
			best, arg = s, t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
}

// bestOpeners sets the score and back pointer of every opener from the
// closers' scores cs (in the order of closers): the best closer plus the
// transition, the first in that order on ties. Unrolled by hand (see
// rows.go), for the tag layout that TestClosersLayout pins.
func bestOpeners(cur *[numTags]float32, bk *[numTags]uint8, e *[numTags]float32, cs *[nOpen]float32, co *[nOpen][nOpen]float32) {
	var best float32
	var arg uint8
	// opener 0
	best, arg = cs[0]+co[0][0], 0
	if s := cs[1] + co[0][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[0][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[0][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[0][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[0][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[0][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[0][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[0][8]; s > best {
		best, arg = s, 16
	}
	cur[0], bk[0] = best+e[0], arg
	// opener 1
	best, arg = cs[0]+co[1][0], 0
	if s := cs[1] + co[1][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[1][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[1][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[1][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[1][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[1][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[1][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[1][8]; s > best {
		best, arg = s, 16
	}
	cur[1], bk[1] = best+e[1], arg
	// opener 4
	best, arg = cs[0]+co[2][0], 0
	if s := cs[1] + co[2][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[2][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[2][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[2][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[2][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[2][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[2][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[2][8]; s > best {
		best, arg = s, 16
	}
	cur[4], bk[4] = best+e[4], arg
	// opener 5
	best, arg = cs[0]+co[3][0], 0
	if s := cs[1] + co[3][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[3][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[3][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[3][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[3][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[3][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[3][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[3][8]; s > best {
		best, arg = s, 16
	}
	cur[5], bk[5] = best+e[5], arg
	// opener 8
	best, arg = cs[0]+co[4][0], 0
	if s := cs[1] + co[4][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[4][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[4][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[4][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[4][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[4][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[4][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[4][8]; s > best {
		best, arg = s, 16
	}
	cur[8], bk[8] = best+e[8], arg
	// opener 9
	best, arg = cs[0]+co[5][0], 0
	if s := cs[1] + co[5][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[5][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[5][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[5][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[5][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[5][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[5][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[5][8]; s > best {
		best, arg = s, 16
	}
	cur[9], bk[9] = best+e[9], arg
	// opener 12
	best, arg = cs[0]+co[6][0], 0
	if s := cs[1] + co[6][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[6][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[6][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[6][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[6][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[6][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[6][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[6][8]; s > best {
		best, arg = s, 16
	}
	cur[12], bk[12] = best+e[12], arg
	// opener 13
	best, arg = cs[0]+co[7][0], 0
	if s := cs[1] + co[7][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[7][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[7][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[7][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[7][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[7][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[7][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[7][8]; s > best {
		best, arg = s, 16
	}
	cur[13], bk[13] = best+e[13], arg
	// opener 16
	best, arg = cs[0]+co[8][0], 0
	if s := cs[1] + co[8][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[8][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[8][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[8][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[8][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[8][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[8][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[8][8]; s > best {
		best, arg = s, 16
	}
	cur[16], bk[16] = best+e[16], arg
}

// openers are the tags that may follow a closed position (O, L-x, U-x):
// O, B-x and U-x; closers are the tags after which an entity is closed.
var openers, closers = func() (op, cl [nOpen]uint8) {
	op[0], cl[0] = 0, 0
	for l := 0; l < NumLabels-1; l++ {
		op[1+2*l], op[2+2*l] = uint8(1+4*l+posB), uint8(1+4*l+posU)
		cl[1+2*l], cl[2+2*l] = uint8(1+4*l+posL), uint8(1+4*l+posU)
	}
	return op, cl
}()

// setHistory records, for every capitalized token, what the earlier stage
// said about the same word (by lower-cased form) across the document: the
// majority label and the set of labels seen.
func (st *docState) setHistory(ms []Mention) {
	st.hist = resize(st.hist, st.doc.numTokens())
	st.labels = resize(st.labels, st.doc.numTokens())
	if st.counts == nil {
		st.counts = make(map[uint64]*[NumLabels]uint16)
	}
	clear(st.counts)
	for _, m := range ms {
		for i := m.Lo; i < m.Hi; i++ {
			st.labels[i] = m.Label
		}
	}
	for _, r := range st.doc.Sentences {
		for i := r.Lo; i < r.Hi; i++ {
			w := &st.words[st.tok[i]]
			if w.flags&(fInitCap|fAllCap) == 0 {
				continue
			}
			c := st.counts[w.title]
			if c == nil {
				c = new([NumLabels]uint16)
				st.counts[w.title] = c
			}
			c[st.labels[i]]++
		}
	}
	for i := range st.hist {
		w := &st.words[st.tok[i]]
		c := st.counts[w.title]
		if c == nil || w.flags&(fInitCap|fAllCap) == 0 {
			st.hist[i] = 0
			continue
		}
		var mask uint8
		maj, best := 0, uint16(0)
		for l := 1; l < NumLabels; l++ {
			if c[l] > 0 {
				mask |= 1 << (l - 1)
			}
			if c[l] > best {
				maj, best = l, c[l]
			}
		}
		st.hist[i] = uint8(maj)<<4 | mask | 0x80
	}
}

// gazTemplates are the gazetteer feature templates: the match at the
// token, at its left neighbour and at its right neighbour.
var gazTemplates = [3]byte{cGaz, cGazL, cGazR}

// addGaz adds to e the weights of the gazetteer features of token i of
// sentence r (those appendGazFeatures hashes), read from s.gazRows; gaz
// holds the sentence's matches (sentenceGaz). The sums are of integers
// (int16 weights), so the order of additions does not change the result.
func (s *stage) addGaz(e *[numTags]int32, gaz []uint64, r Range, i int) {
	add := func(c int, g uint64) {
		for ; g != 0; g &= g - 1 {
			addRow32(e, &s.gazRows[c][bits.TrailingZeros64(g)])
		}
	}
	k := i - r.Lo
	add(0, gaz[k])
	if i > r.Lo {
		add(1, gaz[k-1])
	}
	if i+1 < r.Hi {
		add(2, gaz[k+1])
	}
}
