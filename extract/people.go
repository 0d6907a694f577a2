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

// clusterIndex finds the cluster a mention joins (P3 to P5) without
// scanning every cluster, so clustering is linear in the mentions of a
// document however many people it names.
//
// Every rule asks for the most recently mentioned cluster (the largest
// lastEntity) among those that have some last name, or whose fullest
// mention has some first name, and whose P5 gender (p5Gender) does not
// contradict the mention's. The index keeps one stack per such question
// (an indexKey); after a cluster takes a mention it is pushed, stamped with
// its new lastEntity, onto the stack of every key it now answers. Stacks
// are thus in lastEntity order, an entry whose stamp is not its cluster's
// lastEntity is stale (the cluster has moved on, perhaps to other keys), and
// the top entry that is not stale is the answer. Stale entries are popped
// as they surface, so each push is popped at most once.
//
// The stacks are linked lists in one slice of nodes (tops holds the index
// of each key's top node, -1 when the stack is empty), so a push allocates
// nothing but the slice's growth.
type clusterIndex struct {
	tops  map[indexKey]int32
	nodes []indexNode
}

// indexNode is one entry of a stack and the index of the entry below it
// (-1 at the bottom).
type indexNode struct {
	indexEntry
	below int32
}

// clusterFinder is what clusterPeople asks for the cluster a mention
// joins: clusterIndex, or in tests the plain scan over every cluster that
// it replaced (and must agree with).
type clusterFinder interface {
	// find returns the cluster of clusters that m joins, or -1.
	find(clusters []*cluster, m mention) int
	// add records that clusters[c] has just taken a mention.
	add(clusters []*cluster, c int)
}

// indexKey is one question the index answers. kind selects the fields used.
type indexKey struct {
	kind  indexKind
	g     Gender // the cluster's p5Gender
	name  string // a last name, or for byFirst the first name of the fullest mention
	first string // byLastFirst: the first name of the fullest mention
	r     rune   // byLastRune, byLastInitial: the first rune of that first name
}

type indexKind uint8

const (
	byLast        indexKind = iota // clusters with a mention of last name name
	byLastNoFirst                  // ... whose fullest mention has no first name
	byLastFirst                    // ... whose fullest mention has first name first
	byLastRune                     // ... whose fullest mention's first name starts with r
	byLastInitial                  // ... whose fullest mention's first name is the one rune r
	byFirst                        // clusters whose fullest mention has first name name
)

type indexEntry struct{ cluster, lastEntity int }

// p5Gender returns the gender that P5 holds against a mention joining c:
// its honorifics', else that of the first name of its fullest mention.
func (c *cluster) p5Gender() Gender {
	g := c.honorificGender()
	if full := c.mentions[c.best]; g == Unknown && full.first != "" {
		g = full.anyGender()
	}
	return g
}

// add records that cluster c has just taken a mention (its lastEntity,
// best, votes and lasts are up to date).
func (x *clusterIndex) add(clusters []*cluster, c int) {
	cl := clusters[c]
	e := indexEntry{c, cl.lastEntity}
	g := cl.p5Gender()
	full := cl.mentions[cl.best]
	r, _ := utf8.DecodeRuneInString(full.first)
	initial := utf8.RuneCountInString(full.first) == 1
	for _, last := range cl.lasts {
		x.push(indexKey{kind: byLast, g: g, name: last}, e)
		if full.first == "" {
			x.push(indexKey{kind: byLastNoFirst, g: g, name: last}, e)
			continue
		}
		x.push(indexKey{kind: byLastFirst, g: g, name: last, first: full.first}, e)
		x.push(indexKey{kind: byLastRune, g: g, name: last, r: r}, e)
		if initial {
			x.push(indexKey{kind: byLastInitial, g: g, name: last, r: r}, e)
		}
	}
	if full.first != "" {
		x.push(indexKey{kind: byFirst, g: g, name: full.first}, e)
	}
}

func (x *clusterIndex) push(k indexKey, e indexEntry) {
	if x.tops == nil {
		x.tops = make(map[indexKey]int32)
	}
	below, ok := x.tops[k]
	if !ok {
		below = -1
	}
	x.nodes = append(x.nodes, indexNode{e, below})
	x.tops[k] = int32(len(x.nodes) - 1)
}

// top returns the most recent cluster that answers k, or -1.
func (x *clusterIndex) top(clusters []*cluster, k indexKey) int {
	i, ok := x.tops[k]
	if !ok {
		return -1
	}
	n := i
	for n >= 0 && clusters[x.nodes[n].cluster].lastEntity != x.nodes[n].lastEntity {
		n = x.nodes[n].below
	}
	if n != i {
		x.tops[k] = n
	}
	if n < 0 {
		return -1
	}
	return x.nodes[n].cluster
}

// find returns the cluster mention m joins (P3 to P5), or -1.
func (x *clusterIndex) find(clusters []*cluster, m mention) int {
	all := [...]Gender{Unknown, Male, Female}
	genders := all[:]
	if mg := m.anyGender(); mg != Unknown { // P5: the same gender or none
		genders = []Gender{Unknown, mg}
	}
	best := -1
	pick := func(k indexKey) {
		if c := x.top(clusters, k); c >= 0 && (best < 0 || clusters[c].lastEntity > clusters[best].lastEntity) {
			best = c
		}
	}
	r, _ := utf8.DecodeRuneInString(m.first)
	for _, g := range genders {
		switch {
		case m.first != "": // P3: the last name, and no or an agreeing first name
			pick(indexKey{kind: byLastNoFirst, g: g, name: m.last})
			if utf8.RuneCountInString(m.first) == 1 {
				pick(indexKey{kind: byLastRune, g: g, name: m.last, r: r})
			} else {
				pick(indexKey{kind: byLastFirst, g: g, name: m.last, first: m.first})
				pick(indexKey{kind: byLastInitial, g: g, name: m.last, r: r})
			}
		default: // no first name ("von der Leyen"), or P4: the last name
			pick(indexKey{kind: byLast, g: g, name: m.last})
		}
	}
	if best >= 0 || m.first != "" || len(m.words) > 1 {
		return best
	}
	for _, g := range genders { // P4: failing the last name, the first name
		pick(indexKey{kind: byFirst, g: g, name: m.last})
	}
	return best
}

// firstsAgree reports whether two lower-cased first names can name the same
// person: equal, or one is the initial of the other.
func firstsAgree(a, b string) bool {
	if a == b {
		return true
	}
	if utf8.RuneCountInString(a) == 1 || utf8.RuneCountInString(b) == 1 {
		ra, _ := utf8.DecodeRuneInString(a)
		rb, _ := utf8.DecodeRuneInString(b)
		return ra == rb
	}
	return false
}

// appositiveStarters are the lower-case words that may open an appositive
// description besides titles (D1).
var appositiveStarters = map[string]bool{
	"a": true, "an": true, "the": true, "another": true, "one": true,
	"his": true, "her": true, "their": true, "its": true, "our": true,
	"former": true, "ex": true, "then": true, "longtime": true, "long-time": true,
	"veteran": true, "senior": true, "junior": true, "deputy": true, "acting": true,
	"retired": true, "top": true, "chief": true, "head": true, "lead": true,
	"fellow": true, "founder": true, "co-founder": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "leader": true, "member": true,
	"editor": true, "author": true, "analyst": true, "expert": true,
	"professor": true, "director": true, "chairman": true, "chairwoman": true,
	"president": true, "secretary": true, "minister": true, "ambassador": true,
	"head-of-state": true, "assistant": true, "associate": true, "executive": true,
}

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

// pronounGenders fills in Gender from pronoun votes (G2) for the people
// whose honorifics and first names said nothing.
func pronounGenders(d *Document, clusters []*cluster, people []Person) {
	need := false
	for _, p := range people {
		if p.Gender == Unknown {
			need = true
			break
		}
	}
	if !need {
		return
	}
	votes := make([][2]int, len(people)) // male, female
	ants := newAntecedents(d, clusters)
	for s, sent := range d.Sentences {
		for i := sent.Tokens.Lo; i < sent.Tokens.Hi; i++ {
			g, subject := pronoun(d, i)
			if g == Unknown {
				continue
			}
			p := ants.antecedent(d, s, i, g, subject && opensClause(d, i, sent.Tokens.Lo))
			if p < 0 {
				continue
			}
			if g == Male {
				votes[p][0]++
			} else {
				votes[p][1]++
			}
		}
	}
	for p := range people {
		if people[p].Gender != Unknown {
			continue
		}
		switch v := votes[p]; {
		case v[0] > v[1]:
			people[p].Gender = Male
		case v[1] > v[0]:
			people[p].Gender = Female
		}
	}
}

// pronoun returns the gender of a third-person singular pronoun token and
// whether it is a subject form ("he", "she").
func pronoun(d *Document, i int) (Gender, bool) {
	if t := d.Tokens[i]; t.Kind != Word || len(t.Text) > 7 {
		return Unknown, false
	}
	switch d.Lower(i) {
	case "he":
		return Male, true
	case "him", "his", "himself":
		return Male, false
	case "she":
		return Female, true
	case "her", "hers", "herself":
		return Female, false
	}
	return Unknown, false
}

// antecedents answers, for G2, which person entity is the first or the last
// one in a range of entities whose person's honorifics do not contradict a
// gender, in constant time: next[g][e] is the first such entity at or after
// e, prev[g][e] the last one at or before e (len(d.Entities) and -1 when
// there is none). Scanning the entities of a sentence per pronoun instead
// would be quadratic in one long sentence.
type antecedents struct {
	next, prev [2][]int32 // [0]: male, [1]: female
}

func newAntecedents(d *Document, clusters []*cluster) *antecedents {
	n := len(d.Entities)
	a := &antecedents{}
	for gi, g := range [...]Gender{Male, Female} {
		ok := func(e int) bool {
			p := d.Entities[e].Person
			if p < 0 {
				return false
			}
			hg := clusters[p].honorificGender()
			return hg == Unknown || hg == g
		}
		next, prev := make([]int32, n+1), make([]int32, n)
		next[n] = int32(n)
		for e := n - 1; e >= 0; e-- {
			next[e] = next[e+1]
			if ok(e) {
				next[e] = int32(e)
			}
		}
		last := int32(-1)
		for e := 0; e < n; e++ {
			if ok(e) {
				last = int32(e)
			}
			prev[e] = last
		}
		a.next[gi], a.prev[gi] = next, prev
	}
	return a
}

// antecedent returns the person a pronoun of gender g at token i of
// sentence s votes for (G2), or -1.
func (a *antecedents) antecedent(d *Document, s, i int, g Gender, subject bool) int {
	gi := 0
	if g == Female {
		gi = 1
	}
	// inSentence returns the person of the first (fromStart) or last
	// acceptable entity of sentence s that ends at or before token i.
	inSentence := func(s int, fromStart bool) int {
		sent := d.Sentences[s]
		lo := firstEntityFrom(d, sent.Tokens.Lo)
		hi := firstEntityFrom(d, min(sent.Tokens.Hi, i))
		if lo >= hi {
			return -1
		}
		// Only the last entity before i can reach past it (entities do
		// not overlap), and such an entity is no antecedent.
		if fromStart {
			e := int(a.next[gi][lo])
			if e < hi && d.Entities[e].Tokens.Hi <= i {
				return d.Entities[e].Person
			}
			return -1
		}
		from := hi - 1
		if d.Entities[from].Tokens.Hi > i {
			from--
		}
		if from < lo {
			return -1
		}
		if e := int(a.prev[gi][from]); e >= lo {
			return d.Entities[e].Person
		}
		return -1
	}
	if p := inSentence(s, subject); p >= 0 {
		return p
	}
	back := 1
	if subject {
		back = maxSubjectLookBack
	}
	for k := s - 1; k >= 0 && k >= s-back; k-- {
		if p := inSentence(k, subject); p >= 0 {
			return p
		}
	}
	return -1
}

// maxSubjectLookBack is how many sentences back a clause-opening subject
// pronoun looks for a sentence with a person in it (G2).
const maxSubjectLookBack = 3

// firstEntityFrom returns the index of the first entity that starts at or
// after token i (len(d.Entities) when none does).
func firstEntityFrom(d *Document, i int) int {
	lo, hi := 0, len(d.Entities)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.Entities[mid].Tokens.Lo < i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
