package syntax

import (
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/internal/wordvec"
)

// Feature hashing. Every feature is a 64-bit value built from a template
// number and the atoms it joins (word hashes, tags, clusters), finished by
// a mixer so that its bits are uniform; the tables use the top bits as the
// home slot and the low bits as the key.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	mulA      = 0x9E3779B97F4A7C15
	mulB      = 0xC2B2AE3D27D4EB4F
)

// fmix is the 64-bit finalizer of MurmurHash3, for word hashes (once per
// distinct word of a document).
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// fin finishes a feature: the multiply mixes the low bits of its input into
// the top bits (the bucket), the shift the top bits into the low ones (the
// key).
func fin(h uint64) uint64 {
	h *= mulB
	return h ^ h>>29
}

// f1, f2, f3 and f4 join a template number and atoms into a feature.
func f1(t uint64, a uint64) uint64       { return fin(a ^ t*mulA) }
func f2(t uint64, a, b uint64) uint64    { return fin((a^t*mulA)*mulB ^ b) }
func f3(t uint64, a, b, c uint64) uint64 { return fin(((a^t*mulA)*mulB^b)*mulA ^ c) }
func f4(t uint64, a, b, c, d uint64) uint64 {
	return fin((((a^t*mulA)*mulB^b)*mulA^c)*mulB ^ d)
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return fmix(h)
}

// word is what the features know of one word of a sentence, computed once
// per sentence (prepare).
type word struct {
	form, lower, shape uint64 // hashes of the normalized form, its lower case and its short shape
	pre                [3]uint64
	suf                [4]uint64
	// cl are the word's GloVe cluster prefixes at the three levels of the
	// cluster tree, 6, 12 and 16 bits (heap indices, 0 when the word is not
	// in GloVe); rank is a frequency bucket of its GloVe rank.
	cl   [3]uint64
	rank uint64
	// flags: capitalised, all capitals, has a digit, has a hyphen, has a
	// letter, is punctuation only.
	flags uint64
	dict  uint64 // the UPOS the word most often has in training (1-based), 0 when unknown
	fixed uint8  // the tag class (1-based) the word always has (see wordDict), 0 when not
}

// Word flags.
const (
	flCap uint64 = 1 << iota
	flAllCaps
	flDigit
	flHyphen
	flLetter
	flPunct
)

// clusterBits are the prefix lengths of the cluster features.
var clusterBits = [3]int{wordvec.Coarse, wordvec.Medium, wordvec.Fine}

// normalize appends the feature form of w to dst: curly quotes and angle
// quotes become straight ones, dashes "--", "…" "..." (EWT, the training
// data, is mostly ASCII; news is not). When lower is set, letters are
// lower-cased too.
func normalize(dst []byte, w string, lower bool) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if lower && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c == '`' {
				c = '\''
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		switch r {
		case '“', '”', '„', '‟', '«', '»', '″':
			dst = append(dst, '"')
			continue
		case '‘', '’', '‚', '‛', '‹', '›', '′':
			dst = append(dst, '\'')
			continue
		case '–', '—', '―', '‒':
			dst = append(dst, '-', '-')
			continue
		case '‐', '‑':
			dst = append(dst, '-')
			continue
		case '…':
			dst = append(dst, '.', '.', '.')
			continue
		case utf8.RuneError:
			if n == 1 {
				dst = append(dst, w[i-1])
				continue
			}
		}
		if lower {
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// shapeOf appends the short shape of the normalized form s to dst: X for
// upper-case letters, x lower-case, d digits, other bytes as they are, runs
// cut to two.
func shapeOf(dst []byte, s []byte) []byte {
	var last byte
	run := 0
	for i := 0; i < len(s); {
		var c byte
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		i += n
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			last, run = c, 1
		}
		dst = append(dst, c)
	}
	return dst
}

// prepareWord sets x to the features of word w (the first of its
// sentence when first), using buf as scratch space (returned, grown when
// needed).
func prepareWord(x *word, w string, buf []byte, dict *wordDict) []byte {
	*x = word{}
	buf = normalize(buf[:0], w, false)
	x.form = hashBytes(buf)
	n := len(buf)
	buf = shapeOf(buf, buf[:n])
	x.shape = hashBytes(buf[n:])
	buf = normalize(buf[:0], w, true)
	x.lower = hashBytes(buf)
	lw := buf
	// Prefixes and suffixes count runes; an ASCII word's are its bytes.
	if ascii(lw) {
		for k := 1; k <= 3; k++ {
			x.pre[k-1] = hashBytes(lw[:min(k, len(lw))])
		}
		for k := 1; k <= 4; k++ {
			x.suf[k-1] = hashBytes(lw[len(lw)-min(k, len(lw)):])
		}
	} else {
		for k := 1; k <= 3; k++ {
			x.pre[k-1] = hashBytes(runePrefix(lw, k))
		}
		for k := 1; k <= 4; k++ {
			x.suf[k-1] = hashBytes(runeSuffix(lw, k))
		}
	}
	tb := wordvec.Embedded()
	key := w // Lookup folds case itself; only other changes need the copy
	if n != len(w) || needsNorm(w) {
		key = string(lw)
	}
	if r := tb.Lookup(key); r >= 0 {
		c := tb.Cluster(r)
		for k, bits := range clusterBits {
			x.cl[k] = uint64(wordvec.Prefix(c, bits))
		}
		x.rank = uint64(rankBucket(r))
	}
	x.flags = wordFlags(w)
	if dict != nil {
		u, c := dict.lookup(x.form, x.lower)
		x.dict, x.fixed = uint64(u), c
	}
	return buf
}

// needsNorm reports whether normalize changes w other than by case.
func needsNorm(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c == '`' {
			return true
		}
	}
	return false
}

func rankBucket(r int) int {
	switch {
	case r < 100:
		return 1
	case r < 1000:
		return 2
	case r < 10000:
		return 3
	case r < 50000:
		return 4
	}
	return 5
}

// ascii reports whether s has only ASCII bytes.
func ascii(s []byte) bool {
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func runePrefix(s []byte, n int) []byte {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, sz := utf8.DecodeRune(s[i:])
		i += sz
	}
	return s[:i]
}

func runeSuffix(s []byte, n int) []byte {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, sz := utf8.DecodeLastRune(s[:i])
		i -= sz
	}
	return s[i:]
}

func wordFlags(w string) uint64 {
	var f uint64
	upper, letters, punct := 0, 0, true
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			if i == 0 {
				f |= flCap
			}
			punct = false
		case unicode.IsLetter(r):
			letters++
			punct = false
		case unicode.IsDigit(r):
			f |= flDigit
			punct = false
		case r == '-':
			f |= flHyphen
		}
	}
	if letters > 0 {
		f |= flLetter
		if upper == letters && letters > 1 {
			f |= flAllCaps
		}
	}
	if punct {
		f |= flPunct
	}
	return f
}
