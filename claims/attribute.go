package claims

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/claims/internal/lexicon"
	"github.com/saywho/saywho/extract"
)

// Attributor finds claims in Documents. Build one with New; it never changes
// after New and is safe for concurrent use.
type Attributor struct {
	cues cueLexicon
	end  *cuemodel.EndModel // nil: contents run to the sentence end
	// works recycles the per-call buffers of Attribute (*work values, none
	// in use by two calls at once); it holds no state between calls.
	works sync.Pool
}

// Option configures an Attributor built by New.
type Option func(*config)

type config struct {
	minCueProb float64
	threshold  float64
}

// DefaultMinCueProb is the default for WithMinCueProb.
const DefaultMinCueProb = 0.3

// WithMinCueProb sets the minimum estimated probability, P(cue | stem) from
// PolNeAR train counts, for a word to be read as a reporting verb. Lower
// values find more indirect claims (and more wrong ones); p must be in
// [0, 1]. The default is DefaultMinCueProb. Hand-listed reporting verbs
// need half of p.
func WithMinCueProb(p float64) Option { return func(c *config) { c.minCueProb = p } }

// DefaultCueThreshold is the default for WithCueThreshold, chosen on
// PolNeAR dev: below the perceptron's own boundary (0), because a cue that
// finds no source or content makes no claim anyway.
const DefaultCueThreshold = -3

// WithCueThreshold sets the score the learned cue detector must exceed for
// a word to be read as a reporting expression. The default is
// DefaultCueThreshold; lower values find more claims (recall), higher
// values fewer and surer ones (precision).
func WithCueThreshold(t float64) Option { return func(c *config) { c.threshold = t } }

var (
	loadLexicon = sync.OnceValues(lexicon.Load)
	loadModel   = sync.OnceValues(cuemodel.Embedded)
	loadEnd     = sync.OnceValues(cuemodel.EmbeddedEnd)
)

// New returns an Attributor configured by opts. The embedded cue lexicon is
// decoded once per process and shared; New fails only on an invalid option
// or a broken embedded lexicon.
func New(opts ...Option) (*Attributor, error) {
	cfg := config{minCueProb: DefaultMinCueProb, threshold: DefaultCueThreshold}
	for _, o := range opts {
		o(&cfg)
	}
	if !(cfg.minCueProb >= 0 && cfg.minCueProb <= 1) {
		return nil, fmt.Errorf("claims: minimum cue probability %v outside [0, 1]", cfg.minCueProb)
	}
	lx, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("claims: loading cue lexicon: %w", err)
	}
	m, err := loadModel()
	if err != nil {
		return nil, fmt.Errorf("claims: loading cue model: %w", err)
	}
	em, err := loadEnd()
	if err != nil {
		return nil, fmt.Errorf("claims: loading content-end model: %w", err)
	}
	return &Attributor{cues: cueLexicon{lx: lx, model: m, minP: cfg.minCueProb, bias: float32(-cfg.threshold)}, end: em}, nil
}

var defaultAttributor = sync.OnceValues(func() (*Attributor, error) { return New() })

// Default returns the shared Attributor with default options, built on
// first use. It panics only if the embedded lexicon is broken, a bug in
// saywho rather than in the caller's input.
func Default() *Attributor {
	a, err := defaultAttributor()
	if err != nil {
		panic("claims: embedded lexicon is broken: " + err.Error())
	}
	return a
}

// Attribute finds the claims of doc with the Default attributor.
func Attribute(doc *extract.Document) []Claim { return Default().Attribute(doc) }

// Attribute returns the claims of doc in text order (by the start of their
// first content span). It reads doc and never modifies it; the spans of the
// claims alias doc.Text. It runs in time linear in the size of the document
// (each rule looks at a bounded window of tokens) and never fails: a
// document with no sentences gives no claims.
func (a *Attributor) Attribute(doc *extract.Document) []Claim {
	if doc == nil || len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		return nil
	}
	w := newWork(a, doc)
	w.run()
	out := w.out
	sort.SliceStable(out, func(i, j int) bool { return out[i].Content[0].Start < out[j].Content[0].Start })
	w.release()
	return out
}

// Window limits keep every rule linear: no rule looks further than these
// many tokens from where it starts.
const (
	maxAfterQuote = 14  // tokens from a closing mark to its cue ("…,” Mr. X, a Y, said)
	maxBeforeGap  = 5   // words between a cue and the quotation it introduces ("told reporters on Monday:")
	maxNP         = 8   // tokens of a plain noun phrase
	maxSource     = 40  // tokens of a source with appositives and relative clauses
	maxResolve    = 4   // sentences looked back for a pronoun's antecedent
	maxContinue   = 3   // sentences between a quotation and the claim it continues
	maxWindow     = 200 // tokens on each side of a cue that its claim may cover
)

// work holds the state of one Attribute call.
type work struct {
	a      *Attributor
	d      *extract.Document
	toks   []extract.Token
	sentOf []int32 // token -> sentence
	qOf    []int32 // token -> top-level quote (marks included), -1
	used   []bool  // token belongs to a role of an accepted claim
	quotes []quote
	next   []int32 // quote -> next part of a multi-paragraph quotation, -1
	names  []name  // PERSON/ORG mentions (entities, or capitalised runs when there are none)
	spk    []speakerMention
	out    []Claim
	last   int // index into out of the last direct or mixed claim, -1
	// cueDone marks tokens whose cue decision is in cues; qpre counts quote
	// tokens before each token, for the cue model's features.
	cueDone []bool
	cues    map[int]cue
	qpre    []int32
	stems   map[string]string // lower-cased word -> Snowball stem, per call
	stemOf  []string          // token -> stem, "" until computed
	lowOf   []string          // token -> lower-cased text, "" until computed
	likeOf  []int8            // token -> cueLike: 0 unknown, 1 no, 2 yes
	// parenOpen marks sentences that end inside a parenthesis.
	parenOpen []bool
	sorted    []cue // scratch for byStrength
	// lastSrc is the source of the last claim made, in sentence lastSrcSent.
	lastSrc     extract.Range
	lastSrcSent int
	sharedSrc   bool // the claim being emitted shares its source: leave it free
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

func newWork(a *Attributor, d *extract.Document) *work {
	n := len(d.Tokens)
	w, _ := a.works.Get().(*work)
	if w == nil {
		w = &work{stems: make(map[string]string, 256), cues: map[int]cue{}}
	}
	if len(w.stems) > 1<<16 {
		clear(w.stems) // a cache of stems, bounded
	}
	clear(w.cues)
	w.a, w.d, w.toks = a, d, d.Tokens
	w.last, w.lastSrcSent, w.lastSrc, w.sharedSrc = -1, -1, extract.Range{}, false
	w.out, w.spk = nil, w.spk[:0]
	w.sentOf, w.qOf, w.used = resize(w.sentOf, n), resize(w.qOf, n), resize(w.used, n)
	for i := range w.sentOf {
		w.sentOf[i] = -1
		w.qOf[i] = -1
	}
	for si, s := range d.Sentences {
		for i := max(s.Tokens.Lo, 0); i < s.Tokens.Hi && i < n; i++ {
			w.sentOf[i] = int32(si)
		}
	}
	w.parenOpen = resize(w.parenOpen, len(d.Sentences))
	for si, s := range d.Sentences {
		depth := 0
		for i := max(s.Tokens.Lo, 0); i < s.Tokens.Hi && i < n; i++ {
			switch d.Tokens[i].Text {
			case "(":
				depth++
			case ")":
				depth = max(depth-1, 0)
			}
		}
		w.parenOpen[si] = depth > 0 && si+1 < len(d.Sentences) && d.Sentences[si+1].Paragraph == s.Paragraph
	}
	w.quotes = findQuotes(w.quotes[:0], d)
	w.next = resize(w.next, len(w.quotes))
	for i := range w.next {
		w.next[i] = -1
	}
	for qi, q := range w.quotes {
		if q.prev >= 0 {
			w.next[q.prev] = int32(qi)
		}
		hi := w.lastTok(qi)
		for i := q.open; i <= hi; i++ {
			w.qOf[i] = int32(qi)
		}
	}
	w.names = w.findNames()
	w.cueDone = resize(w.cueDone, n)
	w.stemOf = resize(w.stemOf, n)
	w.lowOf = resize(w.lowOf, n)
	w.likeOf = resize(w.likeOf, n)
	w.qpre = cuemodel.QuotePrefix(d)
	return w
}

// release returns w to its Attributor's pool, holding on to no document.
func (w *work) release() {
	a := w.a
	w.a, w.d, w.toks, w.out = nil, nil, nil, nil
	clear(w.lowOf) // the strings alias the document
	clear(w.stemOf)
	clear(w.names)
	w.names = w.names[:0]
	a.works.Put(w)
}

// resize returns s with length n and every element zero, reusing its
// array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// lastTok returns the last token of quote qi: its closing mark, or the last
// token of its paragraph.
func (w *work) lastTok(qi int) int { return w.quotes[qi].last }

// sent returns the token range of sentence s.
func (w *work) sent(s int) (lo, hi int) {
	r := w.d.Sentences[s].Tokens
	lo = r.Lo
	// A sentence that the segmenter started inside a parenthesis ("Rep.
	// Trey Gowdy (R-S." | "C.) said …") starts with the one before.
	if s > 0 && w.parenOpen[s-1] {
		lo = w.d.Sentences[s-1].Tokens.Lo
	}
	return lo, r.Hi
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
			if c, ok := w.cueAt(i); ok {
				cands = append(cands, c)
				i = c.head
			}
		}
		// Strength in fifths, then text order: of two sure cues the first
		// governs the sentence ("X said … that Y described …").
		cands = w.byStrength(cands)
		w.governFirst(cands)
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
			c, ok := w.cueAt(k)
			if !ok || c.acc || c.p < 0.6 || c.r.Lo <= r || c.r.Hi >= hi {
				continue
			}
			e := c.r.Hi
			for e < hi && w.toks[e].Text != "," && w.qOf[e] < 0 {
				e++
			}
			b := c.r.Hi
			if b < e && lower(w.toks[b]) == "that" {
				b++
			}
			if w.words(b, e) < 2 {
				return
			}
			cl := Claim{Kind: Indirect, Content: []extract.Span{w.d.TokenSpan(extract.Range{Lo: b, Hi: e})},
				Cue: w.d.TokenSpan(c.r), Source: w.d.TokenSpan(extract.Range{Lo: r, Hi: r + 1}), Person: -1,
				Confidence: 0.6 * (0.35 + 0.55*c.p), Sentence: int(w.sentOf[c.head])}
			if cl.Sentence >= 0 {
				cl.Paragraph = w.d.Sentences[cl.Sentence].Paragraph
			}
			cl.Speaker, cl.Person = w.speaker(extract.Range{Lo: r, Hi: r + 1})
			w.out = append(w.out, cl)
			return
		}
	}
}

// cueAt returns the cue headed by token i, deciding once per token with
// the features of its sentence.
func (w *work) cueAt(i int) (cue, bool) {
	if i < 0 || i >= len(w.toks) {
		return cue{}, false
	}
	if w.cueDone[i] {
		c, ok := w.cues[i]
		return c, ok
	}
	w.cueDone[i] = true
	s := w.sentOf[i]
	if s < 0 {
		return cue{}, false
	}
	lo, hi := w.sent(int(s))
	c, ok := w.a.cues.cueAt(w.d, i, lo, hi, w.qpre, w.stem, w.lower)
	if ok {
		w.cueEnd(&c, lo, hi)
		w.cues[i] = c
	}
	return c, ok
}

// cueEnd revises where cue c ends (C7) with the learned cue-end ranker
// (internal/cuemodel, trained on PolNeAR train), which places the end
// among the CueEndSpan tokens after the head, up to the sentence end [lo,
// hi) or the first quotation mark: "accused Holt of", "expressed deep
// concern about", "made no mention of", but "said" before its source
// ("said Mr. Smith") or an addressee ("told reporters"). The ranker's end
// replaces the end the rules C3–C6 gave only when it scores cueEndMargin
// better; the fixed cues of C1 keep their extent.
func (w *work) cueEnd(c *cue, lo, hi int) {
	if w.a.end == nil || c.acc {
		return
	}
	// The candidates and their features look at most CueEndSpan+2 tokens
	// past the head: scan no further (linear time in a sentence without
	// punctuation).
	lim := min(hi, c.head+cuemodel.CueEndSpan+3)
	end := c.head + 1
	for end < lim && !w.toks[end].Kind.IsQuote() {
		end++
	}
	ctx := cuemodel.SpanContext{Doc: w.d, B: c.head, End: end, CueStem: w.stem(c.head), Lo: lo, Hi: hi, CueLike: w.cueLike, Lower: w.lower}
	k, s := w.a.end.BestCueEnd(&ctx)
	if k == c.r.Hi || c.r.Hi > end || c.r.Hi > c.head+1+cuemodel.CueEndSpan {
		return
	}
	if s-w.a.end.CueEndScore(&ctx, c.r.Hi) <= cueEndMargin {
		return
	}
	comma := false
	for j := c.r.Hi; j < k; j++ {
		if w.toks[j].Text == "," {
			comma = true
		} else if comma && w.cueLike(j) {
			return // "called to tackle sanctions, said:": no cue runs into another clause's cue
		}
	}
	c.r.Hi = k
}

// cueEndMargin is how much better (in ranker score) the learned cue end
// must be than the rules' end (C3–C6) to replace it; chosen on PolNeAR dev
// (a plateau from 3 to 10), where the ranker alone and the rules alone
// score the same exact-cue F1 but err on different cues.
const cueEndMargin = 5

// stem returns the Snowball stem of token i (as Token.Stem), computing it
// once per distinct word per call.
func (w *work) stem(i int) string {
	if st := w.stemOf[i]; st != "" {
		return st
	}
	t := w.toks[i]
	lw := w.lower(i)
	st, ok := w.a.cues.lx.Stems[lw]
	if !ok && (t.Kind == extract.Word || t.Kind == extract.Abbrev) {
		if st, ok = w.stems[lw]; !ok {
			st = t.Stem()
			w.stems[lw] = st
		}
	} else if !ok {
		st = lw // Token.Stem of other kinds is the lower-cased text
	}
	w.stemOf[i] = st
	return st
}

// lower returns the lower-cased text of token i, computed once per call.
func (w *work) lower(i int) string {
	if l := w.lowOf[i]; l != "" {
		return l
	}
	l := w.toks[i].Lower()
	w.lowOf[i] = l
	return l
}

// anyUsed reports whether a token in [lo, hi) is taken.
func (w *work) anyUsed(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if w.used[i] {
			return true
		}
	}
	return false
}

func (w *work) take(lo, hi int) {
	for i := lo; i < hi; i++ {
		w.used[i] = true
	}
}

// isPunct reports whether token i is punctuation or a dash.
func (w *work) isPunct(i int) bool {
	k := w.toks[i].Kind
	return k == extract.Punct || k == extract.Dash
}

// chain returns the parts of the multi-paragraph quotation ending with
// quote qi, first part first.
func (w *work) chain(qi int) []int {
	var parts []int
	for q := qi; q >= 0 && len(parts) < 64; q = w.quotes[q].prev {
		parts = append(parts, q)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}

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
//     quoted speaker of the same or the previous paragraph;
//   - D5 anything else (scare quotes, titles, unattributed text) is not a
//     claim.
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
		content = append(content, w.d.Span(q.start, q.end))
	}
	conf := 0.9
	if last.close < 0 || last.misused {
		conf = 0.75
	}
	sStart := int(w.sentOf[first.open])
	lo, _ := w.sent(sStart)
	startsSentence := first.open-lo <= maxNP
	for i := lo; i < first.open && startsSentence; i++ {
		if !w.isPunct(i) && !leadConj[lower(w.toks[i])] {
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
		if c, src, ok := w.cueAfter(lastTok+1, hi); ok {
			w.emit(Direct, content, c, src, conf, first.open, lastTok+1)
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
			if c, ok := w.cueAt(i); ok {
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
			if lower(w.toks[i]) == "that" {
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
			src, ok := w.sourceLeft(c)
			if !ok {
				src, ok = w.sourceRight(c.r.Hi, first.open, true)
			}
			if ok {
				w.emit(Direct, content, c, src, conf, first.open, lastTok+1)
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
		if src, ok := w.npBefore(first.open-1, lo); ok && src.Lo == lo {
			c := cue{r: extract.Range{Lo: first.open - 1, Hi: first.open}, head: first.open - 1, p: 0.7}
			w.emit(Direct, content, c, src, conf-0.1, first.open, lastTok+1)
			return
		}
	}
	// D4.
	if w.last >= 0 && first.open <= lo+1 && w.words(first.open, lastTok) >= 4 {
		prev := &w.out[w.last]
		ps := prev.Sentence
		if ps >= 0 && sStart-ps <= maxContinue && first.para-prev.Paragraph <= 1 && (prev.Speaker != "" || !prev.Source.IsEmpty()) {
			c := Claim{Kind: Direct, Content: content, Speaker: prev.Speaker, Person: prev.Person,
				Confidence: 0.6, Paragraph: first.para, Sentence: sStart, Continuation: true}
			w.take(first.open, lastTok+1)
			w.out = append(w.out, c)
			w.last = len(w.out) - 1
			return
		}
	}
	// D5: not a claim.
}

// words counts the word tokens in [lo, hi).
func (w *work) words(lo, hi int) int {
	n := 0
	for i := lo; i < hi && i < len(w.toks); i++ {
		if isWordTok(w.toks[i]) {
			n++
		}
	}
	return n
}

// cueAfter looks for D1: a cue within maxAfterQuote tokens after a closing
// mark, before hi, with only the source (or nothing) between.
func (w *work) cueAfter(from, hi int) (cue, extract.Range, bool) {
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
				return cue{r: extract.Range{Lo: from, Hi: from + 1}, head: from, p: 0.8}, src, true
			}
		}
	}
	lim := min(hi, from+maxSource)
	paren := 0
	for i := from; i < lim; i++ {
		if w.qOf[i] >= 0 || w.used[i] {
			return cue{}, extract.Range{}, false
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
			return cue{}, extract.Range{}, false
		}
		if paren > 0 {
			continue
		}
		c, ok := w.cueAt(i)
		if !ok {
			continue
		}
		// Source between the mark and the cue?
		lo := from
		for lo < c.r.Lo && w.isPunct(lo) {
			lo++
		}
		if lo < c.r.Lo {
			if c.acc {
				return cue{}, extract.Range{}, false
			}
			src := extract.Range{Lo: lo, Hi: c.r.Lo}
			for src.Hi > src.Lo && w.isPunct(src.Hi-1) && w.toks[src.Hi-1].Text != "," && w.toks[src.Hi-1].Text != ")" {
				src.Hi--
			}
			for src.Hi > src.Lo && w.toks[src.Hi-1].Kind == extract.Word && isAdverb(w.toks[src.Hi-1]) {
				src.Hi--
			}
			if !w.plausibleSource(src) {
				return cue{}, extract.Range{}, false
			}
			return c, src, true
		}
		// Inverted: “…,” said X.
		if src, ok := w.sourceRight(c.r.Hi, hi, false); ok {
			return c, src, true
		}
		return cue{}, extract.Range{}, false
	}
	return cue{}, extract.Range{}, false
}

// plausibleSource reports whether r can be a source: it starts with a
// capital, a determiner or a subject pronoun and has no clause break.
func (w *work) plausibleSource(r extract.Range) bool {
	if r.Len() == 0 || r.Len() > maxSource {
		return false
	}
	t := w.toks[r.Lo]
	lw := lower(t)
	if !isWordTok(t) && t.Kind != extract.Number {
		return false
	}
	if !(isUpperStart(t.Text) || determiners[lw] || subjectPronouns[lw]) {
		// "panel Chairman Rep. Jason Chaffetz": a lower-case title before
		// a name.
		if r.Len() < 2 || !isUpperStart(w.toks[r.Lo+1].Text) || npStop[lw] || introWords[lw] || npPreps[lw] {
			return false
		}
	}
	paren := 0 // "Sen. Claire McCaskill (D-Mo.)": a stop inside parentheses is no clause break
	for i := r.Lo; i < r.Hi; i++ {
		switch tx := w.toks[i].Text; {
		case tx == "(":
			paren++
		case tx == ")":
			paren--
		case tx == "." && i+1 < r.Hi && w.toks[i+1].Text == ",":
			// "Mitch McConnell, R-Ky., said": nor is one before a comma.
		case w.toks[i].Kind.IsQuote() || finalPunct[tx] && paren <= 0:
			return false
		}
	}
	return true
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
		if c, ok := w.cueAt(i); ok && c.r.Hi <= hi {
			return c, true
		}
	}
	return cue{}, false
}

// sourceRight returns the source after an inverted cue ("said Paul H.
// Chipok, a lawyer in Orlando"): up to the end of the sentence, a quotation
// mark or hi. With short set it stops at the first comma.
func (w *work) sourceRight(from, hi int, short bool) (extract.Range, bool) {
	end := from
	for end < hi && end-from < maxSource {
		t := w.toks[end]
		if t.Kind.IsQuote() || w.used[end] || finalPunct[t.Text] || t.Text == ";" || t.Text == ":" || (short && t.Text == ",") {
			break
		}
		end++
	}
	for end > from && w.isPunct(end-1) {
		end--
	}
	r := extract.Range{Lo: from, Hi: end}
	if !w.plausibleSource(r) {
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

// sourceLeft returns the subject of cue c (S-rules):
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
func (w *work) sourceLeft(c cue) (extract.Range, bool) {
	return w.sourceLeft1(c, true)
}

// sourceLeft1 is sourceLeft; with chain, a gerund cue after a lone verb
// ("could not resist pointing out") takes that verb's subject (S2d).
func (w *work) sourceLeft1(c cue, chain bool) (extract.Range, bool) {
	s := int(w.sentOf[c.head])
	lo, _ := w.sent(s)
	j := c.r.Lo - 1
	for j >= lo && !w.used[j] && (w.toks[j].Kind == extract.Word && (skipBack[lower(w.toks[j])] || isAdverb(w.toks[j])) ||
		(w.toks[j].Text == "’s" || w.toks[j].Text == "'s") && j > lo && subjectPronouns[lower(w.toks[j-1])]) {
		j-- // "It’s denouncing": the contracted auxiliary
	}
	if j < lo || w.used[j] || w.qOf[j] >= 0 {
		return extract.Range{}, false
	}
	t := w.toks[j]
	if t.Text != "," && !(t.Kind == extract.Dash && j > lo) {
		// S2.
		if subjectPronouns[lower(t)] {
			return extract.Range{Lo: j, Hi: j + 1}, true
		}
		// S2b: "many of whom say": a quantifier of a relative pronoun.
		if lw := lower(t); (lw == "whom" || lw == "which") && j-2 >= lo && lower(w.toks[j-1]) == "of" && quantifiers[lower(w.toks[j-2])] {
			return extract.Range{Lo: j - 2, Hi: j + 1}, true
		}
		np, ok := w.npBefore(j+1, lo)
		if !ok {
			return np, false
		}
		if chain && np.Len() == 1 && np.Lo == j && strings.HasSuffix(w.lower(c.head), "ing") && t.Kind == extract.Word &&
			!isUpperStart(t.Text) && !determiners[w.lower(j)] && !subjectPronouns[w.lower(j)] {
			// S2d: "they could not resist pointing out": the verb before
			// the gerund shares its subject.
			return w.sourceLeft1(cue{r: extract.Range{Lo: j, Hi: c.r.Hi}, head: j}, false)
		}
		if c.r.Lo == c.head && strings.HasSuffix(w.lower(c.head), "ing") && isUpperStart(t.Text) && isWordTok(t) {
			// "footage of Hillary Clinton asking, “…”": a participle
			// after a name modifies the name (S2c).
			k := j
			for k > np.Lo && (isWordTok(w.toks[k-1]) && isUpperStart(w.toks[k-1].Text) || w.toks[k-1].Text == ".") {
				k--
			}
			return extract.Range{Lo: k, Hi: j + 1}, true
		}
		return w.trimSource(w.extendToClause(np, lo))
	}
	// S3: comma-separated segments back to the clause start.
	type seg struct{ lo, hi int }
	var segs []seg
	hi := j
	k := j - 1
	paren := 0 // inside parentheses ("Rep. Elijah Cummings (D-Md.),") periods end nothing
	stopped := false
	for ; k >= lo && j-k < maxSource; k-- {
		tk := w.toks[k]
		switch tk.Text {
		case ")":
			paren++
		case "(":
			paren = max(paren-1, 0)
		}
		if w.used[k] || w.qOf[k] >= 0 || tk.Text == ";" || tk.Text == ":" || finalPunct[tk.Text] && paren == 0 {
			break
		}
		if tk.Text == "," || tk.Kind == extract.Dash {
			segs = append(segs, seg{k + 1, hi})
			hi = k
			if k+1 < j && clauseOpeners[lower(w.toks[k+1])] {
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
		for a < g.hi && leadConj[lower(w.toks[a])] {
			a++
		}
		if a >= g.hi {
			continue
		}
		ft := w.toks[a]
		lw := lower(ft)
		if introWords[lw] || strings.HasSuffix(lw, "ing") && !isUpperStart(ft.Text) || w.allCaps(a, g.hi) {
			continue // "In 2005,", "Speaking outside …,", "WASHINGTON —"
		}
		if isUpperStart(ft.Text) || determiners[lw] || (subjectPronouns[lw] && lw != "who" && lw != "which" && lw != "that") {
			if si == 0 {
				break // the segment next to the verb is no appositive chain
			}
			best = si
			segs[si].lo = a
			// The subject is the noun phrase that ends the segment ("…
			// targeting Machado since Clinton,").
			if np, ok := w.npBefore(g.hi, a); ok {
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
		lw := lower(w.toks[g.lo])
		if !(strings.HasSuffix(lw, "ing") || introWords[lw] || isAdverb(w.toks[g.lo]) || asides[lw]) {
			loose = false
			break
		}
	}
	if loose {
		return w.trimSource(extract.Range{Lo: segs[best].lo, Hi: segs[best].hi})
	}
	r := extract.Range{Lo: segs[best].lo, Hi: j + 1}
	if r.Len() > maxSource {
		return extract.Range{}, false
	}
	return w.trimSource(r)
}

// allCaps reports whether the words in [lo, hi) are all written in
// capitals (a dateline such as "WASHINGTON").
func (w *work) allCaps(lo, hi int) bool {
	n := 0
	for i := lo; i < hi; i++ {
		t := w.toks[i]
		if !isWordTok(t) {
			continue
		}
		if len(t.Text) < 2 || strings.ToUpper(t.Text) != t.Text {
			return false
		}
		n++
	}
	return n > 0
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

// trimSource removes what PolNeAR leaves out of a source at its end (rule
// S7): a temporal adjunct ("David Axelrod on Wednesday") and an aside set
// off by commas ("Some Democrats, however,"). It reports false when nothing
// is left.
func (w *work) trimSource(r extract.Range) (extract.Range, bool) {
	for r.Len() > 1 {
		last := lower(w.toks[r.Hi-1])
		switch {
		case last == "," && r.Len() > 3 && asides[lower(w.toks[r.Hi-2])] && w.toks[r.Hi-3].Text == ",":
			r.Hi -= 3
			continue
		case timeWords[last] && r.Len() > 2 && timeLead[lower(w.toks[r.Hi-2])]:
			r.Hi -= 2
			continue
		}
		break
	}
	for r.Len() > 0 && w.isPunct(r.Hi-1) && w.toks[r.Hi-1].Text != "," && w.toks[r.Hi-1].Text != ")" && w.toks[r.Hi-1].Text != "." && w.toks[r.Hi-1].Kind != extract.Dash {
		r.Hi--
	}
	return r, r.Len() > 0
}

// npBefore returns the noun phrase that ends at token hi-1, scanning back
// no further than lo and maxNP tokens (S2).
func (w *work) npBefore(hi, lo int) (extract.Range, bool) {
	k := hi
	n := 0     // tokens taken, parentheses not counted
	prep := -1 // leftmost preposition taken
	for k > lo && n < maxNP {
		t := w.toks[k-1]
		if w.used[k-1] || w.qOf[k-1] >= 0 {
			break
		}
		if t.Text == ")" {
			// A parenthesis inside the phrase: "Rep. Gwen Moore (D-Wis.)".
			m := k - 2
			for m >= lo && k-1-m < 8 && w.toks[m].Text != "(" && !w.used[m] {
				m--
			}
			if m >= lo && w.toks[m].Text == "(" {
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
			case lw == "and" && k < hi && k-2 >= lo && isWordTok(w.toks[k-2]) && !npStop[lower(w.toks[k-2])] && !w.verbLike(k-2):
				// "Mr. Grassley and Mr. Leahy", "Federal and state
				// officials", "The family and its lawyers".
				ok = true
			case npStop[lw] || subjectPronouns[lw]:
			case !isUpperStart(t.Text) && k < hi && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) && !determiners[lw]:
				// A verb or participle ends the phrase ("delivered"),
				// unless it opens the phrase after a closing mark or a
				// comma and modifies a title ("…,” retired Air Force
				// general Lloyd Newton said").
				if k-2 >= lo && (w.toks[k-2].Kind.IsQuote() || w.toks[k-2].Text == ",") && isUpperStart(w.toks[k].Text) {
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
	for k < hi && (npPreps[lower(w.toks[k])] || lower(w.toks[k]) == "and" || w.isPunct(k)) {
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
	if w.anaphoricSpeech(c) {
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
	switch {
	case c.acc:
		// I1.
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
			if _, ok := w.cueAt(srcHi + 1); ok {
				w.nestAside(c, src, extract.Range{Lo: w.skipLead(lo, c.r.Lo-1), Hi: c.r.Lo - 1}, extract.Range{Lo: srcHi + 1, Hi: end})
				return false
			}
		}
		// "In addition, according to the department, …": after an
		// introductory phrase the content is the clause after the source.
		introBefore := srcHi+3 < end && w.toks[srcHi].Text == "," && c.r.Lo-1-start <= 6 && introWords[lower(w.toks[start])]
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
		if lower(w.toks[by]) != "by" {
			by = c.r.Hi - 1 // "by" joined the cue as a tail
		}
		c.r.Hi = by // PolNeAR leaves "by" out of a passive cue ("was echoed by")
		r, ok := w.sourceRight(by+1, end, true)
		if !ok {
			return false
		}
		for r.Hi > r.Lo && (lower(w.toks[r.Hi-1]) == "as" || w.isPunct(r.Hi-1)) {
			r.Hi--
		}
		for k := r.Lo; k < r.Hi; k++ {
			if lk := lower(w.toks[k]); lk == "as" || lk == "for" {
				r.Hi = k
				break
			}
		}
		subj, ok := w.npBefore(c.r.Lo, start)
		if !ok || r.Len() == 0 {
			return false
		}
		src = r
		parts = append(parts, w.extendToClause(subj, start))
	case w.evidential(c):
		// I8: "Sanders seemed to reap the benefits", "The president is
		// expected to run", "The company has reportedly taken heat": no
		// source; the content is the clause around the cue.
		left := extract.Range{Lo: w.skipLead(start, c.r.Lo), Hi: c.r.Lo}
		if left.Len() == 1 && (lower(w.toks[left.Lo]) == "it" || lower(w.toks[left.Lo]) == "there") {
			left = extract.Range{}
		}
		if left.Len() > 0 {
			parts = append(parts, left)
		}
		b := c.r.Hi
		parts = append(parts, extract.Range{Lo: b, Hi: w.contentEndModel(c, b, w.contentEnd(b, end, lo, hi), lo, hi)})
	case w.askedAbout(c, start):
		// I9: "Asked why he had yet to endorse Clinton, he said …": the
		// question is a claim with no source, up to the comma.
		k := c.r.Hi
		for k < end && w.toks[k].Text != "," && k-c.r.Hi < maxWindow {
			k++
		}
		parts = append(parts, extract.Range{Lo: c.r.Hi, Hi: k})
	default:
		var ok bool
		src, ok = w.sourceLeft(c)
		asSrc, asPart, asOK := w.asClause(c, start, end, src, ok)
		switch {
		case asOK:
			// I12: "As many experts have pointed out, Mr. Trump is free
			// …" / "…, as police have said.": the source is the subject
			// after "as"; the content is the clause on the other side of
			// the comma.
			src = asSrc
			parts = append(parts, asPart)
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
				w.emitSpans(Direct, []extract.Span{w.d.Span(qq.start, qq.end)}, c, src, 0.35+0.55*c.p, nil)
				return true
			}
			parts = append(parts, r)
		case ok && src.Lo > start && w.commaBefore(src.Lo) && c.r.Hi < end && w.toks[c.r.Hi].Text == ",":
			// I4.
			left := extract.Range{Lo: w.skipLead(start, src.Lo-1), Hi: src.Lo - 1}
			right := extract.Range{Lo: c.r.Hi + 1, Hi: end}
			r := right.Lo
			for r < right.Hi && (leadConj[lower(w.toks[r])] || w.toks[r].Text == ",") {
				r++
			}
			if left.Len() > 0 && r < right.Hi && w.qOf[r] >= 0 && w.quotes[w.qOf[r]].open == r {
				// "Many officials “would panic,” he said, but “there is no
				// way …”": the quotation after the cue is a claim of its
				// own that continues this one.
				contRight = extract.Range{Lo: r, Hi: right.Hi}
				right = extract.Range{}
			}
			if left.Len() > 0 {
				parts = append(parts, left)
			}
			if right.Len() > 0 {
				parts = append(parts, right)
			}
		case ok && src.Lo > start && (w.toks[src.Lo-1].Text == "," || w.toks[src.Lo-1].Kind == extract.QuoteClose) &&
			(end-c.r.Hi <= 4 || end-c.r.Hi <= 8 && adverbialStart[lower(w.toks[c.r.Hi])] && w.adjunctOnly(c.r.Hi, end)) &&
			!w.shortContentAfter(c, start, src.Lo-1, end) && !relativePronouns[w.lower(src.Hi-1)]:
			// I3: "…, he said on Monday." (not "…, many of whom say the
			// claims are false": a relative clause reports what follows.)
			l := src.Lo - 1
			if w.toks[l].Kind.IsQuote() {
				l++
			}
			parts = append(parts, extract.Range{Lo: w.skipLead(start, l), Hi: l})
		case ok:
			// I2.
			b := w.contentStartModel(c, end, lo, hi)
			parts = append(parts, extract.Range{Lo: b, Hi: w.contentEndModel(c, b, w.contentEnd(b, end, lo, hi), lo, hi)})
		case c.r.Lo > start && w.inherits(c):
			// I5: "X said …, adding that …" / "X says … and said …": the
			// participle or the second verb shares the subject.
			src, shared = w.lastSrc, true
			b := w.contentStart(c, end)
			parts = append(parts, extract.Range{Lo: b, Hi: end})
		case c.r.Lo > start+1 && (lower(w.toks[c.r.Lo-1]) == "and" || lower(w.toks[c.r.Lo-1]) == "but") && !w.used[c.r.Lo-2]:
			// I5b: "she smiled and said …": the subject of the clause.
			if r, ok := w.subjectOf(start, c.r.Lo-1); ok {
				src, shared = r, true
				b := w.contentStartModel(c, end, lo, hi)
				parts = append(parts, extract.Range{Lo: b, Hi: w.contentEndModel(c, b, w.contentEnd(b, end, lo, hi), lo, hi)})
			}
		case c.r.Lo > lo+1 && participleLead[lower(w.toks[c.r.Lo-1])] && strings.HasSuffix(lower(w.toks[c.head]), "ing"):
			// I6: "Trump is defending his tweets, saying …": the subject
			// of the sentence.
			if r, ok := w.subject(lo, c.r.Lo-1, true); ok {
				src, shared = r, true
				b := w.contentStart(c, end)
				parts = append(parts, extract.Range{Lo: b, Hi: end})
			}
		case !ok && w.participleOpens(c, start):
			// I11: "Citing a conspiracy theory, Trump accused …": a
			// participle that opens the sentence reports what the subject
			// of the main clause says; the content runs to the comma.
			if j, subj, found := w.mainSubject(c.r.Hi, end); found {
				src, shared = subj, true
				parts = append(parts, extract.Range{Lo: c.r.Hi, Hi: j})
			}
		default:
			// I3 inverted: "…, said X."
			if c.r.Lo > start+1 && w.commaBefore(c.r.Lo) && !strings.HasSuffix(lower(w.toks[c.head]), "ing") {
				if r, ok := w.sourceRight(c.r.Hi, end, false); ok {
					src = r
					parts = append(parts, extract.Range{Lo: w.skipLead(start, c.r.Lo-1), Hi: c.r.Lo - 1})
				}
			}
		}
	}
	// Clean the parts: no taken tokens, no edge punctuation.
	var content []extract.Span
	kind := Indirect
	total := 0
	first, lastTok := -1, -1
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
		lastTok = p.Hi
		_ = lastTok
	}
	if total == 1 && first == c.r.Hi && src.Len() > 0 && w.answer(first, end) {
		total = 2 // "he said no", "the candidate said Ryan": a one-word answer
	}
	if total < 2 || src.Len() == 0 && !c.acc && !w.evidential(c) && !w.askedAbout(c, start) {
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
				content[0] = w.d.Span(qq.start, qq.end)
				kind = Direct
			}
		}
	}
	conf := 0.35 + 0.55*c.p
	if shared {
		w.sharedSrc = true
	}
	w.emitSpans(kind, content, c, src, conf, parts)
	w.sharedSrc = false
	if contRight.Len() > 0 && !w.anyUsed(contRight.Lo, contRight.Hi) {
		q := w.quotes[w.qOf[contRight.Lo]]
		ck, cs := Mixed, w.d.TokenSpan(contRight)
		if q.last+1 >= contRight.Hi && q.close >= 0 {
			ck, cs = Direct, w.d.Span(q.start, q.end)
			contRight.Hi = q.last + 1
		}
		w.sharedSrc = true
		w.emitSpans(ck, []extract.Span{cs}, c, src, conf, []extract.Range{contRight})
		w.sharedSrc = false
		w.out[len(w.out)-1].Continuation = true
	}
	return true
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
func (w *work) shortContentAfter(c cue, start, comma, end int) bool {
	if c.r.Hi >= end {
		return false
	}
	nx := lower(w.toks[c.r.Hi])
	if subjectPronouns[nx] && nx != "it" && nx != "that" || shortAnswers[nx] || nx == "the" && c.r.Hi+1 < end && lower(w.toks[c.r.Hi+1]) == "same" {
		return true
	}
	if comma <= start || w.qOf[start] >= 0 {
		return false
	}
	ft := lower(w.toks[start])
	if comma-start <= 3 && end-c.r.Hi >= 2 && (!adverbialStart[nx] || determiners[nx]) && w.qOf[comma-1] < 0 {
		return true // a short adverbial is no content ("Hours later, Intel said it was canceled")
	}
	if !introWords[ft] && ft != "asked" {
		return false
	}
	// The introduction has no comma or quotation of its own ("In my view,
	// the plan is dead, he said" keeps its content before the source).
	for k := start; k < comma; k++ {
		if w.toks[k].Text == "," || w.qOf[k] >= 0 {
			return false
		}
	}
	return true
}

// contentStart returns where the content after cue c starts: after the cue
// and its punctuation, after the addressee of a "tell" verb.
func (w *work) contentStart(c cue, end int) int {
	b := c.r.Hi
	for b < end && (w.toks[b].Text == "," || w.toks[b].Text == ":") {
		b++
	}
	// "said on its website that …", "tweeted Friday that …": the content
	// starts at "that" when only adverbials stand before it.
	if b < end && (adverbialStart[lower(w.toks[b])] || isUpperStart(w.toks[b].Text)) {
		for i := b + 1; i < end && i-b < 10; i++ {
			t := w.toks[i]
			if lower(t) == "that" {
				return i
			}
			if t.Kind.IsQuote() || finalPunct[t.Text] || t.Text == ":" {
				break
			}
		}
	}
	if c.tell {
		// "told reporters that …": start at "that" when it comes soon.
		for i := b; i < end && i-b < 8; i++ {
			t := w.toks[i]
			if lower(t) == "that" {
				return i
			}
			if w.isPunct(i) || t.Kind.IsQuote() {
				if t.Text == ":" || t.Text == "," {
					return i + 1
				}
				break
			}
		}
		if b < end && objectPronouns[lower(w.toks[b])] {
			return b + 1
		}
		if b < end && isUpperStart(w.toks[b].Text) && w.toks[b].Kind == extract.Word {
			k := b
			for k < end && isUpperStart(w.toks[k].Text) && k-b < 4 {
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

// emit records a direct claim whose quotation covers tokens [qlo, qhi).
func (w *work) emit(kind Kind, content []extract.Span, c cue, src extract.Range, conf float64, qlo, qhi int) {
	w.take(qlo, qhi)
	w.emitSpans(kind, content, c, src, conf, nil)
}

// emitSpans records a claim and marks its tokens as taken.
func (w *work) emitSpans(kind Kind, content []extract.Span, c cue, src extract.Range, conf float64, parts []extract.Range) {
	for _, p := range parts {
		w.take(p.Lo, p.Hi)
	}
	w.take(c.r.Lo, c.r.Hi)
	if !w.sharedSrc {
		w.take(src.Lo, src.Hi)
	}
	cl := Claim{Kind: kind, Content: content, Cue: w.d.TokenSpan(c.r), Source: w.d.TokenSpan(src),
		Person: -1, Confidence: conf}
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
	cl.Speaker, cl.Person = w.speaker(src)
	if src.Len() > 0 {
		w.lastSrc, w.lastSrcSent = src, int(w.sentOf[c.head])
	}
	w.out = append(w.out, cl)
	if kind != Indirect {
		w.last = len(w.out) - 1
	}
	if cl.Speaker != "" && src.Len() > 0 {
		g := extract.Unknown
		if cl.Person >= 0 {
			g = w.d.People[cl.Person].Gender
		}
		if pg, ok := pronounGender(lower(w.toks[src.Lo])); ok && src.Len() == 1 {
			g = pg
		}
		w.addSpeaker(speakerMention{tok: src.Lo, person: cl.Person, text: cl.Speaker, gender: g})
	}
}

// addSpeaker inserts m into w.spk, kept sorted by token.
func (w *work) addSpeaker(m speakerMention) {
	i := len(w.spk)
	for i > 0 && w.spk[i-1].tok > m.tok {
		i--
	}
	w.spk = append(w.spk, speakerMention{})
	copy(w.spk[i+1:], w.spk[i:])
	w.spk[i] = m
}

// inherits reports whether cue c has no subject of its own but shares that
// of the last claim of its sentence: a participle after a comma ("…,
// adding that") or a verb after "and" ("… and said").
func (w *work) inherits(c cue) bool {
	if w.lastSrcSent != int(w.sentOf[c.head]) || w.lastSrc.Len() == 0 || w.lastSrc.Lo > c.r.Lo {
		return false
	}
	prev := lower(w.toks[c.r.Lo-1])
	return prev == "and" || prev == "but" || w.commaBefore(c.r.Lo) && strings.HasSuffix(lower(w.toks[c.head]), "ing")
}

// contentEnd returns where the content that starts at b ends, at most at
// end: before ", adding …" (a participle cue after a comma), before
// "and said …" (a second reporting verb), before ", although …" and ";".
func (w *work) contentEnd(b, end, lo, hi int) int {
	for k := b + 1; k < end-1; k++ {
		t := w.toks[k]
		if w.qOf[k] >= 0 {
			continue
		}
		switch lower(t) {
		case ";":
			return k
		case ",":
			nx := lower(w.toks[k+1])
			if nx == "although" || nx == "though" || nx == "whereas" {
				return k
			}
			// ", while 73 percent said …": a conjunction, a new subject
			// and its own cue.
			if (nx == "while" || nx == "but" || nx == "and" || nx == "because") && w.newClause(k+2, end) {
				return k
			}
			if strings.HasSuffix(nx, "ing") {
				if _, ok := w.cueAt(k + 1); ok {
					return k
				}
			}
			if w.clauseFinalCue(k+1, end) {
				return k
			}
		case "by", "from", "after", "without":
			// "responded … by saying his refusal …": a gerund cue after a
			// preposition opens a claim of its own.
			if c2, ok := w.cueAt(k + 1); ok && c2.r.Lo == k+1 && strings.HasSuffix(lower(w.toks[k+1]), "ing") {
				return k
			}
		case "while", "whereas":
			// "…,” while 73 percent said …" after a closing mark.
			if w.toks[k-1].Kind.IsQuote() && w.newClause(k+1, end) {
				return k
			}
		case "and", "but":
			// "… has shown no signs of bad health and seemed confident": an
			// evidential verb (I8) continues the reported clause.
			if c2, ok := w.cueAt(k + 1); ok && !strings.HasSuffix(lower(w.toks[k+1]), "ing") && !w.evidential(c2) {
				return k
			}
			// ", and she told residents that …": a new subject and cue.
			if k+2 < end && (subjectPronouns[lower(w.toks[k+1])] || isUpperStart(w.toks[k+1].Text)) {
				for j := k + 2; j < end && j <= k+3; j++ {
					if _, ok := w.cueAt(j); ok {
						return k
					}
				}
			}
		}
	}
	return end
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
		Cue: w.d.TokenSpan(c.r), Source: w.d.TokenSpan(src), Person: -1,
		Confidence: 0.6 * (0.35 + 0.55*c.p), Sentence: int(w.sentOf[c.head])}
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
	cl.Speaker, cl.Person = w.speaker(src)
	w.out = append(w.out, cl)
}

// participleOpens reports whether cue c is a participle ("Citing",
// "Claiming", "Lamenting") that opens its sentence (after a conjunction at
// most), for I11.
func (w *work) participleOpens(c cue, start int) bool {
	return c.head == c.r.Lo && w.skipLead(start, c.r.Lo) == c.r.Lo &&
		strings.HasSuffix(w.lower(c.head), "ing") && isUpperStart(w.toks[c.head].Text)
}

// mainSubject finds, for I11, the comma that ends a participle clause
// starting at from (within maxSource tokens, before end) and the subject
// of the main clause after it: "Bemoaning the “phony system,” Trump
// accused …" gives the comma inside the quotation and "Trump". The subject
// may already be another claim's source; a verb must follow it.
func (w *work) mainSubject(from, end int) (comma int, subj extract.Range, ok bool) {
	for j := from + 1; j < end && j-from < maxSource; j++ {
		t := w.toks[j]
		if finalPunct[t.Text] && t.Text != "," || t.Text == ";" || t.Text == ":" {
			return 0, extract.Range{}, false
		}
		if t.Text != "," {
			continue
		}
		k := j + 1
		if k < end && (w.toks[k].Kind == extract.QuoteClose || w.toks[k].Kind == extract.QuoteAmbiguous && w.qOf[k] >= 0 && w.quotes[w.qOf[k]].last == k) {
			k++
		}
		n := k
		for n < end && n-k < maxNP && isWordTok(w.toks[n]) && (isUpperStart(w.toks[n].Text) || n == k && subjectPronouns[w.lower(n)] || determiners[w.lower(n)] && n == k) {
			n++
			if subjectPronouns[w.lower(n-1)] {
				break
			}
		}
		// "the campaign", "Mr. Trump": a determiner takes its noun.
		if n > k && determiners[w.lower(n-1)] && n < end && isWordTok(w.toks[n]) {
			n++
		}
		if n == k || n >= end || !isWordTok(w.toks[n]) {
			return 0, extract.Range{}, false
		}
		r := extract.Range{Lo: k, Hi: n}
		if !w.plausibleSource(r) {
			return 0, extract.Range{}, false
		}
		return j, r, true
	}
	return 0, extract.Range{}, false
}

// asClause finds, for I12, a comment clause with "as" around cue c: "As
// many experts have pointed out, …" (the clause opens the sentence and the
// content follows the comma after the cue) or "…, as police have said."
// (the clause ends the sentence and the content is what precedes its
// comma). The source is src, the subject sourceLeft found, when it starts
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
		if !w.plausibleSource(src) {
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

// newClause reports whether a clause with its own subject and sure cue
// starts at token lo, before end: a short subject (shortSubject) and a cue
// of p >= 0.9 that is not evidential within the next three tokens
// ("73 percent said", "they say").
func (w *work) newClause(lo, end int) bool {
	for j := lo + 1; j < end && j <= lo+3; j++ {
		if c, ok := w.cueAt(j); ok && c.p >= 0.9 && !w.evidential(c) && w.shortSubject(lo, c.r.Lo) {
			return true
		}
	}
	return false
}

// shortSubject reports whether [lo, hi) can be the subject of a cue that
// starts a second clause: one to three words or numbers, the first a
// pronoun, a determiner, a number or capitalised ("73 percent", "they",
// "the senators").
func (w *work) shortSubject(lo, hi int) bool {
	if hi-lo < 1 || hi-lo > 3 {
		return false
	}
	for i := lo; i < hi; i++ {
		if t := w.toks[i]; !isWordTok(t) && t.Kind != extract.Number {
			return false
		}
	}
	t := w.toks[lo]
	lw := w.lower(lo)
	return t.Kind == extract.Number || isUpperStart(t.Text) || subjectPronouns[lw] || determiners[lw]
}

// clauseOpeners open a clause whose subject follows them (S3b).
var clauseOpeners = set("although", "though", "while", "whereas", "because", "since", "but", "and", "if", "when", "as")

// relativePronouns end a source that cannot take the clause before it
// (I3).
var relativePronouns = set("who", "whom", "which")

// quantifiers open a partitive source ("many of whom", S2b).
var quantifiers = set("many", "most", "some", "all", "several", "few", "none", "both", "one", "two",
	"three", "half", "each", "neither", "either", "majority")

// hasComma reports whether a comma stands in [lo, hi).
func (w *work) hasComma(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if w.toks[i].Text == "," {
			return true
		}
	}
	return false
}

// participleLead are the words before a participle cue whose subject is
// the subject of the sentence (I6): "…, saying", "… – saying", "… while
// saying", "… by saying".
var participleLead = set(",", "–", "—", "-", "--", "while", "by", "from", "after", "before", "without", "when")

// answer reports whether token i, the last before end, is a one-word
// content: "yes", "no", "so" or a name ("he said Ryan.").
func (w *work) answer(i, end int) bool {
	if i+1 != end {
		return false
	}
	t := w.toks[i]
	return shortAnswers[lower(t)] || t.Kind == extract.Word && isUpperStart(t.Text) && !timeWords[lower(t)]
}

// clauseFinalCue reports whether tokens [from, end) are a source and a cue
// that close the sentence, as in "…, several of those who attended said."
// (rule I3): the content of a claim inside it ends before them.
func (w *work) clauseFinalCue(from, end int) bool {
	for j := from + 1; j < end && j-from <= maxNP; j++ {
		c, ok := w.cueAt(j)
		if !ok {
			continue
		}
		return end-c.r.Hi <= 3 && !strings.HasSuffix(lower(w.toks[c.head]), "ing") && w.plausibleSource(extract.Range{Lo: from, Hi: c.r.Lo})
	}
	return false
}

// subjectOf returns the noun phrase that opens the clause in [lo, hi):
// introductory phrases ending with a comma and leading conjunctions are
// skipped; the phrase stops before a function word, punctuation or a
// lower-case past form ("groups granted").
func (w *work) subjectOf(lo, hi int) (extract.Range, bool) {
	return w.subject(lo, hi, false)
}

// subject is subjectOf; with shared, the subject may already be the source
// of another claim ("McAuliffe has said …, aside from saying …").
func (w *work) subject(lo, hi int, shared bool) (extract.Range, bool) {
	for lo < hi && w.isPunct(lo) {
		lo++
	}
	// Skip "In August," and the like.
	if lo < hi && introWords[lower(w.toks[lo])] {
		k := lo
		for k < hi && k-lo < 16 && w.toks[k].Text != "," {
			k++
		}
		if k < hi && w.toks[k].Text == "," {
			lo = k + 1
		}
	}
	for lo < hi && leadConj[lower(w.toks[lo])] {
		lo++
	}
	k := lo
	for k < hi && k-lo < maxNP {
		t := w.toks[k]
		lw := lower(t)
		if w.used[k] && !shared || w.qOf[k] >= 0 || !isWordTok(t) && !(t.Kind == extract.Punct && (t.Text == "’s" || t.Text == "'s")) {
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
	if !w.plausibleSource(r) {
		return extract.Range{}, false
	}
	return r, true
}

// speakerLines finds speaker labels (rule L1): a paragraph that starts,
// after an optional opening quotation mark, with one to four capitalised
// words and a colon ("PENCE: Well, look, …", "Pat Caddell: Democrat
// Voters …"). The label is the source, the colon the cue and the rest of
// the paragraph the content.
func (w *work) speakerLines() {
	for pi, p := range w.d.Paragraphs {
		lo, hi := p.Tokens.Lo, p.Tokens.Hi
		i := lo
		if i < hi && w.toks[i].Kind.IsQuote() {
			i++
		}
		j := i
		for j < hi && j-i < 4 && (isWordTok(w.toks[j]) && isUpperStart(w.toks[j].Text) || j > i && w.toks[j].Text == ".") {
			j++
		}
		// L1c: the one-letter labels of an interview ("Q:", "A:") name no
		// speaker; PolNeAR mostly leaves such lines unattributed.
		if j == i || j >= hi-1 || w.toks[j].Text != ":" || titleWords[lower(w.toks[j-1])] || j == i+1 && len(w.toks[i].Text) == 1 {
			continue
		}
		if pi == 0 && len(w.d.Paragraphs) > 1 && !w.namesPerson(i, j) && w.headlineTag(i, j) {
			continue // L1b: a headline tag ("The Latest:", "BREAKING:", "Big Win For Bernie:") is a topic, not a speaker
		}
		if pi > 0 && !w.namesPerson(i, j) && w.titleLabel(i, j) {
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
		c := cue{r: extract.Range{Lo: j, Hi: j + 1}, head: j, p: 0.7}
		// The opening mark of a transcript line is not a quotation of its own.
		for k := lo; k < hi; k++ {
			if q := w.qOf[k]; q >= 0 && w.quotes[q].open == i-1 && i > lo {
				w.qOf[k] = -1
			}
		}
		w.emitSpans(kind, []extract.Span{w.d.TokenSpan(content)}, c, extract.Range{Lo: i, Hi: j}, 0.7, []extract.Range{content})
	}
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

// anaphoricSpeech reports whether cue c makes a statement that was
// reported before ("Trump made the comments Friday", "He made the
// criticism while …", I14): a form of "make" before a definite determiner
// and a speech noun reports no new content.
func (w *work) anaphoricSpeech(c cue) bool {
	switch w.lower(c.head) {
	case "made", "make", "makes", "making":
	default:
		return false
	}
	k := c.head + 1
	if k+1 >= len(w.toks) {
		return false
	}
	switch w.lower(k) {
	case "the", "this", "these", "those", "that", "his", "her", "their", "its":
	default:
		return false
	}
	return speechNouns[w.lower(k+1)]
}

// speechNouns name a statement (I14).
var speechNouns = set("comment", "comments", "remark", "remarks", "statement", "statements", "pledge",
	"criticism", "claim", "claims", "announcement", "accusation", "accusations", "promise", "prediction",
	"vow", "argument", "point", "assertion", "allegation", "allegations", "observation")

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

func (w *work) namesPerson(lo, hi int) bool {
	for _, n := range w.namesIn(lo, hi) {
		if n.label == extract.PER {
			return true
		}
	}
	return false
}

// isAdverb reports whether t looks like a manner adverb: a lower-case word
// ending in "ly" ("generally", "boldly").
func isAdverb(t extract.Token) bool {
	return len(t.Text) > 4 && strings.HasSuffix(t.Text, "ly") && !isUpperStart(t.Text) && !lyNouns[t.Text]
}

// lyNouns are words ending in "ly" that are not adverbs.
var lyNouns = set("family", "ally", "rally", "supply", "assembly", "anomaly", "monopoly", "reply",
	"italy", "july", "belly", "bully", "jelly", "lily", "daily", "weekly", "monthly", "yearly",
	"holy", "early", "only", "likely", "unlikely", "friendly", "elderly", "costly", "lonely",
	"lovely", "silly", "ugly", "deadly", "orderly", "scholarly", "homily", "melancholy")

// commaBefore reports whether token i follows a comma, or a closing mark
// with a comma inside it ("…,” said X").
func (w *work) commaBefore(i int) bool {
	if i < 1 {
		return false
	}
	t := w.toks[i-1]
	if t.Text == "," {
		return true
	}
	return t.Kind == extract.QuoteClose && i >= 2 && w.toks[i-2].Text == ","
}

// skipLead returns where a content that precedes its cue starts: after the
// conjunctions and sentence adverbs that open the sentence ("But", "And",
// "However,"), which PolNeAR leaves out of the content.
func (w *work) skipLead(lo, hi int) int {
	for lo < hi && (leadConj[lower(w.toks[lo])] || lower(w.toks[lo]) == "however" || w.toks[lo].Text == ",") && w.qOf[lo] < 0 {
		lo++
	}
	return lo
}

// contentEndModel returns where a content that starts at b ends, at most at
// end, as the learned end ranker (internal/cuemodel, trained on PolNeAR
// train) places it: a content ends at the sentence end in most claims, but
// also before an adjunct ("… in his remarks"), a relative clause or a second
// claim.
func (w *work) contentEndModel(c cue, b, end, lo, hi int) int {
	if w.a.end == nil || end-b < 2 {
		return end
	}
	ctx := cuemodel.SpanContext{Doc: w.d, B: b, End: end, CueStem: w.stem(c.head), Lo: lo, Hi: hi, CueLike: w.cueLike, Lower: w.lower}
	k := w.a.end.Best(&ctx)
	if w.words(b, k) < 2 && w.words(b, end) >= 2 {
		// "said Trump, despite his wealth, is …": a content of one word
		// is no claim, so the ranker's cut is wrong; keep the rule's end.
		return end
	}
	return k
}

// contentStartModel returns where the content after cue c starts, as the
// learned start ranker places it among the StartSpan tokens after the cue
// (after the addressee of "told", at "that" after an adverbial); without a
// model, the rules of contentStart.
func (w *work) contentStartModel(c cue, end, lo, hi int) int {
	if w.a.end == nil || c.r.Hi >= end {
		return w.contentStart(c, end)
	}
	ctx := cuemodel.SpanContext{Doc: w.d, B: c.r.Hi, End: end, CueStem: w.stem(c.head), Lo: lo, Hi: hi, Lower: w.lower}
	// A content does not start after another cue ("questioning the
	// system, encouraging his supporters to …": the start is not after
	// "encouraging").
	for j := c.r.Hi + 1; j < end && j < c.r.Hi+cuemodel.StartSpan; j++ {
		if w.cueLike(j) && w.toks[j-1].Text == "," {
			ctx.StartLimit = j
			break
		}
	}
	return w.a.end.BestStart(&ctx)
}

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

// verbLike reports whether token i looks like a verb form that cannot end
// a noun phrase: a lower-case word ending in "ed" or "ing".
func (w *work) verbLike(i int) bool {
	t := w.toks[i]
	if isUpperStart(t.Text) {
		return false
	}
	lw := lower(t)
	return strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")
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
func (w *work) extendToClause(np extract.Range, lo int) extract.Range {
	start := lo
	for start < np.Lo && leadConj[lower(w.toks[start])] {
		start++
	}
	if start >= np.Lo || np.Lo-start > 2*maxNP {
		return np
	}
	ft := w.toks[start]
	if !(determiners[lower(ft)] || isUpperStart(ft.Text) || ft.Kind == extract.Number) || introWords[lower(ft)] {
		return np
	}
	modifier := false
	for i := start; i < np.Lo; i++ {
		t := w.toks[i]
		lw := lower(t)
		if w.used[i] || w.qOf[i] >= 0 || t.Kind == extract.Punct && t.Text != "’s" && t.Text != "'s" && t.Text != "." {
			return np
		}
		if postModifiers[lw] || w.verbLike(i) {
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

// adjunctOnly reports whether tokens [lo, hi) after a cue hold only an
// adjunct ("in a statement on Monday"): no "that", no quotation, no comma.
func (w *work) adjunctOnly(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		t := w.toks[i]
		if lower(t) == "that" || t.Kind.IsQuote() || t.Text == "," || w.verbLike(i) {
			return false
		}
	}
	return true
}

// evidential reports whether cue c reports no one's words but the writer's
// inference (rule I8): "seem", "appear", passive "expected" and
// "reportedly". PolNeAR marks these without a source.
func (w *work) evidential(c cue) bool {
	switch w.stem(c.head) {
	case "seem", "appear":
		return c.r.Hi-c.head <= 1 // not "appeared to suggest" (C4)
	case "reportedly", "seemingly", "apparently":
		return true
	case "expect":
		// Only the passive: "is expected to", "are widely expected".
		for i := c.head - 1; i >= c.r.Lo && i >= c.head-3; i-- {
			switch lower(w.toks[i]) {
			case "is", "are", "was", "were", "be", "been":
				return true
			}
		}
	}
	return false
}

// askedAbout reports whether cue c is a participle "Asked" that opens its
// sentence or follows "when" or a comma, followed by the question ("Asked
// why …", "…, when asked whether …").
func (w *work) askedAbout(c cue, start int) bool {
	if lower(w.toks[c.head]) != "asked" || c.r.Hi >= len(w.toks) {
		return false
	}
	k := c.r.Lo
	when := k > start && lower(w.toks[k-1]) == "when"
	if when {
		k--
	}
	// "When asked …" may also close a sentence ("…, Le Pen told CNN when
	// asked which candidate she would back").
	if k != start && !when && !w.commaBefore(k) {
		return false
	}
	switch lower(w.toks[c.r.Hi]) {
	case "why", "whether", "if", "how", "what", "who", "when", "where", "about":
		return true
	}
	return false
}

// openParen reports whether a parenthesis opened in [lo, hi) is still open
// at hi: the segmenter split "(D-Mo.) said" after the abbreviation.
func (w *work) openParen(lo, hi int) bool {
	depth := 0
	for i := lo; i < hi && i < lo+maxSource; i++ {
		switch w.toks[i].Text {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	return depth > 0
}

// embedded reports whether cue c stands in a free relative ("what he
// called", "what it calls") inside a larger clause with a cue of its own
// before it in the sentence [lo, …).
func (w *work) embedded(c cue, lo int) bool {
	k := c.r.Lo - 1
	if k >= lo && subjectPronouns[lower(w.toks[k])] {
		k--
	}
	if k < lo || lower(w.toks[k]) != "what" {
		return false
	}
	for i := k - 1; i >= lo && k-i <= maxSource; i-- {
		if _, ok := w.cueAt(i); ok && !w.used[i] {
			return true
		}
	}
	return false
}

// cueLike reports whether token i is a word whose stem heads PolNeAR cues
// with a prior of at least 0.3 (a feature of the content-end ranker).
func (w *work) cueLike(i int) bool {
	if v := w.likeOf[i]; v != 0 {
		return v == 2
	}
	like := false
	if t := w.toks[i]; t.Kind == extract.Word && w.a.cues.lx.MayBeCue(w.lower(i)) {
		c, ok := w.a.cues.lx.Heads[w.stem(i)]
		like = ok && c.In >= 3 && headProb(c) >= 0.3
	}
	w.likeOf[i] = 1
	if like {
		w.likeOf[i] = 2
	}
	return like
}

// prior returns the lexicon prior P(cue | stem) of cue c's head, 0 when
// the stem is unknown.
func (w *work) prior(c cue) float64 {
	h, ok := w.a.cues.lx.Heads[w.stem(c.head)]
	if !ok || h.In < 3 {
		return 0
	}
	return headProb(h)
}

// governFirst moves each cue that takes a that-clause ("Mr. Smith
// reported that Mr. Lukashenko has shown …") before the cues after it in
// the text that byStrength put first, so that a verb inside the clause
// does not take the clause from the verb that governs it (I0b). It only
// reorders sentences with at most 32 cues, to stay linear.
func (w *work) governFirst(cs []cue) {
	if len(cs) > 32 {
		return
	}
	for i := 1; i < len(cs); i++ {
		c := cs[i]
		if c.r.Hi >= len(w.toks) || w.lower(c.r.Hi) != "that" {
			continue
		}
		j := i
		for j > 0 && cs[j-1].head > c.head {
			j--
		}
		copy(cs[j+1:i+1], cs[j:i])
		cs[j] = c
	}
}

// byStrength orders cues by strength in fifths of p (the detector's
// probabilities are not finer than that: "told" at 0.83 and "told" at 0.91
// are equally sure), then by the lexicon prior in quarters (a verb that
// reports speech more often in PolNeAR, "warned", before one that rarely
// does, "showed"), then in text order: of two sure cues the first governs
// the sentence ("X said … that Y described …", "Smith told diplomats told
// …"). It is a stable counting sort, linear in len(cs); it reuses
// w.sorted.
func (w *work) byStrength(cs []cue) []cue {
	const buckets = 6 * 5
	var count [buckets + 1]int
	key := func(c cue) int {
		p := min(max(int(c.p*5), 0), 5)
		q := min(max(int(w.prior(c)*4), 0), 4)
		return buckets - 1 - (p*5 + q) // strongest first
	}
	for _, c := range cs {
		count[key(c)+1]++
	}
	for i := 1; i <= buckets; i++ {
		count[i] += count[i-1]
	}
	w.sorted = append(w.sorted[:0], cs...)
	for _, c := range cs {
		k := key(c)
		w.sorted[count[k]] = c
		count[k]++
	}
	return append(cs[:0], w.sorted...)
}

// passiveBy reports whether cue c is a passive reporting verb with its agent
// after "by" ("was criticized by the senator"): an auxiliary of "be" in or
// right before the cue, and "by" right after the head.
func (w *work) passiveBy(c cue, end int) bool {
	be := false
	for i := c.head - 1; i >= c.r.Lo-1 && i >= 0 && i >= c.head-3; i-- {
		switch lower(w.toks[i]) {
		case "is", "are", "was", "were", "been", "being", "be":
			be = true
		}
	}
	if !be || !strings.HasSuffix(lower(w.toks[c.head]), "ed") {
		return false
	}
	k := c.head + 1
	return k < end && lower(w.toks[k]) == "by"
}
