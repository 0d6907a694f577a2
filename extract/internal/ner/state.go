package ner

import "math/bits"

// lexicon holds the word lists the features consult. It is read-only after
// loading.
type lexicon struct {
	caseBucket table    // lower-form hash -> case bucket + 1
	cluster    table    // lower-form hash -> cluster + 1 (FeatOwnClusters)
	gaz        table    // hash of lower-cased entry tokens -> gazetteer type mask | gzPrefix
	gazMax     int      // longest entry, in tokens
	feat       Features // optional feature groups
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
	gzEvent   // event, competition and league words (MISC)
	gzLocHead // heads of geographic names (LOC)
	gzWnPer   // WordNet instance nouns: people
	gzWnLoc   // ... places
	gzWnOrg   // ... groups and organisations
	gzWnMisc  // ... battles, wars, works, events (names of two words or more)
	numGaz
)

// gzPrefix marks a gazetteer key that is a proper prefix of a longer entry,
// so matching goes on to the next token.
const gzPrefix = 1 << 15

// At most 15 gazetteer types: type masks are 15 bits beside gzPrefix, and
// a token's matches (docState.gaz) are type*4+BILOU position bits of a
// uint64.
var _ = [1]int{}[(numGaz-1)/15]

// Document-level word facts.
const (
	dSeenLower = 1 << iota // the lower-cased form occurs as an all-lower-case token
	dSeenTitle             // occurs capitalized inside a sentence that is not all caps
)

// docState is the analysed document: distinct words and the facts that
// features read, plus scratch space for tagging. Tag takes one from a pool
// and resets it, so tagging allocates little once the pool is warm.
type docState struct {
	doc     Doc
	words   []word
	tok     []int32 // word index of each token
	pad     int32   // index of the padding word
	seen    []uint8 // per word: dSeen flags of every word with the same lower-cased form
	caps    []bool  // per sentence: no lower-case letter and some upper-case word
	lex     *lexicon
	gaz     []uint64 // per token of sentence gazSent-1 (index i - Lo): gazetteer type*4+BILOU position bits (sentenceGaz)
	gazSent int
	hist    []uint8          // per token: label votes from an earlier pass (stacking), see setHistory
	cached  []int32          // per word: index in the model's word cache, or -1
	index   map[string]int32 // token -> word, for tokens not in the model's word cache
	cword   []int32          // per cached word of the model: its word here, when cstamp is stamp
	cstamp  []uint32
	stamp   uint32   // this document's stamp
	lkeys   []uint64 // open-addressing table of lower-form hashes (0 = empty)...
	lgroup  []int32  // ... and their groups
	group   []int32  // per word: its group, the words with the same lower-cased form
	gseen   []uint8  // per group: dSeen flags

	// tagging scratch
	em, score  []float32             // one sentence's scores and Viterbi's
	kept       []float32             // the scores of the first keptTokens tokens (scoreSentence)
	best       [][NumLabels]float32  // per capitalized token: best score per label (document agreement)
	moves      []move                // one sentence's agreement changes
	vecs       []int32               // per word not in the model's cache: its feature sums at the 5 window offsets
	wv         []*[5 * numTags]int32 // per word: its sums, in vecs or the model's cache
	back, tags []uint8
	hashes     []uint64
	labels     []Label
	counts     map[uint64]*[NumLabels]uint16
	sums       [][NumLabels]float32 // per group
	votes      []float32            // per capitalized token
	mcounts    map[uint64]int32     // mentions per word sequence (mentionCount)
	mcounted   bool
}

func resize[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// newDocState analyses doc for model m (its lexicon and word cache).
func newDocState(doc Doc, m *Model) *docState {
	st := &docState{}
	st.reset(doc, m)
	return st
}

// release drops the references to the caller's document so that a pooled
// state does not keep it alive.
func (st *docState) release() {
	st.doc = Doc{}
	clear(st.words)
	st.words = st.words[:0]
	clear(st.index)
	clear(st.counts)
	st.forgetMentions()
	clear(st.wv)
	st.wv = st.wv[:0]
	// A pooled state keeps its buffers for the next document, but not
	// those a huge document grew: they would stay alive in the pool.
	if len(st.tok) > pooledTokens {
		st.tok, st.labels, st.hist, st.best, st.votes = nil, nil, nil, nil, nil
		st.words, st.cached, st.seen, st.group, st.wv, st.vecs = nil, nil, nil, nil, nil, nil
		st.lkeys, st.lgroup, st.gseen, st.sums, st.index, st.mcounts = nil, nil, nil, nil, nil, nil
	}
}

// pooledTokens is the largest document (in tokens) whose buffers a pooled
// state keeps for the next Tag call.
const pooledTokens = 1 << 18

func (st *docState) reset(doc Doc, m *Model) {
	lex := &m.lex
	st.doc = doc
	st.tok = resize(st.tok, doc.numTokens())
	st.caps = resize(st.caps, len(doc.Sentences))
	st.lex, st.gazSent = lex, 0
	st.hist = st.hist[:0]
	if st.index == nil {
		st.index = make(map[string]int32, 1024)
	}
	clear(st.index)
	st.words = st.words[:0]
	st.cached = st.cached[:0]
	// Words get indices in order of first occurrence. A token in the
	// model's word cache finds its word through the cache index (one map
	// look-up per token, most tokens being frequent words) and a stamped
	// per-state table; only other tokens go through st.index.
	if len(st.cword) != m.cacheInfo.len() {
		st.cword = make([]int32, m.cacheInfo.len())
		st.cstamp = make([]uint32, m.cacheInfo.len())
	}
	st.stamp++
	if st.stamp == 0 {
		clear(st.cstamp)
		st.stamp = 1
	}
	cache := m.cacheInfo.all()
	for i := range doc.numTokens() {
		t := doc.token(i)
		var k int32
		if g := m.cacheIdx.find(t, cache); g >= 0 {
			if st.cstamp[g] == st.stamp {
				k = st.cword[g]
			} else {
				k = int32(len(st.words))
				st.cstamp[g], st.cword[g] = st.stamp, k
				st.words = append(st.words, cache[g])
				st.cached = append(st.cached, g)
			}
		} else if k2, ok := st.index[t]; ok {
			k = k2
		} else {
			k = int32(len(st.words))
			st.index[t] = k
			st.words = append(st.words, newWord(t, lex))
			st.cached = append(st.cached, -1)
		}
		st.tok[i] = k
	}
	st.pad = int32(len(st.words))
	st.words = append(st.words, padWord)
	st.cached = append(st.cached, -1)
	st.seen = resize(st.seen, len(st.words))
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
				st.seen[st.tok[i]] |= dSeenLower
			case i > r.Lo && !st.caps[s] && w.flags&fInitCap != 0 && w.flags&fHasLower != 0 && !isQuoteOrBracket(st.words[st.tok[i-1]].text):
				st.seen[st.tok[i]] |= dSeenTitle
			}
		}
	}
	// Share the flags between the words with the same lower-cased form.
	// Groups are numbered in order of first word, found through an
	// open-addressing table of lower-form hashes (never 0, see fin; they
	// are mixed already, so the low bits serve as the home slot).
	st.group = resize(st.group, len(st.words))
	size := 1
	for size < 2*len(st.words) {
		size <<= 1
	}
	st.lkeys = resize(st.lkeys, size)
	st.lgroup = growI32(st.lgroup, size)
	mask := uint64(size - 1)
	groups := int32(0)
	for k := range st.words {
		t := st.words[k].title
		i := t & mask
		for st.lkeys[i] != 0 && st.lkeys[i] != t {
			i = (i + 1) & mask
		}
		if st.lkeys[i] == 0 {
			st.lkeys[i], st.lgroup[i] = t, groups
			groups++
		}
		st.group[k] = st.lgroup[i]
	}
	st.gseen = resize(st.gseen, int(groups))
	for k, f := range st.seen {
		st.gseen[st.group[k]] |= f
	}
	for k := range st.seen {
		if st.words[k].flags&(fInitCap|fAllCap) != 0 {
			st.seen[k] = st.gseen[st.group[k]]
		}
	}
}

func isQuoteOrBracket(s string) bool {
	return s == "\"" || s == "'" || s == "(" || s == "[" || s == "-" || s == ":" || s == "``"
}

// sentenceGaz returns the gazetteer matches of the tokens of sentence s
// (token i at index i - Lo), computing them unless they are those of the
// last call. Only one sentence's matches are kept, so tagging holds no
// per-token gazetteer state for the whole document.
func (st *docState) sentenceGaz(s int) []uint64 {
	if st.gazSent == s+1 {
		return st.gaz
	}
	r := st.doc.Sentences[s]
	st.gaz = resize(st.gaz, r.Hi-r.Lo)
	if st.lex.gazMax > 0 {
		st.matchGazetteer(r, st.lex)
	}
	st.gazSent = s + 1
	return st.gaz
}

// matchGazetteer marks in st.gaz, for each gazetteer type, the longest
// entry that starts at each capitalized token of sentence r.
func (st *docState) matchGazetteer(r Range, lex *lexicon) {
	gaz := st.gaz[:r.Hi-r.Lo]
	var masks [8]uint16
	for i := r.Lo; i < r.Hi; i++ {
		if st.words[st.tok[i]].flags&(fInitCap|fAllCap) == 0 {
			continue
		}
		n := min(lex.gazMax, r.Hi-i, len(masks))
		h := uint64(fnvOffset)
		found := 0
		for k := 0; k < n; k++ {
			if k > 0 {
				h = hbyte(h, ' ')
			}
			h = hstr(h, st.words[st.tok[i+k]].fold)
			v := lex.gaz.get(fin(h))
			masks[k] = v &^ gzPrefix
			found = k + 1
			if v&gzPrefix == 0 {
				break
			}
		}
		n = found
		var done uint16
		for k := n - 1; k >= 0; k-- {
			mask := masks[k] &^ done
			if mask == 0 {
				continue
			}
			done |= mask
			for g := 0; g < numGaz; g++ {
				if mask&(1<<g) == 0 {
					continue
				}
				if k == 0 {
					gaz[i-r.Lo] |= 1 << uint(g*4+posU)
					continue
				}
				gaz[i-r.Lo] |= 1 << uint(g*4+posB)
				for j := i + 1; j < i+k; j++ {
					gaz[j-r.Lo] |= 1 << uint(g*4+posI)
				}
				gaz[i+k-r.Lo] |= 1 << uint(g*4+posL)
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
	dst = st.appendLocalFeatures(dst, s, i)
	return st.appendGazFeatures(dst, s, i)
}

// appendLocalFeatures appends the context features of token i (in
// sentence s) other than gazetteer matches.
func (st *docState) appendLocalFeatures(dst []uint64, s, i int) []uint64 {
	r := st.doc.Sentences[s]
	w0 := &st.words[st.tok[i]]
	wl := &st.words[st.wordAt(r, i-1)]
	wr := &st.words[st.wordAt(r, i+1)]
	dst = append(dst,
		join(cBigramL, wl.title, w0.title),
		join(cBigramR, w0.title, wr.title),
		join(cShapeTri, wl.shortH, w0.shortH, wr.shortH),
	)
	if i == r.Lo {
		dst = append(dst, fin(hstr(cf(cFirstShape), w0.short)))
	}
	if st.lex.feat&FeatTags != 0 && len(st.doc.Tags) == st.doc.numTokens() {
		tag := func(j int) uint64 {
			if j < r.Lo || j >= r.Hi {
				return fin(hstr(fnvOffset, "<PAD>"))
			}
			return fin(hstr(fnvOffset, st.doc.Tags[j]))
		}
		tl, t0, tr := tag(i-1), tag(i), tag(i+1)
		dst = append(dst, join(cTagL, tl), join(cTag, t0), join(cTagR, tr), join(cTagBiL, tl, t0), join(cTagBiR, t0, tr))
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
		seen := st.seen[st.tok[i]]
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
	return dst
}

// appendGazFeatures appends the gazetteer-match features of token i (in
// sentence s): the matches at the token and at its two neighbours.
// Tagging adds their weights from stage.gazRows instead.
func (st *docState) appendGazFeatures(dst []uint64, s, i int) []uint64 {
	r := st.doc.Sentences[s]
	gaz := st.sentenceGaz(s)
	for g := gaz[i-r.Lo]; g != 0; g &= g - 1 {
		dst = append(dst, fin(hbyte(cf(cGaz), byte(bits.TrailingZeros64(g)))))
	}
	if i > r.Lo {
		for g := gaz[i-1-r.Lo]; g != 0; g &= g - 1 {
			dst = append(dst, fin(hbyte(cf(cGazL), byte(bits.TrailingZeros64(g)))))
		}
	}
	if i+1 < r.Hi {
		for g := gaz[i+1-r.Lo]; g != 0; g &= g - 1 {
			dst = append(dst, fin(hbyte(cf(cGazR), byte(bits.TrailingZeros64(g)))))
		}
	}
	return dst
}

// biasHash is the feature every token has; stages keep its weights apart
// (stage.bias) instead of looking it up per token.
var biasHash = fin(cf(cBias))

// appendHistoryFeatures appends the features of token i (in sentence s)
// that read the earlier stage's predictions for the same word (setHistory).
func (st *docState) appendHistoryFeatures(dst []uint64, s, i int) []uint64 {
	h := st.hist[i]
	if h == 0 {
		return dst
	}
	w0 := &st.words[st.tok[i]]
	var caps byte
	if st.caps[s] {
		caps = 1
	}
	return append(dst, fin(hbyte(cf(cHist), h)), fin(hstr(hbyte(cf(cHistShape), h), w0.short)), fin(hbyte(hbyte(cf(cHistCaps), h), caps)))
}
