package claims

import (
	"strings"

	"github.com/saywho/saywho/extract"
)

// view is the document as every stage reads it during one Attribute call:
// the tokens with their sentence and top-level quotation, the quotations
// themselves (marks.go), which tokens accepted claims have taken, and a
// cache of lower-cased words. The stages (cues, sources, content,
// speakers) embed a pointer to the same view.
type view struct {
	d      *extract.Document
	toks   []extract.Token
	sentOf []int32 // token -> sentence
	qOf    []int32 // token -> top-level quote (marks included), -1
	used   []bool  // token belongs to a role of an accepted claim
	quotes []quote
	next   []int32 // quote -> next part of a multi-paragraph quotation, -1
	// parenOpen marks sentences that end inside a parenthesis.
	parenOpen []bool
	// opens is, per sentence, the first token after a dateline that opens
	// it ("LISBON (Reuters) -"), or its first token (rule S5).
	opens []int32
}

// reset points v at document d: it indexes sentences and quotations
// (findQuotes) and clears what the last call left.
func (v *view) reset(d *extract.Document) {
	n := len(d.Tokens)
	v.d, v.toks = d, d.Tokens
	v.sentOf, v.qOf, v.used = resize(v.sentOf, n), resize(v.qOf, n), resize(v.used, n)
	for i := range v.sentOf {
		v.sentOf[i] = -1
		v.qOf[i] = -1
	}
	for si, s := range d.Sentences {
		for i := max(s.Tokens.Lo, 0); i < s.Tokens.Hi && i < n; i++ {
			v.sentOf[i] = int32(si)
		}
	}
	v.parenOpen = resize(v.parenOpen, len(d.Sentences))
	for si, s := range d.Sentences {
		depth := 0
		for i := max(s.Tokens.Lo, 0); i < s.Tokens.Hi && i < n; i++ {
			switch d.Tokens[i].Text {
			case "(":
				depth++
			case ")":
				depth = max(depth-1, 0)
			}
		}
		v.parenOpen[si] = depth > 0 && si+1 < len(d.Sentences) && d.Sentences[si+1].Paragraph == s.Paragraph
	}
	v.opens = resize(v.opens, len(d.Sentences))
	for si, s := range d.Sentences {
		v.opens[si] = int32(datelineEnd(d.Tokens, s.Tokens.Lo, min(s.Tokens.Hi, n)))
	}
	v.quotes = findQuotes(v.quotes[:0], d)
	v.next = resize(v.next, len(v.quotes))
	for i := range v.next {
		v.next[i] = -1
	}
	for qi, q := range v.quotes {
		if q.prev >= 0 {
			v.next[q.prev] = int32(qi)
		}
		hi := v.lastTok(qi)
		for i := q.open; i <= hi; i++ {
			v.qOf[i] = int32(qi)
		}
	}
}

// release drops v's references to the document.
func (v *view) release() {
	v.d, v.toks = nil, nil
}

// resize returns s with length n and every element zero, reusing its
// array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// lastTok returns the last token of quote qi: its closing mark, or the last
// token of its paragraph.
func (v *view) lastTok(qi int) int { return v.quotes[qi].last }

// sent returns the token range of sentence s.
func (v *view) sent(s int) (lo, hi int) {
	r := v.d.Sentences[s].Tokens
	lo = r.Lo
	// A sentence that the segmenter started inside a parenthesis ("Rep.
	// Trey Gowdy (R-S." | "C.) said …") starts with the one before.
	if s > 0 && v.parenOpen[s-1] {
		lo = v.d.Sentences[s-1].Tokens.Lo
		s--
	}
	// A dateline is no part of the sentence (S5).
	lo = max(lo, int(v.opens[s]))
	return lo, r.Hi
}

// rawSent is sent with the dateline kept: the sentence as the learned cue
// detector was trained on it (claimtrain reads the segmenter's sentences).
func (v *view) rawSent(s int) (lo, hi int) {
	r := v.d.Sentences[s].Tokens
	lo = r.Lo
	if s > 0 && v.parenOpen[s-1] {
		lo = v.d.Sentences[s-1].Tokens.Lo
	}
	return lo, r.Hi
}

// datelineEnd returns the first token after the dateline that opens the
// sentence toks[lo:hi], or lo when there is none (rule S5). A dateline is a
// place in capitals, or capitalised and followed by a news agency in
// parentheses, with an optional date ("LISBON —", "NEW YORK, Oct. 3 (AP)
// -", "Washington (CNN) —"), then a dash and the sentence. It is never a
// source nor part of a content. It looks at no more than 16 tokens.
func datelineEnd(toks []extract.Token, lo, hi int) int {
	i := lo
	caps, words := false, 0
	for ; i < hi && i-lo < 12; i++ {
		t := toks[i]
		switch {
		case isWordTok(t) && isUpperStart(t.Text):
			words++
			if len(t.Text) >= 2 && strings.ToUpper(t.Text) == t.Text {
				caps = caps || words == 1
			}
			continue
		case t.Kind == extract.Number || t.Text == "," || t.Text == ".":
			if words > 0 {
				continue
			}
		}
		break
	}
	if words == 0 || i >= hi {
		return lo
	}
	agency := false
	if toks[i].Text == "(" {
		k := i + 1
		for k < hi && k-i < 5 && isWordTok(toks[k]) && isUpperStart(toks[k].Text) {
			k++
		}
		if k == i+1 || k >= hi || toks[k].Text != ")" {
			return lo
		}
		agency, i = true, k+1
	}
	if i+1 >= hi || !(caps || agency) || !(toks[i].Kind == extract.Dash || toks[i].Text == "-" || toks[i].Text == "--") {
		return lo
	}
	return i + 1
}

// lower returns the lower-cased text of token i from the document's
// lower-case copy (Document.Lower: no allocation, no string kept per token).
func (v *view) lower(i int) string { return v.d.Lower(i) }

// anyUsed reports whether a token in [lo, hi) is taken.
func (v *view) anyUsed(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if v.used[i] {
			return true
		}
	}
	return false
}

func (v *view) take(lo, hi int) {
	for i := lo; i < hi; i++ {
		v.used[i] = true
	}
}

// isPunct reports whether token i is punctuation or a dash.
func (v *view) isPunct(i int) bool {
	k := v.toks[i].Kind
	return k == extract.Punct || k == extract.Dash
}

// chain returns the parts of the multi-paragraph quotation ending with
// quote qi, first part first.
func (v *view) chain(qi int) []int {
	var parts []int
	for q := qi; q >= 0 && len(parts) < 64; q = v.quotes[q].prev {
		parts = append(parts, q)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}

// words counts the word tokens in [lo, hi).
func (v *view) words(lo, hi int) int {
	n := 0
	for i := lo; i < hi && i < len(v.toks); i++ {
		if isWordTok(v.toks[i]) {
			n++
		}
	}
	return n
}

// allCaps reports whether the words in [lo, hi) are all written in
// capitals (a dateline such as "WASHINGTON").
func (v *view) allCaps(lo, hi int) bool {
	n := 0
	for i := lo; i < hi; i++ {
		t := v.toks[i]
		if !isWordTok(t) {
			continue
		}
		if len(t.Text) < 2 || strings.ToUpper(t.Text) != t.Text {
			return false
		}
		n++
	}
	return n > 0
}

// hasComma reports whether a comma stands in [lo, hi).
func (v *view) hasComma(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if v.toks[i].Text == "," {
			return true
		}
	}
	return false
}

// isAdverb reports whether t looks like a manner adverb: a lower-case word
// ending in "ly" ("generally", "boldly").
func isAdverb(t extract.Token) bool {
	return len(t.Text) > 4 && strings.HasSuffix(t.Text, "ly") && !isUpperStart(t.Text) && !lyNouns[t.Text]
}

// lyNouns are words ending in "ly" that are not adverbs.
var lyNouns = set("family", "ally", "rally", "supply", "assembly", "anomaly", "monopoly", "reply",
	"italy", "july", "belly", "bully", "jelly", "lily", "daily", "weekly", "monthly", "yearly",
	"holy", "early", "only", "likely", "unlikely", "friendly", "elderly", "costly", "lonely",
	"lovely", "silly", "ugly", "deadly", "orderly", "scholarly", "homily", "melancholy")

// commaBefore reports whether token i follows a comma, or a closing mark
// with a comma inside it ("…,” said X").
func (v *view) commaBefore(i int) bool {
	if i < 1 {
		return false
	}
	t := v.toks[i-1]
	if t.Text == "," {
		return true
	}
	return t.Kind == extract.QuoteClose && i >= 2 && v.toks[i-2].Text == ","
}

// skipLead returns where a content that precedes its cue starts: after the
// conjunctions and sentence adverbs that open the sentence ("But", "And",
// "However,"), which PolNeAR leaves out of the content.
func (v *view) skipLead(lo, hi int) int {
	for lo < hi && (leadConj[v.lower(lo)] || v.lower(lo) == "however" || v.toks[lo].Text == ",") && v.qOf[lo] < 0 {
		lo++
	}
	return lo
}

// verbLike reports whether token i looks like a verb form that cannot end
// a noun phrase: a lower-case word ending in "ed" or "ing".
func (v *view) verbLike(i int) bool {
	t := v.toks[i]
	if isUpperStart(t.Text) {
		return false
	}
	lw := lower(t)
	return strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")
}

// openParen reports whether a parenthesis opened in [lo, hi) is still open
// at hi: the segmenter split "(D-Mo.) said" after the abbreviation.
func (v *view) openParen(lo, hi int) bool {
	depth := 0
	for i := lo; i < hi && i < lo+maxSource; i++ {
		switch v.toks[i].Text {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	return depth > 0
}
