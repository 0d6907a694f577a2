package corpus

import (
	"unicode/utf8"
)

// charOffsets maps character (code point) offsets of a text to byte
// offsets. Annotation tools written in Python and Java (brat, Citron) count
// characters; saywho counts bytes. Convert once, at load time.
//
// An invalid UTF-8 byte counts as one character, as Python's
// "surrogateescape" decoding counts it.
type charOffsets []int

// newCharOffsets returns the byte offset of every character of text, plus
// len(text) for the offset one past the last character.
func newCharOffsets(text string) charOffsets {
	offs := make(charOffsets, 0, len(text)+1)
	for i := 0; i < len(text); {
		offs = append(offs, i)
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return append(offs, len(text))
}

// byteOffset returns the byte offset of character offset c, and false when c
// is past the end of the text or negative.
func (o charOffsets) byteOffset(c int) (int, bool) {
	if c < 0 || c >= len(o) {
		return 0, false
	}
	return o[c], true
}

// chars returns the number of characters of the text.
func (o charOffsets) chars() int { return len(o) - 1 }

// charOffset returns the character offset of byte offset b, and false when b
// is not the start of a character.
func (o charOffsets) charOffset(b int) (int, bool) {
	lo, hi := 0, len(o)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if o[m] < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(o) && o[lo] == b
}
