// Package names holds the embedded lexicons that people clustering uses:
// English first names with their gender, and the honorifics and titles that
// stand before a name. The lists are decoded once, on first use, and are
// read-only after that, so every function is safe for concurrent use.
//
// Sources, licences and the regenerate command are in SOURCES.md.
package names

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Gender is the gender a lexicon gives a name or title.
type Gender uint8

// Genders. The zero value, Unknown, means the lexicon does not say.
const (
	Unknown Gender = iota
	Male
	Female
)

//go:embed first_names.tsv
var firstNamesTSV string

//go:embed titles.tsv
var titlesTSV string

// MaxTitleWords is the number of words of the longest title in the titles
// lexicon ("Deputy Secretary of State").
const MaxTitleWords = 4

var firstNames = sync.OnceValue(func() map[string]Gender { return parse(firstNamesTSV) })

var titles = sync.OnceValue(func() map[string]Gender { return parse(titlesTSV) })

// parse reads "name<TAB>gender" lines, skipping blank lines and lines that
// start with '#'. Keys are lower-cased. Any gender other than "male" or
// "female" ("ambiguous" for a first name in both lists, "-" for a title)
// decodes to Unknown.
func parse(tsv string) map[string]Gender {
	m := make(map[string]Gender, strings.Count(tsv, "\n"))
	for line := range strings.Lines(tsv) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		name, g, _ := strings.Cut(line, "\t")
		var gender Gender
		switch g {
		case "male":
			gender = Male
		case "female":
			gender = Female
		}
		m[strings.ToLower(name)] = gender
	}
	return m
}

// FirstName returns the gender of the English first name name, matched
// without regard to case: Male or Female when exactly one of the two source
// lists has it, Unknown when neither or both do. The sources carry no
// frequencies, so a name in both lists ("Leslie", "Robin") gives no hint.
func FirstName(name string) Gender {
	g, _ := lookup(firstNames(), name)
	return g
}

// IsFirstName reports whether name (any case) is in either first-name list.
func IsFirstName(name string) bool {
	_, ok := lookup(firstNames(), name)
	return ok
}

// Title reports whether phrase is an honorific or title ("Mr.", "President",
// "Prime Minister") and which gender it implies (Unknown for most titles).
// The phrase is matched without regard to case; its words must be separated
// by single spaces. Titles have at most MaxTitleWords words.
func Title(phrase string) (g Gender, ok bool) {
	return lookup(titles(), phrase)
}

// lookup returns m[strings.ToLower(s)] without allocating for keys of up
// to 64 bytes: the lower case is built in a stack buffer, and a map index
// by string(bytes) makes no copy.
func lookup(m map[string]Gender, s string) (Gender, bool) {
	var buf [64]byte
	n, ok := lowerInto(&buf, s)
	if !ok {
		g, ok := m[strings.ToLower(s)]
		return g, ok
	}
	g, ok := m[string(buf[:n])]
	return g, ok
}

// lowerInto writes strings.ToLower(s) into buf and returns its length,
// or false when it does not fit or s has invalid UTF-8 (which ToLower
// rewrites as U+FFFD).
func lowerInto(buf *[64]byte, s string) (int, bool) {
	if len(s) > len(buf) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
			n++
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return 0, false
		}
		l := unicode.ToLower(r)
		if n+utf8.RuneLen(l) > len(buf) {
			return 0, false
		}
		n += utf8.EncodeRune(buf[n:], l)
		i += w
	}
	return n, true
}
