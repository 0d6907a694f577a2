package claims

import (
	"sort"
	"strings"

	"github.com/saywho/saywho/extract"
)

// speakerStage turns a source into its speaker (rules P1–P5): the names
// of the document (PERSON and ORG entities, or capitalised runs without
// NER), and the speakers of earlier claims where they were mentioned, for
// pronouns.
type speakerStage struct {
	*view
	names []name // PERSON/ORG mentions (entities, or capitalised runs when there are none)
	spk   []speakerMention
	docs  []docMention // documents named beside a claim's cue, in text order (P5b)
}

// docMention records that a document ("a statement", "the report") was
// named beside the cue of a claim of speaker (P5b).
type docMention struct {
	tok     int
	noun    string
	speaker Speaker
}

// docNouns name the documents a speaker issues (P5b).
var docNouns = set("statement", "report", "letter", "memo", "release", "filing", "tweet", "post", "complaint", "lawsuit", "study", "survey", "poll")

// reset indexes the names of the view's document.
func (sr *speakerStage) reset() {
	sr.spk = sr.spk[:0]
	sr.docs = sr.docs[:0]
	sr.names = sr.findNames()
}

// release drops sr's references to the document.
func (sr *speakerStage) release() {
	clear(sr.names)
	sr.names = sr.names[:0]
}

// name is a mention that can name a speaker.
type name struct {
	r      extract.Range
	person int // index into People, -1
	ent    int // index into Entities, -1 for a capitalised run (no NER)
	label  extract.Label
	text   string // canonical name
	gender extract.Gender
}

// speaker returns the Speaker that name n names, found by rule.
func (n *name) speaker(rule Rule) Speaker {
	if n.label == extract.ORG {
		return Speaker{Kind: OrgSpeaker, Name: n.text, Person: -1, Entity: n.ent, Rule: rule}
	}
	return Speaker{Kind: PersonSpeaker, Name: n.text, Person: n.person, Entity: n.ent, Rule: rule}
}

// unknownSpeaker is the Speaker of a source that names nobody.
func unknownSpeaker(rule Rule) Speaker { return Speaker{Person: -1, Entity: -1, Rule: rule} }

// speakerMention records that a person was named (or resolved) as the
// speaker of a claim at a token, for the pronouns after it (P1).
type speakerMention struct {
	tok     int
	speaker Speaker
	gender  extract.Gender
}

// add inserts m into sr.spk, kept sorted by token.
func (sr *speakerStage) add(m speakerMention) {
	i := len(sr.spk)
	for i > 0 && sr.spk[i-1].tok > m.tok {
		i--
	}
	sr.spk = append(sr.spk, speakerMention{})
	copy(sr.spk[i+1:], sr.spk[i:])
	sr.spk[i] = m
}

func (sr *speakerStage) namesPerson(lo, hi int) bool {
	for _, n := range sr.namesIn(lo, hi) {
		if n.label == extract.PER {
			return true
		}
	}
	return false
}

// findNames lists the mentions that can name a speaker: the PERSON and ORG
// entities of the document, or, when no recognizer tagged it (NER switched
// off: Document.Recognized is false and there are no entities), runs of capitalised words (N1: a run after a title, or of
// two or more words not at a sentence start; a lone capitalised word names
// the fullest earlier run that ends with it).
func (sr *speakerStage) findNames() []name {
	d := sr.d
	if len(d.Entities) > 0 || d.Recognized {
		out := make([]name, 0, len(d.Entities))
		for ei, e := range d.Entities {
			if e.Label != extract.PER && e.Label != extract.ORG {
				continue
			}
			n := name{r: e.Tokens, person: -1, ent: ei, label: e.Label, text: e.Text}
			if e.Label == extract.PER && e.Person >= 0 && e.Person < len(d.People) {
				n.person = e.Person
				n.text = d.People[e.Person].Name
				n.gender = d.People[e.Person].Gender
			}
			out = append(out, n)
		}
		return out
	}
	var out []name
	full := map[string]string{} // last word -> fullest name
	toks := sr.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !isWordTok(t) || !isUpperStart(t.Text) {
			continue
		}
		titled := titleWords[lower(t)]
		if titled {
			if i+1 < len(toks) && isWordTok(toks[i+1]) && isUpperStart(toks[i+1].Text) && !titleWords[sr.lower(i+1)] {
				i++
			} else {
				continue
			}
		}
		j := i
		for j < len(toks) && j-i < 5 && isWordTok(toks[j]) && isUpperStart(toks[j].Text) && !titleWords[sr.lower(j)] {
			j++
		}
		sentStart := sr.sentOf[i] >= 0 && int(sr.d.Sentences[sr.sentOf[i]].Tokens.Lo) == i
		if j-i == 1 && !titled {
			if sentStart || determiners[lower(t)] || subjectPronouns[lower(t)] {
				continue
			}
		}
		if sentStart && !titled && (determiners[lower(t)] || leadConj[lower(t)] || introWords[lower(t)]) {
			i++
			if i >= j {
				continue
			}
		}
		r := extract.Range{Lo: i, Hi: j}
		text := d.TokenSpan(r).Text
		lastWord := toks[j-1].Text
		if f, ok := full[lastWord]; ok && len(f) > len(text) {
			text = f
		} else {
			full[lastWord] = text
		}
		g := extract.Unknown
		if titled {
			switch sr.lower(i - 1) {
			case "mr.", "mr", "sir", "lord":
				g = extract.Male
			case "mrs.", "ms.", "mrs", "ms", "lady":
				g = extract.Female
			}
		}
		out = append(out, name{r: r, person: -1, ent: -1, label: extract.PER, text: text, gender: g})
		i = j - 1
	}
	return out
}

// namesIn returns the names whose tokens start in [lo, hi).
func (sr *speakerStage) namesIn(lo, hi int) []name {
	i := sort.Search(len(sr.names), func(i int) bool { return sr.names[i].r.Lo >= lo })
	j := i
	for j < len(sr.names) && sr.names[j].r.Lo < hi {
		j++
	}
	return sr.names[i:j]
}

// of returns the speaker of source r (P-rules, in this order):
//
//   - P1 a personal pronoun (he, she) resolves to the salient person of
//     matching gender: the first person named in the current sentence
//     before it, else in the previous sentences (subject position first);
//     speakers of earlier claims count as named where their source stands;
//     a name inside a quotation is never the antecedent (P1c: in "“…
//     Lukashenko …,” he said" he is not Lukashenko);
//   - P2 a relative pronoun (who, which) takes the name right before it;
//   - P3 otherwise the first PERSON in the source that is not a possessive
//     ("O’Malley’s campaign" is no person), does not modify a noun (P3b:
//     "Clinton campaign manager Robby Mook" is Mook) and does not stand in
//     a phrase after a nominal head (P3a: "an aide to Mr. Obama"), else
//     its first ORG;
//   - P5 "the ministry" names the ministry named before it, and "the
//     group" or "the company" the organisation named just before; P5b "the
//     statement" names who issued the statement named beside an earlier
//     cue ("the ministry said in a statement");
//   - P6 "the analyst" names the person the article described so
//     ("Artyom Shraibman, a political analyst"), or whose title it is
//     ("the mayor" after "Mayor Helen Markovic");
//   - P4 any other nominal source ("a source", "officials", "many of
//     whom") is a group; I, we, they and an unresolved pronoun are
//     unknown.
func (sr *speakerStage) of(r extract.Range) Speaker {
	if r.Len() == 0 {
		return unknownSpeaker(NoRule)
	}
	lw := sr.lower(r.Lo)
	if r.Len() == 1 {
		if g, ok := pronounGender(lw); ok {
			return sr.pronoun(r.Lo, g)
		}
		if lw == "who" || lw == "which" || lw == "that" {
			k := r.Lo - 1
			if k >= 0 && sr.toks[k].Text == "," {
				k--
			}
			if k >= 0 {
				for _, n := range sr.namesIn(max(0, k-6), k+1) {
					if n.r.Hi == k+1 {
						return n.speaker(RuleP2)
					}
				}
			}
			return unknownSpeaker(RuleP2)
		}
		if subjectPronouns[lw] {
			return unknownSpeaker(RuleP4)
		}
	}
	var org *name
	names := sr.namesIn(r.Lo, r.Hi)
	for i := range names {
		n := &names[i]
		if n.r.Hi > r.Hi {
			continue
		}
		if n.r.Hi < len(sr.toks) && n.r.Hi < r.Hi {
			if nt := sr.toks[n.r.Hi].Text; nt == "’s" || nt == "'s" || nt == "’" {
				continue
			}
		}
		if strings.HasSuffix(n.text, "’s") || strings.HasSuffix(n.text, "'s") {
			continue
		}
		if n.label == extract.PER {
			if sr.modifiesNominal(r, n.r.Lo) {
				continue // "A former chief executive of … in Corrie": not Corrie
			}
			if k := n.r.Hi; k < r.Hi && sr.toks[k].Kind == extract.Word && !isUpperStart(sr.toks[k].Text) && !npStop[sr.lower(k)] && !npPreps[sr.lower(k)] && !relativePronouns[sr.lower(k)] {
				continue // P3b: "Clinton campaign manager Robby Mook": a name that modifies a noun is not the speaker
			}
			return n.speaker(RuleP3)
		}
		if org == nil {
			org = n
		}
	}
	if org != nil {
		return org.speaker(RuleP3)
	}
	if sp, ok := sr.surname(r); ok {
		return sp
	}
	if n, ok := sr.nominalOrg(r); ok {
		return n.speaker(RuleP5)
	}
	if sp, ok := sr.document(r); ok {
		return sp
	}
	if sp, ok := sr.nominalPerson(r); ok {
		return sp
	}
	return sr.group(r)
}

// modifiesNominal reports whether the name at token at stands in a
// prepositional phrase after the lower-case head of nominal source r, in
// the same comma-separated segment (P3a): "an aide to Mr. Obama" and "A
// former chief executive of St. Brendan’s Hospital in Corrie" are not
// spoken by Obama or Corrie, while "The chairman of the inquiry, Judge
// Alistair Keane" is Keane's (a comma stands between).
func (sr *speakerStage) modifiesNominal(r extract.Range, at int) bool {
	if first := sr.toks[r.Lo]; isUpperStart(first.Text) && !determiners[sr.lower(r.Lo)] {
		return false // the source opens with a name or a title
	}
	nominal, inPhrase := false, false
	for i := r.Lo; i < at; i++ {
		t := sr.toks[i]
		switch {
		case t.Text == "," || t.Kind == extract.Dash || t.Text == "(":
			nominal, inPhrase = false, false
		case npPreps[sr.lower(i)]:
			inPhrase = inPhrase || nominal
		case t.Kind == extract.Word && !isUpperStart(t.Text) && !determiners[sr.lower(i)]:
			nominal = true // a lower-case head before the preposition
		}
	}
	return inPhrase
}

// surname resolves a source of one to three capitalised words that NER
// did not tag, such as a transcript label in capitals ("PENCE: …"), to the
// person of the document whose name ends with them, case folded (P3,
// "PENCE" is Mike Pence); a label in capitals that names no one of the
// document is a person of that name ("PENCE" alone), the way transcripts
// label their speakers. It reports false when nothing fits or two people
// do.
func (sr *speakerStage) surname(r extract.Range) (Speaker, bool) {
	if r.Len() > 3 {
		return Speaker{}, false
	}
	for i := r.Lo; i < r.Hi; i++ {
		if t := sr.toks[i]; !isWordTok(t) || !isUpperStart(t.Text) {
			return Speaker{}, false
		}
	}
	want := sr.d.TokenSpan(r).Text
	found := -1
	for pi, p := range sr.d.People {
		n := p.Name
		if len(n) < len(want) || !strings.EqualFold(n[len(n)-len(want):], want) || len(n) > len(want) && n[len(n)-len(want)-1] != ' ' {
			continue
		}
		if found >= 0 {
			return Speaker{}, false // two people of that name
		}
		found = pi
	}
	if found < 0 {
		if len(want) < 3 || !sr.allCaps(r.Lo, r.Hi) {
			return Speaker{}, false
		}
		return Speaker{Kind: PersonSpeaker, Name: want, Person: -1, Entity: -1, Rule: RuleP3}, true
	}
	return Speaker{Kind: PersonSpeaker, Name: sr.d.People[found].Name, Person: found, Entity: -1, Rule: RuleP3}, true
}

// group returns the GroupSpeaker of a nominal source r (P4), named by the
// source's first noun phrase: up to the first comma, parenthesis or
// relative pronoun ("a spokesman for the ministry, who …" gives "a
// spokesman for the ministry").
func (sr *speakerStage) group(r extract.Range) Speaker {
	hi := r.Lo
	for hi < r.Hi {
		t := sr.toks[hi]
		if hi > r.Lo && (t.Text == "," || t.Text == "(" || t.Kind == extract.Dash ||
			(relativePronouns[sr.lower(hi)] || sr.lower(hi) == "that") && !npPreps[sr.lower(hi-1)]) { // not "many of whom"
			break
		}
		hi++
	}
	for hi > r.Lo && sr.isPunct(hi-1) {
		hi--
	}
	if hi <= r.Lo {
		return unknownSpeaker(RuleP4)
	}
	return Speaker{Kind: GroupSpeaker, Name: sr.d.TokenSpan(extract.Range{Lo: r.Lo, Hi: hi}).Text, Person: -1, Entity: -1, Rule: RuleP4}
}

// document resolves "the statement", "the report" (a definite document
// noun, alone or after "the" and one word) to the speaker of the last
// claim whose cue named that document ("the ministry said in a
// statement"), within maxResolve sentences (P5b).
func (sr *speakerStage) document(r extract.Range) (Speaker, bool) {
	if r.Len() < 2 || r.Len() > 3 || sr.lower(r.Lo) != "the" {
		return Speaker{}, false
	}
	noun := sr.lower(r.Hi - 1)
	if !docNouns[noun] {
		return Speaker{}, false
	}
	s := int(sr.sentOf[r.Lo])
	for k := len(sr.docs) - 1; k >= 0; k-- {
		m := sr.docs[k]
		if m.tok >= r.Lo {
			continue
		}
		if s-int(sr.sentOf[m.tok]) > maxResolve {
			break
		}
		if m.noun == noun {
			sp := m.speaker
			sp.Rule = RuleP5
			return sp, true
		}
	}
	return Speaker{}, false
}

// nominalOrg resolves a definite nominal source to the organisation it
// names again (P5): "the ministry" to the last "Ministry of Water
// Resources" named before it, "the group" or "the company" to the last
// organisation named in the two sentences before. It looks back at most
// maxResolve sentences and reports false when nothing fits.
func (sr *speakerStage) nominalOrg(r extract.Range) (*name, bool) {
	if r.Len() != 2 || sr.lower(r.Lo) != "the" {
		return nil, false
	}
	head := sr.lower(r.Lo + 1)
	generic := orgNouns[head]
	s := int(sr.sentOf[r.Lo])
	if s < 0 || len(head) < 3 {
		return nil, false
	}
	lo, _ := sr.sent(max(0, s-maxResolve))
	lo = max(lo, r.Lo-maxWindow)
	names := sr.namesIn(lo, r.Lo)
	for k := len(names) - 1; k >= 0; k-- {
		n := &names[k]
		if n.label != extract.ORG {
			continue
		}
		if strings.Contains(" "+strings.ToLower(n.text)+" ", " "+head+" ") {
			return n, true
		}
		if generic && s-int(sr.sentOf[n.r.Lo]) <= 2 {
			return n, true
		}
	}
	return nil, false
}

// orgNouns are the common nouns that refer back to the last organisation
// named (P5).
var orgNouns = set("group", "company", "organisation", "organization", "agency", "firm", "union",
	"alliance", "coalition", "association", "charity", "network")

// nominalPerson resolves a definite description to the person it refers
// back to (P6): "the analyst" or "the political analyst" to the last
// person named before it whose Description has that head noun among the
// words of its first noun phrase ("Artyom Shraibman, a political
// analyst"), or one of whose titles is that noun ("the mayor" after
// "Mayor Helen Markovic"). The source is "the" or "this" and at most two
// lower-case words; the look-back covers at most maxFallback names.
func (sr *speakerStage) nominalPerson(r extract.Range) (Speaker, bool) {
	if r.Len() < 2 || r.Len() > 3 || sr.lower(r.Lo) != "the" && sr.lower(r.Lo) != "this" {
		return Speaker{}, false
	}
	for i := r.Lo + 1; i < r.Hi; i++ {
		if t := sr.toks[i]; t.Kind != extract.Word || isUpperStart(t.Text) {
			return Speaker{}, false
		}
	}
	head := sr.lower(r.Hi - 1)
	if len(head) < 3 || orgNouns[head] {
		return Speaker{}, false
	}
	people := sr.d.People
	k := sort.Search(len(sr.names), func(k int) bool { return sr.names[k].r.Lo >= r.Lo }) - 1
	for n := 0; k >= 0 && n < maxFallback; k, n = k-1, n+1 {
		nm := &sr.names[k]
		if nm.label != extract.PER || nm.person < 0 || nm.person >= len(people) || sr.qOf[nm.r.Lo] >= 0 {
			continue
		}
		p := &people[nm.person]
		if describes(p.Description.Text, head) || hasTitle(p.Titles, head) {
			return nm.speaker(RuleP6), true
		}
	}
	return Speaker{}, false
}

// describes reports whether head is a word of the first noun phrase of
// description desc: before its first preposition, relative pronoun or
// comma ("a political analyst who fled" has analyst and political, "the
// chief of staff of …" has chief).
func describes(desc, head string) bool {
	for w := range strings.FieldsFuncSeq(desc, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }) {
		lw := strings.ToLower(strings.Trim(w, ",.;:()“”\"'’"))
		if npPreps[lw] || relativePronouns[lw] || lw == "that" {
			return false
		}
		if lw == head {
			return true
		}
		if strings.HasSuffix(w, ",") {
			return false
		}
	}
	return false
}

// hasTitle reports whether one of titles, case folded, is head ("Mayor"
// for "the mayor").
func hasTitle(titles []string, head string) bool {
	for _, t := range titles {
		if strings.EqualFold(strings.TrimSuffix(t, "."), head) {
			return true
		}
	}
	return false
}

// pronoun finds the antecedent of a pronoun of gender g at token i (P1,
// P1b), among the people named before it outside quotations (P1c) and the
// people earlier claims were attributed to.
func (sr *speakerStage) pronoun(i int, g extract.Gender) Speaker {
	s := int(sr.sentOf[i])
	if s < 0 {
		return unknownSpeaker(RuleP1)
	}
	para := sr.d.Sentences[s].Paragraph
	compatible := func(h extract.Gender) bool { return g == extract.Unknown || h == extract.Unknown || g == h }
	for k := s; k >= 0 && s-k <= maxResolve; k-- {
		if para-sr.d.Sentences[k].Paragraph > 1 {
			break
		}
		lo, hi := sr.sent(k)
		if k == s {
			hi = i
		}
		lo = max(lo, i-maxWindow) // bounded look-back keeps long sentences linear
		if hi <= lo {
			if k == s {
				continue // the pronoun opens its sentence
			}
			break
		}
		// The first compatible mention in the sentence, names and earlier
		// speakers merged by position.
		bestTok := -1
		var best Speaker
		names := sr.namesIn(lo, hi)
		for ni := range names {
			n := &names[ni]
			if n.label != extract.PER || !compatible(n.gender) || sr.qOf[n.r.Lo] >= 0 {
				continue
			}
			if n.r.Hi < len(sr.toks) {
				if nt := sr.toks[n.r.Hi].Text; nt == "’s" || nt == "'s" {
					continue
				}
			}
			bestTok, best = n.r.Lo, n.speaker(RuleP1)
			break
		}
		j := sort.Search(len(sr.spk), func(j int) bool { return sr.spk[j].tok >= lo })
		for ; j < len(sr.spk) && sr.spk[j].tok < hi; j++ {
			m := sr.spk[j]
			if compatible(m.gender) {
				if bestTok < 0 || m.tok < bestTok {
					bestTok, best = m.tok, m.speaker
					best.Rule = RuleP1
				}
				break
			}
		}
		if bestTok >= 0 {
			return best
		}
	}
	// P1b: no antecedent nearby; the last person of exactly this gender
	// named earlier, looking back over at most maxFallback names.
	if g == extract.Unknown {
		return unknownSpeaker(RuleP1)
	}
	k := sort.Search(len(sr.names), func(k int) bool { return sr.names[k].r.Lo >= i }) - 1
	for n := 0; k >= 0 && n < maxFallback; k, n = k-1, n+1 {
		if nm := &sr.names[k]; nm.label == extract.PER && nm.gender == g && sr.qOf[nm.r.Lo] < 0 {
			return nm.speaker(RuleP1b)
		}
	}
	return unknownSpeaker(RuleP1)
}

// maxFallback bounds the look-back of rules P1b and P6.
const maxFallback = 40
