package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract/internal/names"
)

// People clustering: the PERSON entities of a document are grouped into
// people, each named by its fullest mention. The rules, in the order they
// run (rule IDs are cited in the code):
//
//	P1  A mention's name is the entity's tokens less honorifics and titles
//	    at its start (a recognizer may include "Mr." or "President"; a
//	    one-word title that is also a first name, "Dean", stays), less
//	    a possessive "’s" at its end, trimmed to word tokens.
//	P2  Titles are read from the titles lexicon (internal/names) right
//	    before the mention, stacked up to three deep ("Prime Minister",
//	    "Gen."), and from inside the entity (P1). They are kept as written.
//	P3  A mention with a first and a last name joins the most recently
//	    mentioned person with the same last name whose first name is absent,
//	    equal, or an initial of it ("C." ~ "Christopher").
//	P4  A one-word mention joins the most recently mentioned person with
//	    that last name; failing that, with that first name.
//	P5  A mention whose honorific or first name implies a gender ("Mr.",
//	    "Ms.", "Michelle") never joins a person whose honorifics (or, with
//	    none, the first name of its fullest mention) imply the other one:
//	    "Michelle Obama" does not join "Mr. Obama".
//	P6  Otherwise the mention starts a new person. People are in order of
//	    first mention.
//	P7  The canonical Name is the text of the mention with the most name
//	    words (the earliest on a tie), white space collapsed.
//	G1  Gender: the majority of gendered honorifics; else the first-name
//	    lexicon on the first name of the fullest mention (a name in both
//	    lists gives nothing); else, for a full name, a feminine Slavic
//	    surname ending ("Tikhanovskaya", "-ova"); else the majority of
//	    pronoun votes (G2).
//	G2  Pronoun votes: "he/him/his/himself" vote male, "she/her/hers/herself"
//	    female. A subject pronoun ("he", "she") that opens a clause (first
//	    in its sentence, or after punctuation, a quote mark, a dash or
//	    "and/but/while") votes for the first person mentioned before it in
//	    its sentence, else for the first person of the nearest of the three
//	    sentences before that mentions one (that sentence's subject). Any
//	    other pronoun votes for the nearest mention before it in its
//	    sentence, else the last one of the previous sentence. Candidates
//	    whose honorifics imply the other gender are passed over.
//	D1  Description: an appositive right after a mention, opened by a comma
//	    (or dash) and a lower-case determiner, possessive, modifier or title
//	    word ("a", "the", "former", "deputy"), closed by the first comma,
//	    semicolon or dash (a lone hyphen closes only a dash-opened one)
//	    outside quotes and brackets. An age between commas is skipped
//	    ("Joseph Imboden, 81, …"). When the sentence ends first, the
//	    appositive is kept only if a speech verb stands right before the
//	    mention ("…, said Shraibman, a non-resident scholar."); "According
//	    to Ham, the current administration has …" is a clause.
//	    When the appositive is a relational noun phrase ("a sister of …")
//	    and the comma that closes it is followed by a person mention and
//	    another comma, that mention is the object's name and is included:
//	    "a sister of one of the … prisoners in Bélarus, Maria Kolesnikova".
//	D2  Failing D1, an appositive right before a mention that a comma
//	    follows: ", an anchor on state television, Igor Tur," and "In 2005,
//	    the American secretary of state at the time, Condoleezza Rice,". It
//	    runs back from the comma before the mention to the previous
//	    punctuation (or sentence start) and starts at the first starter word
//	    (as in D1; capitalised when it opens the sentence), with at most two
//	    words before it, none a preposition ("At the meeting, Smith," is no
//	    description) except "by" and "to" ("Questioned by the inquiry’s
//	    counsel, Michael Torrance,"). At most 16 tokens, with no auxiliary,
//	    modal or speech verb (a clause) and no person mention (a list of
//	    names). When the head noun before a first "of" names no role (not a
//	    title, starter or relational noun: "the verdict of the Harwood
//	    manager, Luis Ortega,") the description is the noun phrase after
//	    "of"; in a relational phrase that is itself another person's
//	    appositive ("Tatyana Khomich, a sister of one of …, Maria
//	    Kolesnikova,") the name describes the object of "of": "one of …".
//	D3  Failing both, a phrase of lower-case words that ends in a title
//	    right before the mention: from a determiner or possessive, "the
//	    exile opposition chief Svetlana Tikhanovskaya", or without one, two
//	    or three words after a non-word, preposition, speech verb or
//	    conjunction, "…, transport minister Alan Pryce said". The title
//	    words stay in Titles too.
//	    The first description found by D1 to D3, in text order of mentions,
//	    is kept.
//	D4  Failing all mentions, a relative clause right after a mention (age
//	    skipped as in D1) and closed by a comma or dash, not by the end of
//	    the sentence: "Sarah Lind, who chairs the committee, was …".
//
// Limits: no pronoun or nominal mentions ("the analyst") are clustered,
// only PERSON entities; two people who share a last name and are mentioned
// by it alone are told apart only by recency and honorific gender.

// maxTitleTokens bounds the tokens a title may span: MaxTitleWords words
// plus periods split off by the tokenizer.
const maxTitleTokens = 2 * names.MaxTitleWords

// maxAppositiveTokens bounds the length of a description (D1).
const maxAppositiveTokens = 60

// mention is the name part of one PERSON entity (P1).
type mention struct {
	entity     int
	start, end int      // byte span of the name proper
	words      []string // lower-cased name words, possessive and periods stripped
	first      string   // lower-cased first name, "" when the mention has none
	last       string   // lower-cased last name
	titles     []Span   // honorifics and titles, in text order
	gender     Gender   // gender implied by the titles, Unknown if none or mixed
	lo         int      // first token of the mention with its preceding titles
}

// anyGender returns the gender m's titles imply, else the first-name
// lexicon's for its first name (P5).
func (m *mention) anyGender() Gender {
	if m.gender != Unknown || len(m.first) < 2 {
		return m.gender
	}
	return fromNames(names.FirstName(m.first))
}

// cluster is a person being built.
type cluster struct {
	mentions     []mention
	best         int      // index into mentions of the fullest one (P7)
	male, female int      // honorific votes (G1)
	lastEntity   int      // most recent mention, for recency (P3, P4)
	lasts        []string // the distinct last names of the mentions
}

// honorificGender returns the gender the cluster's honorifics imply.
func (c *cluster) honorificGender() Gender {
	switch {
	case c.male > c.female:
		return Male
	case c.female > c.male:
		return Female
	}
	return Unknown
}

// clusterPeople groups the PERSON entities of d into people, sets
// Entity.Person on every entity (-1 for non-person entities and for person
// entities without a name word) and returns the people in order of first
// mention. See the rules above.
func clusterPeople(d *Document) []Person {
	persons := 0
	for _, e := range d.Entities {
		if e.Label == PER {
			persons++
		}
	}
	// About four keys per person of distinct names (see clusterIndex.add).
	return clusterPeopleBy(d, &clusterIndex{tops: make(map[indexKey]int32, 4*persons), nodes: make([]indexNode, 0, 4*persons)})
}

// clusterPeopleBy is clusterPeople with the cluster finder f.
func clusterPeopleBy(d *Document, f clusterFinder) []Person {
	persons := 0
	for _, e := range d.Entities {
		if e.Label == PER {
			persons++
		}
	}
	// The clusters live in one slab (at most one per person entity, so it
	// never grows and the pointers stay valid), the mentions' words and
	// titles in the arena.
	slab := make([]cluster, 0, persons)
	clusters := make([]*cluster, 0, persons)
	var ar mentionArena
	for i := range d.Entities {
		d.Entities[i].Person = -1
		if d.Entities[i].Label != PER {
			continue
		}
		m, ok := ar.read(d, i)
		if !ok {
			continue
		}
		c := f.find(clusters, m)
		if c < 0 { // P6
			c = len(clusters)
			slab = append(slab, cluster{})
			clusters = append(clusters, &slab[len(slab)-1])
		}
		cl := clusters[c]
		cl.mentions = append(cl.mentions, m)
		if !slices.Contains(cl.lasts, m.last) {
			cl.lasts = append(cl.lasts, m.last)
		}
		if len(m.words) > len(cl.mentions[cl.best].words) {
			cl.best = len(cl.mentions) - 1
		}
		switch m.gender {
		case Male:
			cl.male++
		case Female:
			cl.female++
		}
		cl.lastEntity = i
		f.add(clusters, c)
		d.Entities[i].Person = c
	}
	if len(clusters) == 0 {
		return nil
	}
	people := make([]Person, len(clusters))
	for p, c := range clusters {
		best := c.mentions[c.best]
		person := Person{Name: collapseSpace(d.Text[best.start:best.end])}
		person.Mentions = make([]int, len(c.mentions))
		for k, m := range c.mentions {
			person.Mentions[k] = m.entity
			for _, t := range m.titles {
				if !hasTitle(person.Titles, t.Text) {
					person.Titles = append(person.Titles, t.Text)
				}
			}
		}
		// G1: honorifics, then the first-name lexicon.
		person.Gender = c.honorificGender()
		if person.Gender == Unknown && best.first != "" && len(best.first) > 1 {
			person.Gender = fromNames(names.FirstName(best.first))
		}
		if person.Gender == Unknown && best.first != "" {
			person.Gender = surnameGender(best.last)
		}
		for _, m := range c.mentions { // D1 to D3, first found
			if s, ok := description(d, m); ok {
				person.Description = s
				break
			}
		}
		for _, m := range c.mentions { // D4
			if person.Description.Text != "" {
				break
			}
			if s, ok := relativeClause(d, m); ok {
				person.Description = s
			}
		}
		people[p] = person
	}
	pronounGenders(d, clusters, people)
	return people
}

// hasTitle reports whether titles holds t.
func hasTitle(titles []string, t string) bool {
	for _, s := range titles {
		if s == t {
			return true
		}
	}
	return false
}

// fromNames converts a lexicon gender.
func fromNames(g names.Gender) Gender {
	switch g {
	case names.Male:
		return Male
	case names.Female:
		return Female
	}
	return Unknown
}

// readMention analyses entity i (P1, P2). It reports false when the entity
// has no name word left.
func readMention(d *Document, i int) (mention, bool) {
	var ar mentionArena
	return ar.read(d, i)
}

// mentionArena holds the words and titles of a document's mentions in two
// slices that grow as mentions are read, so that a mention costs no
// allocation of its own. A mention's slices are full slices of the arena
// (capacity = length): the arena growing leaves them valid.
type mentionArena struct {
	words  []string
	titles []Span
}

// read is readMention, with m.words and m.titles in the arena.
func (ar *mentionArena) read(d *Document, i int) (mention, bool) {
	e := d.Entities[i]
	m := mention{entity: i}
	lo, hi := e.Tokens.Lo, e.Tokens.Hi
	if lo < 0 || hi > len(d.Tokens) || lo >= hi {
		return m, false
	}
	// P2: titles inside the entity, at its start.
	var innerBuf, outerBuf [4]Span
	inner, outer := innerBuf[:0], outerBuf[:0]
	for lo < hi-1 {
		n, g := titleAt(d, lo, hi-1)
		if n == 0 || n == 1 && names.IsFirstName(d.Tokens[lo].Text) {
			break // "Dean Smith" keeps its first name
		}
		inner = append(inner, d.TokenSpan(Range{lo, lo + n}))
		m.gender = mergeGender(m.gender, g, len(inner) == 1)
		lo += n
	}
	// P2: titles right before the entity, within its paragraph.
	floor := 0
	if s := d.SentenceOf(e.Tokens.Lo); s >= 0 && s < len(d.Sentences) {
		if p := d.Sentences[s].Paragraph; p >= 0 && p < len(d.Paragraphs) {
			floor = d.Paragraphs[p].Tokens.Lo
		}
	}
	m.lo = e.Tokens.Lo
	for range 3 {
		n, g := titleBefore(d, m.lo, floor)
		if n == 0 {
			break
		}
		outer = append(outer, d.TokenSpan(Range{m.lo - n, m.lo}))
		m.gender = mergeGender(m.gender, g, len(inner)+len(outer) == 1)
		m.lo -= n
	}
	t0 := len(ar.titles)
	for k := len(outer) - 1; k >= 0; k-- {
		ar.titles = append(ar.titles, outer[k])
	}
	ar.titles = append(ar.titles, inner...)
	if len(ar.titles) > t0 {
		m.titles = ar.titles[t0:len(ar.titles):len(ar.titles)]
	}
	// P1: trim to word tokens and drop a possessive.
	for lo < hi && !isNameToken(d.Tokens[lo]) {
		lo++
	}
	for hi > lo && !isNameToken(d.Tokens[hi-1]) {
		hi--
	}
	if lo >= hi {
		return m, false
	}
	if _, ok := titleTokens(d, lo, hi); ok && isHonorificOnly(d.Text[d.Tokens[lo].Start:d.Tokens[hi-1].End]) {
		return m, false // the entity is "Mr." alone
	}
	m.start, m.end = d.Tokens[lo].Start, d.Tokens[hi-1].End
	if cut := possessiveLen(d.Text[d.Tokens[hi-1].Start:m.end]); cut > 0 {
		m.end -= cut
		if m.end == d.Tokens[hi-1].Start { // the token was only "’s"
			hi--
			for hi > lo && !isNameToken(d.Tokens[hi-1]) {
				hi--
			}
			if lo >= hi {
				return m, false
			}
			m.end = d.Tokens[hi-1].End
		}
	}
	w0 := len(ar.words)
	for k := lo; k < hi; k++ {
		t := d.Tokens[k]
		if !isNameToken(t) {
			continue
		}
		w := d.Lower(k)
		if t.End > m.end {
			w = strings.ToLower(d.Text[t.Start:m.end])
		}
		w = strings.TrimRight(w, ".")
		if w != "" {
			ar.words = append(ar.words, w)
		}
	}
	if len(ar.words) == w0 {
		return m, false
	}
	m.words = ar.words[w0:len(ar.words):len(ar.words)]
	last := len(m.words) - 1
	for last > 0 && isSuffix(m.words[last]) {
		last--
	}
	m.last = m.words[last]
	if last > 0 && startsUpper(d.Tokens[lo].Text) {
		m.first = m.words[0]
	}
	return m, true
}

// mergeGender combines the gender of one more title with what the earlier
// titles said; disagreeing titles give Unknown.
func mergeGender(have Gender, g names.Gender, firstTitle bool) Gender {
	ng := fromNames(g)
	switch {
	case firstTitle:
		return ng
	case ng == Unknown:
		return have
	case have == Unknown || have == ng:
		return ng
	}
	return Unknown
}

// titleAt returns the number of tokens of the longest title that starts at
// token lo and ends before token hi, and its gender; 0 when none does.
func titleAt(d *Document, lo, hi int) (int, names.Gender) {
	for n := min(maxTitleTokens, hi-lo); n >= 1; n-- {
		if g, ok := titleTokens(d, lo, lo+n); ok {
			return n, g
		}
	}
	return 0, names.Unknown
}

// titleBefore returns the number of tokens of the longest title that ends
// right before token at and starts at or after token floor, and its gender.
func titleBefore(d *Document, at, floor int) (int, names.Gender) {
	for n := min(maxTitleTokens, at-floor); n >= 1; n-- {
		if g, ok := titleTokens(d, at-n, at); ok {
			return n, g
		}
	}
	return 0, names.Unknown
}

// titleTokens looks tokens [lo, hi) up in the titles lexicon. The tokens
// must be words or abbreviations, or periods glued to the word before them
// (a tokenizer may split "Mr" and ".").
func titleTokens(d *Document, lo, hi int) (names.Gender, bool) {
	if !isTitleStart(d.Tokens[lo]) {
		return names.Unknown, false
	}
	for k := lo + 1; k < hi; k++ {
		t := d.Tokens[k]
		if t.Kind == Punct && t.Text == "." && d.Tokens[k-1].End == t.Start {
			continue
		}
		if t.Kind != Word && t.Kind != Abbrev {
			return names.Unknown, false
		}
	}
	return names.Title(collapseSpace(d.Text[d.Tokens[lo].Start:d.Tokens[hi-1].End]))
}

// isTitleStart reports whether t can open a title: a word or abbreviation.
func isTitleStart(t Token) bool { return t.Kind == Word || t.Kind == Abbrev }

// isNameToken reports whether t can be part of a name: a word or an
// abbreviation ("G.", "Jr.") that holds a letter.
func isNameToken(t Token) bool {
	if t.Kind != Word && t.Kind != Abbrev {
		return false
	}
	for _, r := range t.Text {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isHonorificOnly reports whether title, which the titles lexicon holds,
// cannot also be a name: it has a period ("Mr.", "Gen.") or is a bare
// honorific abbreviation ("Mr", "Ms").
func isHonorificOnly(title string) bool {
	if strings.Contains(title, ".") {
		return true
	}
	switch strings.ToLower(title) {
	case "mr", "mrs", "ms", "mx", "dr", "messrs":
		return true
	}
	return false
}

// surnameGender returns the gender that the ending of a Slavic surname
// implies (G1): feminine "-ova", "-eva", "-skaya", "-tskaya" and the
// patronymics "-ovna", "-evna". Masculine endings are not used: "-sky" and
// "-ov" names borrowed into other languages do not inflect. last is lower
// case; names shorter than six letters give nothing.
func surnameGender(last string) Gender {
	if utf8.RuneCountInString(last) < 6 {
		return Unknown
	}
	for _, suf := range [...]string{"ova", "eva", "skaya", "tskaya", "ovna", "evna"} {
		if strings.HasSuffix(last, suf) {
			return Female
		}
	}
	return Unknown
}

// possessiveLen returns the length of a possessive ending of w ("’s", "'s",
// or a lone apostrophe after "s"), or 0.
func possessiveLen(w string) int {
	for _, suf := range [...]string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(w, suf) {
			return len(suf)
		}
	}
	for _, suf := range [...]string{"’", "'"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) && (w[len(w)-len(suf)-1] == 's' || w == suf) {
			return len(suf)
		}
	}
	if w == "’" || w == "'" {
		return len(w)
	}
	return 0
}

// isSuffix reports whether w (lower case, period stripped) is a name suffix.
func isSuffix(w string) bool {
	switch w {
	case "jr", "sr", "ii", "iii", "iv", "v":
		return true
	}
	return false
}

// startsUpper reports whether s begins with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// collapseSpace replaces each run of white space in s by one space. It
// returns s itself when there is nothing to replace.
func collapseSpace(s string) string {
	clean := true
	prevSpace := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
