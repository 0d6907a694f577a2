package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Quotation marks that open or close a quotation. Single marks are left
// out on purpose: ’ is also the apostrophe ("don’t"), so only double marks
// decide whether text is quoted.
const (
	openMarks  = "“„«"
	closeMarks = "”»"
	// straight double quote: opens at depth 0, closes otherwise
)

// quoteShare tells how much of s is inside double quotation marks: it
// returns the number of letters and digits inside and outside quotes.
// Straight " opens when no quotation is open and closes otherwise; curly
// and angle marks know their direction, and an unmatched closing mark is
// ignored.
func quoteShare(s string) (inside, outside int) {
	depth := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune(openMarks, r):
			depth++
		case strings.ContainsRune(closeMarks, r):
			if depth > 0 {
				depth--
			}
		case r == '"':
			if depth == 0 {
				depth++
			} else {
				depth--
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if depth > 0 {
				inside++
			} else {
				outside++
			}
		}
	}
	return inside, outside
}

// kindOf classifies content pieces: Direct when every letter and digit is
// inside quotation marks, Mixed when some are, Indirect when none are.
func kindOf(pieces []extract.Span) claims.Kind {
	in, out := 0, 0
	for _, p := range pieces {
		i, o := quoteShare(p.Text)
		in += i
		out += o
	}
	switch {
	case in > 0 && out == 0:
		return claims.Direct
	case in > 0:
		return claims.Mixed
	}
	return claims.Indirect
}

// isQuoted reports whether gold claim c is fully or partly quoted, for
// quoted recall: its Kind is Direct or Mixed, or one of its content spans
// holds a double quotation mark.
func isQuoted(c claims.Claim) bool {
	if c.Kind != claims.Indirect {
		return true
	}
	for _, p := range c.Content {
		if strings.ContainsAny(p.Text, doubleMarks) {
			return true
		}
	}
	return false
}

// doubleMarks are the double quotation marks isQuoted looks for.
const doubleMarks = "“”\"„«»‟＂"

// trimSpace returns s without leading and trailing white space. The result
// is a span of the same text (the Text field is re-sliced, not copied).
func trimSpace(s extract.Span) extract.Span {
	t := strings.TrimLeftFunc(s.Text, unicode.IsSpace)
	s.Start += len(s.Text) - len(t)
	t = strings.TrimRightFunc(t, unicode.IsSpace)
	s.End = s.Start + len(t)
	s.Text = t
	return s
}

// isOpenMark and isCloseMark report whether r opens or closes a quotation
// (straight " does both).
func isOpenMark(r rune) bool  { return r == '"' || r == '‘' || strings.ContainsRune(openMarks, r) }
func isCloseMark(r rune) bool { return r == '"' || r == '’' || strings.ContainsRune(closeMarks, r) }

// trimMarks returns s, trimmed of white space, without the quotation marks
// at its ends: leading opening marks, and trailing closing marks together
// with punctuation that follows them (“Yes”. -> Yes; “Yes.” -> Yes.).
func trimMarks(s extract.Span) extract.Span {
	s = trimSpace(s)
	for {
		r, size := utf8.DecodeRuneInString(s.Text)
		if size == 0 || !isOpenMark(r) {
			break
		}
		s.Start += size
		s.Text = s.Text[size:]
	}
	for {
		t := strings.TrimRight(s.Text, ".,;:!?")
		r, size := utf8.DecodeLastRuneInString(t)
		if size == 0 || !isCloseMark(r) {
			break
		}
		s.Text = t[:len(t)-size]
		s.End = s.Start + len(s.Text)
	}
	return trimSpace(s)
}
