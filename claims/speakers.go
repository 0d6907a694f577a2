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
}

// reset indexes the names of the view's document.
func (sr *speakerStage) reset() {
	sr.spk = sr.spk[:0]
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
	label  extract.Label
	text   string // canonical name
	gender extract.Gender
}

// speakerMention records that a speaker was named (or resolved) at a token.
type speakerMention struct {
	tok    int
	person int
	text   string
	gender extract.Gender
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
// entities of the document, or, when the document has no entities (NER
// switched off), runs of capitalised words (N1: a run after a title, or of
// two or more words not at a sentence start; a lone capitalised word names
// the fullest earlier run that ends with it).
func (sr *speakerStage) findNames() []name {
	d := sr.d
	if len(d.Entities) > 0 {
		out := make([]name, 0, len(d.Entities))
		for _, e := range d.Entities {
			if e.Label != extract.PER && e.Label != extract.ORG {
				continue
			}
			n := name{r: e.Tokens, person: -1, label: e.Label, text: e.Text}
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
			if i+1 < len(toks) && isWordTok(toks[i+1]) && isUpperStart(toks[i+1].Text) && !titleWords[lower(toks[i+1])] {
				i++
			} else {
				continue
			}
		}
		j := i
		for j < len(toks) && j-i < 5 && isWordTok(toks[j]) && isUpperStart(toks[j].Text) && !titleWords[lower(toks[j])] {
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
			switch lower(toks[i-1]) {
			case "mr.", "mr", "sir", "lord":
				g = extract.Male
			case "mrs.", "ms.", "mrs", "ms", "lady":
				g = extract.Female
			}
		}
		out = append(out, name{r: r, person: -1, label: extract.PER, text: text, gender: g})
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

// of returns the canonical speaker of source r and its person index
// (P-rules):
//
//   - P1 a personal pronoun (he, she) resolves to the salient person of
//     matching gender: the first person named in the current sentence
//     before it, else in the previous sentences (subject position first);
//     speakers of earlier claims count as named where their source stands;
//   - P2 a relative pronoun (who, which) takes the name right before it;
//   - P3 otherwise the first PERSON in the source that is not a possessive
//     ("O’Malley’s campaign" is no person), else its first ORG;
//   - P4 nominal sources ("a source", "officials") and I, we, they have no
//     speaker;
//   - P5 but "the ministry" names the ministry named before it, and "the
//     group" or "the company" the organisation named just before.
func (sr *speakerStage) of(r extract.Range) (string, int) {
	if r.Len() == 0 {
		return "", -1
	}
	lw := lower(sr.toks[r.Lo])
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
						return n.text, n.person
					}
				}
			}
			return "", -1
		}
		if subjectPronouns[lw] {
			return "", -1
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
			return n.text, n.person
		}
		if org == nil {
			org = n
		}
	}
	if org != nil {
		return org.text, -1
	}
	return sr.nominalOrg(r), -1
}

// nominalOrg resolves a definite nominal source to the organisation it
// names again (P5): "the ministry" to the last "Ministry of Water
// Resources" named before it, "the group" or "the company" to the last
// organisation named in the two sentences before. It looks back at most
// maxResolve sentences and returns "" when nothing fits.
func (sr *speakerStage) nominalOrg(r extract.Range) string {
	if r.Len() != 2 || sr.lower(r.Lo) != "the" {
		return ""
	}
	head := sr.lower(r.Lo + 1)
	generic := orgNouns[head]
	s := int(sr.sentOf[r.Lo])
	if s < 0 || len(head) < 3 {
		return ""
	}
	lo, _ := sr.sent(max(0, s-maxResolve))
	lo = max(lo, r.Lo-maxWindow)
	names := sr.namesIn(lo, r.Lo)
	for k := len(names) - 1; k >= 0; k-- {
		n := names[k]
		if n.label != extract.ORG {
			continue
		}
		if strings.Contains(" "+strings.ToLower(n.text)+" ", " "+head+" ") {
			return n.text
		}
		if generic && s-int(sr.sentOf[n.r.Lo]) <= 2 {
			return n.text
		}
	}
	return ""
}

// orgNouns are the common nouns that refer back to the last organisation
// named (P5).
var orgNouns = set("group", "company", "organisation", "organization", "agency", "firm", "union",
	"alliance", "coalition", "association", "charity", "network")

// pronoun finds the antecedent of a pronoun of gender g at token i (P1).
func (sr *speakerStage) pronoun(i int, g extract.Gender) (string, int) {
	s := int(sr.sentOf[i])
	if s < 0 {
		return "", -1
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
		bestText, bestPerson := "", -1
		for _, n := range sr.namesIn(lo, hi) {
			if n.label != extract.PER || !compatible(n.gender) {
				continue
			}
			if n.r.Hi < len(sr.toks) {
				if nt := sr.toks[n.r.Hi].Text; nt == "’s" || nt == "'s" {
					continue
				}
			}
			bestTok, bestText, bestPerson = n.r.Lo, n.text, n.person
			break
		}
		j := sort.Search(len(sr.spk), func(j int) bool { return sr.spk[j].tok >= lo })
		for ; j < len(sr.spk) && sr.spk[j].tok < hi; j++ {
			m := sr.spk[j]
			if compatible(m.gender) {
				if bestTok < 0 || m.tok < bestTok {
					bestTok, bestText, bestPerson = m.tok, m.text, m.person
				}
				break
			}
		}
		if bestTok >= 0 {
			return bestText, bestPerson
		}
	}
	// P1b: no antecedent nearby; the last person of exactly this gender
	// named earlier, looking back over at most maxFallback names.
	if g == extract.Unknown {
		return "", -1
	}
	k := sort.Search(len(sr.names), func(k int) bool { return sr.names[k].r.Lo >= i }) - 1
	for n := 0; k >= 0 && n < maxFallback; k, n = k-1, n+1 {
		if nm := sr.names[k]; nm.label == extract.PER && nm.gender == g {
			return nm.text, nm.person
		}
	}
	return "", -1
}

// maxFallback bounds the look-back of rule P1b.
const maxFallback = 40
