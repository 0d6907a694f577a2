package corpus

import (
	"sort"

	"github.com/saywho/saywho/extract"
)

// AlignMode says how Align maps a span onto tokens whose boundaries it
// does not match, as spaCy's Doc.char_span alignment_mode does.
type AlignMode uint8

// Alignment modes. The zero value is Strict.
const (
	Strict   AlignMode = iota // the span must start at a token start and end at a token end
	Contract                  // the tokens entirely inside the span
	Expand                    // the tokens the span touches, even in part
)

// String returns "strict", "contract" or "expand".
func (m AlignMode) String() string {
	switch m {
	case Strict:
		return "strict"
	case Contract:
		return "contract"
	case Expand:
		return "expand"
	}
	return "AlignMode(?)"
}

// Align returns the token range of doc.Tokens that span s maps to under
// mode, and false when there is none: in Strict mode when s does not start
// and end on token boundaries, in all modes when no token qualifies. White
// space at the ends of s is ignored. It runs in O(log n) for n tokens and
// does not allocate.
func Align(doc *extract.Document, s extract.Span, mode AlignMode) (extract.Range, bool) {
	toks := doc.Tokens
	// lo: first token ending after s.Start; hi: first token starting at or after s.End.
	lo := sort.Search(len(toks), func(i int) bool { return toks[i].End > s.Start })
	hi := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= s.End })
	if lo >= hi {
		return extract.Range{}, false
	}
	switch mode {
	case Strict:
		if toks[lo].Start < s.Start || toks[hi-1].End > s.End {
			return extract.Range{}, false
		}
	case Contract:
		if toks[lo].Start < s.Start {
			lo++
		}
		if hi > lo && toks[hi-1].End > s.End {
			hi--
		}
		if lo >= hi {
			return extract.Range{}, false
		}
	case Expand:
	default:
		return extract.Range{}, false
	}
	return extract.Range{Lo: lo, Hi: hi}, true
}
