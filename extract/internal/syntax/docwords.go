package syntax

// docWords holds the distinct words of a document: the features of each
// are computed once (prepareWord), and so are the tagger's sums of the
// features that read only that word (see tagger).
type docWords struct {
	types []word   // per distinct word
	text  []string // per distinct word: its text
	of    []int32  // per token: its distinct word
	cache []int32  // per distinct word: its index in the model's wordCache, -1 when not cached
	slots []int32  // open addressing by hash of the text: distinct word + 1, 0 = empty
	buf   []byte
}

// strHash is FNV-1a over s, for the distinct-word table only.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// reset analyses the words of a document.
func (d *docWords) reset(words []string, dict *wordDict) { d.resetCached(words, dict, nil) }

// resetCached analyses the words of a document, taking those in wc (when
// not nil) from it.
func (d *docWords) resetCached(words []string, dict *wordDict, wc *wordCache) {
	n := len(words)
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(d.slots) < size {
		d.slots = make([]int32, size)
	}
	d.slots = d.slots[:size]
	clear(d.slots)
	if cap(d.of) < n {
		d.of = make([]int32, n+n/2)
	}
	d.of = d.of[:n]
	d.types, d.text, d.cache = d.types[:0], d.text[:0], d.cache[:0]
	mask := uint32(size - 1)
	for i, w := range words {
		h := strHash(w)
		j := h & mask
		for {
			t := d.slots[j]
			if t == 0 {
				d.text = append(d.text, w)
				k := -1
				if wc != nil {
					k = wc.find(w, h)
				}
				d.cache = append(d.cache, int32(k))
				if k >= 0 {
					d.types = append(d.types, wc.words[k])
				} else {
					d.types = append(d.types, word{})
					d.buf = prepareWord(&d.types[len(d.types)-1], w, d.buf, dict)
				}
				d.slots[j] = int32(len(d.types))
				d.of[i] = int32(len(d.types) - 1)
				break
			}
			if d.text[t-1] == w {
				d.of[i] = t - 1
				break
			}
			j = (j + 1) & mask
		}
	}
}

// release drops the references to the document's strings.
func (d *docWords) release() {
	clear(d.text)
	d.text = d.text[:0]
}
