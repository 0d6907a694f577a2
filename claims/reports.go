package claims

import (
	"strings"

	"github.com/saywho/saywho/extract"
)

// indirect builds the claim of cue c (I-rules). quoteHint is the quote that
// made direct call it, or -1. It reports whether a claim was made.
//
//   - I1 "according to X": X is the source, the rest of the sentence on the
//     other side of the comma is the content;
//   - I2 X said (that) …: the content runs from after the cue (and the
//     addressee of "told") to the end of the sentence, final punctuation
//     left out;
//   - I3 …, X said. / …, said X.: the content is the clause before the comma;
//   - I4 …, X said, …: an interjected cue splits the content in two.
func (w *work) indirect(c cue, quoteHint int) bool {
	if w.cues.anaphoric(c) {
		return false
	}
	s := int(w.sentOf[c.head])
	lo, hi := w.sent(s)
	// Rules look no further than maxWindow tokens from the cue, so a
	// sentence without punctuation costs linear time, not quadratic.
	lo, hi = max(lo, c.r.Lo-maxWindow), min(hi, c.r.Hi+maxWindow)
	// The sentence end without final punctuation (a closing mark stays).
	end := hi
	for end > lo && (finalPunct[w.toks[end-1].Text] || w.toks[end-1].Text == ",") && !w.toks[end-1].Kind.IsQuote() {
		end--
	}
	// A quotation that runs past the sentence end belongs to the content.
	if end > 0 && w.qOf[end-1] >= 0 {
		if q := int(w.qOf[end-1]); w.lastTok(q)+1 > end && w.lastTok(q)+1 <= len(w.toks) {
			end = w.lastTok(q) + 1
		}
	}
	start := lo
	for start < c.r.Lo && w.used[start] {
		start++
	}
	var src extract.Range
	var parts []extract.Range
	shared := false // the source is the subject of another verb too: not taken
	var contRight extract.Range
	var rule Rule // the rule that found the claim and its source
	switch {
	case c.acc:
		// I1.
		rule = RuleI1
		if c.r.Len() == 1 {
			rule = RuleI1c // "In the latest poll, …"
		}
		srcHi := c.r.Hi
		for srcHi < end && w.toks[srcHi].Text != "," && !w.toks[srcHi].Kind.IsQuote() && srcHi-c.r.Hi < maxSource {
			srcHi++
		}
		src = extract.Range{Lo: c.r.Hi, Hi: srcHi}
		if src.Len() == 0 {
			return false
		}
		if c.r.Lo > start+1 && w.toks[c.r.Lo-1].Text == "," && srcHi+1 < end && w.toks[srcHi].Text == "," {
			// "Mr. Smith, according to diplomats, said …": an aside
			// inside another claim's source (I1n). It reports the whole
			// outer claim, so it nests that claim: a claim with less
			// confidence that takes no tokens, leaving the outer claim
			// its source, cue and content.
			if _, ok := w.cues.at(srcHi + 1); ok {
				w.nestAside(c, src, extract.Range{Lo: w.skipLead(lo, c.r.Lo-1), Hi: c.r.Lo - 1}, extract.Range{Lo: srcHi + 1, Hi: end})
				return false
			}
		}
		// "In addition, according to the department, …": after an
		// introductory phrase the content is the clause after the source.
		introBefore := srcHi+3 < end && w.toks[srcHi].Text == "," && c.r.Lo-1-start <= 6 && introWords[w.lower(start)]
		if c.r.Lo > start+1 && (w.toks[c.r.Lo-1].Text == "," || w.toks[c.r.Lo-1].Kind == extract.Dash) && !introBefore {
			parts = append(parts, extract.Range{Lo: start, Hi: c.r.Lo - 1})
		} else if srcHi+1 < end && w.toks[srcHi].Text == "," {
			parts = append(parts, extract.Range{Lo: srcHi + 1, Hi: end})
		} else if c.r.Lo >= start+3 && srcHi == end {
			// "Clinton leads by 271 delegates according to a count by
			// The Associated Press.": no comma, the source ends the
			// sentence.
			parts = append(parts, extract.Range{Lo: w.skipLead(start, c.r.Lo), Hi: c.r.Lo})
		} else {
			return false
		}
	case w.passiveBy(c, end):
		// I10: "O’Malley’s move was first reported by MSNBC": the agent
		// after "by" is the source, the subject the content.
		by := c.r.Hi
		if w.lower(by) != "by" {
			by = c.r.Hi - 1 // "by" joined the cue as a tail
		}
		c.r.Hi = by // PolNeAR leaves "by" out of a passive cue ("was echoed by")
		r, ok := w.src.right(by+1, end, true)
		if !ok {
			return false
		}
		for r.Hi > r.Lo && (w.lower(r.Hi-1) == "as" || w.isPunct(r.Hi-1)) {
			r.Hi--
		}
		for k := r.Lo; k < r.Hi; k++ {
			if lk := w.lower(k); lk == "as" || lk == "for" {
				r.Hi = k
				break
			}
		}
		subj, ok := w.src.npBefore(c.r.Lo, start)
		if !ok || r.Len() == 0 {
			return false
		}
		src = r
		parts = append(parts, w.src.extendToClause(subj, start))
		rule = RuleI10
	case w.cues.evidential(c):
		// I8: "Sanders seemed to reap the benefits", "The president is
		// expected to run", "The company has reportedly taken heat": no
		// source; the content is the clause around the cue.
		left := extract.Range{Lo: w.skipLead(start, c.r.Lo), Hi: c.r.Lo}
		if left.Len() == 1 && (w.lower(left.Lo) == "it" || w.lower(left.Lo) == "there") {
			left = extract.Range{}
		}
		if left.Len() > 0 {
			parts = append(parts, left)
		}
		b := c.r.Hi
		parts = append(parts, extract.Range{Lo: b, Hi: w.content.endLearned(c, b, w.content.ruleEnd(b, end, lo, hi), lo, hi)})
		rule = RuleI8
	case w.askedAbout(c, start):
		// I9: "Asked why he had yet to endorse Clinton, he said …": the
		// question is a claim with no source, up to the comma.
		k := c.r.Hi
		for k < end && w.toks[k].Text != "," && k-c.r.Hi < maxWindow {
			k++
		}
		parts = append(parts, extract.Range{Lo: c.r.Hi, Hi: k})
		rule = RuleI9
	default:
		var ok bool
		src, ok = w.src.left(c)
		asSrc, asPart, asOK := w.asClause(c, start, end, src, ok)
		switch {
		case asOK:
			// I12: "As many experts have pointed out, Mr. Trump is free
			// …" / "…, as police have said.": the source is the subject
			// after "as"; the content is the clause on the other side of
			// the comma.
			src = asSrc
			parts = append(parts, asPart)
			rule = RuleI12
		case ok && w.colonAtParagraphEnd(c):
			// I7: "The New York Times reports:" ends its paragraph; the
			// next paragraph is the content.
			p := w.d.Paragraphs[w.d.Sentences[s].Paragraph+1]
			r := p.Tokens
			for r.Hi > r.Lo && finalPunct[w.toks[r.Hi-1].Text] {
				r.Hi--
			}
			if r.Len() == 0 || w.anyUsed(r.Lo, r.Hi) {
				return false
			}
			if q := w.qOf[r.Lo]; q >= 0 && w.quotes[q].open == r.Lo && w.lastTok(int(q)) == p.Tokens.Hi-1 {
				// One quotation fills the paragraph: a direct claim.
				qq := w.quotes[q]
				w.take(p.Tokens.Lo, p.Tokens.Hi)
				w.emitSpans(Direct, []extract.Span{w.d.Span(qq.outerStart, qq.outerEnd)}, c, src, 0.35+0.55*c.p, nil, RuleI7)
				return true
			}
			parts = append(parts, r)
			rule = RuleI7
		case ok && src.Lo > start && w.commaBefore(src.Lo) && c.r.Hi < end && w.toks[c.r.Hi].Text == ",":
			// I4.
			left := extract.Range{Lo: w.skipLead(start, src.Lo-1), Hi: src.Lo - 1}
			right := extract.Range{Lo: c.r.Hi + 1, Hi: end}
			r := right.Lo
			for r < right.Hi && (leadConj[w.lower(r)] || w.toks[r].Text == ",") {
				r++
			}
			if left.Len() > 0 && r < right.Hi && w.qOf[r] >= 0 && w.quotes[w.qOf[r]].open == r {
				// "Many officials “would panic,” he said, but “there is no
				// way …”": the quotation after the cue continues this
				// claim, one more content span of it (I4c).
				contRight = extract.Range{Lo: r, Hi: right.Hi}
				right = extract.Range{}
			}
			if left.Len() > 0 {
				parts = append(parts, left)
			}
			if right.Len() > 0 {
				parts = append(parts, right)
			}
			rule = RuleI4
		case ok && src.Lo > start && (w.toks[src.Lo-1].Text == "," || w.toks[src.Lo-1].Kind == extract.QuoteClose) &&
			(end-c.r.Hi <= 4 || end-c.r.Hi <= 8 && adverbialStart[w.lower(c.r.Hi)] && w.content.adjunctOnly(c.r.Hi, end)) &&
			!w.content.shortContentAfter(c, start, src.Lo-1, end) && !relativePronouns[w.lower(src.Hi-1)]:
			// I3: "…, he said on Monday." (not "…, many of whom say the
			// claims are false": a relative clause reports what follows.)
			l := src.Lo - 1
			if w.toks[l].Kind.IsQuote() {
				l++
			}
			parts = append(parts, extract.Range{Lo: w.skipLead(start, l), Hi: l})
			rule = RuleI3
		case ok:
			// I2.
			b := w.content.startLearned(c, end, lo, hi)
			parts = append(parts, extract.Range{Lo: b, Hi: w.content.endLearned(c, b, w.content.ruleEnd(b, end, lo, hi), lo, hi)})
			rule = RuleI2
		case c.r.Lo > start && w.inherits(c):
			// I5: "X said …, adding that …" / "X says … and said …": the
			// participle or the second verb shares the subject.
			src, shared = w.lastSrc, true
			b := w.content.ruleStart(c, end)
			parts = append(parts, extract.Range{Lo: b, Hi: end})
			rule = RuleI5
		case c.r.Lo > start+1 && (w.lower(c.r.Lo-1) == "and" || w.lower(c.r.Lo-1) == "but") && !w.used[c.r.Lo-2]:
			// I5b: "she smiled and said …": the subject of the clause.
			if r, ok := w.src.subjectOf(start, c.r.Lo-1); ok {
				src, shared = r, true
				b := w.content.startLearned(c, end, lo, hi)
				parts = append(parts, extract.Range{Lo: b, Hi: w.content.endLearned(c, b, w.content.ruleEnd(b, end, lo, hi), lo, hi)})
				rule = RuleI5b
			}
		case c.r.Lo > lo+1 && participleLead[w.lower(c.r.Lo-1)] && strings.HasSuffix(w.lower(c.head), "ing"):
			// I6: "Trump is defending his tweets, saying …": the subject
			// of the sentence.
			if r, ok := w.src.subject(lo, c.r.Lo-1, true); ok {
				src, shared = r, true
				b := w.content.ruleStart(c, end)
				parts = append(parts, extract.Range{Lo: b, Hi: end})
				rule = RuleI6
			}
		case !ok && w.participleOpens(c, start):
			// I11: "Citing a conspiracy theory, Trump accused …": a
			// participle that opens the sentence reports what the subject
			// of the main clause says; the content runs to the comma.
			if j, subj, found := w.src.mainSubject(c.r.Hi, end); found {
				src, shared = subj, true
				parts = append(parts, extract.Range{Lo: c.r.Hi, Hi: j})
				rule = RuleI11
			}
		default:
			// I3 inverted: "…, said X."
			if c.r.Lo > start+1 && w.commaBefore(c.r.Lo) && !strings.HasSuffix(w.lower(c.head), "ing") {
				if r, ok := w.src.right(c.r.Hi, end, false); ok {
					src = r
					parts = append(parts, extract.Range{Lo: w.skipLead(start, c.r.Lo-1), Hi: c.r.Lo - 1})
					rule = RuleI3v
				}
			}
			if rule == NoRule {
				// I13: the surface rules found no source; the parse may.
				if r, ct, ok := w.syntaxClaim(c, start, end); ok {
					src = r
					parts = append(parts, ct)
					rule = RuleI13
				}
			}
		}
	}
	content, kind, total, first := w.cleanParts(parts)
	if total == 1 && first == c.r.Hi && src.Len() > 0 && w.content.answer(first, end) {
		total = 2 // "he said no", "the candidate said Ryan": a one-word answer
	}
	noSource := func() bool { return src.Len() == 0 && !c.acc && !w.cues.evidential(c) && !w.askedAbout(c, start) }
	if (total < 2 || noSource()) && rule != RuleI13 && !c.acc && quoteHint < 0 {
		// I13: the surface rules made no claim of the cue; the parse may.
		if r, ct, ok := w.syntaxClaim(c, start, end); ok {
			src, parts, rule, shared, contRight = r, []extract.Range{ct}, RuleI13, false, extract.Range{}
			content, kind, total, first = w.cleanParts(parts)
		}
	}
	if total < 2 || noSource() {
		return false
	}
	if quoteHint >= 0 {
		// Called for a quotation: the claim must contain it.
		qo, covered := w.quotes[quoteHint].open, false
		for _, p := range content {
			if p.Start <= w.toks[qo].Start && w.toks[qo].Start < p.End {
				covered = true
			}
		}
		if kind != Mixed || !covered {
			return false
		}
	}
	// Direct when the content is exactly one whole quotation.
	if kind == Mixed && len(content) == 1 {
		if q := w.qOf[w.d.TokenAt(content[0].Start)]; q >= 0 {
			qq := w.quotes[q]
			if qq.close >= 0 && w.toks[qq.open].Start == content[0].Start && w.toks[qq.close].End == content[0].End {
				kind = Direct
			}
		}
	}
	switch rule {
	case RuleI2, RuleI3, RuleI4:
		src = w.widenSource(c, src, lo, hi) // S8
	}
	conf := 0.35 + 0.55*c.p
	if shared {
		w.sharedSrc = true
	}
	w.emitSpans(kind, content, c, src, conf, parts, rule)
	w.sharedSrc = false
	if contRight.Len() > 0 && !w.anyUsed(contRight.Lo, contRight.Hi) {
		// I4c: the quotation after an interrupting cue is one more content
		// span of the claim.
		q := w.quotes[w.qOf[contRight.Lo]]
		cs := w.d.TokenSpan(contRight)
		if q.last+1 >= contRight.Hi && q.close >= 0 {
			cs = w.d.Span(q.outerStart, q.outerEnd)
			contRight.Hi = q.last + 1
		}
		w.extend(len(w.out)-1, []extract.Span{cs}, contRight.Lo, contRight.Hi)
	}
	return true
}

// inherits reports whether cue c has no subject of its own but shares that
// of the last claim of its sentence: a participle after a comma ("…,
// adding that") or a verb after "and" ("… and said").
func (w *work) inherits(c cue) bool {
	if w.lastSrcSent != int(w.sentOf[c.head]) || w.lastSrc.Len() == 0 || w.lastSrc.Lo > c.r.Lo {
		return false
	}
	prev := w.lower(c.r.Lo - 1)
	return prev == "and" || prev == "but" || w.commaBefore(c.r.Lo) && strings.HasSuffix(w.lower(c.head), "ing")
}

// participleOpens reports whether cue c is a participle ("Citing",
// "Claiming", "Lamenting") that opens its sentence (after a conjunction at
// most), for I11.
func (w *work) participleOpens(c cue, start int) bool {
	return c.head == c.r.Lo && w.skipLead(start, c.r.Lo) == c.r.Lo &&
		strings.HasSuffix(w.lower(c.head), "ing") && isUpperStart(w.toks[c.head].Text)
}

// asClause finds, for I12, a comment clause with "as" around cue c: "As
// many experts have pointed out, …" (the clause opens the sentence and the
// content follows the comma after the cue) or "…, as police have said."
// (the clause ends the sentence and the content is what precedes its
// comma). The source is src, the subject sourceStage.left found, when it starts
// right after "as", or else the words between "as" and the cue.
func (w *work) asClause(c cue, start, end int, src extract.Range, ok bool) (extract.Range, extract.Range, bool) {
	a := -1
	if ok && src.Lo > start && w.lower(src.Lo-1) == "as" {
		a = src.Lo - 1
	} else if !ok {
		for k := c.r.Lo - 1; k >= start && c.r.Lo-k <= maxSource; k-- {
			if w.qOf[k] >= 0 || w.used[k] || finalPunct[w.toks[k].Text] && w.toks[k].Text != "," || w.verbLike(k) {
				break
			}
			if w.lower(k) == "as" {
				a = k
				break
			}
		}
		if a < 0 || a+1 >= c.r.Lo {
			return extract.Range{}, extract.Range{}, false
		}
		src = extract.Range{Lo: a + 1, Hi: c.r.Lo}
		for src.Hi > src.Lo && w.isPunct(src.Hi-1) && !(w.toks[src.Hi-1].Text == "," && w.hasComma(src.Lo, src.Hi-1)) {
			src.Hi--
		}
		if !w.src.plausible(src) {
			return extract.Range{}, extract.Range{}, false
		}
	}
	if a < 0 {
		return extract.Range{}, extract.Range{}, false
	}
	switch {
	case a == w.skipLead(start, a) && c.r.Hi+1 < end && w.toks[c.r.Hi].Text == ",":
		return src, extract.Range{Lo: c.r.Hi + 1, Hi: end}, true
	case a > start+1 && w.toks[a-1].Text == "," && c.r.Hi >= end:
		return src, extract.Range{Lo: w.skipLead(start, a-1), Hi: a - 1}, true
	}
	return extract.Range{}, extract.Range{}, false
}

// relativePronouns end a source that cannot take the clause before it
// (I3).
var relativePronouns = set("who", "whom", "which")

// participleLead are the words before a participle cue whose subject is
// the subject of the sentence (I6): "…, saying", "… – saying", "… while
// saying", "… by saying".
var participleLead = set(",", "–", "—", "-", "--", "while", "by", "from", "after", "before", "without", "when")

// colonAtParagraphEnd reports whether cue c, with a colon right after it or
// as its last token, ends its paragraph and another paragraph follows.
func (w *work) colonAtParagraphEnd(c cue) bool {
	k := c.r.Hi
	if c.r.Hi > 0 && w.toks[c.r.Hi-1].Text == ":" {
		k = c.r.Hi - 1
	} else {
		// "told the crowd:": a short addressee may stand between.
		for k < len(w.toks) && k < c.r.Hi+5 && w.toks[k].Text != ":" && !w.isPunct(k) && !w.toks[k].Kind.IsQuote() {
			k++
		}
		if k >= len(w.toks) || w.toks[k].Text != ":" {
			return false
		}
	}
	s := w.sentOf[k]
	if s < 0 {
		return false
	}
	pi := w.d.Sentences[s].Paragraph
	return pi+1 < len(w.d.Paragraphs) && w.d.Paragraphs[pi].Tokens.Hi == k+1
}

// askedAbout reports whether cue c is a participle "Asked" that opens its
// sentence or follows "when" or a comma, followed by the question ("Asked
// why …", "…, when asked whether …").
func (w *work) askedAbout(c cue, start int) bool {
	if w.lower(c.head) != "asked" || c.r.Hi >= len(w.toks) {
		return false
	}
	k := c.r.Lo
	when := k > start && w.lower(k-1) == "when"
	if when {
		k--
	}
	// "When asked …" may also close a sentence ("…, Le Pen told CNN when
	// asked which candidate she would back").
	if k != start && !when && !w.commaBefore(k) {
		return false
	}
	switch w.lower(c.r.Hi) {
	case "why", "whether", "if", "how", "what", "who", "when", "where", "about":
		return true
	}
	return false
}

// passiveBy reports whether cue c is a passive reporting verb with its agent
// after "by" ("was criticized by the senator"): an auxiliary of "be" in or
// right before the cue, and "by" right after the head.
func (w *work) passiveBy(c cue, end int) bool {
	be := false
	for i := c.head - 1; i >= c.r.Lo-1 && i >= 0 && i >= c.head-3; i-- {
		switch w.lower(i) {
		case "is", "are", "was", "were", "been", "being", "be":
			be = true
		}
	}
	if !be || !strings.HasSuffix(w.lower(c.head), "ed") {
		return false
	}
	k := c.head + 1
	return k < end && w.lower(k) == "by"
}

// cleanParts turns the content parts of a claim into spans: no taken
// tokens, no edge punctuation, half a quotation extended to the whole. It
// returns the spans, the claim's kind (Mixed when a part holds a
// quotation), the number of content tokens and the first of them (-1).
func (w *work) cleanParts(parts []extract.Range) (content []extract.Span, kind Kind, total, first int) {
	kind, first = Indirect, -1
	for _, p := range parts {
		for i := p.Lo; i < p.Hi; i++ {
			if w.used[i] {
				p.Hi = i
				break
			}
		}
		for p.Lo < p.Hi && w.isPunct(p.Lo) {
			p.Lo++
		}
		for p.Hi > p.Lo && w.isPunct(p.Hi-1) {
			p.Hi--
		}
		if p.Len() == 0 {
			continue
		}
		// Half a quotation is no content: extend to the whole quotation.
		if q := w.qOf[p.Lo]; q >= 0 && w.quotes[q].open < p.Lo {
			continue
		}
		for i := p.Lo; i < p.Hi; i++ {
			if w.qOf[i] >= 0 {
				kind = Mixed
				if lt := w.lastTok(int(w.qOf[i])); lt >= p.Hi {
					p.Hi = lt + 1
				}
			}
		}
		total += p.Len()
		content = append(content, w.d.TokenSpan(p))
		if first < 0 {
			first = p.Lo
		}
	}
	return content, kind, total, first
}
