package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/internal/wordvec"
)

// Doc is the recognizer's input: the token texts of one document and its
// sentences as token ranges. It is neutral about tokenization, so the
// trainer feeds CoNLL tokens and saywho feeds its own.
type Doc struct {
	Tokens []string
	// Source, when not nil, gives the token texts instead of Tokens. It
	// spares a caller that holds its tokens in another form (extract's
	// Document) a copy of every token's string header, 16 bytes a token.
	Source    TokenSource
	Sentences []Range // in order, not overlapping; tokens outside every sentence are not tagged
	// Tags are optional part-of-speech tags, one per token (nil: none). A
	// model trained with FeatTags reads them as context features; other
	// models ignore them.
	Tags []string
	// Known are mentions fixed by rules outside the tagger (datelines):
	// the tagger is pushed to tag them so, and they vote in document
	// agreement like its own mentions. They must lie inside sentences.
	Known []Mention
}

// TokenSource gives the texts of a document's tokens: Len tokens, and
// Text(i) that of token i (0 <= i < Len).
type TokenSource interface {
	Len() int
	Text(i int) string
}

// numTokens returns the number of tokens of d.
func (d *Doc) numTokens() int {
	if d.Source != nil {
		return d.Source.Len()
	}
	return len(d.Tokens)
}

// token returns the text of token i of d.
func (d *Doc) token(i int) string {
	if d.Source != nil {
		return d.Source.Text(i)
	}
	return d.Tokens[i]
}

// Features selects optional feature groups; a model records the set it
// was trained with, and tagging computes the same.
type Features uint32

// Feature groups. The word, shape, affix, context, document and gazetteer
// features are always on.
const (
	FeatOwnClusters Features = 1 << iota // k-means clusters from the training corpora (Clusters), fine and coarse, every offset
	FeatGlove                            // GloVe k-means cluster paths (internal/wordvec) at 64, 4,096 and ~23,000 clusters, every offset
	FeatGloveRank                        // GloVe frequency band of the word (or none: not in GloVe), offsets -1..1
	FeatTags                             // part-of-speech tags (Doc.Tags) at offsets -1..1 and tag bigrams
	FeatGloveShape                       // GloVe 4,096-cluster of the word joined with its short shape, offsets -1..1
)

// String lists the groups as "own+glove+rank+tags" ("none" for none).
func (f Features) String() string {
	var parts []string
	for i, n := range []string{"own", "glove", "rank", "tags", "shape"} {
		if f&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

// ParseFeatures reads a set written by Features.String.
func ParseFeatures(s string) (Features, bool) {
	var f Features
	if s == "none" {
		return 0, true
	}
	for _, p := range strings.Split(s, "+") {
		switch p {
		case "own":
			f |= FeatOwnClusters
		case "glove":
			f |= FeatGlove
		case "rank":
			f |= FeatGloveRank
		case "tags":
			f |= FeatTags
		case "shape":
			f |= FeatGloveShape
		default:
			return 0, false
		}
	}
	return f, true
}

// Range is a half-open range [Lo, Hi) of token indices.
type Range struct{ Lo, Hi int }

// Feature hashing: every feature is a 64-bit FNV-1a hash of a template byte
// and the strings it joins, finished by a 64-bit mixer.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hbyte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func h32(h uint64, v uint32) uint64 {
	return hbyte(hbyte(hbyte(hbyte(h, byte(v)), byte(v>>8)), byte(v>>16)), byte(v>>24))
}

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// fin mixes h (the splitmix64 finalizer) and never returns 0, which marks
// empty slots in the feature table.
func fin(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	if h == 0 {
		h = 1
	}
	return h
}

// Type-feature kinds; the template is the byte kind<<3 | (offset+2) for
// kinds below 16, and the bytes 0xFF, kind<<3 | (offset+2) above, which
// keeps them apart from the context templates (bytes 128 and up).
const (
	kWord = iota + 1
	kLower
	kShape
	kShort
	kPre1
	kPre2
	kPre3
	kPre4
	kSuf1
	kSuf2
	kSuf3
	kSuf4
	kLen
	kCase       // case-statistics bucket of the lower-cased word
	kCluster    // fine distributional cluster of the lower-cased word
	kCluster2   // coarse cluster
	kGlove6     // GloVe cluster path cut to 6 bits (64 clusters)
	kGlove12    // ... 12 bits
	kGlove16    // ... the leaf
	kRank       // GloVe frequency band
	kGloveShape // GloVe 12-bit cluster with the short shape of the same word
)

// Context-feature templates (bytes 128 and up, disjoint from type templates).
const (
	cBias = 128 + iota
	cBigramL
	cBigramR
	cShapeTri
	cFirstShape
	cCaps
	cCapsLower
	cDocLower
	cDocTitle
	cDocNoTitle
	cGaz
	cGazL
	cGazR
	cQuote
	cHist
	cHistShape
	cHistCaps
	cTag    // part-of-speech tag of the token (FeatTags)
	cTagL   // ... of its left neighbour
	cTagR   // ... of its right neighbour
	cTagBiL // left neighbour's and the token's
	cTagBiR // the token's and the right neighbour's
)

// Word flags.
const (
	fInitCap = 1 << iota // first letter upper case
	fAllCap              // has letters, none lower case
	fHasLower
	fHasLetter
	fHasDigit
	fPad       // sentence padding
	fHonorific // an honorific or person-only title (isHonorific, rule R1)
	fASCII     // the lower-cased form is ASCII (prefixes and suffixes are byte slices)
)

// word is what the features need to know about one distinct token text.
type word struct {
	raw    string // the token as given
	text   string // normalized text (quotes, dashes, apostrophes)
	lower  string
	fold   string // lower with Latin diacritics removed, for gazetteers ("bélarus" -> "belarus")
	shape  string // character classes, runs cut to two
	short  string // character classes, runs cut to one
	flags  uint8
	caseB  uint8    // case-statistics bucket + 1, 0 unknown
	clus   uint16   // cluster + 1, 0 unknown
	gv     uint32   // GloVe cluster (heap index), 0 not in GloVe
	band   uint8    // GloVe frequency band (1 + bit length of rank/64), 0 not in GloVe
	feat   Features // the model's feature groups
	title  uint64   // hash of the lower form, for document look-ups and conjunctions
	shortH uint64   // hash of the short shape, for conjunctions
}

// normalize maps typographic variants to the ASCII forms CoNLL uses:
// curly quotes and primes to ' and ", guillemets to ", en and em dashes to
// "-". It returns s itself when there is nothing to change.
func normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '‘', '’', '‚', '‛', '′':
			r = '\''
		case '“', '”', '„', '‟', '«', '»', '″':
			r = '"'
		case '–', '—', '―', '‒', '−':
			r = '-'
		case '…':
			b.WriteString("...")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// commonShapes holds the shapes most words of news text have, so that a
// word whose shape is one of them shares its string instead of allocating
// one (read-only after package initialisation).
var commonShapes = func() map[string]string {
	m := make(map[string]string)
	for _, s := range strings.Fields("x xx xxx X XX Xx Xxx XXX XxXx XxXxx Xx.Xx. X. X.X. d dd dd.dd d,dd dd:dd dd-dd x-x x-xx xx-xx Xx-Xx Xxx-Xxx x'x xx'x Xx'x x'xx xx'xx") {
		m[s] = s
	}
	return m
}()

// shapeString returns string(b), without allocating for a common shape.
// (Inlined into newWord, the look-up's string(b) was allocated: 3.7 times
// the allocations of newWord.)
//
//go:noinline
func shapeString(b []byte) string {
	if s, ok := commonShapes[string(b)]; ok {
		return s
	}
	return string(b)
}

func newWord(raw string, lex *lexicon) word {
	w := word{raw: raw, text: normalize(raw)}
	w.lower = strings.ToLower(w.text)
	w.fold = fold(w.lower)
	var sh, so []byte
	var last byte
	run := 0
	first := true
	for _, r := range w.text {
		var c byte
		switch {
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z', r >= utf8.RuneSelf && unicode.IsUpper(r):
			c = 'X'
			w.flags |= fHasLetter
			if first {
				w.flags |= fInitCap
			}
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z', r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 'x'
			w.flags |= fHasLetter | fHasLower
		case '0' <= r && r <= '9':
			c = 'd'
			w.flags |= fHasDigit
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		first = false
		if c == last {
			run++
		} else {
			last, run = c, 1
			so = append(so, c)
		}
		if run <= 2 {
			sh = append(sh, c)
		}
	}
	if w.flags&fHasLetter != 0 && w.flags&fHasLower == 0 {
		w.flags |= fAllCap
	}
	if isHonorific(w.lower) {
		w.flags |= fHonorific
	}
	if isASCII(w.lower) {
		w.flags |= fASCII
	}
	w.shape, w.short = shapeString(sh), shapeString(so)
	w.title = fin(hstr(fnvOffset, w.lower))
	w.shortH = fin(hstr(fnvOffset, w.short))
	if lex != nil {
		w.caseB = uint8(lex.caseBucket.get(w.title))
		if lex.feat&FeatOwnClusters != 0 {
			w.clus = lex.cluster.get(w.title)
		}
		if lex.feat&(FeatGlove|FeatGloveRank|FeatGloveShape) != 0 && w.flags&fHasLetter != 0 {
			if r := wordvec.Embedded().Lookup(w.text); r >= 0 {
				if lex.feat&(FeatGlove|FeatGloveShape) != 0 {
					w.gv = wordvec.Embedded().Cluster(r)
				}
				if lex.feat&FeatGloveRank != 0 {
					w.band = uint8(1 + bits.Len(uint(r)>>6))
				}
			}
		}
		w.feat = lex.feat
	}
	return w
}

// folds maps accented Latin letters to their base letter.
var folds = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě", 'g': "ĝğġģ", 'h': "ĥħ",
		'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏő",
		'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų", 'w': "ŵ", 'y': "ýÿŷ", 'z': "źżž",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

// fold removes Latin diacritics from a lower-case word; it returns s
// itself when s is ASCII.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		if b, ok := folds[r]; ok {
			return b
		}
		return r
	}, s)
}

// padWord stands for the positions before and after a sentence.
var padWord = word{raw: "<PAD>", text: "<PAD>", lower: "<PAD>", fold: "<PAD>", shape: "<PAD>", short: "<PAD>", flags: fPad, title: fin(hstr(fnvOffset, "<PAD>")), shortH: fin(hstr(fnvOffset, "<PAD>"))}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// prefixOf is prefix(s, n), with a fast path for ASCII s.
func prefixOf(s string, n int, ascii bool) string {
	if !ascii {
		return prefix(s, n)
	}
	if len(s) < n {
		return ""
	}
	return s[:n]
}

// suffixOf is suffix(s, n), with a fast path for ASCII s.
func suffixOf(s string, n int, ascii bool) string {
	if !ascii {
		return suffix(s, n)
	}
	if len(s) < n {
		return ""
	}
	return s[len(s)-n:]
}

// prefix returns the first n runes of s, or "" when s is shorter.
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return ""
		}
		_, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
	}
	return s[:i]
}

// suffix returns the last n runes of s, or "" when s is shorter.
func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n; k++ {
		if i <= 0 {
			return ""
		}
		_, sz := utf8.DecodeLastRuneInString(s[:i])
		i -= sz
	}
	return s[i:]
}

func lenBucket(s string) byte {
	n := utf8.RuneCountInString(s)
	switch {
	case n <= 4:
		return byte(n)
	case n <= 6:
		return 5
	case n <= 9:
		return 6
	}
	return 7
}

// join combines the hashes of the parts of a conjunction feature in
// order, without rehashing their strings.
func join(template byte, parts ...uint64) uint64 {
	h := hbyte(fnvOffset, template)
	for _, p := range parts {
		h = (h ^ p) * 0x9E3779B97F4A7C15
		h ^= h >> 29
	}
	return fin(h)
}

func tf(kind, o int) uint64 {
	if kind >= 16 {
		return hbyte(hbyte(fnvOffset, 0xFF), byte(kind<<3|(o+2)))
	}
	return hbyte(fnvOffset, byte(kind<<3|(o+2)))
}

// appendTypeFeatures appends the hashes of the features that word w
// contributes at window offset o (-2..2) from the token being tagged.
func appendTypeFeatures(dst []uint64, w *word, o int) []uint64 {
	ao := o
	if ao < 0 {
		ao = -ao
	}
	if w.flags&fPad != 0 {
		return append(dst, fin(hstr(tf(kWord, o), w.text)))
	}
	dst = append(dst, fin(hstr(tf(kLower, o), w.lower)), fin(hstr(tf(kShort, o), w.short)))
	if w.caseB != 0 {
		dst = append(dst, fin(hbyte(tf(kCase, o), w.caseB)))
	}
	if w.clus != 0 {
		fine := w.clus & 1023
		dst = append(dst, fin(hbyte(hbyte(tf(kCluster, o), byte(fine)), byte(fine>>8))), fin(hbyte(tf(kCluster2, o), byte(w.clus>>10))))
	}
	if w.gv != 0 && w.feat&FeatGloveShape != 0 && ao <= 1 {
		dst = append(dst, fin(h32(hstr(tf(kGloveShape, o), w.short), wordvec.Prefix(w.gv, wordvec.Medium))))
	}
	if w.gv != 0 && w.feat&FeatGlove != 0 {
		dst = append(dst,
			fin(h32(tf(kGlove6, o), wordvec.Prefix(w.gv, wordvec.Coarse))),
			fin(h32(tf(kGlove12, o), wordvec.Prefix(w.gv, wordvec.Medium))),
			fin(h32(tf(kGlove16, o), w.gv)))
	}
	if w.band != 0 && ao <= 1 {
		dst = append(dst, fin(hbyte(tf(kRank, o), w.band)))
	}
	if ao == 2 {
		return dst
	}
	ascii := w.flags&fASCII != 0
	dst = append(dst, fin(hstr(tf(kWord, o), w.text)), fin(hstr(tf(kSuf3, o), suffixOf(w.lower, 3, ascii))))
	if ao == 1 {
		return dst
	}
	dst = append(dst,
		fin(hstr(tf(kShape, o), w.shape)),
		fin(hbyte(tf(kLen, o), lenBucket(w.text))),
	)
	for n := 1; n <= 4; n++ {
		if p := prefixOf(w.lower, n, ascii); p != "" && p != w.lower {
			dst = append(dst, fin(hstr(tf(kPre1+n-1, o), p)))
		}
		if s := suffixOf(w.lower, n, ascii); s != "" && s != w.lower && n != 3 {
			dst = append(dst, fin(hstr(tf(kSuf1+n-1, o), s)))
		}
	}
	return dst
}
