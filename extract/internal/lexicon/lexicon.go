// Package lexicon holds the small closed word lists the tokenizer and the
// sentence segmenter of saywho consult: abbreviations that keep their
// period, words that often start a sentence, and personal titles.
//
// The lists are Go tables (no parsing at start-up, no global mutable state).
// Lookups are case-insensitive for ASCII and never allocate. SOURCES.md says
// where each list comes from and how it was edited.
package lexicon

// Class is the sentence-boundary behaviour of an abbreviation.
type Class uint8

// Abbreviation classes. A token of class Title or Initial never ends a
// sentence; Month and Other end one only when the next word looks like a
// sentence start (see the segmenter's rules); NumberPrefix is an
// abbreviation only in front of a number.
const (
	None         Class = iota // not an abbreviation
	Title                     // "Mr.", "Dr.", "Gen.", "Sen.": precedes a name
	Initial                   // "G." in "Aleksandr G. Lukashenko"
	Month                     // "Jan.", "Sept.": usually precedes a day number
	NumberPrefix              // "No.", "Nos.", "Vol.": only before a number
	Other                     // "Inc.", "U.S.", "a.m.", "etc.": may end a sentence
)

// String returns the class name.
func (c Class) String() string {
	switch c {
	case Title:
		return "Title"
	case Initial:
		return "Initial"
	case Month:
		return "Month"
	case NumberPrefix:
		return "NumberPrefix"
	case Other:
		return "Other"
	}
	return "None"
}

type abbrev struct {
	class Class
	// capital means the abbreviation is only one when it starts with a
	// capital letter: "Mar." (March) but not "mar.", "Miss." but not "miss.".
	capital bool
}

// maxKey is the longest key of any table; longer words are never looked up.
const maxKey = 16

// lower writes the ASCII lower case of s into buf and returns it. ok is
// false when s is too long or not ASCII, which no table entry is.
func lower(buf *[maxKey]byte, s string) (b []byte, ok bool) {
	if len(s) > maxKey || len(s) == 0 {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// Abbrev returns the class of the abbreviation word+"." where word is the
// text before the period ("Mr", "U.S", "a.m"), or None. Single capital
// letters are initials. The lookup ignores ASCII case except for entries
// that must be capitalised.
func Abbrev(word string) Class {
	if len(word) == 1 && 'A' <= word[0] && word[0] <= 'Z' {
		return Initial
	}
	var buf [maxKey]byte
	key, ok := lower(&buf, word)
	if !ok {
		return None
	}
	a, ok := abbrevs[string(key)] // no allocation: the compiler does not copy map index keys
	if !ok {
		return None
	}
	if a.capital && !('A' <= word[0] && word[0] <= 'Z') {
		return None
	}
	return a.class
}

// IsSentenceStarter reports whether word (a whole token, any case) is a
// closed-class word that often begins an English sentence: "The", "He",
// "But", "In". After an abbreviation such as "U.S." a capitalised starter
// signals a new sentence, while another capitalised word ("U.S. Embassy")
// more likely continues a name (Kiss & Strunk 2006, Punkt's frequent
// sentence starters).
func IsSentenceStarter(word string) bool {
	var buf [maxKey]byte
	key, ok := lower(&buf, word)
	if !ok {
		return false
	}
	_, ok = starters[string(key)]
	return ok
}

// IsTitle reports whether word (any case, without a trailing period) is a
// personal title or honorific that may precede a name: "Mr", "President",
// "Sen", "Minister". Abbreviated titles are matched without their period.
func IsTitle(word string) bool {
	var buf [maxKey]byte
	key, ok := lower(&buf, word)
	if !ok {
		return false
	}
	if a, ok := abbrevs[string(key)]; ok && a.class == Title {
		return true
	}
	_, ok = titles[string(key)]
	return ok
}

// IsTLD reports whether s (any case) is a common top-level domain, so that
// "nytimes.com" can be read as a domain name and not as two words.
func IsTLD(s string) bool {
	var buf [maxKey]byte
	key, ok := lower(&buf, s)
	if !ok {
		return false
	}
	_, ok = tlds[string(key)]
	return ok
}

// IsHyphenPrefix reports whether word (any case) is a prefix that keeps
// its hyphen and the word after it together in UD English ("non" of
// "non-human", "e" of "e-mail").
func IsHyphenPrefix(word string) bool {
	var buf [maxKey]byte
	key, ok := lower(&buf, word)
	if !ok {
		return false
	}
	_, ok = hyphenPrefixes[string(key)]
	return ok
}

// Contraction returns the length in bytes of the first word of word when
// word is a contraction written without its apostrophe that UD English
// splits in two ("dont" → 2: "do" "nt"; "cannot" → 3: "can" "not";
// "im" → 1, but only in lower case), or 0.
func Contraction(word string) int {
	// Every entry ends in "nt", "na", "ta", "not", "m", "ve", "re" or "ts":
	// a cheap look at the last two letters spares the lookup for almost
	// every word (the tokenizer asks about each one).
	n := len(word)
	if n < 2 || n > 8 {
		return 0
	}
	switch uint16(word[n-2])<<8 | uint16(word[n-1]) | 0x2020 {
	case 'n'<<8 | 't', 'n'<<8 | 'a', 't'<<8 | 'a', 'o'<<8 | 't', 'i'<<8 | 'm', 'v'<<8 | 'e', 'r'<<8 | 'e', 't'<<8 | 's':
	default:
		return 0
	}
	var buf [maxKey]byte
	key, ok := lower(&buf, word)
	if !ok {
		return 0
	}
	if n, ok := contractions[string(key)]; ok {
		return int(n)
	}
	if n, ok := lowerContractions[word]; ok {
		return int(n)
	}
	return 0
}

// IsFileExt reports whether s (any case) is a common file-name extension
// ("pdf", "doc").
func IsFileExt(s string) bool {
	var buf [maxKey]byte
	key, ok := lower(&buf, s)
	if !ok {
		return false
	}
	_, ok = fileExts[string(key)]
	return ok
}
