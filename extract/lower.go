package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// lowerTable is a document's lower-case text, built once by Extract so
// that Document.Lower allocates nothing: text is Document.Text lower-cased
// rune by rune as strings.ToLower does, wherever that keeps the length in
// bytes, so token i's lower form is text[Start:End]. exc lists, in order,
// the byte offsets of the runes whose lower case has another length
// (invalid UTF-8, which ToLower turns into U+FFFD; "İ"): Document.Lower
// lowers a token holding one on each call instead. Tokens never split a
// valid rune, so lowering the whole text lowers each token. A text with
// nothing to lower is shared, not copied.
type lowerTable struct {
	text string
	exc  []int32
	// of and tokens identify the Text and Tokens the table was built for:
	// a Document whose layers were replaced falls back to Token.Lower.
	of     *byte
	tokens *Token
}

// buildLower returns the lower-case table of text and its tokens: one copy
// of text at most (none when it has no upper-case ASCII letter and no
// non-ASCII byte), made in one pass.
func buildLower(text string, tokens []Token) lowerTable {
	lt := lowerTable{text: text, of: unsafe.StringData(text), tokens: unsafe.SliceData(tokens)}
	i := 0
	for i < len(text) && text[i] < utf8.RuneSelf && !('A' <= text[i] && text[i] <= 'Z') {
		i++
	}
	if i == len(text) {
		return lt
	}
	b := []byte(text)
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			b[i] = asciiLower[c]
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			lt.exc = append(lt.exc, int32(i)) // strings.ToLower writes U+FFFD (3 bytes) for the byte
			i++
			continue
		}
		if l := unicode.ToLower(r); l != r {
			if utf8.RuneLen(l) == n {
				utf8.EncodeRune(b[i:], l)
			} else {
				lt.exc = append(lt.exc, int32(i))
			}
		}
		i += n
	}
	lt.text = unsafe.String(unsafe.SliceData(b), len(b))
	return lt
}

// asciiLower maps each ASCII byte to its lower case.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// Lower returns the lower case of token i's text, as Token.Lower does. On
// a Document from Extract it reads one lower-case copy of the text made
// once per document and allocates nothing (except for the rare token whose
// lower case has another length in bytes, such as invalid UTF-8); on a
// Document built by hand it calls Token.Lower. The string may share memory
// with the document; it is valid as long as the document is. i must be a
// token index.
func (d *Document) Lower(i int) string {
	t := &d.Tokens[i]
	lt := &d.lower
	if lt.tokens != unsafe.SliceData(d.Tokens) || lt.of != unsafe.StringData(d.Text) || lt.of == nil || len(lt.text) != len(d.Text) || t.End > len(lt.text) {
		return t.Lower()
	}
	if len(lt.exc) > 0 {
		k := sort.Search(len(lt.exc), func(k int) bool { return int(lt.exc[k]) >= t.Start })
		if k < len(lt.exc) && int(lt.exc[k]) < t.End {
			return strings.ToLower(t.Text)
		}
	}
	return lt.text[t.Start:t.End]
}
