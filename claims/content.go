package claims

import (
	"strings"

	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/extract"
)

// contentStage places where an indirect content starts and ends: the
// rules, and the learned start and end rankers (internal/cuemodel) when
// the Attributor has them. It reads the view and asks the cue stage about
// cues inside the sentence.
type contentStage struct {
	*view
	cues  *cueStage
	src   *sourceStage
	model *cuemodel.EndModel // nil: the rules alone
}

// shortAnswers are contents of a word or two that follow their cue ("said
// no", "said so", "said the same").
var shortAnswers = set("yes", "no", "so", "not", "nothing", "same")

// shortContentAfter reports whether the few tokens [c.r.Hi, end) after cue c
// are its content rather than an adjunct, although a comma precedes the
// source (rule I3b): the words before the comma are an introduction ("In
// Texas, half of voters said they were angry", "Asked who leads the party,
// he said Ryan"), or the words after the cue are a clause or an answer
// ("said they were angry", "said no").
func (cx *contentStage) shortContentAfter(c cue, start, comma, end int) bool {
	if c.r.Hi >= end {
		return false
	}
	nx := cx.lower(c.r.Hi)
	if subjectPronouns[nx] && nx != "it" && nx != "that" || shortAnswers[nx] || nx == "the" && c.r.Hi+1 < end && cx.lower(c.r.Hi+1) == "same" {
		return true
	}
	if comma <= start || cx.qOf[start] >= 0 {
		return false
	}
	ft := cx.lower(start)
	if comma-start <= 3 && end-c.r.Hi >= 2 && (!adverbialStart[nx] || determiners[nx]) && cx.qOf[comma-1] < 0 {
		return true // a short adverbial is no content ("Hours later, Intel said it was canceled")
	}
	if !introWords[ft] && ft != "asked" {
		return false
	}
	// The introduction has no comma or quotation of its own ("In my view,
	// the plan is dead, he said" keeps its content before the source).
	for k := start; k < comma; k++ {
		if cx.toks[k].Text == "," || cx.qOf[k] >= 0 {
			return false
		}
	}
	return true
}

// ruleStart returns where the content after cue c starts: after the cue
// and its punctuation, after the addressee of a "tell" verb.
func (cx *contentStage) ruleStart(c cue, end int) int {
	b := c.r.Hi
	for b < end && (cx.toks[b].Text == "," || cx.toks[b].Text == ":") {
		b++
	}
	// "said on its website that …", "tweeted Friday that …": the content
	// starts at "that" when only adverbials stand before it.
	if b < end && (adverbialStart[cx.lower(b)] || isUpperStart(cx.toks[b].Text)) {
		for i := b + 1; i < end && i-b < 10; i++ {
			t := cx.toks[i]
			if lower(t) == "that" {
				return i
			}
			if t.Kind.IsQuote() || finalPunct[t.Text] || t.Text == ":" || t.Text == "," {
				break
			}
		}
	}
	if c.tell {
		// "told reporters that …": start at "that" when it comes soon.
		for i := b; i < end && i-b < 8; i++ {
			t := cx.toks[i]
			if lower(t) == "that" {
				return i
			}
			if cx.isPunct(i) || t.Kind.IsQuote() {
				if t.Text == ":" || t.Text == "," {
					return i + 1
				}
				break
			}
		}
		if b < end && objectPronouns[cx.lower(b)] {
			return b + 1
		}
		if b < end && isUpperStart(cx.toks[b].Text) && cx.toks[b].Kind == extract.Word {
			k := b
			for k < end && isUpperStart(cx.toks[k].Text) && k-b < 4 {
				k++
			}
			return k
		}
	}
	return b
}

// adverbialStart are words that open an adverbial between a reporting verb
// and its that-clause.
var adverbialStart = set("on", "in", "at", "during", "with", "after", "before", "from", "over",
	"via", "to", "through", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "yesterday", "today", "tonight", "last", "this", "earlier", "later", "recently",
	"repeatedly", "privately", "publicly", "again", "also", "him", "her", "them", "me", "us",
	"reporters", "journalists", "supporters", "the", "a", "his", "their", "its")

// ruleEnd returns where the content that starts at b ends, at most at
// end: before ", adding …" (a participle cue after a comma), before
// "and said …" (a second reporting verb), before ", although …" and ";".
func (cx *contentStage) ruleEnd(b, end, lo, hi int) int {
	for k := b + 1; k < end-1; k++ {
		t := cx.toks[k]
		if cx.qOf[k] >= 0 {
			continue
		}
		switch lower(t) {
		case ";":
			return k
		case ",":
			nx := cx.lower(k + 1)
			if nx == "although" || nx == "though" || nx == "whereas" {
				return k
			}
			// ", while 73 percent said …": a conjunction, a new subject
			// and its own cue.
			if (nx == "while" || nx == "but" || nx == "and" || nx == "because") && cx.newClause(k+2, end) {
				return k
			}
			if strings.HasSuffix(nx, "ing") {
				if _, ok := cx.cues.at(k + 1); ok {
					return k
				}
			}
			if cx.clauseFinalCue(k+1, end) {
				return k
			}
		case "by", "from", "after", "without":
			// "responded … by saying his refusal …": a gerund cue after a
			// preposition opens a claim of its own.
			if c2, ok := cx.cues.at(k + 1); ok && c2.r.Lo == k+1 && strings.HasSuffix(cx.lower(k+1), "ing") {
				return k
			}
		case "while", "whereas":
			// "…,” while 73 percent said …" after a closing mark.
			if cx.toks[k-1].Kind.IsQuote() && cx.newClause(k+1, end) {
				return k
			}
		case "and", "but":
			// "… has shown no signs of bad health and seemed confident": an
			// evidential verb (I8) continues the reported clause.
			if c2, ok := cx.cues.at(k + 1); ok && !strings.HasSuffix(cx.lower(k+1), "ing") && !cx.cues.evidential(c2) {
				return k
			}
			// ", and she told residents that …": a new subject and cue.
			if k+2 < end && (subjectPronouns[cx.lower(k+1)] || isUpperStart(cx.toks[k+1].Text)) {
				for j := k + 2; j < end && j <= k+3; j++ {
					if _, ok := cx.cues.at(j); ok {
						return k
					}
				}
			}
		}
	}
	return end
}

// newClause reports whether a clause with its own subject and sure cue
// starts at token lo, before end: a short subject (shortSubject) and a cue
// of p >= 0.9 that is not evidential within the next three tokens
// ("73 percent said", "they say").
func (cx *contentStage) newClause(lo, end int) bool {
	for j := lo + 1; j < end && j <= lo+3; j++ {
		if c, ok := cx.cues.at(j); ok && c.p >= 0.9 && !cx.cues.evidential(c) && cx.shortSubject(lo, c.r.Lo) {
			return true
		}
	}
	return false
}

// shortSubject reports whether [lo, hi) can be the subject of a cue that
// starts a second clause: one to three words or numbers, the first a
// pronoun, a determiner, a number or capitalised ("73 percent", "they",
// "the senators").
func (cx *contentStage) shortSubject(lo, hi int) bool {
	if hi-lo < 1 || hi-lo > 3 {
		return false
	}
	for i := lo; i < hi; i++ {
		if t := cx.toks[i]; !isWordTok(t) && t.Kind != extract.Number {
			return false
		}
	}
	t := cx.toks[lo]
	lw := cx.lower(lo)
	return t.Kind == extract.Number || isUpperStart(t.Text) || subjectPronouns[lw] || determiners[lw]
}

// answer reports whether token i, the last before end, is a one-word
// content: "yes", "no", "so" or a name ("he said Ryan.").
func (cx *contentStage) answer(i, end int) bool {
	if i+1 != end {
		return false
	}
	t := cx.toks[i]
	return shortAnswers[lower(t)] || t.Kind == extract.Word && isUpperStart(t.Text) && !timeWords[lower(t)]
}

// clauseFinalCue reports whether tokens [from, end) are a source and a cue
// that close the sentence, as in "…, several of those who attended said."
// (rule I3): the content of a claim inside it ends before them.
func (cx *contentStage) clauseFinalCue(from, end int) bool {
	for j := from + 1; j < end && j-from <= maxNP; j++ {
		c, ok := cx.cues.at(j)
		if !ok {
			continue
		}
		return end-c.r.Hi <= 3 && !strings.HasSuffix(cx.lower(c.head), "ing") && cx.src.plausible(extract.Range{Lo: from, Hi: c.r.Lo})
	}
	return false
}

// endLearned returns where a content that starts at b ends, at most at
// end, as the learned end ranker (internal/cuemodel, trained on PolNeAR
// train) places it: a content ends at the sentence end in most claims, but
// also before an adjunct ("… in his remarks"), a relative clause or a second
// claim.
func (cx *contentStage) endLearned(c cue, b, end, lo, hi int) int {
	if cx.model == nil || end-b < 2 {
		return end
	}
	ctx := cuemodel.SpanContext{Doc: cx.d, B: b, End: end, CueStem: cx.cues.stem(c.head), CueHead: c.head, Lo: lo, Hi: hi, CueLike: cx.cues.cueLike, Lower: cx.lower}
	k := cx.model.Best(&ctx)
	if cx.words(b, k) < 2 && cx.words(b, end) >= 2 {
		// "said Trump, despite his wealth, is …": a content of one word
		// is no claim, so the ranker's cut is wrong; keep the rule's end.
		return end
	}
	return k
}

// startLearned returns where the content after cue c starts, as the
// learned start ranker places it among the StartSpan tokens after the cue
// (after the addressee of "told", at "that" after an adverbial); without a
// model, the rules of ruleStart.
func (cx *contentStage) startLearned(c cue, end, lo, hi int) int {
	if cx.model == nil || c.r.Hi >= end {
		return cx.ruleStart(c, end)
	}
	ctx := cuemodel.SpanContext{Doc: cx.d, B: c.r.Hi, End: end, CueStem: cx.cues.stem(c.head), CueHead: c.head, Lo: lo, Hi: hi, Lower: cx.lower}
	// A content does not start after another cue ("questioning the
	// system, encouraging his supporters to …": the start is not after
	// "encouraging").
	for j := c.r.Hi + 1; j < end && j < c.r.Hi+cuemodel.StartSpan; j++ {
		if cx.cues.cueLike(j) && cx.toks[j-1].Text == "," {
			ctx.StartLimit = j
			break
		}
	}
	return cx.model.BestStart(&ctx)
}

// adjunctOnly reports whether tokens [lo, hi) after a cue hold only an
// adjunct ("in a statement on Monday"): no "that", no quotation, no comma.
func (cx *contentStage) adjunctOnly(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		t := cx.toks[i]
		if lower(t) == "that" || t.Kind.IsQuote() || t.Text == "," || cx.verbLike(i) {
			return false
		}
	}
	return true
}
