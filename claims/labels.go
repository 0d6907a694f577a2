package claims

import (
	"github.com/saywho/saywho/extract"
)

// speakerLines finds speaker labels (rule L1): a paragraph that starts,
// after an optional opening quotation mark, with one to four capitalised
// words and a colon ("PENCE: Well, look, …", "Pat Caddell: Democrat
// Voters …"), or a name, a comma and the outlet or role it speaks for
// ("Rosa Klein, The Daily Ledger: “…”", L1f). The label is the source, the
// colon the cue and the rest of the paragraph the content: a direct claim
// when it is one quotation.
func (w *work) speakerLines() {
	for pi, p := range w.d.Paragraphs {
		lo, hi := p.Tokens.Lo, p.Tokens.Hi
		i := lo
		if i < hi && w.toks[i].Kind.IsQuote() {
			i++
		}
		j := w.capsRun(i, hi, 4)
		if name := j; name > i+1 && name+2 < hi && w.toks[name].Text == "," {
			// L1f: "Rosa Klein, The Daily Ledger: “…”": a name and the
			// outlet or role it speaks for, then the colon.
			if k := w.capsRun(name+1, hi, 5); k > name+1 && k < hi && w.toks[k].Text == ":" && w.speakers.namesPerson(i, name) {
				j = k
			}
		}
		// L1c: the one-letter labels of an interview ("Q:", "A:") name no
		// speaker; PolNeAR mostly leaves such lines unattributed.
		if j == i || j >= hi-1 || w.toks[j].Text != ":" || titleWords[w.lower(j-1)] || j == i+1 && len(w.toks[i].Text) == 1 {
			continue
		}
		if pi == 0 && len(w.d.Paragraphs) > 1 && !w.speakers.namesPerson(i, j) && w.headlineTag(i, j) {
			continue // L1b: a headline tag ("The Latest:", "BREAKING:", "Big Win For Bernie:") is a topic, not a speaker
		}
		if pi > 0 && !w.speakers.namesPerson(i, j) && w.titleLabel(i, j) {
			continue // L1e: a section title ("The Gap Goes On:") is no speaker
		}
		if editorTags[w.lower(i)] {
			continue // L1d: "Correction:", "CLARIFICATION:", "Editor’s note:" anywhere
		}
		end := hi
		for end > j+1 && (finalPunct[w.toks[end-1].Text] || w.toks[end-1].Kind.IsQuote() && w.qOf[end-1] < 0) {
			end--
		}
		if end <= j+2 {
			continue
		}
		content := extract.Range{Lo: j + 1, Hi: end}
		kind := Indirect
		for k := content.Lo; k < content.Hi; k++ {
			if w.qOf[k] >= 0 && w.quotes[w.qOf[k]].open > i {
				kind = Mixed
				break
			}
		}
		span := w.d.TokenSpan(content)
		if q := w.qOf[content.Lo]; q >= 0 && w.quotes[q].open == content.Lo && w.quotes[q].close == content.Hi-1 {
			kind, span = Direct, w.d.Span(w.quotes[q].outerStart, w.quotes[q].outerEnd) // the label and a quotation
		}
		c := cue{r: extract.Range{Lo: j, Hi: j + 1}, head: j, p: 0.7}
		// The opening mark of a transcript line is not a quotation of its own.
		for k := lo; k < hi; k++ {
			if q := w.qOf[k]; q >= 0 && w.quotes[q].open == i-1 && i > lo {
				w.qOf[k] = -1
			}
		}
		w.emitSpans(kind, []extract.Span{span}, c, extract.Range{Lo: i, Hi: j}, 0.7, []extract.Range{content}, RuleL1)
	}
}

// capsRun returns the end of the run of at most n capitalised words (and
// the stops of their abbreviations) that starts at token i, before hi.
func (w *work) capsRun(i, hi, n int) int {
	j := i
	for j < hi && j-i < n && (isWordTok(w.toks[j]) && isUpperStart(w.toks[j].Text) || j > i && w.toks[j].Text == ".") {
		j++
	}
	return j
}

// namesPerson reports whether a PERSON name starts in tokens [lo, hi).
// headlineTag reports whether the label [lo, hi) before a headline's colon
// is a tag rather than a speaker (L1b): a known tag word ("Breaking",
// "Exclusive", "Watch"), a label in capitals ("BOOM", "FIX IS IN"), one
// that starts with "The" ("The Latest") or holds a lower-case word or a
// preposition ("Big Win For Bernie", "Stealth Over Health"). "Poll:",
// "Politifact:", "NY Post:" and names are speakers, as PolNeAR annotates
// them.
func (w *work) headlineTag(lo, hi int) bool {
	return headlineTags[w.lower(lo)] || w.allCaps(lo, hi) || w.titleLabel(lo, hi)
}

// titleLabel reports whether the label [lo, hi) reads as a title: it
// starts with "The" or holds a function or lower-case word ("The Gap Goes
// On", "Big Win For Bernie").
func (w *work) titleLabel(lo, hi int) bool {
	if w.lower(lo) == "the" {
		return true
	}
	for i := lo + 1; i < hi; i++ {
		if lw := w.lower(i); labelFunctionWords[lw] || !isUpperStart(w.toks[i].Text) && w.toks[i].Text != "." {
			return true
		}
	}
	return false
}

// editorTags open the editor's lines of an article, which attribute
// nothing (L1d).
var editorTags = set("correction", "corrections", "clarification", "editor’s", "editor's", "update", "updated")

// labelFunctionWords in a label make it a title, not a name ("Stealth
// Over Health:", "The Gap Goes On:").
var labelFunctionWords = set("of", "for", "to", "at", "on", "in", "with", "from", "over", "into",
	"after", "before", "against", "about", "is", "are", "goes", "go", "and", "or", "a", "an", "vs")

// headlineTags are the first words of headline labels that tag a story
// rather than name its source.
var headlineTags = set("breaking", "exclusive", "revealed", "wow", "byline", "look", "watch",
	"update", "live", "video", "photos", "opinion", "analysis", "editorial", "bombshell", "busted",
	"boom", "just", "paid", "delegate", "correction", "clarification", "updated", "developing",
	"special", "listen", "read", "fact", "explainer", "review", "editor’s", "editor's", "note")
