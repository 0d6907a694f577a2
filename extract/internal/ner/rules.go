package ner

import "strings"

// Mention-level rules applied after decoding (see Tag). Each changes only
// labels, never spans, and each reads only the document itself.

// appositives applies rule R2: a mention followed by an appositive noun
// phrase, ", a/an/the [modifiers] HEAD", where HEAD (the last word before
// the phrase ends at punctuation or at a linking word such as "of", "that",
// "which", "who", "at", "in") is a common noun that names an organisation
// ("group", "party", "agency"...) or a person's role ("analyst",
// "spokesman", "lawyer"...), takes HEAD's type: ORG for an organisation
// noun (relabelling PER or MISC), PER for a person noun (relabelling ORG,
// LOC or MISC). The appositive restates what the name is, which the
// tagger's two-token window cannot see ("Viasna, a group of human rights
// that ..."). Only a name that occurs once in the document, as this one
// mention, is relabelled: a name seen several times has document evidence
// that the appositive should not override.
func (st *docState) appositives(ms []Mention) {
	for k := range ms {
		m := &ms[k]
		head := st.appositiveHead(*m)
		if head == None {
			head = st.preposedHead(*m)
		}
		if head == None || st.mentionCount(ms, *m) > 1 {
			continue
		}
		switch head {
		case ORG:
			if m.Label == PER || m.Label == MISC {
				m.Label = ORG
			}
		case LOC:
			if m.Label == PER || m.Label == MISC {
				m.Label = LOC
			}
		case PER:
			if m.Label != PER {
				m.Label = PER
			}
		}
	}
}

// appositiveHead returns ORG or PER when mention m is followed, in its
// sentence, by an appositive whose head noun names an organisation or a
// person's role (rule R2), and None otherwise.
func (st *docState) appositiveHead(m Mention) Label {
	r, ok := st.sentenceOf(m.Lo)
	if !ok {
		return None
	}
	i := m.Hi
	if i+2 >= r.Hi || st.words[st.tok[i]].text != "," {
		return None
	}
	switch st.words[st.tok[i+1]].lower {
	case "a", "an", "the":
	default:
		return None
	}
	head := ""
	for j := i + 2; j < r.Hi && j < i+2+6; j++ {
		w := &st.words[st.tok[j]]
		if w.flags&fHasLetter == 0 && w.text != "-" || appositiveStop[w.lower] {
			break
		}
		head = w.lower
		if j+1 == r.Hi || j == i+2+5 {
			head = "" // the phrase runs on: no clear head
		}
	}
	switch {
	case orgNouns[head]:
		return ORG
	case isPersonNoun(head):
		return PER
	case placeNouns[head]:
		return LOC
	}
	return None
}

// placeNouns are common nouns that head a description of a place (rules
// R2 and R4).
var placeNouns = map[string]bool{
	"village": true, "town": true, "city": true, "hamlet": true, "suburb": true, "province": true,
	"region": true, "district": true, "county": true, "island": true, "port": true, "capital": true,
	"municipality": true, "borough": true, "parish": true, "republic": true, "country": true,
	"enclave": true, "oblast": true, "prefecture": true, "commune": true, "canton": true,
}

// placeOf applies rule R4: a mention right after "the [adjective] town
// of", "city of", "village of" (a lower-case place noun of placeNouns and
// "of") is LOC unless it is already, and the name occurs once in the
// document. CoNLL-2003 has such phrases ("the city of Sarajevo"), but a
// name the tagger has never seen tends to PER from its shape alone; the
// phrase states the type outright, beyond the reach of word features.
func (st *docState) placeOf(ms []Mention) {
	for k := range ms {
		m := &ms[k]
		if m.Label == LOC || m.Label == None || m.Lo < 2 {
			continue
		}
		r, ok := st.sentenceOf(m.Lo)
		if !ok || m.Lo-2 < r.Lo {
			continue
		}
		of, noun := &st.words[st.tok[m.Lo-1]], &st.words[st.tok[m.Lo-2]]
		if of.lower != "of" || noun.flags&(fInitCap|fAllCap) != 0 || !placeNouns[noun.lower] {
			continue
		}
		if noun.lower == "capital" || noun.lower == "republic" || noun.lower == "country" {
			continue // "capital of France": the name after it is not the place described
		}
		if st.mentionCount(ms, *m) > 1 {
			continue
		}
		m.Label = LOC
	}
}

// preposedHead is rule R2's mirror image: a mention set off by commas
// after a noun phrase "the/a [modifiers] HEAD [of ...] ," ("The
// contractor, Halvorsen Tunnelling, said"; "the secretary of state at the
// time, Condoleezza Rice,") takes HEAD's type, as appositiveHead's does.
// HEAD is lower case, the phrase at most nine words.
func (st *docState) preposedHead(m Mention) Label {
	r, ok := st.sentenceOf(m.Lo)
	if !ok || m.Lo-3 < r.Lo || m.Hi >= r.Hi || st.words[st.tok[m.Hi]].text != "," || st.words[st.tok[m.Lo-1]].text != "," {
		return None
	}
	det := -1
	for j := m.Lo - 2; j >= r.Lo && j >= m.Lo-10; j-- {
		w := &st.words[st.tok[j]]
		if w.flags&fHasLetter == 0 {
			break
		}
		if w.lower == "the" || w.lower == "a" || w.lower == "an" {
			det = j // the leftmost determiner opens the phrase
		}
	}
	if det < 0 {
		return None
	}
	// The head is the last word before the phrase's first linking word
	// ("the American secretary of state at the time": "secretary").
	var head *word
	for j := det + 1; j < m.Lo-1; j++ {
		w := &st.words[st.tok[j]]
		if appositiveStop[w.lower] {
			break
		}
		head = w
	}
	if head == nil || head.flags&(fInitCap|fAllCap) != 0 {
		return None
	}
	switch {
	case orgNouns[head.lower]:
		return ORG
	case isPersonNoun(head.lower):
		return PER
	case placeNouns[head.lower]:
		return LOC
	}
	return None
}

// sentenceOf returns the sentence that holds token i.
func (st *docState) sentenceOf(i int) (Range, bool) {
	if s := st.sentenceIndex(i); s >= 0 {
		return st.doc.Sentences[s], true
	}
	return Range{}, false
}

// sentenceIndex returns the index of the sentence that holds token i, or
// -1.
func (st *docState) sentenceIndex(i int) int {
	ss := st.doc.Sentences
	lo, hi := 0, len(ss)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if ss[h].Hi <= i {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(ss) && ss[lo].Lo <= i && i < ss[lo].Hi {
		return lo
	}
	return -1
}

// mentionCount returns how many mentions of ms have the same lower-cased
// tokens as m. The counts per word sequence (st.mcounts, keyed by
// wordsKey) are built from ms on the first call after countMentions
// clears them, so each rule stays linear in the mentions of a document.
func (st *docState) mentionCount(ms []Mention, m Mention) int {
	if !st.mcounted {
		if st.mcounts == nil {
			st.mcounts = make(map[uint64]int32, len(ms))
		}
		for _, o := range ms {
			st.mcounts[st.wordsKey(o)]++
		}
		st.mcounted = true
	}
	return int(st.mcounts[st.wordsKey(m)])
}

// forgetMentions clears the counts of mentionCount, for a new list of
// mentions.
func (st *docState) forgetMentions() {
	clear(st.mcounts)
	st.mcounted = false
}

// wordsKey returns a key that two mentions share when they have the same
// lower-cased tokens: the words' hashes joined in order (64 bits; two
// different sequences share a key with negligible probability, and then
// only a rule's count is off).
func (st *docState) wordsKey(m Mention) uint64 {
	h := uint64(fnvOffset) ^ uint64(m.Hi-m.Lo)
	for i := m.Lo; i < m.Hi; i++ {
		h = (h ^ st.words[st.tok[i]].title) * 0x9E3779B97F4A7C15
		h ^= h >> 29
	}
	return h
}

// appositiveStop are the words that end the noun phrase of an appositive
// (rule R2): relative pronouns, prepositions and conjunctions.
var appositiveStop = map[string]bool{
	"of": true, "that": true, "which": true, "who": true, "whose": true, "at": true, "in": true, "for": true,
	"with": true, "from": true, "on": true, "to": true, "by": true, "and": true, "or": true, "but": true,
	"based": true, "founded": true, "led": true, "run": true, "known": true, "since": true, "until": true,
	"whom": true, "where": true, "when": true, "as": true, "than": true, "like": true,
}

// orgNouns are common nouns that head a description of an organisation
// (rule R2).
var orgNouns = map[string]bool{
	"group": true, "organization": true, "organisation": true, "party": true, "company": true, "agency": true,
	"coalition": true, "network": true, "union": true, "committee": true, "institute": true, "institution": true,
	"association": true, "alliance": true, "foundation": true, "firm": true, "corporation": true, "bank": true,
	"charity": true, "nonprofit": true, "non-profit": true, "ngo": true, "newspaper": true, "broadcaster": true,
	"website": true, "outlet": true, "publisher": true, "movement": true, "federation": true, "council": true,
	"think-tank": true, "tank": true, "watchdog": true, "consortium": true, "conglomerate": true, "manufacturer": true,
	"maker": true, "retailer": true, "carrier": true, "airline": true, "insurer": true, "lender": true,
	"university": true, "college": true, "club": true, "team": true, "faction": true, "ministry": true,
	"department": true, "bureau": true, "center": true, "centre": true, "subsidiary": true, "startup": true,
	"magazine": true, "society": true, "league": true, "caucus": true, "commission": true,
	"contractor": true, "supplier": true,
	"theatre": true, "theater": true, "hospital": true, "school": true, "museum": true, "venue": true,
}

// personNouns are common nouns that head a description of a person (rule
// R2).
var personNouns = map[string]bool{
	"analyst": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "lawyer": true, "attorney": true,
	"activist": true, "journalist": true, "reporter": true, "correspondent": true, "editor": true, "writer": true,
	"author": true, "professor": true, "scholar": true, "researcher": true, "economist": true, "historian": true,
	"politician": true, "lawmaker": true, "legislator": true, "senator": true, "congressman": true,
	"congresswoman": true, "diplomat": true, "ambassador": true, "minister": true, "official": true,
	"adviser": true, "advisor": true, "aide": true, "consultant": true, "strategist": true, "pollster": true,
	"businessman": true, "businesswoman": true, "executive": true, "entrepreneur": true,
	"banker": true, "candidate": true, "chairman": true, "chairwoman": true, "founder": true,
	"director": true, "manager": true, "president": true, "secretary": true,
	"dissident": true, "student": true, "teacher": true, "doctor": true,
	"physician": true, "scientist": true, "singer": true, "actor": true, "actress": true,
	"coach": true, "resident": true, "veteran": true, "retiree": true, "mother": true, "father": true,
	"daughter": true, "son": true, "wife": true, "husband": true, "man": true, "woman": true, "worker": true,
	"judge": true, "prosecutor": true, "governor": true, "mayor": true, "commentator": true,
}

// isPersonNoun reports whether lower-case noun w names a person's role
// (rule R2): one of personNouns, or a noun of a practitioner in -ist or
// -ologist ("hydrologist", "economist") or -ician ("statistician").
func isPersonNoun(w string) bool {
	if personNouns[w] {
		return true
	}
	if len(w) < 6 || notPersonIst[w] {
		return false
	}
	return strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ician")
}

// notPersonIst are words in -ist that name no person.
var notPersonIst = map[string]bool{"checklist": true, "playlist": true, "shortlist": true, "waitlist": true, "blacklist": true, "whitelist": true}

// namedHeads applies rule R3: a mention that is not PER but whose every
// word is part of a PER mention elsewhere in the document, followed by
// "administration", "campaign" or "presidency", is relabelled PER. CoNLL-2003 tags the name in "Clinton administration" and
// "Dole campaign" PER (train.txt: 4 and 1 times, never otherwise); the
// tagger often reads "Trump campaign" as a MISC modifier instead. A
// possessive "'s" was tried too and dropped: it also turned companies and
// clubs ("Ruch's shares", "Rotor's spell") into people on CoNLL dev.
func (st *docState) namedHeads(ms []Mention) {
	var per map[uint64]bool
	for k := range ms {
		m := &ms[k]
		if m.Label == PER || m.Label == None {
			continue
		}
		r, ok := st.sentenceOf(m.Lo)
		if !ok || m.Hi >= r.Hi {
			continue
		}
		switch st.words[st.tok[m.Hi]].text {
		case "administration", "campaign", "presidency":
		default:
			continue
		}
		if per == nil {
			per = make(map[uint64]bool)
			for _, o := range ms {
				if o.Label == PER {
					for i := o.Lo; i < o.Hi; i++ {
						per[st.words[st.tok[i]].title] = true
					}
				}
			}
		}
		all := true
		for i := m.Lo; i < m.Hi && all; i++ {
			all = per[st.words[st.tok[i]].title]
		}
		// R3b: a one-word name before "administration" or "presidency"
		// that no place list holds is a president's surname ("the Biden
		// administration"), even when the document never names him
		// otherwise.
		const places = 0xF<<(4*gzCountry) | 0xF<<(4*gzDemonym) | 0xF<<(4*gzCity)
		if !all && m.Hi-m.Lo == 1 && st.words[st.tok[m.Hi]].text != "campaign" && st.sentenceGaz(st.sentenceIndex(m.Lo))[m.Lo-r.Lo]&places == 0 {
			all = true
		}
		if all {
			m.Label = PER
		}
	}
}
