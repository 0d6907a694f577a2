package extract

import (
	"strings"

	"github.com/saywho/saywho/extract/internal/names"
)

// description finds a description of mention m by D1, D2 or D3 (D4 is
// tried only when no mention of the person has one of these).
func description(d *Document, m mention) (Span, bool) {
	if s, ok := appositive(d, m); ok {
		return s, true
	}
	if s, ok := preAppositive(d, m); ok {
		return s, true
	}
	return preModifier(d, m)
}

// relationalNouns name a relation to someone else ("a sister of …"); see D1.
var relationalNouns = map[string]bool{
	"sister": true, "brother": true, "wife": true, "husband": true, "son": true,
	"daughter": true, "mother": true, "father": true, "widow": true, "widower": true,
	"cousin": true, "niece": true, "nephew": true, "aunt": true, "uncle": true,
	"grandson": true, "granddaughter": true, "grandmother": true, "grandfather": true,
	"friend": true, "ally": true, "aide": true, "lawyer": true, "adviser": true,
	"advisor": true, "colleague": true, "partner": true, "fiancé": true,
	"fiancée": true, "girlfriend": true, "boyfriend": true, "relative": true,
	"spouse": true, "child": true, "parent": true, "sibling": true, "deputy": true,
}

// prepositions that cannot stand right before a D2 appositive.
var prepositions = map[string]bool{
	"at": true, "in": true, "on": true, "for": true, "from": true, "with": true,
	"by": true, "after": true, "before": true, "during": true, "of": true, "to": true,
	"into": true, "over": true, "under": true, "about": true, "against": true,
	"between": true, "through": true, "since": true, "until": true, "within": true,
	"without": true, "among": true, "across": true, "behind": true, "near": true,
}

// maxPreAppositiveTokens bounds the length of a D2 description.
const maxPreAppositiveTokens = 16

// clauseVerbs are auxiliaries, modals and speech verbs; a D2 phrase that
// holds one is a clause, not a noun phrase.
var clauseVerbs = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true,
	"am": true, "has": true, "have": true, "had": true, "will": true, "would": true,
	"can": true, "could": true, "should": true, "shall": true, "may": true,
	"might": true, "must": true, "do": true, "does": true, "did": true,
	"said": true, "says": true, "told": true, "added": true, "asked": true,
}

// agentPrepositions may stand right before a D2 appositive that names a
// person: "Questioned by the inquiry’s counsel, Michael Torrance, …",
// "According to the group’s leader, …".
var agentPrepositions = map[string]bool{"by": true, "to": true}

// isStarter reports whether token t can open a description: a lower-case
// determiner, possessive, modifier or title word (D1).
func isStarter(t Token) bool {
	if t.Kind != Word || startsUpper(t.Text) {
		return false
	}
	if appositiveStarters[t.Text] {
		return true
	}
	_, ok := names.Title(t.Text)
	return ok
}

// lowered returns t with its text in lower case, for tests of words that
// may be capitalised because they open a sentence. The text no longer
// aliases the document.
func lowered(d *Document, i int) Token {
	t := d.Tokens[i]
	t.Text = d.Lower(i)
	return t
}

// relationalOf returns the token index just after "of" when tokens
// [lo, hi) open with a starter, a relational noun and "of" ("a sister of"),
// or -1.
func relationalOf(d *Document, lo, hi int) int {
	k := lo
	for k < hi && k < lo+3 && d.Tokens[k].Kind == Word && !relationalNouns[d.Lower(k)] {
		k++
	}
	if k+1 < hi && relationalNouns[d.Lower(k)] && d.Lower(k+1) == "of" {
		return k + 2
	}
	return -1
}

// isComma reports whether t is a comma.
func isComma(t Token) bool { return t.Kind == Punct && t.Text == "," }

// personEntityAt returns the PERSON entity that starts at token i, or -1.
func personEntityAt(d *Document, i int) int {
	e := d.EntityAt(i)
	if e < 0 || d.Entities[e].Label != PER || d.Entities[e].Tokens.Lo != i {
		return -1
	}
	return e
}

// preAppositive finds a description that stands before mention m between
// commas (D2).
func preAppositive(d *Document, m mention) (Span, bool) {
	e := d.Entities[m.entity]
	sent := d.SentenceOf(e.Tokens.Lo)
	if sent < 0 || m.lo < 2 || e.Tokens.Hi >= len(d.Tokens) || !isComma(d.Tokens[e.Tokens.Hi]) || m.end < e.End {
		return Span{}, false
	}
	comma := m.lo - 1
	sentLo := d.Sentences[sent].Tokens.Lo
	if comma <= sentLo || !isComma(d.Tokens[comma]) {
		return Span{}, false
	}
	lo := comma
	for lo > sentLo && comma-lo < maxAppositiveTokens {
		t := d.Tokens[lo-1]
		if t.Kind != Word && t.Kind != Abbrev && t.Kind != Number {
			break
		}
		lo--
	}
	// A relational phrase: the name describes the object of "of".
	if k := relationalOf(d, lo, comma); k >= 0 && k < comma && isStarter(d.Tokens[k]) {
		if lo > sentLo && isComma(d.Tokens[lo-1]) && d.EntityAt(lo-2) >= 0 && d.Entities[d.EntityAt(lo-2)].Label == PER {
			return d.TokenSpan(Range{k, comma}), true
		}
	}
	start := -1
	for k := lo; k < comma && k <= lo+2; k++ {
		if isStarter(d.Tokens[k]) || k == sentLo && isStarter(lowered(d, k)) {
			start = k
			break
		}
		if w := d.Lower(k); prepositions[w] && !(agentPrepositions[w] && k+1 < comma && isStarter(d.Tokens[k+1])) || d.EntityAt(k) >= 0 {
			return Span{}, false
		}
	}
	if start < 0 || start >= comma || comma-start > maxPreAppositiveTokens {
		return Span{}, false
	}
	// A clause is no appositive: "the answer is no, Donald Trump, …", nor
	// a list of names: "President Barack Obama, Hillary Clinton, …".
	for k := start; k < comma; k++ {
		if clauseVerbs[d.Lower(k)] {
			return Span{}, false
		}
		if e := d.EntityAt(k); e >= 0 && d.Entities[e].Label == PER {
			return Span{}, false
		}
	}
	// "the verdict of the Harwood manager, Luis Ortega": a head noun that
	// names no role (not a title, starter or relational noun) leaves the
	// name to the noun phrase after "of".
	for k := start + 1; k+1 < comma; k++ {
		if d.Lower(k) != "of" {
			continue
		}
		head := d.Tokens[k-1]
		if _, title := names.Title(head.Text); !title && !isStarter(head) && !relationalNouns[d.Lower(k-1)] && isStarter(d.Tokens[k+1]) {
			start = k + 1
		}
		break
	}
	return d.TokenSpan(Range{start, comma}), true
}

// preModifier finds a determiner phrase ending in a title word right
// before mention m (D3).
func preModifier(d *Document, m mention) (Span, bool) {
	e := d.Entities[m.entity]
	sent := d.SentenceOf(e.Tokens.Lo)
	if sent < 0 || m.lo < 2 {
		return Span{}, false
	}
	sentLo := d.Sentences[sent].Tokens.Lo
	last := d.Tokens[e.Tokens.Lo-1]
	if len(m.titles) == 0 || m.lo == e.Tokens.Lo || last.Kind != Word || startsUpper(last.Text) {
		return Span{}, false
	}
	// A phrase without a determiner ("transport minister Alan Pryce") is
	// the run of at most three lower-case words before the name, from
	// after the nearest non-word, preposition or clause word; it needs two
	// words, since one is just the title.
	bare := func(k int) (Span, bool) {
		if e.Tokens.Lo-k >= 2 && e.Tokens.Lo-k <= 3 {
			return d.TokenSpan(Range{k, e.Tokens.Lo}), true
		}
		return Span{}, false
	}
	for k := m.lo - 1; k >= sentLo && k >= m.lo-6; k-- {
		t := d.Tokens[k]
		if t.Kind != Word || d.EntityAt(k) >= 0 || startsUpper(t.Text) {
			return bare(k + 1)
		}
		switch w := d.Lower(k); {
		case determiners[w]:
			return d.TokenSpan(Range{k, e.Tokens.Lo}), true
		case prepositions[w] || clauseWords[w]:
			return bare(k + 1)
		}
	}
	return bare(max(sentLo, m.lo-6))
}

// determiners open a D3 phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "its": true,
	"their": true, "our": true,
}

// speechVerbs may stand right before a mention whose appositive runs to
// the end of the sentence (D1).
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "added": true, "adds": true,
	"wrote": true, "writes": true, "explained": true, "noted": true,
	"argued": true, "continued": true, "warned": true, "stated": true,
	"asked": true, "replied": true, "insisted": true, "recalled": true,
}

// clauseWords end a bare D3 phrase: speech verbs and conjunctions that
// commonly stand right before a name ("said chief executive Jane Doe").
var clauseWords = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "asked": true,
	"according": true, "wrote": true, "and": true, "or": true, "but": true,
	"nor": true, "than": true, "as": true, "like": true, "including": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true,
	"has": true, "had": true, "have": true, "that": true, "which": true, "who": true,
	"because": true, "when": true, "if": true, "although": true, "though": true,
	"whether": true, "where": true, "so": true, "then": true, "also": true,
	"now": true, "while": true, "whom": true, "whose": true, "not": true,
}

// appositive finds a description right after mention m (D1).
func appositive(d *Document, m mention) (Span, bool) {
	return after(d, m, isStarter, true)
}

// relativeClause finds a "who …" clause right after mention m (D4).
func relativeClause(d *Document, m mention) (Span, bool) {
	return after(d, m, func(t Token) bool { return t.Kind == Word && t.Text == "who" }, false)
}

// after finds a description right after mention m whose first token
// satisfies opens (D1, D4). With atEnd, the end of the sentence may close it
// too (D1).
func after(d *Document, m mention, opens func(Token) bool, atEnd bool) (Span, bool) {
	e := d.Entities[m.entity]
	if m.end < e.End { // possessive: "Smith’s, …" is no appositive
		return Span{}, false
	}
	open := e.Tokens.Hi
	sent := d.SentenceOf(e.Tokens.Hi - 1)
	if open+1 >= len(d.Tokens) || sent < 0 {
		return Span{}, false
	}
	sentHi := d.Sentences[sent].Tokens.Hi
	// D1: an age between commas comes first: "Joseph Imboden, 81, who …".
	if open+3 < sentHi && isComma(d.Tokens[open]) && d.Tokens[open+1].Kind == Number && isComma(d.Tokens[open+2]) {
		open += 2
	}
	o := d.Tokens[open]
	byDash := o.Kind == Dash
	if !(isComma(o) || byDash) || open+1 >= sentHi || !opens(d.Tokens[open+1]) {
		return Span{}, false
	}
	depth := 0
	end := -1
	for k := open + 1; k < sentHi && k <= open+maxAppositiveTokens; k++ {
		t := d.Tokens[k]
		switch {
		case t.Kind == QuoteOpen || t.Kind == Punct && (t.Text == "(" || t.Text == "["):
			depth++
		case t.Kind == QuoteClose || t.Kind == Punct && (t.Text == ")" || t.Text == "]"):
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case t.Kind == Dash && (byDash || t.Text != "-"), !byDash && t.Kind == Punct && (t.Text == "," || t.Text == ";"):
			end = k
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		// The sentence ended (or the cap was hit) first: keep it only when
		// the mention does not open its clause, and the sentence did end.
		if !atEnd || sentHi > open+1+maxAppositiveTokens || m.lo == 0 || !speechVerbs[d.Lower(m.lo-1)] {
			return Span{}, false
		}
		end = sentHi
		for end > open+1 && isTrailer(d.Tokens[end-1]) {
			end--
		}
	}
	if end <= open+1 {
		return Span{}, false
	}
	// D1: "a sister of …, Maria Kolesnikova," takes the name in.
	if !byDash && end < sentHi && relationalOf(d, open+1, end) >= 0 {
		if p := personEntityAt(d, end+1); p >= 0 {
			if after := d.Entities[p].Tokens.Hi; after < sentHi && isComma(d.Tokens[after]) {
				end = after
			}
		}
	}
	return d.TokenSpan(Range{open + 1, end}), true
}

// isTrailer reports whether t is sentence-final punctuation or a closing
// quote, which a description ending with its sentence leaves out.
func isTrailer(t Token) bool {
	return t.Kind == QuoteClose || t.Kind == QuoteAmbiguous ||
		t.Kind == Punct && strings.ContainsAny(t.Text, ".!?…;:")
}

// opensClause reports whether token i starts a clause: it is the first of
// its sentence (whose first token is sentLo), or follows punctuation, a
// quote mark, a dash, or a coordinating word.
func opensClause(d *Document, i, sentLo int) bool {
	if i <= sentLo {
		return true
	}
	p := d.Tokens[i-1]
	switch p.Kind {
	case Punct, QuoteOpen, QuoteClose, QuoteAmbiguous, Dash:
		return true
	}
	switch d.Lower(i - 1) {
	case "and", "but", "while", "so", "then", "yet", "or", "because", "although", "though":
		return true
	}
	return false
}
