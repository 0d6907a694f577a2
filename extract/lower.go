package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// lowerTable is a document's lower-case forms of its tokens, built once by
// Extract so that Document.Lower allocates nothing: text is Document.Text
// with every token lower-cased in place (strings.ToLower rune by rune), so
// token i's lower form is text[Start:End]; exc lists, in order, the tokens
// whose lower form has another length (invalid UTF-8, "İ"), which
// Document.Lower lowers on each call instead. A document with nothing to
// lower shares Document.Text.
type lowerTable struct {
	text string
	exc  []int32
	// of and tokens identify the Text and Tokens the table was built for:
	// a Document whose layers were replaced falls back to Token.Lower.
	of     *byte
	tokens *Token
}

// buildLower returns the lower-case table of tokens over text: one copy of
// text at most (none when no token has an upper-case letter or a non-ASCII
// byte), and nothing else unless a token's lower form changes length.
func buildLower(text string, tokens []Token) lowerTable {
	var b []byte // nil until the first token that changes
	var exc []int32
	for i, t := range tokens {
		s := t.Text
		k := 0
		for k < len(s) && s[k] < utf8.RuneSelf && !('A' <= s[k] && s[k] <= 'Z') {
			k++
		}
		if k == len(s) {
			continue // Token.Lower returns the text itself
		}
		if b == nil {
			b = []byte(text)
		}
		if !lowerInPlace(b[t.Start+k:t.End], s[k:]) {
			copy(b[t.Start:t.End], s) // keep the bytes; Lower lowers this token each time
			exc = append(exc, int32(i))
		}
	}
	lt := lowerTable{text: text, exc: exc, of: unsafe.StringData(text), tokens: unsafe.SliceData(tokens)}
	if b != nil {
		lt.text = unsafe.String(unsafe.SliceData(b), len(b))
	}
	return lt
}

// lowerInPlace writes strings.ToLower(s) into dst (len(dst) == len(s)) and
// reports whether it has the same length as s; when it does not, dst holds
// partial output.
func lowerInPlace(dst []byte, s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst[i] = c
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false // strings.ToLower writes U+FFFD (3 bytes) for the byte
		}
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != n {
			return false
		}
		utf8.EncodeRune(dst[i:], l)
		i += n
	}
	return true
}

// Lower returns the lower case of token i's text, as Token.Lower does. On
// a Document from Extract it reads one lower-case copy of the text made
// once per document and allocates nothing (except for the rare token whose
// lower case has another length in bytes, such as invalid UTF-8); on a
// Document built by hand it calls Token.Lower. The string may share memory
// with the document; it is valid as long as the document is. i must be a
// token index.
func (d *Document) Lower(i int) string {
	t := d.Tokens[i]
	lt := &d.lower
	if lt.of == nil || lt.of != unsafe.StringData(d.Text) || lt.tokens != unsafe.SliceData(d.Tokens) || len(lt.text) != len(d.Text) || t.End > len(lt.text) {
		return t.Lower()
	}
	if len(lt.exc) > 0 {
		if k := sort.Search(len(lt.exc), func(k int) bool { return int(lt.exc[k]) >= i }); k < len(lt.exc) && int(lt.exc[k]) == i {
			return strings.ToLower(t.Text)
		}
	}
	return lt.text[t.Start:t.End]
}
