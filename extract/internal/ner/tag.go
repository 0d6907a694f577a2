package ner

import (
	"math"
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
