package claims

import (
	"strings"
	"unicode"

	"github.com/saywho/saywho/extract"
)

// markClass groups quotation marks that pair with each other: double marks
// (“ ” " „ « » and the typewriter ” of some wires) and single marks
// (‘ ’ ' ‚ ‹ ›).
type markClass uint8

const (
	notMark markClass = iota
	doubleMark
	singleMark
)

// classOf returns the class of a quote token's text.
func classOf(s string) markClass {
	switch s {
	case "“", "”", "\"", "„", "‟", "«", "»", "''", "``", "＂":
		return doubleMark
	case "‘", "’", "'", "‚", "‛", "‹", "›":
		return singleMark
	}
	return notMark
}

// quote is one top-level quotation found by findQuotes: the tokens of its
// marks and the byte span between them. A quotation that runs over several
// paragraphs is split into one quote per paragraph; prev links each part to
// the one before it.
type quote struct {
	open, close int // token indices of the marks; close is -1 when the quotation is not closed in its paragraph
	last        int // token index of the last token of the quotation: its closing mark, or the last token before the mark or paragraph end that ends it
	start, end  int // byte span of the content, marks excluded
	// outer is the byte span of the quotation with its marks, the content
	// of a direct claim as PolNeAR marks it: from the opening mark (or the
	// paragraph start when it was dropped, Q9) to the closing mark, or to
	// the content's end when the quotation is not closed.
	outerStart, outerEnd int
	para                 int // paragraph index
	prev                 int // index of the previous part of a multi-paragraph quotation, or -1
	misused              bool
	dropped              bool // the opening mark is missing: open is the paragraph's first token, not a mark (Q9)
	class                markClass
}

// findQuotes pairs the top-level quotation marks of d in one pass over its
// tokens; it appends to dst and returns it. Rules, after the Chicago Manual
// of Style 13.30–13.33 and observed news usage:
//
//   - Q1 a mark opens a quotation when none is open, unless the tokenizer
//     read it as closing (a stray closing mark is ignored);
//   - Q2 a mark of the same class as the open one closes it, whatever the
//     tokenizer read, when it stands at the end of a paragraph, before
//     punctuation or after sentence-final punctuation ("country. “" at a
//     paragraph end is a misused closing mark);
//   - Q3 another opening mark of the same class closes the quotation before
//     it and opens a new one (the writer forgot a closing mark);
//   - Q4 marks of the other class inside a quotation are nested quotations and
//     do not pair at the top level;
//   - Q5 a quotation still open at the end of its paragraph continues into the
//     next paragraph when that paragraph starts with an opening mark of the
//     same class (multi-paragraph quotations); otherwise it ends at the
//     paragraph end, unclosed;
//   - Q6 single marks open a top-level quotation only when they are curly or
//     read as opening by the tokenizer, so apostrophes never pair;
//   - Q7 two adjacent straight single marks (the doubled apostrophes of
//     wire copy) are one double mark;
//   - Q8 a closing double mark that starts a paragraph opens a quotation
//     (”Mr. Trump embodies …” written with the wrong mark);
//   - Q9 a closing double mark after a comma or sentence-final punctuation,
//     in a paragraph where no quotation has opened, closes a quotation that
//     opened at the paragraph's start without its mark (wire copy that
//     dropped it: 'They are wrong," said Ms. Strada.'); at least three
//     words must stand before it, the first capitalised or a digit.
//
// It runs in time linear in the number of tokens.
func findQuotes(dst []quote, d *extract.Document) []quote {
	toks := d.Tokens
	for pi, p := range d.Paragraphs {
		cur := -1 // index into dst of the open quote
		var cls markClass
		opened := false // a quotation has opened in this paragraph
		for i := p.Tokens.Lo; i < p.Tokens.Hi; i++ {
			t := toks[i]
			if !t.Kind.IsQuote() {
				continue
			}
			c := classOf(t.Text)
			if c == notMark {
				continue
			}
			// Q7: two adjacent straight single marks are one double mark
			// (the '' of wire copy).
			j, kind := i, t.Kind
			if t.Text == "'" && i+1 < p.Tokens.Hi && toks[i+1].Text == "'" && toks[i+1].Start == t.End {
				j, c = i+1, doubleMark
				if kind == extract.QuoteAmbiguous {
					kind = toks[i+1].Kind
				}
			}
			endByte := toks[j].End
			if cur < 0 {
				// Q9: a dropped opening mark.
				if c == doubleMark && kind != extract.QuoteOpen && !opened && droppedOpen(toks, p.Tokens.Lo, i) {
					prev := -1
					if len(dst) > 0 {
						q := &dst[len(dst)-1]
						if q.close < 0 && q.para == pi-1 && q.class == c {
							prev = len(dst) - 1 // Q5
						}
					}
					lo := p.Tokens.Lo
					dst = append(dst, quote{open: lo, close: j, last: j, start: toks[lo].Start, end: t.Start, para: pi, prev: prev, class: c, dropped: true})
					opened = true
					i = j
					continue
				}
				// Q1, Q6, Q8.
				if kind == extract.QuoteClose && !(i == p.Tokens.Lo && c == doubleMark) {
					i = j
					continue
				}
				if c == singleMark && kind != extract.QuoteOpen {
					continue
				}
				prev := -1
				if i == p.Tokens.Lo && len(dst) > 0 {
					q := &dst[len(dst)-1]
					if q.close < 0 && q.para == pi-1 && q.class == c {
						prev = len(dst) - 1 // Q5
					}
				}
				dst = append(dst, quote{open: i, close: -1, start: endByte, end: endByte, para: pi, prev: prev, class: c})
				cur, cls = len(dst)-1, c
				opened = true
				i = j
				continue
			}
			if c != cls {
				i = j
				continue // Q4
			}
			q := &dst[cur]
			last := j == p.Tokens.Hi-1
			if kind == extract.QuoteOpen && !last && !beforePunct(toks, j, p.Tokens.Hi) && !afterStop(toks, i, q.open) {
				// Q3: close before this mark, open a new quotation.
				q.close, q.end, q.misused, q.last = -1, t.Start, true, i-1
				dst = append(dst, quote{open: i, close: -1, start: endByte, end: endByte, para: pi, prev: -1, class: c})
				cur = len(dst) - 1
				i = j
				continue
			}
			// Q2.
			q.close, q.end, q.last = j, t.Start, j
			q.misused = kind == extract.QuoteOpen
			cur = -1
			i = j
		}
		if cur >= 0 {
			// Q5: the quotation runs to the end of the paragraph.
			q := &dst[cur]
			q.end = toks[p.Tokens.Hi-1].End
			q.last = p.Tokens.Hi - 1
			if q.open == p.Tokens.Hi-1 {
				q.end = q.start
			}
		}
	}
	// Trim white space inside the marks ("« oui »") and drop empty
	// quotations.
	out := dst[:0]
	for _, q := range dst {
		inner := d.Text[q.start:q.end]
		trimmed := strings.TrimLeftFunc(inner, unicode.IsSpace)
		q.start += len(inner) - len(trimmed)
		q.end = q.start + len(strings.TrimRightFunc(trimmed, unicode.IsSpace))
		if q.end > q.start {
			q.outerStart = toks[q.open].Start
			if q.dropped {
				q.outerStart = q.start
			}
			q.outerEnd = q.end
			if q.close >= 0 {
				q.outerEnd = toks[q.close].End
			}
			if q.prev >= 0 {
				q.prev = -1
				if n := len(out); n > 0 && out[n-1].close < 0 && out[n-1].para == q.para-1 {
					q.prev = n - 1
				}
			}
			out = append(out, q)
		}
	}
	return out
}

// droppedOpen reports whether the closing mark at token i, with no
// quotation open in the paragraph starting at token lo, ends a quotation
// whose opening mark was dropped (Q9).
func droppedOpen(toks []extract.Token, lo, i int) bool {
	if i-lo < 4 {
		return false
	}
	switch toks[i-1].Text {
	case ",", ".", "?", "!", "…":
	default:
		return false
	}
	first := toks[lo]
	if first.Kind != extract.Word && first.Kind != extract.Number || !(isUpperStart(first.Text) || first.Kind == extract.Number) {
		return false
	}
	words := 0
	for k := lo; k < i; k++ {
		if toks[k].Kind == extract.Word {
			words++
		}
	}
	return words >= 3
}

// beforePunct reports whether the token after i (before hi) is punctuation.
func beforePunct(toks []extract.Token, i, hi int) bool {
	return i+1 < hi && (toks[i+1].Kind == extract.Punct || toks[i+1].Kind.IsQuote())
}

// afterStop reports whether the token before i (after the opening mark at
// lo) is sentence-final punctuation or a comma, which makes a following
// opening mark a misused closing one when it ends the text it quotes.
func afterStop(toks []extract.Token, i, lo int) bool {
	if i-1 <= lo {
		return false
	}
	switch toks[i-1].Text {
	case ".", "!", "?", ",", "…":
		// "… country. “" followed by more words of the same sentence is
		// still a closing mark when the next word is lower case.
		return i+1 >= len(toks) || !isUpperStart(toks[i+1].Text)
	}
	return false
}
