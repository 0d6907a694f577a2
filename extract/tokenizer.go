package extract

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract/internal/lexicon"
)

// Tokenizer is a cursor over the tokens of a text. The zero value is ready
// to use and yields nothing; call Reset to start on a text. Tokens are
// substrings of the text: Next never copies and never allocates.
//
//	var t extract.Tokenizer
//	t.Reset(text)
//	for t.Next() {
//		tok := t.Token() // tok.Text == text[tok.Start:tok.End]
//	}
//
// A Tokenizer must not be used from several goroutines at once; use one
// per goroutine (they are small values).
//
// The rules, in the order they are tried at each position, are listed on
// the package documentation under "Tokens".
type Tokenizer struct {
	text string
	pos  int
	tok  Token
	// single counts single quotation marks (‘ ‚ ‹ or an opening ') still
	// open on the current line, so that a ’ after a word closes the
	// quotation instead of being read as an apostrophe.
	single int
	// noEmail is an offset before which no e-mail address starts: the
	// local-part scan from any earlier word start in the same run of
	// address characters ends at the same place and fails the same way.
	// It keeps the scan linear on inputs such as "a_a_a_…".
	noEmail int
}

// Reset makes t tokenize text from its start, forgetting any earlier text.
func (t *Tokenizer) Reset(text string) { *t = Tokenizer{text: text} }

// Token returns the token found by the last call to Next. Its Text aliases
// the text given to Reset.
func (t *Tokenizer) Token() Token { return t.tok }

// Text returns the text of the token found by the last call to Next.
func (t *Tokenizer) Text() string { return t.tok.Text }

// Next advances to the next token, skipping white space, and reports
// whether there is one.
func (t *Tokenizer) Next() bool {
	start, end, kind := t.next()
	if start < 0 {
		t.tok = Token{}
		return false
	}
	t.tok = Token{Span: Span{Start: start, End: end, Text: t.text[start:end]}, Kind: kind}
	return true
}

// next finds the next token and returns its offsets and kind, or a negative
// start at the end of the text.
func (t *Tokenizer) next() (start, end int, kind TokenKind) {
	text := t.text
	i := t.pos
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] != cSpace {
				break
			}
			if c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				t.single = 0
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			break
		}
		if isLineBreak(r) {
			t.single = 0
		}
		i += n
	}
	if i >= len(text) {
		t.pos = len(text)
		return -1, -1, 0
	}
	end, kind = t.scan(i)
	t.pos = end
	return i, end, kind
}

// Tokens returns a single-use iterator over the tokens of text, like
// strings.Lines: range over it once. (Ranging again happens to start over,
// since the cursor lives inside the range.) The tokens alias text; the
// iterator allocates only its closure.
func Tokens(text string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		var t Tokenizer
		t.Reset(text)
		for t.Next() {
			if !yield(t.tok) {
				return
			}
		}
	}
}

// appendTokens appends the tokens of text to dst and returns the extended
// slice. It allocates only when dst has to grow.
func appendTokens(dst []Token, text string) []Token {
	var t Tokenizer
	t.Reset(text)
	for {
		start, end, kind := t.next()
		if start < 0 {
			return dst
		}
		// Building the token in place writes its one pointer with a plain
		// write barrier instead of a bulk copy of a Token value.
		dst = append(dst, Token{Span: Span{Start: start, End: end, Text: text[start:end]}, Kind: kind})
	}
}

// ASCII character classes.
const (
	cOther   uint8 = iota // symbols: $ % & * + / < = > \ ^ ` | ~ and control bytes
	cSpace                // white space
	cLetter               // A-Z a-z
	cDigit                // 0-9
	cPunct                // , ; : ( ) [ ] { } _
	cSpecial              // handled one by one: . ! ? - ' " @ # `
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = cSpace
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = cLetter
		case '0' <= c && c <= '9':
			t[c] = cDigit
		}
	}
	for _, c := range ",;:()[]{}_" {
		t[c] = cPunct
	}
	for _, c := range ".!?-'\"@#`" {
		t[c] = cSpecial
	}
	return t
}()

func isASCIIAlnum(c byte) bool {
	return c < utf8.RuneSelf && asciiClass[c] >= cLetter && asciiClass[c] <= cDigit
}
func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isSpace reports whether r separates tokens: Unicode White_Space plus the
// zero-width space and the byte-order mark, which carry no text.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
}

// isLineBreak reports whether r ends a line (and so a paragraph).
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029'
}

// isWordRune reports whether r can be part of a word: letters, combining
// marks and decimal digits.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// wordAt reports whether a word rune starts at byte i of text.
func wordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return isASCIIAlnum(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// wordBefore reports whether a word rune ends at byte i of text.
func wordBefore(text string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := text[i-1]; c < utf8.RuneSelf {
		return isASCIIAlnum(c)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r)
}

// apostropheAt returns the length of the apostrophe (' or ’) at byte i, or 0.
func apostropheAt(text string, i int) int {
	if i < len(text) && text[i] == '\'' {
		return 1
	}
	if i+2 < len(text) && text[i] == 0xE2 && text[i+1] == 0x80 && text[i+2] == 0x99 { // U+2019 ’
		return 3
	}
	return 0
}

// scan returns the end and kind of the token that starts at byte i, which
// is not white space.
func (t *Tokenizer) scan(i int) (int, TokenKind) {
	text := t.text
	c := text[i]
	if c < utf8.RuneSelf {
		switch asciiClass[c] {
		case cLetter, cDigit:
			return t.word(i)
		case cPunct:
			if c == ':' || c == ';' {
				if e := emoticonEnd(text, i); e > 0 {
					return e, Symbol // T12
				}
			}
			if c == '_' {
				if e := symbolRun(text, i); e > i+1 {
					return e, Symbol // T13
				}
			}
			return i + 1, Punct
		case cSpecial:
			return t.special(i)
		}
		if c == '=' {
			if e := emoticonEnd(text, i); e > 0 {
				return e, Symbol // T12
			}
		}
		return symbolRun(text, i), Symbol // T13
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError && n == 1 {
		// T1: a run of bytes that do not decode is one Invalid token.
		j := i + 1
		for j < len(text) && text[j] >= utf8.RuneSelf && invalidAt(text, j) {
			j++
		}
		return j, Invalid
	}
	switch r {
	case '“', '„', '‟', '«':
		return i + n, QuoteOpen
	case '”', '»':
		return i + n, QuoteClose
	case '‘', '‚', '‛', '‹':
		t.single++
		return i + n, QuoteOpen
	case '›':
		if t.single > 0 {
			t.single--
		}
		return i + n, QuoteClose
	case '’':
		return t.apostrophe(i, n)
	case '‐', '‑':
		if hyphenJoins(text, i, i+n) {
			return i + n, Hyphen // W1
		}
		return i + n, Dash
	case '–', '—', '―', '‒', '⸺', '⸻':
		return i + n, Dash
	case '…':
		return i + n, Punct
	}
	if isWordRune(r) {
		return t.word(i)
	}
	if unicode.IsPunct(r) {
		return i + n, Punct
	}
	return i + n, Symbol
}

// invalidAt reports whether the byte at i starts no valid rune.
func invalidAt(text string, i int) bool {
	r, n := utf8.DecodeRuneInString(text[i:])
	return r == utf8.RuneError && n == 1
}

// special handles the ASCII characters that need context: . ! ? - ' " @ # `
func (t *Tokenizer) special(i int) (int, TokenKind) {
	text := t.text
	switch c := text[i]; c {
	case '.', '!', '?':
		// T2: runs of terminal punctuation stay together: "...", "?!",
		// "!!", ".?" (UD EWT keeps such runs as one token).
		j := i + 1
		for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
			j++
		}
		return j, Punct
	case '-':
		// T3: a hyphen that does not join two words is a Dash; a run of
		// hyphens ("--") is one Dash, and so is a rule of hyphens and
		// equals signs ("----=="). "non -resident" gives "non", "-",
		// "resident": the stray hyphen is kept as its own token. A hyphen
		// between two words that W1 splits is a Hyphen.
		j := symbolRun(text, i)
		if j == i+1 && hyphenJoins(text, i, j) {
			return j, Hyphen
		}
		return j, Dash
	case '\'':
		if i+1 < len(text) && text[i+1] == '\'' {
			// T6a: two straight single quotes stand for a double quote in
			// some archives ("''We finally…,'' he said"); PTB writes ''.
			return i + 2, straightQuote(text, i, 2)
		}
		return t.apostrophe(i, 1)
	case '`':
		if i+1 < len(text) && text[i+1] == '`' {
			return i + 2, QuoteOpen // PTB/LaTeX opening quote ``
		}
		return i + 1, Symbol
	case '"':
		return i + 1, straightQuote(text, i, 1)
	case '@':
		// T4: "@name" is a Handle.
		j := i + 1
		for j < len(text) && (isASCIIAlnum(text[j]) || text[j] == '_') {
			j++
		}
		if j > i+1 {
			return j, Handle
		}
		return i + 1, Symbol
	case '#':
		// T5: "#word" with at least one letter is a Hashtag.
		j := i + 1
		letter := false
		for j < len(text) {
			if text[j] == '_' {
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			letter = letter || unicode.IsLetter(r)
			j += n
		}
		if letter {
			return j, Hashtag
		}
		return symbolRun(text, i), Symbol
	}
	return i + 1, Symbol
}

// hyphenJoins reports whether the hyphen text[i:j] stands between two words
// with no space around it ("Coca-Cola", "U.S.-led"), so that it is a Hyphen
// split off by W1 rather than a Dash.
func hyphenJoins(text string, i, j int) bool {
	return (wordBefore(text, i) || i > 0 && text[i-1] == '.') && wordAt(text, j)
}

// symbolRun returns the end of the run of ASCII symbols that starts at i
// (T13): a rule such as "***", "====", "$$$", "<<" or "++" is one token, as
// UD EWT writes it, and so is a mix of hyphens and equals signs ("----==",
// "=---"). A symbol that is not repeated ends at i+1.
func symbolRun(text string, i int) int {
	c := text[i]
	switch c {
	case '-', '=':
		j := i + 1
		for j < len(text) && (text[j] == '-' || text[j] == '=') {
			j++
		}
		return j
	case '*', '+', '~', '^', '_', '#', '$', '<', '>', '|':
		j := i + 1
		for j < len(text) && text[j] == c {
			j++
		}
		return j
	}
	return i + 1
}

// emoticonEnd returns the end of the emoticon that starts at i, or 0
// (T12): eyes ":" ";" or "=", an optional nose "-" or "'", and a mouth of
// one of ) ( D P p ] [ / \ | * O 3, repeated or not (":)", ";-)", ":D",
// ":)))"), not followed by a letter or digit (":Dear" is not one) nor, for
// "/", by another slash ("ftp://").
func emoticonEnd(text string, i int) int {
	j := i + 1
	if j < len(text) && (text[j] == '-' || text[j] == '\'') {
		j++
	}
	if j >= len(text) {
		return 0
	}
	m := text[j]
	switch m {
	case ')', '(', 'D', 'P', 'p', ']', '[', '/', '\\', '|', '*', 'O':
	default:
		return 0
	}
	j++
	for j < len(text) && text[j] == m && (m == ')' || m == '(') {
		j++
	}
	if wordAt(text, j) || m == '/' && j < len(text) && text[j] == '/' {
		return 0
	}
	return j
}

// straightQuote decides the direction of the straight quote of n bytes at i
// from its neighbours (T6): at the start, after a space or an opening
// bracket, quote or dash, and before a word, it opens; after a word or
// punctuation and before a space, punctuation or the end, it closes;
// anything else is ambiguous.
func straightQuote(text string, i, n int) TokenKind {
	var before, after rune = -1, -1
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	if i+n < len(text) {
		after, _ = utf8.DecodeRuneInString(text[i+n:])
	}
	openBefore := before < 0 || isSpace(before) || isOpener(before)
	closeAfter := after < 0 || isSpace(after) || isCloser(after)
	switch {
	case openBefore && !closeAfter:
		return QuoteOpen
	case !openBefore && closeAfter:
		return QuoteClose
	}
	return QuoteAmbiguous
}

// isOpener reports whether r may come just before an opening quote.
func isOpener(r rune) bool {
	switch r {
	case '(', '[', '{', '<', '“', '‘', '«', '‹', '„', '‚', '-', '–', '—', '/':
		return true
	}
	return false
}

// isCloser reports whether r may come just after a closing quote.
func isCloser(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '”', '’', '»', '›', '…', '-', '–', '—', '/':
		return true
	}
	return false
}

// apostrophe handles ' or ’ (n bytes) at the start of a token (T7).
func (t *Tokenizer) apostrophe(i, n int) (int, TokenKind) {
	text := t.text
	j := i + n
	if wordBefore(text, i) {
		// T7a: a clitic split from the word before: "Washington" "’s",
		// "I" "’m", "they" "’re" (Penn Treebank / CoNLL convention).
		if e := cliticEnd(text, j); e > 0 {
			return e, Word
		}
		// T7b: a mark right after a word closes an open single quotation;
		// otherwise after an s it is a plural possessive ("the 1990s’",
		// "students’"), a Word like the "’s" clitic; otherwise it closes.
		if t.single > 0 {
			t.single--
			return j, QuoteClose
		}
		if c := text[i-1]; c == 's' || c == 'S' {
			return j, Word
		}
		if n == 1 {
			return j, straightQuote(text, i, n)
		}
		return j, QuoteClose
	}
	// T7c: elisions that start with an apostrophe: "’90s", "rock ’n’ roll",
	// "’em", "’til".
	if e, k := elisionEnd(text, j); e > 0 {
		return e, k
	}
	if n == 3 { // ’ is a closing mark by its shape
		if t.single > 0 {
			t.single--
		}
		return j, QuoteClose
	}
	k := straightQuote(text, i, n)
	switch k {
	case QuoteOpen:
		t.single++
	case QuoteClose:
		if t.single > 0 {
			t.single--
		}
	}
	return j, k
}

// cliticEnd returns the end of the clitic s, m, d, ll, re or ve (any case)
// that starts at j and ends a word, or 0.
func cliticEnd(text string, j int) int {
	k := j
	for k < len(text) && k-j < 3 && isASCIILetter(text[k]) {
		k++
	}
	if k == j || wordAt(text, k) || apostropheAt(text, k) > 0 {
		return 0
	}
	switch k - j {
	case 1:
		switch text[j] | 0x20 {
		case 's', 'm', 'd':
			return k
		}
	case 2:
		a, b := text[j]|0x20, text[j+1]|0x20
		if a == 'l' && b == 'l' || a == 'r' && b == 'e' || a == 'v' && b == 'e' {
			return k
		}
	}
	return 0
}

// elisionEnd returns the end and kind of an elision whose apostrophe ends
// at j, or 0.
func elisionEnd(text string, j int) (int, TokenKind) {
	k := j
	for k < len(text) && isASCIIAlnum(text[k]) {
		k++
	}
	if k == j {
		return 0, Word
	}
	w := text[j:k]
	if len(w) == 2 && isASCIIDigit(w[0]) && isASCIIDigit(w[1]) || len(w) == 3 && isASCIIDigit(w[0]) && isASCIIDigit(w[1]) && w[2] == 's' {
		if !wordAt(text, k) {
			return k, Number
		}
		return 0, Word
	}
	if wordAt(text, k) {
		return 0, Word
	}
	switch w {
	case "n", "N":
		if a := apostropheAt(text, k); a > 0 && !wordAt(text, k+a) {
			return k + a, Word
		}
		return k, Word
	case "em", "tis", "twas", "til", "cause", "bout", "cos", "ol":
		return k, Word
	}
	return 0, Word
}

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

// urlEnd returns the end of the URL that starts at s with "http://",
// "https://" or "www.", or 0 (T9). Trailing punctuation is left out, and a
// final ")" only when the URL has no "(".
func urlEnd(text string, s int) int {
	rest := text[s:]
	var p int
	switch {
	case hasPrefixFold(rest, "https://"):
		p = 8
	case hasPrefixFold(rest, "http://"):
		p = 7
	case hasPrefixFold(rest, "www.") && len(rest) > 4 && isASCIIAlnum(rest[4]):
		p = 4
	default:
		return 0
	}
	j := urlTail(text, s+p)
	if j == s+p {
		return 0
	}
	return j
}

// urlTail returns the end of the URL characters from j on, leaving out
// trailing punctuation, and a final ")" when the URL part has no "(".
func urlTail(text string, j int) int {
	from := j
	parens := 0
	for j < len(text) {
		c := text[j]
		if c <= ' ' || c >= utf8.RuneSelf || c == '"' || c == '<' || c == '>' || c == '`' || c == '\\' || c == '^' || c == '{' || c == '}' || c == '|' {
			break
		}
		if c == '(' {
			parens++
		}
		j++
	}
	for j > from {
		switch text[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			j--
			continue
		case ')':
			if parens == 0 {
				j--
				continue
			}
		}
		break
	}
	return j
}

func isLowerASCII(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] < 'a' || s[k] > 'z' {
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// email returns the end of the e-mail address that starts at s, or 0
// (T10), remembering failures in t.noEmail.
func (t *Tokenizer) email(s int) int {
	if s < t.noEmail {
		return 0
	}
	e, fail := emailEnd(t.text, s)
	if e == 0 {
		t.noEmail = fail
	}
	return e
}

// emailEnd returns the end of the e-mail address that starts at s (T10):
// local part [A-Za-z0-9._%+-]+, "@", then two or more domain labels. When
// there is none it returns 0 and the end of the local-part scan.
func emailEnd(text string, s int) (end, fail int) {
	i := s
	for i < len(text) {
		c := text[i]
		if isASCIIAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' {
			i++
			continue
		}
		break
	}
	fail = i
	if i == s || i >= len(text) || text[i] != '@' || text[i-1] == '.' {
		return 0, fail
	}
	i++
	d := i
	dots := 0
	for i < len(text) {
		c := text[i]
		if isASCIIAlnum(c) || c == '-' {
			i++
			continue
		}
		if c == '.' && i > d && text[i-1] != '.' && i+1 < len(text) && isASCIIAlnum(text[i+1]) {
			dots++
			i++
			continue
		}
		break
	}
	if dots == 0 {
		return 0, fail
	}
	return i, 0
}
