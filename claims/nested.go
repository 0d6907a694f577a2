package claims

import (
	"github.com/saywho/saywho/extract"
)

// nestRelative finds a claim in a relative clause of claim i's source
// (I1r): "Franak Viacorka, the chief of staff of … Svetlana Tikhanovskaya,
// who has long called to tackle sanctions, said: …" also says that
// Tikhanovskaya called to tackle sanctions. The nested claim's source is
// the relative pronoun, its speaker the name before it, its content the
// rest of the relative clause; like I1n it shares its tokens with the
// claim around it and is less confident.
func (w *work) nestRelative(i int) {
	src := w.out[i].Source
	if src.IsEmpty() {
		return
	}
	lo, hi := w.d.TokenAt(src.Start), w.d.TokenAt(src.End-1)+1
	if lo < 0 || hi <= lo || hi-lo < 4 {
		return
	}
	for r := lo + 1; r < hi-2; r++ {
		if lw := w.lower(r); lw != "who" && lw != "which" || w.toks[r-1].Text != "," {
			continue
		}
		for k := r + 1; k < hi && k <= r+4; k++ {
			c, ok := w.cues.at(k)
			if !ok || c.acc || c.p < 0.6 || c.r.Lo <= r || c.r.Hi >= hi {
				continue
			}
			e := c.r.Hi
			for e < hi && w.toks[e].Text != "," && w.qOf[e] < 0 {
				e++
			}
			b := c.r.Hi
			if b < e && w.lower(b) == "that" {
				b++
			}
			if w.words(b, e) < 2 {
				return
			}
			cl := Claim{Kind: Indirect, Content: []extract.Span{w.d.TokenSpan(extract.Range{Lo: b, Hi: e})},
				Cue: w.d.TokenSpan(c.r), Source: w.d.TokenSpan(extract.Range{Lo: r, Hi: r + 1}),
				Confidence: 0.6 * (0.35 + 0.55*c.p), Sentence: int(w.sentOf[c.head]), Rule: RuleI1r}
			if cl.Sentence >= 0 {
				cl.Paragraph = w.d.Sentences[cl.Sentence].Paragraph
			}
			cl.Speaker = w.speakers.of(extract.Range{Lo: r, Hi: r + 1})
			w.out = append(w.out, cl)
			return
		}
	}
}

// nestAside records the claim of an "according to" aside (rule I1n) whose
// content, subject and rest, surrounds it: it takes no tokens, so the
// claim it reports is still found, and it carries 0.6 of the usual
// confidence.
func (w *work) nestAside(c cue, src, subj, rest extract.Range) {
	for rest.Hi > rest.Lo && w.isPunct(rest.Hi-1) {
		rest.Hi--
	}
	if subj.Len() == 0 || rest.Len() < 2 || src.Len() == 0 {
		return
	}
	cl := Claim{Kind: Indirect, Content: []extract.Span{w.d.TokenSpan(subj), w.d.TokenSpan(rest)},
		Cue: w.d.TokenSpan(c.r), Source: w.d.TokenSpan(src),
		Confidence: 0.6 * (0.35 + 0.55*c.p), Sentence: int(w.sentOf[c.head]), Rule: RuleI1n}
	for i := rest.Lo; i < rest.Hi; i++ {
		if w.qOf[i] >= 0 {
			cl.Kind = Mixed
			if lt := w.lastTok(int(w.qOf[i])); lt >= rest.Hi {
				return // a quotation that runs past the sentence: left to the outer claim
			}
		}
	}
	if cl.Sentence >= 0 {
		cl.Paragraph = w.d.Sentences[cl.Sentence].Paragraph
	}
	cl.Speaker = w.speakers.of(src)
	w.out = append(w.out, cl)
}
