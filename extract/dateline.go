package extract

import (
	"fmt"
	"unicode"
)

// LineKind says what kind of furniture line a Dateline is.
type LineKind uint8

// Line kinds. The zero value is Placeline.
const (
	Placeline LineKind = iota // "WASHINGTON —", "LONDON (Reuters) -": the place (LOC) and the agency (ORG) of the report
	Byline                    // "By Jane Smith": the writer (PERSON), and the agency after a comma ("By Jane Smith, Reuters")
	Section                   // a short label before the headline: "WORLD NEWS", "Sport"
)

var lineKindNames = [...]string{Placeline: "placeline", Byline: "byline", Section: "section"}

// String returns "placeline", "byline" or "section".
func (k LineKind) String() string {
	if int(k) < len(lineKindNames) {
		return lineKindNames[k]
	}
	return fmt.Sprintf("LineKind(%d)", int(k))
}

// ParseLineKind returns the kind named s ("placeline", "byline" or
// "section").
func ParseLineKind(s string) (LineKind, error) {
	for k, n := range lineKindNames {
		if n == s {
			return LineKind(k), nil
		}
	}
	return Placeline, fmt.Errorf("extract: unknown line kind %q (want placeline, byline or section)", s)
}

// Dateline is a line of news furniture at the start of a paragraph: a
// dateline's place and agency with the dash after them, a byline, or a
// section label. Its entities are real (the place is LOC, the agency ORG,
// the writer PERSON) but they report where and by whom the article was
// written: none of them ever says anything in the article, so claims
// attribution must never take one as a source (see Document.InDateline).
type Dateline struct {
	Span         // from the first token to the dash (placeline), or the whole line
	Tokens Range // token indices of the line
	Kind   LineKind
}

// InDateline reports whether token i lies inside one of the document's
// Datelines.
func (d *Document) InDateline(i int) bool {
	for _, l := range d.Datelines {
		if l.Tokens.Lo <= i && i < l.Tokens.Hi {
			return true
		}
	}
	return false
}

// fixedMention is an entity found by a dateline rule, in token indices.
type fixedMention struct {
	r     Range
	label Label
}

// findDatelines finds the furniture lines of d (rules D1 to D3) and the
// entities they fix. It reads tokens and paragraphs only.
//
// D1 (placeline): a paragraph that opens with one to five words in
// capitals ("WASHINGTON", "PORT SELWYN", "WASHINGTON, D.C."), or with
// capitalized words followed by an agency in parentheses ("London
// (Reuters)"), optionally that agency ("(AP)"), and then a dash ("—",
// "–", "-", "--"), with more text after it that has lower-case letters (a
// headline in capitals, "SOCCER - JAPAN GET LUCKY WIN", is no placeline). The words before the first
// comma are one LOC (later comma-separated parts each another LOC: "SAN
// JUAN, Puerto Rico"); the agency is ORG. A paragraph may also open with
// the agency alone: "(CNN) —".
//
// D2 (byline): a paragraph of at most twelve tokens that starts with "By"
// and a capitalized word. Its names are left to the tagger (they are
// PERSON, and CoNLL-2003's convention has them tagged); the line only
// marks them as no claim source.
//
// D3 (section label): the first paragraph of the document, one to three
// capitalized words with no sentence punctuation, followed by another
// paragraph.
func findDatelines(d *Document) ([]Dateline, []fixedMention) {
	var lines []Dateline
	var fixed []fixedMention
	for pi, p := range d.Paragraphs {
		lo, hi := p.Tokens.Lo, p.Tokens.Hi
		if hi <= lo {
			continue
		}
		if l, fx, ok := placeline(d, lo, hi); ok {
			lines = append(lines, l)
			fixed = append(fixed, fx...)
			continue
		}
		if isByline(d, lo, hi) {
			lines = append(lines, Dateline{Span: d.TokenSpan(Range{lo, hi}), Tokens: Range{lo, hi}, Kind: Byline})
			continue
		}
		if pi == 0 && len(d.Paragraphs) > 1 && isSectionLabel(d, lo, hi) {
			lines = append(lines, Dateline{Span: d.TokenSpan(Range{lo, hi}), Tokens: Range{lo, hi}, Kind: Section})
		}
	}
	return lines, fixed
}

// placeline applies rule D1 to the paragraph of tokens [lo, hi).
func placeline(d *Document, lo, hi int) (Dateline, []fixedMention, bool) {
	const maxWords = 5
	toks := d.Tokens
	i := lo
	var parts []Range
	caps := true // every place word is in capitals
	start := i
	words := 0
	for i < hi && words <= maxWords {
		t := toks[i]
		if t.Kind == Word || t.Kind == Abbrev {
			if !startsUpper(t.Text) || notPlace[t.Text] {
				return Dateline{}, nil, false
			}
			if !allCaps(t.Text) {
				caps = false
			}
			words++
			i++
			continue
		}
		if t.Kind == Punct && t.Text == "," && i > start && i+1 < hi {
			parts = append(parts, Range{start, i})
			i++
			start = i
			continue
		}
		break
	}
	if i > start {
		parts = append(parts, Range{start, i})
	} else if len(parts) > 0 {
		return Dateline{}, nil, false // ends on a comma
	}
	if words > maxWords {
		return Dateline{}, nil, false
	}
	var agency Range
	if i+2 < hi && toks[i].Text == "(" {
		j := i + 1
		for j < hi && j < i+4 && (toks[j].Kind == Word || toks[j].Kind == Abbrev) && startsUpper(toks[j].Text) {
			j++
		}
		if j > i+1 && j < hi && toks[j].Text == ")" {
			agency = Range{i + 1, j}
			i = j + 1
		}
	}
	if len(parts) == 0 && agency.Hi == 0 {
		return Dateline{}, nil, false
	}
	// Capitalized (not capital) place words need the agency to tell a
	// placeline from a sentence that opens with a name and a dash.
	if !caps && agency.Hi == 0 {
		return Dateline{}, nil, false
	}
	if i+1 >= hi || !isLineDash(toks[i]) || !hasLower(toks[i+1:hi]) {
		return Dateline{}, nil, false
	}
	var fixed []fixedMention
	for _, r := range parts {
		fixed = append(fixed, fixedMention{r, LOC})
	}
	if agency.Hi > 0 {
		fixed = append(fixed, fixedMention{agency, ORG})
	}
	r := Range{lo, i + 1}
	return Dateline{Span: d.TokenSpan(r), Tokens: r, Kind: Placeline}, fixed, true
}

// isByline applies rule D2 to the paragraph of tokens [lo, hi).
func isByline(d *Document, lo, hi int) bool {
	return hi-lo >= 2 && hi-lo <= 12 && d.Tokens[lo].Text == "By" && startsUpper(d.Tokens[lo+1].Text)
}

// isSectionLabel applies rule D3 to the paragraph of tokens [lo, hi).
func isSectionLabel(d *Document, lo, hi int) bool {
	if hi-lo > 3 {
		return false
	}
	for _, t := range d.Tokens[lo:hi] {
		if t.Kind != Word || !startsUpper(t.Text) {
			return false
		}
	}
	return true
}

// notPlace are capitalized words that open a paragraph before a dash
// without being a place (rule D1): kickers and labels.
var notPlace = map[string]bool{
	"BREAKING": true, "UPDATE": true, "UPDATED": true, "EXCLUSIVE": true, "WATCH": true, "LIVE": true,
	"ANALYSIS": true, "OPINION": true, "EDITORIAL": true, "COMMENT": true, "CORRECTION": true, "NOTE": true,
	"EDITOR'S": true, "EDITOR’S": true, "PHOTOS": true, "VIDEO": true, "FACT": true, "CHECK": true,
}

func isLineDash(t Token) bool {
	return t.Kind == Dash || t.Text == "--" || t.Text == "-"
}

// hasLower reports whether some token of ts has a lower-case letter: the
// text after a placeline's dash is an ordinary sentence, unlike the rest of
// a headline in capitals ("SOCCER - JAPAN GET LUCKY WIN").
func hasLower(ts []Token) bool {
	for _, t := range ts {
		for _, r := range t.Text {
			if unicode.IsLower(r) {
				return true
			}
		}
	}
	return false
}

// allCaps reports whether s has letters and none in lower case.
func allCaps(s string) bool {
	letter := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letter = true
		}
	}
	return letter
}
