package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// TokenKind classifies a token by its form. The zero value is Word.
type TokenKind uint8

// Token kinds. Quote marks are split by direction as read from the text:
// a curly or angle mark knows its direction, a straight mark is QuoteOpen or
// QuoteClose when its neighbours decide it and QuoteAmbiguous otherwise.
const (
	Word           TokenKind = iota // letters, digits inside words, apostrophes and hyphens: "O’Brien", "well-known"
	Number                          // "1,226", "4.5", "1990s", "87"
	Punct                           // . , ; : ! ? ( ) [ ] … and the like
	QuoteOpen                       // “ ‘ « „ ‚ or a straight quote that opens
	QuoteClose                      // ” ’ » or a straight quote that closes
	QuoteAmbiguous                  // a straight quote whose direction the context does not tell
	Dash                            // — – and a free-standing hyphen "-"
	Symbol                          // $ % & + = # @ and other symbols
	URL                             // "https://example.com/a?b", "www.example.com"
	Email                           // "press@example.org"
	Handle                          // "@SayWho"
	Hashtag                         // "#Belarus"
	Abbrev                          // a word that ends with its own period: "Mr.", "U.S.", "G.", "Jan."
	Invalid                         // bytes that are not valid UTF-8, one token per run
	Hyphen                          // a hyphen inside a compound, split off as UD does: "Coca" "-" "Cola"
)

var kindNames = [...]string{
	Word: "Word", Number: "Number", Punct: "Punct", QuoteOpen: "QuoteOpen",
	QuoteClose: "QuoteClose", QuoteAmbiguous: "QuoteAmbiguous", Dash: "Dash",
	Symbol: "Symbol", URL: "URL", Email: "Email", Handle: "Handle",
	Hashtag: "Hashtag", Abbrev: "Abbrev", Invalid: "Invalid", Hyphen: "Hyphen",
}

// String returns the name of k, such as "Word" or "QuoteOpen".
func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "TokenKind(" + itoa(int(k)) + ")"
}

// IsQuote reports whether k is one of the quote-mark kinds.
func (k TokenKind) IsQuote() bool {
	return k == QuoteOpen || k == QuoteClose || k == QuoteAmbiguous
}

// Token is one token of a document: a span of Document.Text, its kind and,
// when syntax is on, its part of speech and its place in the dependency tree
// of its sentence (see the package documentation, "Syntax"). Tokens never
// overlap and are stored in text order; the bytes between two tokens are
// white space (or nothing).
//
// The derived forms Lower, Shape and Stem are computed on demand; they
// allocate only when the form differs from the token text.
type Token struct {
	Span
	Kind TokenKind
	// POS and Tag are the token's universal part-of-speech tag and its
	// Penn Treebank tag (NoPOS and NoTag when syntax is off).
	POS UPOS
	Tag PennTag
	// Dep is the relation of the token to its head, NoDep when syntax is
	// off (then Head is 0 and means nothing).
	Dep DepRel
	// Head is the index in Document.Tokens of the token's syntactic head,
	// always inside the token's sentence, or -1 for the root of a sentence.
	Head int
}

// Lower returns the token text in lower case. It returns Text itself,
// without allocating, when Text has no upper-case letter.
func (t Token) Lower() string {
	s := t.Text
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// Shape returns the orthographic shape of the token: each upper-case letter
// becomes 'X', lower-case 'x', digit 'd', other runes stay; runs of more than
// two equal classes are cut to two ("McDonald" → "XxXxx", "1,226" → "d,dd").
// The shape allocates a new string.
func (t Token) Shape() string {
	return Shape(t.Text)
}

// Shape returns the orthographic shape of s, as Token.Shape describes.
func Shape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	run := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r) || unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			last, run = c, 1
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Stem returns the Snowball (Porter2) English stem of the lower-cased token
// for words and abbreviations; other kinds return Lower(). Stop words are
// stemmed too, so "said" and "says" both give "said"/"say" consistently.
func (t Token) Stem() string {
	if t.Kind != Word && t.Kind != Abbrev {
		return t.Lower()
	}
	return english.Stem(t.Lower(), true)
}

// itoa formats small integers without importing strconv into hot files.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
