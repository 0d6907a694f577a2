package extract

import (
	"iter"
	"unicode"
	"unicode/utf8"
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
