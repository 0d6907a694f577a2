package saywho

import (
	"sort"
	"unicode/utf8"
)

// charIndex converts between byte and character (code point) offsets of a
// text. It records the character count at a rune start every charBlock
// bytes, so it costs 16 bytes per charBlock bytes of text (1/64 of the
// text) and a conversion costs a binary search plus a scan of at most
// charBlock bytes. An invalid UTF-8 byte counts as one character.
type charIndex struct {
	text  string
	marks []charMark // in increasing order of both fields; marks[0] is {0, 0}
}

type charMark struct{ byteOff, charOff int }

const charBlock = 1024

func newCharIndex(text string) *charIndex {
	x := &charIndex{text: text, marks: make([]charMark, 0, len(text)/charBlock+1)}
	chars, next := 0, 0
	for i := 0; i < len(text); {
		if i >= next {
			x.marks = append(x.marks, charMark{i, chars})
			next = i + charBlock
		}
		if text[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
		chars++
	}
	if len(x.marks) == 0 {
		x.marks = append(x.marks, charMark{})
	}
	return x
}

// chars returns the character offset of byte offset b. An offset inside a
// character counts the bytes before it as characters, as a decoder that
// stops there would; offsets past the text are clamped to its end.
func (x *charIndex) chars(b int) int {
	b = min(max(b, 0), len(x.text))
	k := sort.Search(len(x.marks), func(i int) bool { return x.marks[i].byteOff > b }) - 1
	m := x.marks[k]
	return m.charOff + utf8.RuneCountInString(x.text[m.byteOff:b])
}

// bytes returns the byte offset of character offset c; offsets past the
// text give its length.
func (x *charIndex) bytes(c int) int {
	c = max(c, 0)
	k := sort.Search(len(x.marks), func(i int) bool { return x.marks[i].charOff > c }) - 1
	m := x.marks[k]
	i := m.byteOff
	for n := m.charOff; n < c && i < len(x.text); n++ {
		if x.text[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(x.text[i:])
		i += size
	}
	return i
}
