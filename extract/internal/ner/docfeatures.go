package ner

import "math/bits"

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
