package claims

import (
	"github.com/saywho/saywho/extract"
)

// direct attributes the quotation ending with quote qi. Sieve passes, from
// precise to general (after Muzny et al. 2017, "A Two-stage Sieve Approach
// for Quote Attribution", and Citron's patterns):
//
//   - D1 a cue right after the closing mark: “…,” said X / “…,” X said /
//     “…,” X, a Y, said;
//   - D2 a cue right before the opening mark: X said, “…” / X said: “…” /
//     X told reporters on Monday: “…”; a cue farther before it, with words
//     between, makes a mixed claim (I-rules);
//   - D3 a colon: X: “…”;
//   - D4 a quotation that starts a sentence with no cue continues the last
//     claim with a quotation, of the same or the previous paragraph: it is
//     one more content span of that claim, as PolNeAR annotates it;
//   - D5 anything else (scare quotes, titles, unattributed text) is not a
//     claim.
//
// A direct claim's content spans are the quotations with their marks
// (quote.outerStart, outerEnd), one span per paragraph of a
// multi-paragraph quotation.
func (w *work) direct(qi int) {
	parts := w.chain(qi)
	first, last := w.quotes[parts[0]], w.quotes[qi]
	if w.used[first.open] {
		return // the content of an earlier claim (I7)
	}
	lastTok := w.lastTok(qi)
	content := make([]extract.Span, 0, len(parts))
	for _, p := range parts {
		q := w.quotes[p]
		content = append(content, w.d.Span(q.outerStart, q.outerEnd))
	}
	conf := 0.9
	if last.close < 0 || last.misused {
		conf = 0.75
	}
	sStart := int(w.sentOf[first.open])
	lo, _ := w.sent(sStart)
	startsSentence := first.open-lo <= maxNP
	for i := lo; i < first.open && startsSentence; i++ {
		if !w.isPunct(i) && !leadConj[w.lower(i)] {
			startsSentence = false
			break
		}
	}
	// D1.
	sEnd := int(w.sentOf[lastTok])
	_, hi := w.sent(sEnd)
	if (hi == lastTok+1 || w.openParen(lastTok+1, hi)) && sEnd+1 < len(w.d.Sentences) && w.d.Sentences[sEnd+1].Paragraph == w.d.Sentences[sEnd].Paragraph {
		// "“…?” Clinton said." split after the mark: look into the next
		// sentence.
		_, hi = w.sent(sEnd + 1)
	}
	if startsSentence {
		if c, src, rule, ok := w.cueAfter(lastTok+1, hi); ok {
			w.emit(Direct, content, c, src, conf, first.open, lastTok+1, rule)
			w.resumed(max(c.r.Hi, src.Hi), hi)
			return
		}
	}
	// D1b: a cue later in the sentence makes a mixed claim whose content
	// runs from the sentence start ("“…” to drive up the price, she said").
	if hi > lastTok+1 {
		_, shi := w.sent(sEnd)
		for i := lastTok + 1; i < shi && i < lastTok+1+maxSource; i++ {
			if w.used[i] || w.qOf[i] >= 0 {
				break
			}
			if c, ok := w.cues.at(i); ok {
				if w.indirect(c, qi) {
					return
				}
				break
			}
		}
	}
	// D2.
	if c, ok := w.cueBefore(lo, first.open); ok {
		gap := 0
		for i := c.r.Hi; i < first.open; i++ {
			if !w.isPunct(i) {
				gap++
			}
			if w.lower(i) == "that" {
				// "tweeted that, “…”": a reported clause that quotes, a
				// mixed claim of the cue pass.
				gap = maxSource
			}
		}
		if w.embedded(c, lo) {
			// "what it calls “…”": the quotation belongs to the claim of
			// the clause around it, made by the cue pass.
			return
		}
		if gap == 0 || (gap <= maxBeforeGap && first.open > 0 && (w.toks[first.open-1].Text == ":" || w.toks[first.open-1].Text == ",")) {
			src, ok := w.src.left(c)
			if !ok {
				src, ok = w.src.right(c.r.Hi, first.open, true)
			}
			if ok {
				w.emit(Direct, content, c, src, conf, first.open, lastTok+1, RuleD2)
				return
			}
		}
		// Words between: the quotation belongs to the content of a cue
		// before it, a mixed claim. Which cue is left to the sentence's
		// cue pass, strongest first: in "She says it underscores that …
		// “…”" the claim is the one of "says", not of the nearer
		// "underscores" (claims do not nest).
		return
	}
	// D3.
	if first.open > lo+1 && w.toks[first.open-1].Text == ":" {
		if src, ok := w.src.npBefore(first.open-1, lo); ok && src.Lo == lo {
			c := cue{r: extract.Range{Lo: first.open - 1, Hi: first.open}, head: first.open - 1, p: 0.7}
			w.emit(Direct, content, c, src, conf-0.1, first.open, lastTok+1, RuleD3)
			return
		}
		// D3b: "The minister was blunt: “…”", "Another was blunter: “…”":
		// a short clause before the colon whose subject speaks; its
		// predicate and the colon are the cue.
		if src, pred, ok := w.colonClause(lo, first.open-1); ok {
			c := cue{r: extract.Range{Lo: pred, Hi: first.open}, head: pred, p: 0.6}
			w.emit(Direct, content, c, src, conf-0.2, first.open, lastTok+1, RuleD3b)
			return
		}
	}
	// D4.
	if w.last >= 0 && first.open <= lo+1 && w.words(first.open, lastTok) >= 4 {
		prev := &w.out[w.last]
		if w.lastSent >= 0 && sStart-w.lastSent <= maxContinue && first.para-w.lastPara <= 1 && (prev.Speaker.IsNamed() || !prev.Source.IsEmpty()) {
			w.extend(w.last, content, first.open, lastTok+1)
			w.lastSent, w.lastPara = sStart, first.para
			return
		}
	}
	// D5: not a claim.
}

// colonClause finds, for D3b, a clause [lo, colon) that introduces a
// quotation after the colon: a subject that speaks (a person or an
// organisation, named or resolved, a personal pronoun, or an indefinite
// pronoun such as "Another"; not "The rule was simple: “…”") and a
// predicate of a form of "be" and one or two lower-case words ("was
// blunt", "was even blunter"). It returns the subject and where the
// predicate starts.
func (w *work) colonClause(lo, colon int) (extract.Range, int, bool) {
	subj, ok := w.src.subjectOf(lo, colon)
	if !ok || subj.Lo != w.skipLead(lo, colon) || subj.Hi >= colon {
		return extract.Range{}, 0, false
	}
	pred := subj.Hi
	if !beForms[w.lower(pred)] || colon-pred < 2 || colon-pred > 3 {
		return extract.Range{}, 0, false
	}
	for i := pred + 1; i < colon; i++ {
		if t := w.toks[i]; t.Kind != extract.Word || isUpperStart(t.Text) || w.verbLike(i) {
			return extract.Range{}, 0, false
		}
	}
	sp := w.speakers.of(subj)
	if !sp.IsNamed() && sp.Rule != RuleP1 && !(subj.Len() == 1 && speakingPronouns[w.lower(subj.Lo)]) {
		return extract.Range{}, 0, false // "The rule was simple: “…”"
	}
	return subj, pred, true
}

// speakingPronouns are the indefinite pronouns that stand for a speaker
// before a D3b colon ("Another was blunter: “…”").
var speakingPronouns = set("another", "one", "others", "some", "many", "several", "few")

// beForms are the forms of "be" of a D3b predicate.
var beForms = set("is", "was", "are", "were")

// resumed continues a D1 claim whose quotation its cue interrupts (D1c):
// in "“…,” the mayor said, “…”" the quotation after the attribution, which
// ends at token from, is one more content span of the claim just made
// when only a comma stands between, before hi.
func (w *work) resumed(from, hi int) {
	k := from
	for k < hi && k < from+2 && w.toks[k].Text == "," {
		k++
	}
	if k == from || k >= hi || w.used[k] {
		return
	}
	q := w.qOf[k]
	if q < 0 || w.quotes[q].open != k || w.quotes[q].dropped {
		return
	}
	// The quotation and the parts that carry it over paragraphs (Q5).
	var spans []extract.Span
	end := k
	for p := int(q); p >= 0 && len(spans) < 64; p = int(w.next[p]) {
		spans = append(spans, w.d.Span(w.quotes[p].outerStart, w.quotes[p].outerEnd))
		end = w.lastTok(p) + 1
	}
	w.extend(len(w.out)-1, spans, k, end)
}

// cueAfter looks for D1: a cue within maxAfterQuote tokens after a closing
// mark, before hi, with only the source (or nothing) between. It returns
// the cue, the source and which of D1 (source before the cue), D1v
// (inverted, source after it) and D1d (a dash and a name) found them.
func (w *work) cueAfter(from, hi int) (cue, extract.Range, Rule, bool) {
	// D1 dash: "“…” ― Sonya Herridge" closes a paragraph.
	if from < hi && w.toks[from].Kind == extract.Dash {
		end := from + 1
		for end < hi && end-from <= 5 && isWordTok(w.toks[end]) && isUpperStart(w.toks[end].Text) {
			end++
		}
		for end < hi && w.isPunct(end) {
			end++
		}
		if end > from+1 && end == hi {
			src := extract.Range{Lo: from + 1, Hi: end}
			for src.Hi > src.Lo && w.isPunct(src.Hi-1) {
				src.Hi--
			}
			if src.Len() > 0 {
				return cue{r: extract.Range{Lo: from, Hi: from + 1}, head: from, p: 0.8}, src, RuleD1d, true
			}
		}
	}
	lim := min(hi, from+maxSource)
	paren := 0
	for i := from; i < lim; i++ {
		if w.qOf[i] >= 0 || w.used[i] {
			return cue{}, extract.Range{}, NoRule, false
		}
		t := w.toks[i]
		switch t.Text {
		case "(":
			paren++
		case ")":
			paren--
		}
		if paren <= 0 && (finalPunct[t.Text] || t.Text == ";") && !(i+1 < lim && (w.toks[i+1].Text == ")" || t.Text == "." && w.toks[i+1].Text == ",")) {
			// ("Mitch McConnell, R-Ky., said": an abbreviation's stop
			// before a comma ends nothing.)
			return cue{}, extract.Range{}, NoRule, false
		}
		if paren > 0 {
			continue
		}
		c, ok := w.cues.at(i)
		rule := RuleD1
		if !ok {
			if c, ok = w.bareSpeechVerb(from, i, hi); !ok {
				continue
			}
			rule = RuleD1s
		}
		// Source between the mark and the cue?
		lo := from
		for lo < c.r.Lo && w.isPunct(lo) {
			lo++
		}
		if lo < c.r.Lo {
			if c.acc {
				return cue{}, extract.Range{}, NoRule, false
			}
			src := extract.Range{Lo: lo, Hi: c.r.Lo}
			for src.Hi > src.Lo && w.isPunct(src.Hi-1) && w.toks[src.Hi-1].Text != "," && w.toks[src.Hi-1].Text != ")" {
				src.Hi--
			}
			for src.Hi > src.Lo && w.toks[src.Hi-1].Kind == extract.Word && isAdverb(w.toks[src.Hi-1]) {
				src.Hi--
			}
			if !w.src.plausible(src) {
				return cue{}, extract.Range{}, NoRule, false
			}
			return c, src, rule, true
		}
		// Inverted: “…,” said X.
		if src, ok := w.src.right(c.r.Hi, hi, false); ok {
			return c, src, RuleD1v, true
		}
		return cue{}, extract.Range{}, NoRule, false
	}
	return cue{}, extract.Range{}, NoRule, false
}

// cueBefore returns the last free cue in [lo, hi).
func (w *work) cueBefore(lo, hi int) (cue, bool) {
	for i := hi - 1; i >= lo && hi-i <= maxSource; i-- {
		if w.used[i] {
			break
		}
		if w.qOf[i] >= 0 {
			continue
		}
		if c, ok := w.cues.at(i); ok && c.r.Hi <= hi {
			return c, true
		}
	}
	return cue{}, false
}

// embedded reports whether cue c stands in a free relative ("what he
// called", "what it calls") inside a larger clause with a cue of its own
// before it in the sentence [lo, …).
func (w *work) embedded(c cue, lo int) bool {
	k := c.r.Lo - 1
	if k >= lo && subjectPronouns[w.lower(k)] {
		k--
	}
	if k < lo || w.lower(k) != "what" {
		return false
	}
	for i := k - 1; i >= lo && k-i <= maxSource; i-- {
		if _, ok := w.cues.at(i); ok && !w.used[i] {
			return true
		}
	}
	return false
}
