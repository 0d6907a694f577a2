package syntax

import (
	"cmp"
	"slices"
)

// wordCache holds the features and the tagger's word-only sums of the most
// frequent words of training, so that a document's frequent words cost a
// lookup instead of their preparation (prepareWord) and their 5 x 28 row
// additions (tagModel.wordSums). Both are pure functions of the word and
// the model, so the cache changes no output.
type wordCache struct {
	slots []uint32 // open addressing by strHash: word index + 1; 0 = empty
	offs  []uint32 // word k is blob[offs[k]:offs[k+1]]
	blob  string
	words []word
	sums  []int32 // per word: its pass-1 sums at the five offsets, numUPOS each
}

// cacheWords is the number of words the cache holds.
const cacheWords = 2048

// perWord is the number of cached sums per word.
const perWord = len(offsets) * numUPOS

// find returns the index of w (whose strHash is h), or -1.
func (c *wordCache) find(w string, h uint32) int {
	if len(c.slots) == 0 {
		return -1
	}
	mask := uint32(len(c.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := c.slots[i]
		if e == 0 {
			return -1
		}
		k := int(e - 1)
		if c.blob[c.offs[k]:c.offs[k+1]] == w {
			return k
		}
	}
}

// buildCache returns the cache of tagger t for the cacheWords most frequent
// token texts of train (ties by text), pass 1's sums only.
func buildCache(t *tagModel, train []Sentence) wordCache {
	counts := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			counts[w]++
		}
	}
	ws := sortedKeys(counts)
	slices.SortStableFunc(ws, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	ws = ws[:min(len(ws), cacheWords)]
	c := wordCache{offs: []uint32{0}}
	size := 16
	for size < 2*len(ws) {
		size <<= 1
	}
	c.slots = make([]uint32, size)
	var blob []byte
	var buf []byte
	var fs []uint64
	for k, w := range ws {
		blob = append(blob, w...)
		c.offs = append(c.offs, uint32(len(blob)))
		var x word
		buf = prepareWord(&x, w, buf, &t.dict)
		c.words = append(c.words, x)
		sums := make([]int32, perWord)
		for j, off := range offsets {
			fs = wordFeats(fs[:0], &x, off, 1)
			t.sumWord((*[numUPOS]int32)(sums[j*numUPOS:]), t.pass1, fs)
		}
		c.sums = append(c.sums, sums...)
		mask := uint32(size - 1)
		i := strHash(w) & mask
		for c.slots[i] != 0 {
			i = (i + 1) & mask
		}
		c.slots[i] = uint32(k + 1)
	}
	c.blob = string(blob)
	return c
}

// wordFields is the number of uint64 a cached word is stored as.
const wordFields = 17

// appendWord appends x's fields to dst, in the order decodeWord reads them.
func appendWord(dst []uint64, x *word) []uint64 {
	return append(dst, x.form, x.lower, x.shape, x.pre[0], x.pre[1], x.pre[2],
		x.suf[0], x.suf[1], x.suf[2], x.suf[3], x.cl[0], x.cl[1], x.cl[2],
		x.rank, x.flags, x.dict, uint64(x.fixed))
}

// decodeWord returns the word stored in f (wordFields values).
func decodeWord(f []uint64) word {
	f = f[:wordFields]
	return word{form: f[0], lower: f[1], shape: f[2], pre: [3]uint64{f[3], f[4], f[5]},
		suf: [4]uint64{f[6], f[7], f[8], f[9]}, cl: [3]uint64{f[10], f[11], f[12]},
		rank: f[13], flags: f[14], dict: f[15], fixed: uint8(f[16])}
}
