package ner

// Rules R5 to R8 (after R2 to R4, see Tag): a mention's type must have
// evidence in the text. The tagger reads a window of two tokens and the
// shape of the word; for a name it has never seen, its shape alone tends
// to PER ("Ashcombe", "Keller Minerals"). These rules read what the window
// cannot weigh against that shape: the preposition before the name, the
// organisation word at its end, the lower-case place noun after it, the
// quotation marks around a title, and the other mentions of the same name.
// On CoNLL-2003 train the patterns they use are almost never PER (counts in
// each rule's comment).

// personWords returns the hashes of the words of the multi-word PER
// mentions of ms: the evidence that a one-word mention is a person's name
// ("Obama" after "Barack Obama").
func (st *docState) personWords(ms []Mention) map[uint64]bool {
	per := make(map[uint64]bool)
	for _, m := range ms {
		if m.Label == PER && m.Hi-m.Lo > 1 {
			for i := m.Lo; i < m.Hi; i++ {
				per[st.words[st.tok[i]].title] = true
			}
		}
	}
	return per
}

// evidence applies rules R5 to R8 to ms (labels only, except R7, which may
// replace mentions by a quoted title) and returns the mentions.
func (st *docState) evidence(ms []Mention) []Mention {
	per := st.personWords(ms)
	for k := range ms {
		m := &ms[k]
		switch {
		case m.Label == PER && st.locativeBefore(*m) && !per[st.words[st.tok[m.Lo]].title]:
			// R5: "in Corrie", "a woman from Ashcombe". CoNLL-2003 train:
			// a one-word mention after in, from, near, at, outside,
			// across or around is LOC 881 times, PER 3 times when its
			// word is in no longer PER mention of the document.
			m.Label = LOC
		case m.Label == PER && m.Hi-m.Lo > 1 && st.orgEnd(*m):
			// R6: a name that ends in an organisation word ("Keller
			// Minerals", "Halvorsen Holdings") is no person's: in
			// CoNLL-2003 train such names are PER 2 times in 740.
			m.Label = ORG
		case m.Label != LOC && m.Label != None && st.placeNounAfter(*m):
			// R6b: "the Elston hills", "the Bekaa valley": a name before
			// a lower-case geographic noun names the place.
			m.Label = LOC
		}
	}
	ms = st.quotedTitles(ms)
	ms = st.speakersAfterQuotes(ms)
	st.oneSense(ms, per)
	return ms
}

// speakersAfterQuotes applies rule R9: a capitalized word that the tagger
// left out, between a quotation's closing mark and a speech verb (“… to
// fail?” Vitter demanded.), is a PER mention: the speaker. CoNLL-2003
// train has the pattern (, " X said) 147 times: PER 137, ORG 10, never
// outside an entity. The speaker is a PER more often than not, and the
// tagger's window sees neither the quotation nor, for a rarer verb, the
// speech.
func (st *docState) speakersAfterQuotes(ms []Mention) []Mention {
	var out []Mention
	changed := false
	j := 0
	for _, r := range st.doc.Sentences {
		// The quotation may end the sentence before ("… fail?” Vitter
		// demanded." is two), so the marks are read across its start.
		for i := max(r.Lo, 2); i+1 < r.Hi; i++ {
			w := &st.words[st.tok[i]]
			if w.flags&fInitCap == 0 || w.flags&fHasLower == 0 || !speechVerbs[st.words[st.tok[i+1]].lower] {
				continue
			}
			// A word mostly written in lower case mid-sentence ("He",
			// "They" after an opening mark) is no name; case bucket 4 and
			// up: capitalized at least half the time (0: not counted).
			if w.caseB != 0 && w.caseB < 4 || st.seen[st.tok[i]]&dSeenLower != 0 {
				continue
			}
			if q := st.words[st.tok[i-1]].text; q != "\"" && q != "'" {
				continue
			}
			switch st.words[st.tok[i-2]].text {
			case ",", ".", "?", "!":
			default:
				continue
			}
			k := j
			for k < len(ms) && ms[k].Hi <= i {
				k++
			}
			if k < len(ms) && ms[k].Lo <= i {
				continue // the tagger found a name here
			}
			if !changed {
				out = make([]Mention, 0, len(ms)+1)
				changed = true
			}
			out = append(out, ms[j:k]...)
			out = append(out, Mention{Lo: i, Hi: i + 1, Label: PER})
			j = k
		}
	}
	if !changed {
		return ms
	}
	return append(out, ms[j:]...)
}

// speechVerbs are the verbs of saying that follow a quotation and its
// speaker (rule R9).
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "asked": true, "added": true, "demanded": true, "replied": true,
	"wrote": true, "insisted": true, "argued": true, "explained": true, "warned": true, "noted": true,
	"recalled": true, "continued": true, "declared": true, "admitted": true, "acknowledged": true,
	"responded": true, "shouted": true, "cried": true, "asks": true, "adds": true, "writes": true,
}

// locativeBefore reports whether one-word mention m follows a locative
// preposition (R5).
func (st *docState) locativeBefore(m Mention) bool {
	if m.Hi-m.Lo != 1 {
		return false
	}
	r, ok := st.sentenceOf(m.Lo)
	if !ok || m.Lo == r.Lo {
		return false
	}
	switch st.words[st.tok[m.Lo-1]].text {
	case "in", "from", "near", "at", "outside", "across", "around":
		return true
	}
	return false
}

// orgEnd reports whether the last word of m is in the organisation list
// (gazetteer org.txt: "Ministry", "Holdings", "Minerals"), R6.
func (st *docState) orgEnd(m Mention) bool {
	s := st.sentenceIndex(m.Lo)
	if s < 0 {
		return false
	}
	r := st.doc.Sentences[s]
	const org = 0xF << (4 * gzOrg)
	return st.sentenceGaz(s)[m.Hi-1-r.Lo]&org != 0 || companyWords[st.words[st.tok[m.Hi-1]].text]
}

// companyWords end companies' names beside those of the organisation
// list (rule R6 only; the tagger's features do not read them). In
// CoNLL-2003 train the names they end are ORG, never PER.
var companyWords = map[string]bool{
	"Minerals": true, "Metals": true, "Chemicals": true, "Petroleum": true, "Mines": true, "Properties": true,
	"Ventures": true, "Brewing": true, "Steel": true, "Utilities": true, "Securities": true,
	"Semiconductor": true, "Aerospace": true, "Textiles": true, "Plastics": true, "Cement": true,
}

// placeNounAfter reports whether m is followed, in its sentence, by a
// lower-case geographic noun (R6b).
func (st *docState) placeNounAfter(m Mention) bool {
	r, ok := st.sentenceOf(m.Lo)
	if !ok || m.Hi >= r.Hi {
		return false
	}
	return geoNouns[st.words[st.tok[m.Hi]].text]
}

// geoNouns are lower-case nouns of geographic features and areas that
// follow a place's name ("the Elston hills", R6b).
var geoNouns = map[string]bool{
	"hills": true, "valley": true, "river": true, "mountains": true, "coast": true, "region": true,
	"province": true, "peninsula": true, "plateau": true, "basin": true, "delta": true, "estuary": true,
	"highlands": true, "lowlands": true, "foothills": true, "plain": true, "plains": true,
}

// quotedTitles applies rule R7: a title in quotation marks that starts with
// an article and is capitalized throughout (‘The Salt Road’, “The Salt
// Road,”) is one MISC mention, the article included, replacing whatever
// the tagger found inside it: the name of a work. Without the article a
// quoted capitalized phrase is as often an organisation or a slogan as a
// work (CoNLL-2003 train: 15 MISC, 9 ORG, 4 PER, 2 LOC in 33), so it is
// left alone.
func (st *docState) quotedTitles(ms []Mention) []Mention {
	var out []Mention
	changed := false
	j := 0
	for _, r := range st.doc.Sentences {
		for i := r.Lo; i+2 < r.Hi; i++ {
			q := st.words[st.tok[i]].text
			if q != "\"" && q != "'" {
				continue
			}
			if a := st.words[st.tok[i+1]].text; a != "The" && a != "A" && a != "An" {
				continue
			}
			end := i + 2
			for end < r.Hi && end-i <= 8 && st.words[st.tok[end]].flags&fInitCap != 0 && st.words[st.tok[end]].flags&fHasLower != 0 {
				end++
			}
			close := end
			if close < r.Hi && (st.words[st.tok[close]].text == "," || st.words[st.tok[close]].text == ".") {
				close++
			}
			if end == i+2 || close >= r.Hi || st.words[st.tok[close]].text != q {
				continue
			}
			// The mentions inside give way to the title; one that crosses
			// its edge keeps it from being one.
			lo, hi := i+1, end
			k := j
			for k < len(ms) && ms[k].Hi <= lo {
				k++
			}
			crosses := false
			e := k
			for e < len(ms) && ms[e].Lo < hi {
				if ms[e].Lo < lo || ms[e].Hi > hi {
					crosses = true
				}
				e++
			}
			if crosses {
				continue
			}
			if !changed {
				out = make([]Mention, 0, len(ms)+1)
				changed = true
			}
			out = append(out, ms[j:k]...)
			out = append(out, Mention{Lo: lo, Hi: hi, Label: MISC})
			j = e
			i = close
		}
	}
	if !changed {
		return ms
	}
	return append(out, ms[j:]...)
}

// oneSense applies rule R8, one sense per discourse for names without
// person evidence: a one-word PER mention whose word is in no longer PER
// mention (per) and follows no honorific, while every other mention of the
// same word in the document has one other label, takes that label ("the
// new Valmorin", PER, after "the residents of Valmorin, a mountain
// village", LOC).
func (st *docState) oneSense(ms []Mention, per map[uint64]bool) {
	type seen struct {
		label Label
		mixed bool
	}
	var others map[uint64]*seen
	for k := range ms {
		m := ms[k]
		if m.Label != PER || m.Hi-m.Lo != 1 || per[st.words[st.tok[m.Lo]].title] {
			continue
		}
		if m.Lo > 0 && st.words[st.tok[m.Lo-1]].flags&fHonorific != 0 {
			continue
		}
		if others == nil {
			others = make(map[uint64]*seen)
			for _, o := range ms {
				if o.Hi-o.Lo != 1 || o.Label == PER {
					continue
				}
				t := st.words[st.tok[o.Lo]].title
				s := others[t]
				if s == nil {
					s = &seen{label: o.Label}
					others[t] = s
				}
				if s.label != o.Label {
					s.mixed = true
				}
			}
		}
		if s := others[st.words[st.tok[m.Lo]].title]; s != nil && !s.mixed {
			ms[k].Label = s.label
		}
	}
}
