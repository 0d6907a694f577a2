package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract/internal/lexicon"
)

// segment splits the tokens of text into sentences and paragraphs. It
// allocates the two result slices (sized from the token count) and nothing
// per token.
//
// Rules, by ID (cited in the code):
//
//	P1  A line break between two tokens (any of \n \r \v \f U+0085 U+2028
//	    U+2029, one or many) ends the paragraph and the sentence. News text
//	    uses single newlines and blank lines alike between paragraphs.
//	S1  A terminator (Punct made of . ! ? … or an ellipsis "...") may end a
//	    sentence.
//	S2  Closing marks after a terminator belong to the sentence it ends,
//	    even after a space: QuoteClose, QuoteAmbiguous and ) ] }
//	    ("…force. ”", "…happen . ” But").
//	S2b An emoticon (T12) after a terminator belongs to the sentence too
//	    ("I love her. :)"), as UD English EWT segments them.
//	S3  An opening quote mark that follows a terminator and is the last
//	    token of its paragraph is read as a misused closing mark and also
//	    belongs to the sentence ("…the country. “" at a paragraph end).
//	S4  After S1+S2 the sentence ends unless the next token starts with a
//	    lower-case letter or is , ; : ) ] } (“Why?” he asked. / "approx.
//	    five").
//	S5  An Abbrev token of class Title ("Mr.", "Gen.") or NumberPrefix
//	    ("No.") never ends a sentence: a name or number follows. Nor does an
//	    Initial ("G."), unless (S5b) the word before it is not capitalised
//	    and the next token is an opening quote or a capitalised frequent
//	    sentence starter (see S6): "Neither do I. This", "a standing O. The",
//	    but "Aleksandr G. Lukashenko", "Charles G. and David H. Koch".
//	S6  Other abbreviations ("U.S.", "Inc.", "a.m.", "etc.", and months)
//	    end a sentence when closing marks follow them (then S4 decides), or
//	    when the next token is an opening quote or a capitalised frequent
//	    sentence starter ("The", "He", "But"), the orthographic heuristic of
//	    Punkt (Kiss & Strunk 2006, §5.3). "U.S. Embassy" and "U.S. Rep."
//	    therefore do not split, "in the U.S. The next day" does.
//	S7  A colon, semicolon or dash never ends a sentence.
func segment(text string, toks []Token) ([]Sentence, []Paragraph) {
	n := len(toks)
	if n == 0 {
		return nil, nil
	}
	sents := make([]Sentence, 0, n/16+1)
	paras := make([]Paragraph, 0, n/64+1)
	sLo, pLo, pSent := 0, 0, 0
	for i := 0; i < n; {
		j, end := i, false
		switch k := toks[i].Kind; {
		case k == Punct && isTerminator(toks[i].Text): // S1
			j = absorbClosers(text, toks, i) // S2, S3
			end = startsSentence(toks, j+1)  // S4
		case k == Abbrev:
			j, end = abbrevEnds(text, toks, i) // S5, S6
		}
		switch {
		case j+1 == n || lineBreak(text, toks[j].End, toks[j+1].Start): // P1
			sents = append(sents, sentenceOf(text, toks, sLo, j+1, len(paras)))
			paras = append(paras, Paragraph{
				Span:      SpanOf(text, toks[pLo].Start, toks[j].End),
				Sentences: Range{pSent, len(sents)},
				Tokens:    Range{pLo, j + 1},
			})
			sLo, pLo, pSent = j+1, j+1, len(sents)
		case end:
			sents = append(sents, sentenceOf(text, toks, sLo, j+1, len(paras)))
			sLo = j + 1
		}
		i = j + 1
	}
	return sents, paras
}

func sentenceOf(text string, toks []Token, lo, hi, para int) Sentence {
	return Sentence{Span: SpanOf(text, toks[lo].Start, toks[hi-1].End), Tokens: Range{lo, hi}, Paragraph: para}
}

// lineBreak reports whether the gap text[from:to] between two tokens holds
// a line break (P1).
func lineBreak(text string, from, to int) bool {
	for k := from; k < to; k++ {
		switch c := text[k]; c {
		case '\n', '\r', '\v', '\f':
			return true
		case 0xC2: // U+0085
			if k+1 < to && text[k+1] == 0x85 {
				return true
			}
		case 0xE2: // U+2028, U+2029
			if k+2 < to && text[k+1] == 0x80 && (text[k+2] == 0xA8 || text[k+2] == 0xA9) {
				return true
			}
		}
	}
	return false
}

// isTerminator reports whether the Punct token s ends sentences (S1).
func isTerminator(s string) bool {
	switch s[0] {
	case '.', '!', '?':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '…', '。', '！', '？', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// absorbClosers returns the index of the last token of the sentence whose
// terminator is token i: i itself or the closing marks after it (S2, S2b,
// S3).
func absorbClosers(text string, toks []Token, i int) int {
	j := i
	for j+1 < len(toks) && !lineBreak(text, toks[j].End, toks[j+1].Start) {
		t := toks[j+1]
		switch {
		case t.Kind == QuoteClose || t.Kind == QuoteAmbiguous:
		case t.Kind == Punct && (t.Text == ")" || t.Text == "]" || t.Text == "}"):
		case t.Kind == Symbol && len(t.Text) > 1 && (t.Text[0] == ':' || t.Text[0] == ';' || t.Text[0] == '='): // S2b
		case t.Kind == QuoteOpen && (j+2 == len(toks) || lineBreak(text, t.End, toks[j+2].Start)): // S3
		default:
			return j
		}
		j++
	}
	return j
}

// startsSentence reports whether token i can open a new sentence after a
// terminator (S4). Past the last token it reports true.
func startsSentence(toks []Token, i int) bool {
	if i >= len(toks) {
		return true
	}
	t := toks[i]
	switch t.Kind {
	case Word, Abbrev:
		r, _ := utf8.DecodeRuneInString(t.Text)
		return !unicode.IsLower(r)
	case Punct:
		switch t.Text {
		case ",", ";", ":", ")", "]", "}":
			return false
		}
	}
	return true
}

// abbrevEnds decides whether the Abbrev token i ends a sentence (S5, S6).
// It returns the index of the sentence's last token and whether it ends.
func abbrevEnds(text string, toks []Token, i int) (int, bool) {
	w := toks[i].Text
	if w[len(w)-1] != '.' {
		return i, false // "U.S" without its period
	}
	class := lexicon.Abbrev(w[:len(w)-1])
	if r, n := utf8.DecodeRuneInString(w); class == lexicon.None && n == len(w)-1 && unicode.IsUpper(r) {
		class = lexicon.Initial // a non-ASCII initial
	}
	switch class {
	case lexicon.Title, lexicon.NumberPrefix: // S5
		return i, false
	case lexicon.Initial: // S5, S5b
		if i > 0 && !lineBreak(text, toks[i-1].End, toks[i].Start) {
			r, _ := utf8.DecodeRuneInString(toks[i-1].Text)
			if (toks[i-1].Kind == Word || toks[i-1].Kind == Abbrev) && !unicode.IsLower(r) {
				return i, false
			}
		}
		return i, i+1 < len(toks) && startsNewSentence(toks[i+1])
	}
	if j := absorbClosers(text, toks, i); j > i { // S6: "…in the U.S.”"
		return j, startsSentence(toks, j+1)
	}
	if i+1 >= len(toks) {
		return i, true
	}
	return i, startsNewSentence(toks[i+1])
}

// startsNewSentence reports whether t, after an abbreviation, opens a new
// sentence: an opening quote or a capitalised frequent sentence starter
// (S5b, S6).
func startsNewSentence(t Token) bool {
	switch t.Kind {
	case QuoteOpen:
		return true
	case Word:
		r, _ := utf8.DecodeRuneInString(t.Text)
		return unicode.IsUpper(r) && lexicon.IsSentenceStarter(t.Text)
	}
	return false
}
