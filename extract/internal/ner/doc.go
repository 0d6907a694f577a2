package ner

import "math/bits"

// lexicon holds the word lists the features consult. It is read-only after
// loading.
type lexicon struct {
	caseBucket map[uint64]uint8  // lower-form hash -> case bucket + 1
	cluster    map[uint64]uint16 // lower-form hash -> cluster + 1
	gaz        map[uint64]uint8  // hash of lower-cased entry tokens -> gazetteer type mask
	gazMax     int               // longest entry, in tokens
}

// Gazetteer types (bit numbers in lexicon.gaz masks).
const (
	gzCountry = iota
	gzDemonym
	gzCity
	gzFemale
	gzMale
	gzOrg
	gzTitle
	numGaz
)

// Document-level word facts.
const (
	dSeenLower = 1 << iota // the lower-cased form occurs as an all-lower-case token
	dSeenTitle             // occurs capitalized inside a sentence that is not all caps
)

// docState is the analysed document: distinct words and the facts that
// features read. One is built per Tag call (or per training document).
type docState struct {
	doc   Doc
	words []word
	tok   []int32 // word index of each token
	pad   int32   // index of the padding word
	seen  map[uint64]uint8
	caps  []bool   // per sentence: no lower-case letter and some upper-case word
	gaz   []uint32 // per token: gazetteer type*4+BILOU position bits
	hist  []uint8  // per token: label votes from an earlier pass (stacking), see setHistory
}

func newDocState(doc Doc, lex *lexicon) *docState {
	st := &docState{
		doc:  doc,
		tok:  make([]int32, len(doc.Tokens)),
		seen: make(map[uint64]uint8),
		caps: make([]bool, len(doc.Sentences)),
		gaz:  make([]uint32, len(doc.Tokens)),
	}
	index := make(map[string]int32, len(doc.Tokens)/2+1)
	st.words = make([]word, 0, len(doc.Tokens)/2+2)
	for i, t := range doc.Tokens {
		k, ok := index[t]
		if !ok {
			k = int32(len(st.words))
			index[t] = k
			st.words = append(st.words, newWord(t, lex))
		}
		st.tok[i] = k
	}
	st.pad = int32(len(st.words))
	st.words = append(st.words, padWord("<PAD>"))
	for s, r := range doc.Sentences {
		upper, lower := false, false
		for i := r.Lo; i < r.Hi; i++ {
			w := &st.words[st.tok[i]]
			if w.flags&fHasLower != 0 {
				lower = true
			}
			if w.flags&fAllCap != 0 && len(w.text) > 1 {
				upper = true
			}
		}
		st.caps[s] = upper && !lower
		for i := r.Lo; i < r.Hi; i++ {
			w := &st.words[st.tok[i]]
			switch {
			case w.flags&fHasLetter == 0:
			case w.flags&(fInitCap|fAllCap) == 0:
				st.seen[w.title] |= dSeenLower
			case i > r.Lo && !st.caps[s] && w.flags&fInitCap != 0 && w.flags&fHasLower != 0 && !isQuoteOrBracket(st.words[st.tok[i-1]].text):
				st.seen[w.title] |= dSeenTitle
			}
		}
		if lex != nil && lex.gazMax > 0 {
			st.matchGazetteer(r, lex)
		}
	}
	return st
}

func isQuoteOrBracket(s string) bool {
	return s == "\"" || s == "'" || s == "(" || s == "[" || s == "-" || s == ":" || s == "``"
}

// matchGazetteer marks, for each gazetteer type, the longest entry that
// starts at each capitalized token of sentence r.
func (st *docState) matchGazetteer(r Range, lex *lexicon) {
	var hs [8]uint64
	for i := r.Lo; i < r.Hi; i++ {
		if st.words[st.tok[i]].flags&(fInitCap|fAllCap) == 0 {
			continue
		}
		n := min(lex.gazMax, r.Hi-i, len(hs))
		h := uint64(fnvOffset)
		for k := 0; k < n; k++ {
			if k > 0 {
				h = hbyte(h, ' ')
			}
			h = hstr(h, st.words[st.tok[i+k]].lower)
			hs[k] = fin(h)
		}
		var done uint8
		for k := n - 1; k >= 0; k-- {
			mask := lex.gaz[hs[k]] &^ done
			if mask == 0 {
				continue
			}
			done |= mask
			for g := 0; g < numGaz; g++ {
				if mask&(1<<g) == 0 {
					continue
				}
				if k == 0 {
					st.gaz[i] |= 1 << (g*4 + posU)
					continue
				}
				st.gaz[i] |= 1 << (g*4 + posB)
				for j := i + 1; j < i+k; j++ {
					st.gaz[j] |= 1 << (g*4 + posI)
				}
				st.gaz[i+k] |= 1 << (g*4 + posL)
			}
		}
	}
}

// wordAt returns the word index of token i of sentence r, or the padding
// word outside it.
func (st *docState) wordAt(r Range, i int) int32 {
	if i < r.Lo || i >= r.Hi {
		return st.pad
	}
	return st.tok[i]
}

func cf(t byte) uint64 { return hbyte(fnvOffset, t) }

// appendContextFeatures appends the hashes of the features of token i (in
// sentence s) that are not a sum of per-word features: conjunctions,
// sentence and document facts, gazetteer matches.
func (st *docState) appendContextFeatures(dst []uint64, s, i int) []uint64 {
	r := st.doc.Sentences[s]
	w0 := &st.words[st.tok[i]]
	wl := &st.words[st.wordAt(r, i-1)]
	wr := &st.words[st.wordAt(r, i+1)]
	dst = append(dst,
		fin(cf(cBias)),
		fin(hstr(hbyte(hstr(cf(cBigramL), wl.lower), '|'), w0.lower)),
		fin(hstr(hbyte(hstr(cf(cBigramR), w0.lower), '|'), wr.lower)),
		fin(hstr(hbyte(hstr(hbyte(hstr(cf(cShapeTri), wl.short), '|'), w0.short), '|'), wr.short)),
	)
	if i == r.Lo {
		dst = append(dst, fin(hstr(cf(cFirstShape), w0.short)))
	}
	caps := st.caps[s]
	if caps {
		dst = append(dst, fin(cf(cCaps)), fin(hstr(cf(cCapsLower), w0.lower)))
	}
	if w0.flags&(fInitCap|fAllCap) != 0 {
		var where byte = 'm'
		if caps {
			where = 'c'
		} else if i == r.Lo {
			where = 'f'
		}
		seen := st.seen[w0.title]
		if seen&dSeenLower != 0 {
			dst = append(dst, fin(hbyte(cf(cDocLower), where)))
		}
		if where != 'm' {
			if seen&dSeenTitle != 0 {
				dst = append(dst, fin(hbyte(cf(cDocTitle), where)))
			} else {
				dst = append(dst, fin(hbyte(cf(cDocNoTitle), where)))
			}
		}
	}
	for g := st.gaz[i]; g != 0; g &= g - 1 {
		dst = append(dst, fin(hbyte(cf(cGaz), byte(bits.TrailingZeros32(g)))))
	}
	if i > r.Lo {
		for g := st.gaz[i-1]; g != 0; g &= g - 1 {
			dst = append(dst, fin(hbyte(cf(cGazL), byte(bits.TrailingZeros32(g)))))
		}
	}
	if i+1 < r.Hi {
		for g := st.gaz[i+1]; g != 0; g &= g - 1 {
			dst = append(dst, fin(hbyte(cf(cGazR), byte(bits.TrailingZeros32(g)))))
		}
	}
	if st.hist != nil {
		h := st.hist[i]
		dst = append(dst, fin(hbyte(cf(cHist), h)), fin(hstr(hbyte(cf(cHistShape), h), w0.short)))
	}
	return dst
}
