package claims

import (
	"github.com/saywho/saywho/extract"
)

// The syntax rules read the dependency parse that extract attaches to the
// Document (Token.Head, Token.Dep; UD English EWT relations). They stand in
// only where the surface rules of sources.go and reports.go find no source
// or no content, so a parse error cannot undo a claim the precise rules
// made. Each looks at a bounded window of the cue's sentence (maxWindow
// tokens on each side) and walks at most maxDepth heads from a token, so
// they stay linear in the document.

// maxDepth bounds a walk up the tree.
const maxDepth = 32

// hasTree reports whether the document carries dependency trees.
func (v *view) hasTree() bool { return len(v.toks) > 0 && v.toks[0].Dep != extract.NoDep }

// under reports whether token j lies in the subtree of token i, walking
// at most maxDepth heads inside [lo, hi).
func (v *view) under(j, i, lo, hi int) bool {
	for n := 0; n < maxDepth; n++ {
		if j == i {
			return true
		}
		h := v.toks[j].Head
		if h < lo || h >= hi {
			return false
		}
		j = h
	}
	return false
}

// subtree returns the tokens of i's subtree inside [lo, hi), as the
// smallest range that holds them (the parser's trees are projective).
func (v *view) subtree(i, lo, hi int) extract.Range {
	r := extract.Range{Lo: i, Hi: i + 1}
	for j := lo; j < hi; j++ {
		if (j < r.Lo || j >= r.Hi) && v.under(j, i, lo, hi) {
			r.Lo, r.Hi = min(r.Lo, j), max(r.Hi, j+1)
		}
	}
	return r
}

// child returns the first child of token i in [lo, hi) whose relation is
// one of rels (compared as given, subtypes apart), or -1.
func (v *view) child(i, lo, hi int, rels ...extract.DepRel) int {
	for j := lo; j < hi; j++ {
		if v.toks[j].Head != i {
			continue
		}
		for _, r := range rels {
			if v.toks[j].Dep == r {
				return j
			}
		}
	}
	return -1
}

// syntaxClaim finds the source and content of cue c from the parse (rule
// I13), for a cue whose surface rules found no source:
//
//   - the source is the subject (nsubj) of the cue verb, or of the verb it
//     is an open complement of ("refused to say") or coordinated with
//     ("smiled and said"), or the agent of a passive (obl:agent, "by X");
//     its extent is the subject's subtree, appositives and relative
//     clauses included, as PolNeAR marks sources (S3);
//   - the content is the cue's clausal complement (ccomp, or parataxis
//     after the cue), its whole subtree, "that" included.
//
// It reports false when the cue has no such subject or complement, or when
// either overlaps the cue or tokens other claims took.
func (w *work) syntaxClaim(c cue, lo, hi int) (src, content extract.Range, ok bool) {
	if !w.hasTree() {
		return src, content, false
	}
	lo, hi = max(lo, c.r.Lo-maxWindow), min(hi, c.r.Hi+maxWindow)
	h := c.head
	comp := w.child(h, lo, hi, extract.DepCComp)
	if comp < 0 {
		if p := w.child(h, lo, hi, extract.DepParataxis); p > h {
			comp = p
		}
	}
	if comp < 0 || comp < c.r.Hi {
		return src, content, false
	}
	// The subject: of the cue, else up through xcomp and conj heads.
	v, subj := h, -1
	for n := 0; n < 3 && v >= lo && v < hi; n++ {
		if s := w.child(v, lo, hi, extract.DepNSubj); s >= 0 {
			subj = s
			break
		}
		if a := w.child(v, lo, hi, extract.DepOblAgent); a >= 0 {
			subj = a
			break
		}
		if d := w.toks[v].Dep; d != extract.DepXComp && d != extract.DepConj {
			break
		}
		v = w.toks[v].Head
	}
	if subj < 0 || subj >= c.r.Lo && subj < c.r.Hi {
		return src, content, false
	}
	src = w.subtree(subj, lo, hi)
	if a := w.toks[subj].Dep; a == extract.DepOblAgent {
		// "by X": the case marker is not part of the source.
		for src.Lo < src.Hi && w.toks[src.Lo].Dep == extract.DepCase && w.toks[src.Lo].Head == subj {
			src.Lo++
		}
	}
	if src.Hi > c.r.Lo && src.Lo < c.r.Hi {
		src.Hi = c.r.Lo // a subject never runs into its cue
	}
	for src.Hi > src.Lo && w.isPunct(src.Hi-1) {
		src.Hi--
	}
	for src.Lo < src.Hi && w.isPunct(src.Lo) {
		src.Lo++
	}
	content = w.subtree(comp, lo, hi)
	if content.Lo < c.r.Hi {
		content.Lo = c.r.Hi
	}
	if src.Len() == 0 || content.Len() < 2 || w.anyUsed(src.Lo, src.Hi) || w.anyUsed(content.Lo, content.Hi) ||
		src.Lo < content.Hi && content.Lo < src.Hi || !w.src.plausibleSyntax(src) {
		return extract.Range{}, extract.Range{}, false
	}
	return src, content, true
}

// plausibleSyntax reports whether r, a subject the parse found, can be a
// source: a noun phrase without a quotation mark and not a dateline.
func (sf *sourceStage) plausibleSyntax(r extract.Range) bool {
	if r.Len() == 0 || r.Len() > maxSource {
		return false
	}
	for i := r.Lo; i < r.Hi; i++ {
		if sf.toks[i].Kind.IsQuote() || sf.d.InDateline(i) {
			return false
		}
	}
	switch sf.toks[r.Lo].POS {
	case extract.NOUN, extract.PROPN, extract.PRON, extract.DET, extract.ADJ, extract.NUM:
		return true
	}
	return false
}

// subjectOf returns the subtree of the subject of cue c in the parse
// (nsubj or nsubj:pass of the head, or of the verb it is an open
// complement of or coordinated with), cut before the cue and without edge
// punctuation, inside [lo, hi).
func (w *work) subjectOf(c cue, lo, hi int) (extract.Range, bool) {
	if !w.hasTree() {
		return extract.Range{}, false
	}
	lo, hi = max(lo, c.r.Lo-maxWindow), min(hi, c.r.Hi+maxWindow)
	v := c.head
	for n := 0; n < 3 && v >= lo && v < hi; n++ {
		if s := w.child(v, lo, hi, extract.DepNSubj, extract.DepNSubjPass); s >= 0 {
			if s >= c.r.Lo {
				return extract.Range{}, false
			}
			r := w.subtree(s, lo, hi)
			r.Hi = min(r.Hi, c.r.Lo)
			for r.Hi > r.Lo && w.isPunct(r.Hi-1) {
				r.Hi--
			}
			for r.Lo < r.Hi && w.isPunct(r.Lo) {
				r.Lo++
			}
			return r, r.Len() > 0
		}
		if d := w.toks[v].Dep; d != extract.DepXComp && d != extract.DepConj {
			break
		}
		v = w.toks[v].Head
	}
	return extract.Range{}, false
}

// widenSource applies rule S8 to src, the subject the surface rules found
// for cue c: when the parse's subject of the cue holds src and runs
// further left from a determiner, adjective or number ("The deputy head
// of …" where the rules kept "head of …", "Former New York Gov. …"), the
// source starts where the parse's does. On PolNeAR train the parse is
// right 91 times and the rules 21 times in this case; the rules keep
// every other source, since where the two differ otherwise the rules are
// right more often.
func (w *work) widenSource(c cue, src extract.Range, lo, hi int) extract.Range {
	syn, ok := w.subjectOf(c, lo, hi)
	if !ok || syn.Lo >= src.Lo || src.Len() == 0 {
		return src
	}
	core := src
	for core.Hi > core.Lo && w.isPunct(core.Hi-1) {
		core.Hi--
	}
	if syn.Hi < core.Hi || syn.Lo > core.Lo {
		return src
	}
	switch w.toks[syn.Lo].POS {
	case extract.DET, extract.ADJ, extract.NUM:
	default:
		return src
	}
	for i := syn.Lo; i < src.Lo; i++ {
		if w.used[i] || w.qOf[i] >= 0 || w.d.InDateline(i) {
			return src
		}
	}
	return extract.Range{Lo: syn.Lo, Hi: src.Hi}
}

// bareSpeechVerb finds, for rule D1s, a verb the lexicon does not know as
// a cue that still reports the quotation before it: "“…,” Oliver barked.",
// "“…,” an angry Hollande retaliated." The quotation ends in a comma, a
// question or an exclamation mark inside its closing mark, which ends at
// token from; token i is a verb in the past or present tense (VBD, VBZ,
// VBP, or VBN, which the tagger often gives it there) that ends the
// sentence [.., hi) or is followed only by its adjuncts ("during the
// second act", "again"), and the tokens between the mark and the verb are,
// in the parse, exactly the verb's subject, or, where the parse finds no
// subject, a short noun phrase by their tags. In that shape a news
// sentence says who spoke whatever the verb.
func (w *work) bareSpeechVerb(from, i, hi int) (cue, bool) {
	if !w.hasTree() || from < 2 || i <= from || i >= len(w.toks) {
		return cue{}, false
	}
	t := w.toks[i]
	// VBN too: after a quotation the tagger often takes the past tense
	// for a participle ("one voice shouted" as a reduced relative).
	if t.POS != extract.VERB || t.Tag != extract.TagVBD && t.Tag != extract.TagVBZ && t.Tag != extract.TagVBP && t.Tag != extract.TagVBN {
		return cue{}, false
	}
	if w.toks[from-1].Kind != extract.QuoteClose {
		return cue{}, false
	}
	switch w.toks[from-2].Text {
	case ",", "?", "!":
	default:
		return cue{}, false
	}
	lo := from
	for lo < i && w.isPunct(lo) {
		lo++
	}
	if s := w.child(i, lo, i, extract.DepNSubj); s >= 0 {
		if r := w.subtree(s, lo, i); r.Lo != lo || r.Hi != i {
			return cue{}, false
		}
	} else if !w.nounPhrase(lo, i) {
		return cue{}, false
	}
	if !w.adjunctsOnly(i, hi) && !w.prepositionsOnly(i, hi) {
		return cue{}, false
	}
	return cue{r: extract.Range{Lo: i, Hi: i + 1}, head: i, p: 0.5}, true
}

// nounPhrase reports whether tokens [lo, hi) have the shape of a short
// noun phrase by their tags (a determiner, number or adjective, then
// nouns, names or a pronoun, at most maxNP tokens), for D1s where the
// parse of a quotation and what follows it is often wrong.
func (w *work) nounPhrase(lo, hi int) bool {
	if hi <= lo || hi-lo > maxNP {
		return false
	}
	for j := lo; j < hi; j++ {
		switch w.toks[j].POS {
		case extract.DET, extract.NUM, extract.ADJ, extract.NOUN, extract.PROPN, extract.PRON:
		default:
			return false
		}
	}
	switch w.toks[hi-1].POS {
	case extract.NOUN, extract.PROPN, extract.PRON:
		return true
	}
	return false
}

// prepositionsOnly reports whether verb i ends its sentence [.., hi) or is
// followed by a preposition or an adverb and then no verb, at most
// maxNP tokens ("shouted during the second act").
func (w *work) prepositionsOnly(i, hi int) bool {
	end := hi
	for end > i+1 && (finalPunct[w.toks[end-1].Text] || w.toks[end-1].Kind.IsQuote()) {
		end--
	}
	if end == i+1 {
		return true
	}
	if end-i > maxNP+1 || w.toks[i+1].POS != extract.ADP && w.toks[i+1].POS != extract.ADV {
		return false
	}
	for j := i + 1; j < end; j++ {
		switch w.toks[j].POS {
		case extract.VERB, extract.AUX, extract.SCONJ, extract.PUNCT:
			return false
		}
	}
	return true
}

// adjunctsOnly reports whether the tokens after verb i, up to hi and its
// final punctuation, all hang in the parse on obliques or adverbs of i
// (obl, obl:unmarked, advmod): "shouted during the second act", not
// "shouted the name of a friend". At most maxAfterQuote tokens.
func (w *work) adjunctsOnly(i, hi int) bool {
	end := hi
	for end > i+1 && (finalPunct[w.toks[end-1].Text] || w.toks[end-1].Kind.IsQuote()) {
		end--
	}
	if end-i > maxAfterQuote {
		return false
	}
	for j := i + 1; j < end; j++ {
		a := j
		for n := 0; n < maxDepth && a >= 0 && w.toks[a].Head != i; n++ {
			a = w.toks[a].Head
		}
		if a < 0 || w.toks[a].Head != i {
			return false
		}
		switch w.toks[a].Dep {
		case extract.DepObl, extract.DepOblUnmarked, extract.DepAdvMod, extract.DepPunct:
		default:
			return false
		}
	}
	return true
}
