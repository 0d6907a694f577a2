package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract/internal/lexicon"
)

// word scans a token that starts with a letter or digit at s: a word, a
// number, an abbreviation, a URL or an e-mail address.
func (t *Tokenizer) word(s int) (int, TokenKind) {
	text := t.text
	if c := text[s] | 0x20; c == 'h' || c == 'w' {
		if e := urlEnd(text, s); e > s {
			return e, URL
		}
	}
	number := isASCIIDigit(text[s])
	kind := Word
	i := s
	var digits int8 // hyphenStays' verdict on a run of digit groups, once per token
loop:
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if cl := asciiClass[c]; cl == cLetter || cl == cDigit {
				i++
				continue
			}
			switch c {
			case '-':
				// W1: a hyphen between word characters splits them, as UD
				// English EWT does ("Coca" "-" "Cola", "2020" "-" "21"),
				// except after a prefix that keeps its word ("non-human",
				// "e-mail") and inside a code of digit groups ("713-853-3989").
				if wordAt(text, i+1) && t.hyphenStays(s, i, &digits) {
					i++
					continue
				}
				if e := t.email(s); e > 0 {
					return e, Email // "press-office@example.org"
				}
				break loop
			case '\'':
				e, ok := t.wordApostrophe(s, i, 1)
				if ok {
					i = e
					continue
				}
				i = e
				break loop
			case '.':
				if e := t.email(s); e > 0 {
					return e, Email
				}
				// W2: a decimal point between digits: "4.5", "1.2.3".
				if number && i > s && isASCIIDigit(text[i-1]) && i+1 < len(text) && isASCIIDigit(text[i+1]) {
					i++
					continue
				}
				if e := fileNameEnd(text, s, i); e > 0 {
					return e, Word // T14: "resume.doc", "API.pdf"
				}
				i, kind = t.period(s, i)
				break loop
			case ',':
				// W3: thousands separators: "1,226", "2,000,000".
				if number && i > s && isASCIIDigit(text[i-1]) && i+4 <= len(text) &&
					isASCIIDigit(text[i+1]) && isASCIIDigit(text[i+2]) && isASCIIDigit(text[i+3]) &&
					(i+4 == len(text) || !isASCIIDigit(text[i+4])) {
					i += 4
					continue
				}
				break loop
			case ':', '/':
				// W4: times and ratios between digits: "3:30", "9/11", "24/7".
				if number && i > s && isASCIIDigit(text[i-1]) && i+1 < len(text) && isASCIIDigit(text[i+1]) {
					i++
					continue
				}
				break loop
			case '&':
				// W5: "AT&T", "S&P", "Q&A": an ampersand between capitals.
				if i > s && 'A' <= text[i-1] && text[i-1] <= 'Z' && i+1 < len(text) && 'A' <= text[i+1] && text[i+1] <= 'Z' {
					i++
					continue
				}
				break loop
			case '@', '_', '+', '%':
				if e := t.email(s); e > 0 {
					return e, Email
				}
				// W6: an underscore between word characters joins them
				// ("Lisa_resume.doc", "snake_case").
				if c == '_' && wordAt(text, i+1) {
					i++
					continue
				}
				break loop
			}
			break loop
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '’':
			e, ok := t.wordApostrophe(s, i, n)
			if ok {
				i = e
				continue
			}
			i = e
			break loop
		case r == '‐' || r == '‑':
			if wordAt(text, i+n) && t.hyphenStays(s, i, &digits) { // W1
				i += n
				continue
			}
			break loop
		case r == '\u00AD' || r == '\u200C' || r == '\u200D':
			// soft hyphen and joiners inside a word belong to it
			i += n
			continue
		case r == utf8.RuneError && n == 1:
			break loop
		case isWordRune(r):
			i += n
			continue
		}
		break loop
	}
	if kind == Word && number {
		kind = numberKind(text[s:i])
	}
	if kind == Word && i-s <= 8 {
		// T11: contractions written without their apostrophe split as UD
		// EWT splits them: "dont" → "do" "nt", "cannot" → "can" "not",
		// "gonna" → "gon" "na".
		if n := lexicon.Contraction(text[s:i]); n > 0 {
			return s + n, Word
		}
	}
	return i, kind
}

// hyphenStays reports whether the hyphen at i inside the word that started
// at s keeps the word together (W1): after a prefix of
// lexicon.IsHyphenPrefix ("non-", "e-"), or inside a code of digit groups
// (three or more groups, "713-853-3989", "12-20-2000", or a phone number
// or extension of up to three digits and four, "646-8420", "3-5290"); other
// pairs of groups such as "2020-21" or "13-17" are ranges and split. digits caches the verdict on the token's digit groups (0:
// not computed yet, 1: a code, -1: not one), which keeps the scan linear.
func (t *Tokenizer) hyphenStays(s, i int, digits *int8) bool {
	text := t.text
	seg := s // the part of the word after its last hyphen
	for k := i - 1; k >= s; k-- {
		if text[k] == '-' || k >= s+2 && text[k-2] == 0xE2 && text[k-1] == 0x80 && (text[k] == 0x90 || text[k] == 0x91) { // - ‐ ‑
			seg = k + 1
			break
		}
	}
	if lexicon.IsHyphenPrefix(text[seg:i]) {
		return true
	}
	if !isASCIIDigit(text[s]) {
		return false
	}
	if *digits == 0 {
		*digits = -1
		var groups [8]int
		n, k := 0, s
		for n < len(groups) {
			g := k
			for k < len(text) && isASCIIDigit(text[k]) {
				k++
			}
			if k == g {
				break
			}
			groups[n] = k - g
			n++
			if k+1 < len(text) && text[k] == '-' && isASCIIDigit(text[k+1]) {
				k++
				continue
			}
			break
		}
		if !wordAt(text, k) && (n >= 3 || n == 2 && groups[0] <= 3 && groups[1] == 4) {
			*digits = 1
		}
	}
	return *digits == 1
}

// fileNameEnd returns the end of a file name whose extension follows the
// period at i in the word that started at s (T14: "resume.doc",
// "HeatingOilStocks.pdf"), or 0.
func fileNameEnd(text string, s, i int) int {
	k := i + 1
	for k < len(text) && isASCIIAlnum(text[k]) {
		k++
	}
	if k == i+1 || k-i-1 > 4 || wordAt(text, k) || !lexicon.IsFileExt(text[i+1:k]) {
		return 0
	}
	if ext := text[i+1 : k]; !isLowerASCII(ext) && strings.ToUpper(ext) != ext {
		return 0 // "end.Doc": a missing space, not a file
	}
	return k
}

// wordApostrophe handles an apostrophe of n bytes at i inside the word that
// started at s. It returns (i+n, true) when the word goes on past it
// ("O’Brien", "rock’n’roll"), or the end of the word and false: before the
// apostrophe for a clitic ("Washington’s" → "Washington" "’s") or a final
// mark, before the n of "n’t" ("don’t" → "do" "n’t").
func (t *Tokenizer) wordApostrophe(s, i, n int) (int, bool) {
	text := t.text
	j := i + n
	if !wordAt(text, j) {
		return i, false // a final apostrophe: see Tokenizer.apostrophe
	}
	if cliticEnd(text, j) > 0 {
		return i, false
	}
	// "n’t": the word ends before the n, unless the n starts the token.
	if j < len(text) && text[j]|0x20 == 't' && !wordAt(text, j+1) && apostropheAt(text, j+1) == 0 &&
		i-1 > s && text[i-1]|0x20 == 'n' {
		return i - 1, false
	}
	return j, true
}

// period decides whether the period at i ends the word that started at s as
// part of an abbreviation (T8). It returns the end of the token and its kind.
func (t *Tokenizer) period(s, i int) (int, TokenKind) {
	text := t.text
	if i+1 < len(text) && (isASCIILetter(text[i+1]) || text[i+1] >= utf8.RuneSelf && wordAt(text, i+1)) {
		return dotted(text, s, i)
	}
	if i+1 < len(text) && text[i+1] == '.' {
		return i, Word // "etc..." : the ellipsis is its own token
	}
	w := text[s:i]
	switch lexicon.Abbrev(w) {
	case lexicon.None:
		if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
			return i + 1, Abbrev // a non-ASCII initial: "Ž."
		}
		return i, Word
	case lexicon.NumberPrefix:
		// "No. 5" but "said no."
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && isASCIIDigit(text[j]) {
			return i + 1, Abbrev
		}
		return i, Word
	}
	return i + 1, Abbrev
}

// maxDottedSegments bounds the letter segments dotted reads, which keeps
// the tokenizer linear on inputs such as "a.b.a.b.…".
const maxDottedSegments = 12

// dotted reads letters and periods from s where the period at i is followed
// by a letter: "U.S.", "a.m.", "Ph.D.", "nytimes.com" or "end.The".
func dotted(text string, s, i int) (int, TokenKind) {
	// The first segment text[s:i] must be letters only.
	for k := s; k < i; k++ {
		if c := text[k]; c >= utf8.RuneSelf || !isASCIILetter(c) {
			return i, Word
		}
	}
	short := i-s == 1 // every segment is one letter
	segs := 1
	last := s // start of the last segment
	j := i
	for j < len(text) && text[j] == '.' {
		if segs == maxDottedSegments {
			return i, Word // too long for an abbreviation or a host name we know
		}
		k := j + 1
		for k < len(text) && isASCIILetter(text[k]) {
			k++
		}
		if k == j+1 {
			break // the period is not followed by a segment
		}
		segs++
		short = short && k == j+2
		last = j + 1
		j = k
	}
	// j is the end of the last segment; text[j] may be a final period.
	if wordAt(text, j) {
		return i, Word // "U.S.1": not a pattern we know
	}
	final := j < len(text) && text[j] == '.'
	if final && (short || lexicon.Abbrev(text[s:j]) != lexicon.None) {
		return j + 1, Abbrev
	}
	if isLowerASCII(text[last:j]) && lexicon.IsTLD(text[last:j]) {
		// A domain name, with its path if any: "nytimes.com",
		// "pic.twitter.com/OqctxglquI". The top-level domain must be lower
		// case so that "said.It" (a missing space) stays three tokens.
		if j < len(text) && text[j] == '/' {
			return urlTail(text, j), URL
		}
		return j, URL
	}
	if short && segs > 1 {
		return j, Abbrev // "U.S" without the final period
	}
	return i, Word
}

// numberKind returns Number when w, which starts with a digit, is digits
// and separators followed by at most a short lower-case suffix ("1990s",
// "2nd", "10am"), and Word otherwise ("4-year-old", "5G").
func numberKind(w string) TokenKind {
	last := -1
	for k := 0; k < len(w); k++ {
		if isASCIIDigit(w[k]) {
			last = k
		}
	}
	for k := 0; k < last; k++ {
		switch c := w[k]; {
		case isASCIIDigit(c), c == '.', c == ',', c == ':', c == '/', c == '-':
		default:
			return Word
		}
	}
	suffix := w[last+1:]
	if len(suffix) > 2 {
		return Word
	}
	for k := 0; k < len(suffix); k++ {
		if c := suffix[k]; c < 'a' || c > 'z' {
			return Word
		}
	}
	return Number
}
