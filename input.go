package saywho

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// DefaultMaxBytes is the default limit on the size of one document
// (-max-bytes): 64 MiB, well above any news article, below what would
// exhaust memory when several documents are analysed at once (the
// pipeline needs about 20 times a document's size while it runs).
const DefaultMaxBytes = 64 << 20

// DecodeText returns the text of a document read as bytes, and a warning
// when it had to be decoded: UTF-16 with a byte order mark (little or big
// endian) is converted to UTF-8, and offsets then count the UTF-8 text, not
// the input bytes. Anything else is returned as it is, byte for byte
// (invalid UTF-8 included, which analysis keeps as Invalid tokens; a UTF-8
// byte order mark stays in the text).
func DecodeText(b []byte) (string, string) {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		little := b[0] == 0xFF
		name := "UTF-16BE"
		if little {
			name = "UTF-16LE"
		}
		body := b[2:]
		u := make([]uint16, len(body)/2)
		for i := range u {
			if little {
				u[i] = uint16(body[2*i]) | uint16(body[2*i+1])<<8
			} else {
				u[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
			}
		}
		var sb strings.Builder
		sb.Grow(len(body))
		for _, r := range utf16.Decode(u) {
			sb.WriteRune(r)
		}
		warn := fmt.Sprintf("%s input (byte order mark) decoded to UTF-8; offsets count the bytes of the UTF-8 text", name)
		if len(body)%2 == 1 {
			warn += "; its odd last byte was dropped"
		}
		return sb.String(), warn
	}
	return string(b), ""
}

// InputWarnings describes what is odd about text, for Result.Warnings:
// empty, not UTF-8 (with the byte offset of the first bad byte), or binary
// (a NUL byte). It returns nil for ordinary text.
func InputWarnings(text string) []string {
	var w []string
	if strings.TrimSpace(text) == "" {
		w = append(w, "empty input: no text to analyse")
	}
	if !utf8.ValidString(text) {
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				w = append(w, fmt.Sprintf("invalid UTF-8 at byte %d (0x%02x); bytes kept as is, offsets still count bytes of the input", i, text[i]))
				break
			}
			i += size
		}
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		w = append(w, fmt.Sprintf("NUL byte at byte %d: input looks binary", i))
	}
	return w
}
