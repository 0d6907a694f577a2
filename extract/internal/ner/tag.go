package ner

import "math"

// Tag returns the entity mentions of doc in token order; they do not
// overlap and lie inside sentences. Tag allocates its scratch space per
// call and is safe to call from many goroutines at once.
func (m *Model) Tag(doc Doc) []Mention {
	if len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		return nil
	}
	st := newDocState(doc, &m.lex)
	var out []Mention
	for k, s := range m.stages {
		if k > 0 {
			st.setHistory(out)
			out = out[:0]
		}
		out = s.tagDoc(st, out)
	}
	return out
}

// tagger holds the per-call scratch space of one stage over one document.
type tagger struct {
	s      *stage
	st     *docState
	cache  []float32 // per word and window offset: summed type-feature weights
	filled []bool
	hashes []uint64
}

func (s *stage) tagDoc(st *docState, out []Mention) []Mention {
	tg := &tagger{
		s:      s,
		st:     st,
		cache:  make([]float32, len(st.words)*5*numTags),
		filled: make([]bool, len(st.words)*5),
	}
	var em, score []float32
	var back []uint8
	var tags []uint8
	for si, r := range st.doc.Sentences {
		n := r.Hi - r.Lo
		if n <= 0 {
			continue
		}
		em = grow(em, n*numTags)
		for i := r.Lo; i < r.Hi; i++ {
			tg.emission(em[(i-r.Lo)*numTags:(i-r.Lo+1)*numTags], si, i)
		}
		score = grow(score, n*numTags)
		back = growU8(back, n*numTags)
		tags = growU8(tags, n)
		viterbi(s.trans, s.end, em[:n*numTags], score, back, tags[:n])
		out = decodeTags(out, tags[:n], r.Lo)
	}
	return out
}

func grow(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}

func growU8(b []uint8, n int) []uint8 {
	if cap(b) < n {
		return make([]uint8, n)
	}
	return b[:n]
}

// wordVec returns the summed weights of word k's type features at offset o.
func (tg *tagger) wordVec(k int32, o int) []float32 {
	j := int(k)*5 + o + 2
	v := tg.cache[j*numTags : (j+1)*numTags]
	if tg.filled[j] {
		return v
	}
	tg.filled[j] = true
	tg.hashes = appendTypeFeatures(tg.hashes[:0], &tg.st.words[k], o)
	for _, h := range tg.hashes {
		tg.s.add(v, h)
	}
	return v
}

func (s *stage) add(v []float32, h uint64) {
	r := s.row(h)
	if r < 0 {
		return
	}
	w := s.w[int(r)*numTags : int(r+1)*numTags]
	for t := range v {
		v[t] += w[t]
	}
}

func (tg *tagger) emission(v []float32, si, i int) {
	clear(v)
	r := tg.st.doc.Sentences[si]
	for o := -2; o <= 2; o++ {
		wv := tg.wordVec(tg.st.wordAt(r, i+o), o)
		for t := range v {
			v[t] += wv[t]
		}
	}
	tg.hashes = tg.st.appendContextFeatures(tg.hashes[:0], si, i)
	for _, h := range tg.hashes {
		tg.s.add(v, h)
	}
}

// viterbi writes into tags the best BILOU sequence for emission scores em
// (n x numTags) under transition weights trans ((numTags+1) x numTags, the
// last row for the start) and end weights; invalid transitions are never
// taken.
func viterbi(trans, end, em, score []float32, back []uint8, tags []uint8) {
	n := len(tags)
	negInf := float32(math.Inf(-1))
	for t := 0; t < numTags; t++ {
		if validStart(t) {
			score[t] = em[t] + trans[numTags*numTags+t]
		} else {
			score[t] = negInf
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*numTags : i*numTags]
		cur := score[i*numTags : (i+1)*numTags]
		for t := 0; t < numTags; t++ {
			best, arg := negInf, 0
			for p := 0; p < numTags; p++ {
				if !validTable[p][t] {
					continue
				}
				if s := prev[p] + trans[p*numTags+t]; s > best {
					best, arg = s, p
				}
			}
			cur[t] = best + em[i*numTags+t]
			back[i*numTags+t] = uint8(arg)
		}
	}
	last := score[(n-1)*numTags : n*numTags]
	best, arg := negInf, 0
	for t := 0; t < numTags; t++ {
		if !validEnd(t) {
			continue
		}
		if s := last[t] + end[t]; s > best {
			best, arg = s, t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
}

var validTable = func() (v [numTags][numTags]bool) {
	for a := range numTags {
		for b := range numTags {
			v[a][b] = validTrans(a, b)
		}
	}
	return v
}()

// setHistory records, for every capitalized token, what the earlier stage
// said about the same word (by lower-cased form) across the document: the
// majority label and the set of labels seen.
func (st *docState) setHistory(ms []Mention) {
	if st.hist == nil {
		st.hist = make([]uint8, len(st.doc.Tokens))
	}
	counts := make(map[uint64]*[NumLabels]uint16)
	tokLabel := make([]Label, len(st.doc.Tokens))
	for _, m := range ms {
		for i := m.Lo; i < m.Hi; i++ {
			tokLabel[i] = m.Label
		}
	}
	for _, r := range st.doc.Sentences {
		for i := r.Lo; i < r.Hi; i++ {
			w := &st.words[st.tok[i]]
			if w.flags&(fInitCap|fAllCap) == 0 {
				continue
			}
			c := counts[w.title]
			if c == nil {
				c = new([NumLabels]uint16)
				counts[w.title] = c
			}
			c[tokLabel[i]]++
		}
	}
	for i := range st.hist {
		w := &st.words[st.tok[i]]
		c := counts[w.title]
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
