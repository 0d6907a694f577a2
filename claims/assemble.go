package claims

import (
	"github.com/saywho/saywho/extract"
)

// work holds the state of one Attribute call: the document's view, the
// per-call state of each stage, and the claims assembled so far. The
// stages point into the view; a work is reused (Attributor.works) but
// never by two calls at once.
type work struct {
	a *Attributor
	view
	cues     cueStage
	src      sourceStage
	content  contentStage
	speakers speakerStage
	out      []Claim
	last     int // index into out of the last direct or mixed claim, -1
	// lastSent and lastPara are the sentence and paragraph where the last
	// quotation of claim last starts (D4 continues it from there).
	lastSent, lastPara int
	// lastSrc is the source of the last claim made, in sentence lastSrcSent.
	lastSrc     extract.Range
	lastSrcSent int
	sharedSrc   bool // the claim being emitted shares its source: leave it free
}

// newWork returns a work for document d, recycled from a's pool when one
// is free, with every stage reset for d.
func newWork(a *Attributor, d *extract.Document) *work {
	w, _ := a.works.Get().(*work)
	if w == nil {
		w = &work{}
		w.cues = cueStage{view: &w.view, stems: make(map[string]string, 256), found: map[int]cue{}}
		w.src = sourceStage{view: &w.view}
		w.content = contentStage{view: &w.view, cues: &w.cues, src: &w.src}
		w.speakers = speakerStage{view: &w.view}
	}
	w.a = a
	w.last, w.lastSent, w.lastPara, w.lastSrcSent, w.lastSrc, w.sharedSrc = -1, -1, -1, -1, extract.Range{}, false
	w.out = nil
	w.view.reset(d)
	w.cues.reset(&a.cues, a.end)
	w.content.model = a.end
	w.speakers.reset()
	return w
}

// release returns w to its Attributor's pool, holding on to no document.
func (w *work) release() {
	a := w.a
	w.a, w.out = nil, nil
	w.view.release()
	w.cues.release()
	w.speakers.release()
	a.works.Put(w)
}

// run walks the sentences in order. In each, quotations that end there are
// attributed first (sieve passes D1–D5), then the remaining cues (I1–I4).
func (w *work) run() {
	w.speakerLines()
	qi := 0
	var cands []cue
	for s := range w.d.Sentences {
		lo, hi := w.sent(s)
		for qi < len(w.quotes) && int(w.sentOf[w.lastTok(qi)]) <= s {
			if w.next[qi] < 0 {
				w.direct(qi)
			}
			qi++
		}
		// Cues of the sentence, strongest first (I0): "…, sources said"
		// wins over "called for" earlier in the sentence.
		cands = cands[:0]
		for i := lo; i < hi; i++ {
			if w.used[i] || w.qOf[i] >= 0 {
				continue
			}
			if c, ok := w.cues.at(i); ok {
				cands = append(cands, c)
				i = c.head
			}
		}
		// Strength in fifths, then text order: of two sure cues the first
		// governs the sentence ("X said … that Y described …").
		cands = w.cues.byStrength(cands)
		w.cues.governFirst(cands)
		for _, c := range cands {
			if !w.anyUsed(c.r.Lo, c.r.Hi) {
				w.indirect(c, -1)
			}
		}
	}
	for i, n := 0, len(w.out); i < n; i++ {
		w.nestRelative(i)
	}
}

// extend adds spans, which follow the claim's content in the text, to the
// content of claim k and takes tokens [lo, hi): a quotation that continues
// the claim (D1c, D4, I4c) is part of it, as PolNeAR annotates it. A claim
// in the writer's words that gains a quotation becomes Mixed.
func (w *work) extend(k int, spans []extract.Span, lo, hi int) {
	if k < 0 || k >= len(w.out) || len(spans) == 0 {
		return
	}
	w.take(lo, hi)
	c := &w.out[k]
	c.Content = append(c.Content, spans...)
	if c.Kind == Indirect {
		c.Kind = Mixed
	}
	w.last = k
}

// emit records a direct claim, found by rule, whose quotation covers tokens
// [qlo, qhi). Its raw score is conf, the rule's prior, weighed by how sure
// the cue detector is of the cue.
func (w *work) emit(kind Kind, content []extract.Span, c cue, src extract.Range, conf float64, qlo, qhi int, rule Rule) {
	w.take(qlo, qhi)
	w.emitSpans(kind, content, c, src, conf*(0.5+0.5*c.p), nil, rule)
}

// emitSpans records a claim found by rule, with raw score conf (see
// Calibration), and marks its tokens as taken.
func (w *work) emitSpans(kind Kind, content []extract.Span, c cue, src extract.Range, conf float64, parts []extract.Range, rule Rule) {
	for _, p := range parts {
		w.take(p.Lo, p.Hi)
	}
	w.take(c.r.Lo, c.r.Hi)
	if !w.sharedSrc {
		w.take(src.Lo, src.Hi)
	}
	cl := Claim{Kind: kind, Content: content, Cue: w.d.TokenSpan(c.r), Source: w.d.TokenSpan(src),
		Confidence: conf, Rule: rule}
	first := w.d.TokenAt(content[0].Start)
	if first < 0 {
		first = c.head
	}
	if first >= 0 {
		cl.Sentence = int(w.sentOf[first])
		if cl.Sentence >= 0 {
			cl.Paragraph = w.d.Sentences[cl.Sentence].Paragraph
		}
	}
	cl.Speaker = w.speakers.of(src)
	if src.Len() > 0 {
		w.lastSrc, w.lastSrcSent = src, int(w.sentOf[c.head])
	}
	w.out = append(w.out, cl)
	if kind != Indirect {
		w.last, w.lastSent, w.lastPara = len(w.out)-1, cl.Sentence, cl.Paragraph
	}
	if cl.Speaker.IsNamed() {
		// "the ministry said in a statement": the statement is the
		// ministry's, for a later "according to the statement" (P5b).
		_, hi := w.sent(int(w.sentOf[c.head]))
		for i := c.r.Lo; i < hi && i < c.r.Hi+6; i++ {
			if docNouns[w.lower(i)] {
				w.speakers.docs = append(w.speakers.docs, docMention{tok: i, noun: w.lower(i), speaker: cl.Speaker})
				break
			}
		}
	}
	if cl.Speaker.Kind == PersonSpeaker && src.Len() > 0 {
		// The person is named here for the pronouns that follow (P1).
		g := extract.Unknown
		if p := cl.Speaker.Person; p >= 0 && p < len(w.d.People) {
			g = w.d.People[p].Gender
		}
		if pg, ok := pronounGender(w.lower(src.Lo)); ok && src.Len() == 1 {
			g = pg
		}
		w.speakers.add(speakerMention{tok: src.Lo, speaker: cl.Speaker, gender: g})
	}
}
