package extract

// Span is a half-open byte range [Start, End) of Document.Text together with
// the text it covers. Text is a substring of Document.Text (it shares its
// memory; no copy is made), so for every span s of a document d:
//
//	d.Text[s.Start:s.End] == s.Text
//
// Offsets count bytes from 0, not runes or characters.
type Span struct {
	Start int    // byte offset of the first byte, from the start of Document.Text
	End   int    // byte offset one past the last byte
	Text  string // Document.Text[Start:End], aliased
}

// SpanOf returns the span [start, end) of text. It panics if the range is
// not inside text, as slicing would; callers pass offsets they computed.
func SpanOf(text string, start, end int) Span {
	return Span{Start: start, End: end, Text: text[start:end]}
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// IsEmpty reports whether s covers no bytes.
func (s Span) IsEmpty() bool { return s.End <= s.Start }

// Overlaps reports whether s and t share at least one byte.
func (s Span) Overlaps(t Span) bool { return s.Start < t.End && t.Start < s.End }

// Contains reports whether t lies entirely inside s.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// In reports whether the byte offset off lies inside s.
func (s Span) In(off int) bool { return s.Start <= off && off < s.End }

// Range is a half-open range [Lo, Hi) of token indices into Document.Tokens.
// It is a separate type from Span so that byte offsets and token indices
// cannot be mixed up.
type Range struct {
	Lo int // index of the first token
	Hi int // index one past the last token
}

// Len returns the number of tokens in r.
func (r Range) Len() int { return r.Hi - r.Lo }

// Contains reports whether token index i lies inside r.
func (r Range) Contains(i int) bool { return r.Lo <= i && i < r.Hi }
