package claims

import (
	"strings"

	"github.com/saywho/saywho/extract"
)

// sourceStage finds the source of a cue (rules S1–S7): the subject before
// it, the mention after an inverted cue or a passive's "by", the subject of
// the main clause. It reads the view and never changes it.
type sourceStage struct {
	*view
}

// plausible reports whether r can be a source: it starts with a
// capital, a determiner or a subject pronoun and has no clause break.
func (sf *sourceStage) plausible(r extract.Range) bool {
	if r.Len() == 0 || r.Len() > maxSource {
		return false
	}
	t := sf.toks[r.Lo]
	lw := lower(t)
	if !isWordTok(t) && t.Kind != extract.Number {
		return false
	}
	if !(isUpperStart(t.Text) || determiners[lw] || subjectPronouns[lw]) {
		// "panel Chairman Rep. Jason Chaffetz": a lower-case title before
		// a name.
		if r.Len() < 2 || !isUpperStart(sf.toks[r.Lo+1].Text) || npStop[lw] || introWords[lw] || npPreps[lw] {
			return false
		}
	}
	paren := 0 // "Sen. Claire McCaskill (D-Mo.)": a stop inside parentheses is no clause break
	for i := r.Lo; i < r.Hi; i++ {
		switch tx := sf.toks[i].Text; {
		case tx == "(":
			paren++
		case tx == ")":
			paren--
		case tx == "." && i+1 < r.Hi && sf.toks[i+1].Text == ",":
			// "Mitch McConnell, R-Ky., said": nor is one before a comma.
		case sf.toks[i].Kind.IsQuote() || finalPunct[tx] && paren <= 0:
			return false
		}
	}
	return true
}

// right returns the source after an inverted cue ("said Paul H.
// Chipok, a lawyer in Orlando"): up to the end of the sentence, a quotation
// mark or hi. With short set it stops at the first comma.
func (sf *sourceStage) right(from, hi int, short bool) (extract.Range, bool) {
	end := from
	for end < hi && end-from < maxSource {
		t := sf.toks[end]
		if t.Kind.IsQuote() || sf.used[end] || finalPunct[t.Text] || t.Text == ";" || t.Text == ":" || (short && t.Text == ",") {
			break
		}
		end++
	}
	for end > from && sf.isPunct(end-1) {
		end--
	}
	// S7: "said Karl Hesse, the chief executive, on Tuesday" and "wrote
	// Clara Moss, a former head of the agency, in a letter" end before
	// the adjunct set off by a comma.
	for k := from + 1; k+1 < end; k++ {
		if sf.toks[k].Text == "," && adjunctPreps[sf.lower(k+1)] {
			end = k
			break
		}
	}
	r := extract.Range{Lo: from, Hi: end}
	if !sf.plausible(r) {
		return extract.Range{}, false
	}
	return r, true
}

// skipBack are words between a subject and its verb that belong to neither.
var skipBack = set("also", "then", "later", "once", "previously", "recently", "repeatedly",
	"publicly", "privately", "still", "already", "just", "even", "often", "again", "first",
	"initially", "subsequently", "reportedly", "apparently", "allegedly", "never", "not",
	"n't", "has", "have", "had", "would", "will", "could", "can", "may", "might", "should",
	"did", "does", "do", "is", "are", "was", "were", "been", "be", "only", "always", "further",
	"quickly", "immediately", "flatly", "explicitly", "openly", "specifically", "simply",
	"clearly", "directly", "frequently", "finally", "herself", "himself", "themselves",
	"however", "meanwhile", "instead", "therefore", "though", "too")

// left returns the subject of cue c (S-rules):
//
//   - S1 auxiliaries and adverbs between subject and verb are skipped;
//   - S2 a pronoun, a relative pronoun ("who said") or a noun phrase right
//     before the verb is the subject;
//   - S3 when a comma stands before the verb, appositives and relative
//     clauses are skipped back to the first noun phrase of the clause, and
//     the source runs from it to the comma, as PolNeAR marks it
//     ("Franak Viacorka, the chief of staff of …, who has long called …,");
//     the chain stops at a clause's conjunction (S3b);
//   - S2d a gerund cue after a lone verb takes that verb's subject ("they
//     could not resist pointing out").
func (sf *sourceStage) left(c cue) (extract.Range, bool) {
	return sf.left1(c, true)
}

// left1 is left; with chain, a gerund cue after a lone verb
// ("could not resist pointing out") takes that verb's subject (S2d).
func (sf *sourceStage) left1(c cue, chain bool) (extract.Range, bool) {
	s := int(sf.sentOf[c.head])
	lo, _ := sf.sent(s)
	j := c.r.Lo - 1
	for j >= lo && !sf.used[j] && (sf.toks[j].Kind == extract.Word && (skipBack[sf.lower(j)] || isAdverb(sf.toks[j])) ||
		(sf.toks[j].Text == "’s" || sf.toks[j].Text == "'s") && j > lo && subjectPronouns[sf.lower(j-1)]) {
		j-- // "It’s denouncing": the contracted auxiliary
	}
	if j < lo || sf.used[j] || sf.qOf[j] >= 0 {
		return extract.Range{}, false
	}
	t := sf.toks[j]
	if t.Text != "," && !(t.Kind == extract.Dash && j > lo) {
		// S2.
		if subjectPronouns[lower(t)] {
			return extract.Range{Lo: j, Hi: j + 1}, true
		}
		// S2b: "many of whom say": a quantifier of a relative pronoun.
		if lw := lower(t); (lw == "whom" || lw == "which") && j-2 >= lo && sf.lower(j-1) == "of" && quantifiers[sf.lower(j-2)] {
			return extract.Range{Lo: j - 2, Hi: j + 1}, true
		}
		np, ok := sf.npBefore(j+1, lo)
		if !ok {
			return np, false
		}
		if chain && np.Len() == 1 && np.Lo == j && strings.HasSuffix(sf.lower(c.head), "ing") && t.Kind == extract.Word &&
			!isUpperStart(t.Text) && !determiners[sf.lower(j)] && !subjectPronouns[sf.lower(j)] {
			// S2d: "they could not resist pointing out": the verb before
			// the gerund shares its subject.
			return sf.left1(cue{r: extract.Range{Lo: j, Hi: c.r.Hi}, head: j}, false)
		}
		if c.r.Lo == c.head && strings.HasSuffix(sf.lower(c.head), "ing") && isUpperStart(t.Text) && isWordTok(t) {
			// "footage of Hillary Clinton asking, “…”": a participle
			// after a name modifies the name (S2c).
			k := j
			for k > np.Lo && (isWordTok(sf.toks[k-1]) && isUpperStart(sf.toks[k-1].Text) || sf.toks[k-1].Text == ".") {
				k--
			}
			return extract.Range{Lo: k, Hi: j + 1}, true
		}
		for np.Len() > 1 && leadAdverbs[sf.lower(np.Lo)] {
			np.Lo++ // S2e: "Later the analyst said": the adverb is no part of the subject
		}
		return sf.trim(sf.extendToClause(np, lo))
	}
	// S3: comma-separated segments back to the clause start.
	type seg struct{ lo, hi int }
	var segs []seg
	hi := j
	k := j - 1
	paren := 0 // inside parentheses ("Rep. Elijah Cummings (D-Md.),") periods end nothing
	stopped := false
	for ; k >= lo && j-k < maxSource; k-- {
		tk := sf.toks[k]
		switch tk.Text {
		case ")":
			paren++
		case "(":
			paren = max(paren-1, 0)
		}
		if sf.used[k] || sf.qOf[k] >= 0 || tk.Text == ";" || tk.Text == ":" || finalPunct[tk.Text] && paren == 0 {
			break
		}
		if tk.Text == "," || tk.Kind == extract.Dash {
			segs = append(segs, seg{k + 1, hi})
			hi = k
			if k+1 < j && clauseOpeners[sf.lower(k+1)] {
				// "…, although an anchor, Igor Tur, presented …": the
				// subject is not before the clause's conjunction (S3b).
				stopped = true
				break
			}
		}
	}
	if !stopped {
		segs = append(segs, seg{k + 1, hi})
	}
	// segs runs from the cue backwards; find the leftmost segment of the
	// chain that starts a subject.
	best := -1
	for si := len(segs) - 1; si >= 0; si-- {
		g := segs[si]
		if g.hi <= g.lo {
			continue
		}
		a := g.lo
		for a < g.hi && leadConj[sf.lower(a)] {
			a++
		}
		if a >= g.hi {
			continue
		}
		ft := sf.toks[a]
		lw := lower(ft)
		if introWords[lw] || strings.HasSuffix(lw, "ing") && !isUpperStart(ft.Text) || sf.allCaps(a, g.hi) {
			continue // "In 2005,", "Speaking outside …,", "WASHINGTON —"
		}
		if isUpperStart(ft.Text) || determiners[lw] || (subjectPronouns[lw] && lw != "who" && lw != "which" && lw != "that") {
			if si == 0 {
				break // the segment next to the verb is no appositive chain
			}
			np, ok := sf.npBefore(g.hi, a)
			if ok && sf.afterAux(np.Lo, a) {
				// S3c: "The plant will close next year, Karl Hesse, the
				// chief executive, said": the segment ends with a verb
				// phrase, a clause that is the content before the source.
				continue
			}
			best = si
			segs[si].lo = a
			// The subject is the noun phrase that ends the segment ("…
			// targeting Machado since Clinton,").
			if ok {
				segs[si].lo = np.Lo
			}
			break
		}
	}
	if best < 0 {
		return extract.Range{}, false
	}
	// S4: when every segment after the subject is a participle, a
	// prepositional phrase or an adverbial ("Trump, speaking to a veterans
	// group in Virginia, said"), the source is the subject alone.
	loose := true
	for si := best - 1; si >= 0; si-- {
		g := segs[si]
		if g.hi <= g.lo {
			continue
		}
		lw := sf.lower(g.lo)
		if !(strings.HasSuffix(lw, "ing") || introWords[lw] || isAdverb(sf.toks[g.lo]) || asides[lw]) {
			loose = false
			break
		}
	}
	if loose {
		return sf.trim(extract.Range{Lo: segs[best].lo, Hi: segs[best].hi})
	}
	r := extract.Range{Lo: segs[best].lo, Hi: j + 1}
	if r.Len() > maxSource {
		return extract.Range{}, false
	}
	return sf.trim(r)
}

// timeWords end a temporal adjunct ("on Wednesday", "this month").
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"today", "yesterday", "tonight", "week", "month", "year", "morning", "afternoon", "evening",
	"night", "weekend", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december")

// timeLead open a temporal adjunct.
var timeLead = set("on", "this", "last", "next", "earlier", "late", "in", "that")

// asides are sentence adverbs set off by commas inside a source ("Some
// Democrats, however, said").
var asides = set("however", "too", "though", "meanwhile", "instead", "also", "therefore")

// trim removes what PolNeAR leaves out of a source at its end (rule
// S7): a temporal adjunct ("David Axelrod on Wednesday") and an aside set
// off by commas ("Some Democrats, however,"). It reports false when nothing
// is left.
func (sf *sourceStage) trim(r extract.Range) (extract.Range, bool) {
	for r.Len() > 1 {
		last := sf.lower(r.Hi - 1)
		switch {
		case last == "," && r.Len() > 3 && asides[sf.lower(r.Hi-2)] && sf.toks[r.Hi-3].Text == ",":
			r.Hi -= 3
			continue
		case timeWords[last] && r.Len() > 2 && timeLead[sf.lower(r.Hi-2)]:
			r.Hi -= 2
			continue
		}
		break
	}
	for r.Len() > 0 && sf.isPunct(r.Hi-1) && sf.toks[r.Hi-1].Text != "," && sf.toks[r.Hi-1].Text != ")" && sf.toks[r.Hi-1].Text != "." && sf.toks[r.Hi-1].Kind != extract.Dash {
		r.Hi--
	}
	return r, r.Len() > 0
}

// npBefore returns the noun phrase that ends at token hi-1, scanning back
// no further than lo and maxNP tokens (S2).
func (sf *sourceStage) npBefore(hi, lo int) (extract.Range, bool) {
	k := hi
	n := 0     // tokens taken, parentheses not counted
	prep := -1 // leftmost preposition taken
	for k > lo && n < maxNP {
		t := sf.toks[k-1]
		if sf.used[k-1] || sf.qOf[k-1] >= 0 {
			break
		}
		if t.Text == ")" {
			// A parenthesis inside the phrase: "Rep. Gwen Moore (D-Wis.)".
			m := k - 2
			for m >= lo && k-1-m < 8 && sf.toks[m].Text != "(" && !sf.used[m] {
				m--
			}
			if m >= lo && sf.toks[m].Text == "(" {
				k = m
				continue
			}
			break
		}
		lw := lower(t)
		ok := false
		switch t.Kind {
		case extract.Word, extract.Abbrev, extract.Number:
			switch {
			case k == hi && subjectPronouns[lw]:
				ok = true
			case npPreps[lw] && k < hi:
				// "Republicans on the House Financial Services Committee".
				ok = true
				prep = k - 1
			case lw == "and" && k < hi && k-2 >= lo && isWordTok(sf.toks[k-2]) && !npStop[sf.lower(k-2)] && !sf.verbLike(k-2):
				// "Mr. Grassley and Mr. Leahy", "Federal and state
				// officials", "The family and its lawyers".
				ok = true
			case npStop[lw] || subjectPronouns[lw]:
			case !isUpperStart(t.Text) && k < hi && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) && !determiners[lw]:
				// A verb or participle ends the phrase ("delivered"),
				// unless it opens the phrase after a closing mark or a
				// comma and modifies a title ("…,” retired Air Force
				// general Lloyd Newton said").
				if k-2 >= lo && (sf.toks[k-2].Kind.IsQuote() || sf.toks[k-2].Text == ",") && isUpperStart(sf.toks[k].Text) {
					ok = true
				}
			default:
				ok = true
			}
		case extract.Punct:
			ok = t.Text == "’s" || t.Text == "'s" || t.Text == "’" || t.Text == "."
		case extract.Dash:
			ok = t.Text == "-" || t.Text == "‑"
		}
		if !ok {
			break
		}
		k--
		n++
	}
	// A phrase cannot start with a preposition: cut after the leftmost one
	// when the phrase reached it without a head before.
	if prep >= 0 && prep == k {
		k = prep + 1
	}
	// Trim a leading "of", conjunction or punctuation.
	for k < hi && (npPreps[sf.lower(k)] || sf.lower(k) == "and" || sf.isPunct(k)) {
		k++
	}
	if k >= hi {
		return extract.Range{}, false
	}
	return extract.Range{Lo: k, Hi: hi}, true
}

// npPreps are prepositions that may stand inside a noun phrase that is a
// source ("a spokeswoman for Hillary Clinton", "advisers to Mr. Obama").
var npPreps = set("of", "for", "to", "at", "on", "in", "with", "from")

// mainSubject finds, for I11, the comma that ends a participle clause
// starting at from (within maxSource tokens, before end) and the subject
// of the main clause after it: "Bemoaning the “phony system,” Trump
// accused …" gives the comma inside the quotation and "Trump". The subject
// may already be another claim's source; a verb must follow it.
func (sf *sourceStage) mainSubject(from, end int) (comma int, subj extract.Range, ok bool) {
	for j := from + 1; j < end && j-from < maxSource; j++ {
		t := sf.toks[j]
		if finalPunct[t.Text] && t.Text != "," || t.Text == ";" || t.Text == ":" {
			return 0, extract.Range{}, false
		}
		if t.Text != "," {
			continue
		}
		k := j + 1
		if k < end && (sf.toks[k].Kind == extract.QuoteClose || sf.toks[k].Kind == extract.QuoteAmbiguous && sf.qOf[k] >= 0 && sf.quotes[sf.qOf[k]].last == k) {
			k++
		}
		n := k
		for n < end && n-k < maxNP && isWordTok(sf.toks[n]) && (isUpperStart(sf.toks[n].Text) || n == k && subjectPronouns[sf.lower(n)] || determiners[sf.lower(n)] && n == k) {
			n++
			if subjectPronouns[sf.lower(n-1)] {
				break
			}
		}
		// "the campaign", "Mr. Trump": a determiner takes its noun.
		if n > k && determiners[sf.lower(n-1)] && n < end && isWordTok(sf.toks[n]) {
			n++
		}
		if n == k || n >= end || !isWordTok(sf.toks[n]) {
			return 0, extract.Range{}, false
		}
		r := extract.Range{Lo: k, Hi: n}
		if !sf.plausible(r) {
			return 0, extract.Range{}, false
		}
		return j, r, true
	}
	return 0, extract.Range{}, false
}

// clauseOpeners open a clause whose subject follows them (S3b).
var clauseOpeners = set("although", "though", "while", "whereas", "because", "since", "but", "and", "if", "when", "as")

// quantifiers open a partitive source ("many of whom", S2b).
var quantifiers = set("many", "most", "some", "all", "several", "few", "none", "both", "one", "two",
	"three", "half", "each", "neither", "either", "majority")

// subjectOf returns the noun phrase that opens the clause in [lo, hi):
// introductory phrases ending with a comma and leading conjunctions are
// skipped; the phrase stops before a function word, punctuation or a
// lower-case past form ("groups granted").
func (sf *sourceStage) subjectOf(lo, hi int) (extract.Range, bool) {
	return sf.subject(lo, hi, false)
}

// subject is subjectOf; with shared, the subject may already be the source
// of another claim ("McAuliffe has said …, aside from saying …").
func (sf *sourceStage) subject(lo, hi int, shared bool) (extract.Range, bool) {
	for lo < hi && sf.isPunct(lo) {
		lo++
	}
	// Skip "In August," and the like.
	if lo < hi && introWords[sf.lower(lo)] {
		k := lo
		for k < hi && k-lo < 16 && sf.toks[k].Text != "," {
			k++
		}
		if k < hi && sf.toks[k].Text == "," {
			lo = k + 1
		}
	}
	for lo < hi && leadConj[sf.lower(lo)] {
		lo++
	}
	k := lo
	for k < hi && k-lo < maxNP {
		t := sf.toks[k]
		lw := lower(t)
		if sf.used[k] && !shared || sf.qOf[k] >= 0 || !isWordTok(t) && !(t.Kind == extract.Punct && (t.Text == "’s" || t.Text == "'s")) {
			break
		}
		if k > lo && (npStop[lw] && lw != "of" || !isUpperStart(t.Text) && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing"))) {
			break
		}
		if subjectPronouns[lw] {
			if k == lo {
				k++
			}
			break
		}
		k++
	}
	r := extract.Range{Lo: lo, Hi: k}
	if !sf.plausible(r) {
		return extract.Range{}, false
	}
	return r, true
}

// postModifiers may stand between a subject's head and its verb inside a
// post-modifier ("Many people involved in the negotiations said",
// "Surety companies that had insured … said").
var postModifiers = set("that", "who", "which", "had", "has", "have", "been", "was", "were",
	"is", "are", "of", "for", "to", "at", "on", "in", "with", "from", "about", "by", "across",
	"over", "under", "among", "into")

// extendToClause extends the noun phrase np (S6) back to the start of its
// clause when the words between are a post-modifier of the subject: a
// relative clause or a participle phrase with no punctuation and no
// conjunction, starting with a determiner, a number or a capital.
func (sf *sourceStage) extendToClause(np extract.Range, lo int) extract.Range {
	start := lo
	for start < np.Lo && leadConj[sf.lower(start)] {
		start++
	}
	if start >= np.Lo || np.Lo-start > 2*maxNP {
		return np
	}
	ft := sf.toks[start]
	if !(determiners[lower(ft)] || isUpperStart(ft.Text) || ft.Kind == extract.Number) || introWords[lower(ft)] {
		return np
	}
	modifier := false
	for i := start; i < np.Lo; i++ {
		t := sf.toks[i]
		lw := lower(t)
		if sf.used[i] || sf.qOf[i] >= 0 || t.Kind == extract.Punct && t.Text != "’s" && t.Text != "'s" && t.Text != "." {
			return np
		}
		if postModifiers[lw] || sf.verbLike(i) {
			modifier = true
			continue
		}
		if npStop[lw] || subjectPronouns[lw] {
			return np
		}
	}
	if !modifier {
		return np
	}
	return extract.Range{Lo: start, Hi: np.Hi}
}

// afterAux reports whether the phrase that starts at token i, after lo,
// follows an auxiliary or a form of "be" or "have" ("will close next
// year", "has not left"): it is a verb phrase, not a noun phrase (S3c).
func (sf *sourceStage) afterAux(i, lo int) bool {
	k := i - 1
	if k > lo && (sf.lower(k) == "not" || sf.lower(k) == "never" || sf.lower(k) == "n’t" || sf.lower(k) == "n't") {
		k--
	}
	return k >= lo && finiteAux[sf.lower(k)]
}

// finiteAux are auxiliaries and forms of "be" and "have" that open a
// verb phrase (S3c).
var finiteAux = set("will", "would", "is", "are", "was", "were", "has", "have", "had", "can", "could",
	"may", "might", "must", "should", "shall", "does", "did", "won’t", "won't", "isn’t", "isn't", "wasn’t",
	"wasn't", "aren’t", "aren't")

// adjunctPreps open an adjunct after an inverted source (S7).
var adjunctPreps = set("in", "on", "at", "during", "after", "before", "via", "with", "from", "through", "last", "earlier", "this")

// leadAdverbs open a sentence before its subject without a comma (S2e).
var leadAdverbs = set("later", "earlier", "meanwhile", "now", "then", "yesterday", "today", "still",
	"instead", "again", "separately", "previously", "recently", "finally", "afterwards", "subsequently")
