package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Citron (BBC R&D, github.com/bbc/citron) has two JSON shapes, both read
// here and checked against its sources (citron/data.py, citron/citron.py,
// citron/utils.py, docs/data_format.md):
//
// The annotation format, one document per file, which Citron's
// CitronParser reads for training and evaluation and its annotator writes:
//
//	{"text": "…",
//	 "quotes": [{"cue": {"start": 71, "end": 75, "text": "said"},
//	             "sources": [{"start": 51, "end": 54, "text": "she"}],
//	             "contents": [{"start": 0, "end": 49, "text": "…"}],
//	             "coreferences": [{"start": 10, "end": 25, "text": "Tatyana Khomich"}],
//	             "confidence": 0.9}],
//	 "coreference_groups": [[{"start": 10, "end": 25, "text": "Tatyana Khomich"}, {…"she"}]]}
//
// Offsets count characters (code points), half-open. "coreferences" (the
// spans a quote's sources refer to), "coreference_groups", "confidence"
// and "id" are optional; the reader needs "text" and a "cue" object on
// every quote (a null cue makes it fail) and reads no span "text".
//
// The output of citron-extract and of its /quotes API
// (Citron.extract, Quote.to_json):
//
//	{"quotes": [{"sources": [{"start": 0, "end": 2, "text": "Humpty Dumpty"}],
//	             "coreferences": [{"start": 17, "end": 18, "text": "he"}],
//	             "cue": {"start": 18, "end": 19, "text": "said"},
//	             "contents": [{…}], "confidence": "0.8123"}],
//	 "source": {"application": "citron-extractor", "model:": "…"}}
//
// It has no document text, writes confidence as a string with four
// decimals, and, when it resolved a source, swaps the roles: "sources"
// holds the resolved mention (the name) and "coreferences" the source as
// written (the pronoun). Its start and end are spaCy's Span.start and
// Span.end, which are token indices, not characters.
type (
	citronDoc struct {
		ID                any            `json:"id,omitempty"`
		Text              *string        `json:"text"`
		Quotes            []citronQuote  `json:"quotes"`
		CoreferenceGroups [][]citronSpan `json:"coreference_groups,omitempty"`
	}
	citronQuote struct {
		Cue          *citronSpan       `json:"cue"`
		Sources      []citronSpan      `json:"sources"`
		Contents     []citronSpan      `json:"contents"`
		Coreferences []citronSpan      `json:"coreferences"`
		Confidence   *citronConfidence `json:"confidence,omitempty"`
	}
	// citronSpan is a span whose text may be missing.
	citronSpan struct {
		Start int     `json:"start"`
		End   int     `json:"end"`
		Text  *string `json:"text,omitempty"`
	}
)

// citronConfidence is a confidence written as a number (annotation files)
// or as a string (Citron's output: '{0:.4f}'.format).
type citronConfidence float64

func (c *citronConfidence) UnmarshalJSON(b []byte) error {
	s := string(b)
	if u, err := strconv.Unquote(s); err == nil {
		s = u
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return fmt.Errorf("confidence %s is not a number", b)
	}
	*c = citronConfidence(v)
	return nil
}

// DecodeCitron reads one document in Citron's annotation format (see
// above) and returns it as an Article with layer LayerClaims and ID
// "citron:" plus the document's "id" when it has one.
//
// Each quote becomes a claim as a PolNeAR attribution does (see
// LoadPolNeAR): the raw spans go to Article.Pieces; Kind comes from the
// quotation marks in the contents; contents keep their marks; Cue
// and Source are the cue and the first source. Speaker is the text of the
// quote's first coreference, else the fullest member (most characters,
// earliest on a tie) of the coreference group that holds the source, else
// "". Confidence is the quote's when it has one (a number or a string),
// else 1. Character offsets are converted to bytes and every span's text,
// when given, is checked. Problems come back as an ErrorList naming
// "<citron>" and the quote; decoding never panics.
func DecodeCitron(r io.Reader) (Article, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Article{}, fmt.Errorf("corpus: reading Citron JSON: %w", err)
	}
	var errs ErrorList
	var doc citronDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		errs.Add(citronFile, 0, -1, "not Citron JSON: %v", err)
		return Article{}, errs.Err()
	}
	if doc.Text == nil {
		errs.Add(citronFile, 0, -1, "no \"text\" field (Citron's output has none: read it with DecodeCitronOutput and the text it was run on)")
		return Article{}, errs.Err()
	}
	d := newCitronDecoder(*doc.Text, &errs, false)
	a := d.article("Citron JSON")
	if doc.ID != nil {
		a.ID = "citron:" + fmt.Sprint(doc.ID)
	}
	var groups [][]extract.Span
	for gi, g := range doc.CoreferenceGroups {
		var group []extract.Span
		for _, s := range g {
			if sp, ok := d.span(fmt.Sprintf("coreference group %d", gi), s); ok {
				group = append(group, sp)
			}
		}
		groups = append(groups, group)
	}
	for qi, q := range doc.Quotes {
		d.quote(&a, qi, q, q.Sources, q.Coreferences, func(source extract.Span, corefs []extract.Span) string {
			if len(corefs) > 0 {
				return collapse(corefs[0].Text)
			}
			return fullestInGroup(groups, source)
		})
	}
	sortClaims(&a)
	return a, errs.Err()
}

// DecodeCitronOutput reads what citron-extract prints (and Citron's /quotes
// API returns) for text, the document it was run on, and returns it as
// DecodeCitron does, with ID "citron" and Source "Citron output".
//
// Where Citron resolved a source, its "coreferences" hold the source as
// written and its "sources" the resolved mention: Source is then the first
// coreference and Speaker the text of the first source; otherwise Source
// is the first source and Speaker its text. Offsets are spaCy token
// indices: a span whose text occurs once in text is placed there; the
// others at the occurrence of their text nearest to where their token
// index falls between those anchors (or, with none, where saywho's
// tokenizer puts it: the tokenizations differ a little, the texts do not). A span whose offsets already are characters
// of text with that text is taken as it is. citron-extract reading
// standard input prefixes each line with a space: give it the text it
// analysed, or a span that crosses a line may not be found.
func DecodeCitronOutput(r io.Reader, text string) (Article, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Article{}, fmt.Errorf("corpus: reading Citron output: %w", err)
	}
	var errs ErrorList
	var out struct {
		Quotes []citronQuote `json:"quotes"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		errs.Add(citronFile, 0, -1, "not Citron output JSON: %v", err)
		return Article{}, errs.Err()
	}
	d := newCitronDecoder(text, &errs, true)
	var all []citronSpan
	for _, q := range out.Quotes {
		if q.Cue != nil {
			all = append(all, *q.Cue)
		}
		all = append(append(append(all, q.Sources...), q.Contents...), q.Coreferences...)
	}
	d.anchorOn(all)
	a := d.article("Citron output")
	for qi, q := range out.Quotes {
		sources, resolved := q.Sources, []citronSpan(nil)
		if len(q.Coreferences) > 0 { // to_json swapped them
			sources, resolved = q.Coreferences, q.Sources
		}
		d.quote(&a, qi, q, sources, resolved, func(source extract.Span, names []extract.Span) string {
			if len(names) > 0 {
				return collapse(names[0].Text)
			}
			return collapse(source.Text)
		})
	}
	sortClaims(&a)
	return a, errs.Err()
}

const citronFile = "<citron>"

// citronDecoder turns Citron spans into byte spans of one text.
type citronDecoder struct {
	text    string
	co      charOffsets
	errs    *ErrorList
	tokens  bool     // offsets may be spaCy token indices (Citron's output)
	starts  []int    // byte offsets of saywho's tokens, built when first needed
	anchors []anchor // spans of unique text, by token index (anchorOn)
}

func newCitronDecoder(text string, errs *ErrorList, tokens bool) *citronDecoder {
	return &citronDecoder{text: text, co: newCharOffsets(text), errs: errs, tokens: tokens}
}

func (d *citronDecoder) article(source string) Article {
	return Article{ID: "citron", Source: source, Doc: &extract.Document{Text: d.text}, Layers: LayerClaims, Pieces: []RoleSpans{}}
}

// span converts s, reporting problems under what.
func (d *citronDecoder) span(what string, s citronSpan) (extract.Span, bool) {
	bs, ok1 := d.co.byteOffset(s.Start)
	be, ok2 := d.co.byteOffset(s.End)
	inside := ok1 && ok2 && s.Start <= s.End
	if inside && (s.Text == nil || d.text[bs:be] == *s.Text) {
		return extract.SpanOf(d.text, bs, be), true
	}
	if d.tokens && s.Text != nil {
		if sp, ok := d.byText(s.Start, *s.Text); ok {
			return sp, true
		}
		d.errs.Add(citronFile, 0, -1, "%s: text %q (tokens [%d,%d)) does not occur in the text", what, clip(*s.Text), s.Start, s.End)
		return extract.Span{}, false
	}
	if !inside {
		d.errs.Add(citronFile, 0, -1, "%s: span [%d,%d) is outside the text of %d characters (offsets count characters)", what, s.Start, s.End, d.co.chars())
		return extract.Span{}, false
	}
	d.errs.Add(citronFile, 0, -1, "%s: text %q differs from the text at characters [%d,%d) %q", what, clip(*s.Text), s.Start, s.End, clip(d.text[bs:be]))
	return extract.Span{}, false
}

// anchor is a span of Citron's output whose text occurs once in the text:
// its token index tok is at byte offset off.
type anchor struct{ tok, off int }

// anchorOn records, before any span is placed, the spans whose text occurs
// exactly once: they fix where those token indices are, so a span whose
// text occurs several times ("said") is placed by interpolating between
// the anchors around its token index, which is robust to the drift between
// spaCy's tokenization and saywho's.
func (d *citronDecoder) anchorOn(spans []citronSpan) {
	for _, s := range spans {
		if s.Text == nil || *s.Text == "" {
			continue
		}
		i := strings.Index(d.text, *s.Text)
		if i < 0 || strings.Contains(d.text[i+1:], *s.Text) {
			continue
		}
		d.anchors = append(d.anchors, anchor{s.Start, i})
	}
	sort.Slice(d.anchors, func(i, j int) bool { return d.anchors[i].tok < d.anchors[j].tok })
	// Keep them increasing in both token and byte order.
	kept := d.anchors[:0]
	for _, a := range d.anchors {
		if n := len(kept); n == 0 || a.tok > kept[n-1].tok && a.off > kept[n-1].off {
			kept = append(kept, a)
		}
	}
	d.anchors = kept
}

// estimate returns where token index tok likely starts, in bytes.
func (d *citronDecoder) estimate(tok int) int {
	k := sort.Search(len(d.anchors), func(i int) bool { return d.anchors[i].tok > tok })
	switch {
	case k > 0 && k < len(d.anchors):
		a, b := d.anchors[k-1], d.anchors[k]
		return a.off + (tok-a.tok)*(b.off-a.off)/(b.tok-a.tok)
	case k > 0 || k < len(d.anchors):
		// Beyond the anchors: from the nearest one, at the text's mean
		// bytes per token in saywho's tokenization.
		a := d.anchors[max(k-1, 0)]
		d.tokenize()
		per := float64(len(d.text)) / float64(max(len(d.starts), 1))
		return a.off + int(float64(tok-a.tok)*per)
	}
	d.tokenize()
	if tok >= 0 && tok < len(d.starts) {
		return d.starts[tok]
	}
	return len(d.text)
}

// tokenize fills d.starts with the byte offsets of saywho's tokens.
func (d *citronDecoder) tokenize() {
	if d.starts != nil {
		return
	}
	d.starts = []int{}
	for t := range extract.Tokens(d.text) {
		d.starts = append(d.starts, t.Start)
	}
}

// byText finds the occurrence of want nearest to where token index tok
// likely starts (estimate).
func (d *citronDecoder) byText(tok int, want string) (extract.Span, bool) {
	if want == "" {
		return extract.Span{}, false
	}
	est := d.estimate(tok)
	best := -1
	for off := 0; off <= len(d.text); {
		i := strings.Index(d.text[off:], want)
		if i < 0 {
			break
		}
		at := off + i
		if best < 0 || abs(at-est) < abs(best-est) {
			best = at
		}
		if at > est {
			break // later occurrences are further away
		}
		off = at + 1
	}
	if best < 0 {
		return extract.Span{}, false
	}
	return extract.SpanOf(d.text, best, best+len(want)), true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// quote adds quote qi to a, with sources as its source spans and names as
// the spans that name its speaker; speaker picks the Speaker.
func (d *citronDecoder) quote(a *Article, qi int, q citronQuote, sources, names []citronSpan, speaker func(source extract.Span, names []extract.Span) string) {
	what := fmt.Sprintf("quote %d", qi)
	var rs RoleSpans
	ok := true
	add := func(dst *[]extract.Span, role string, spans ...citronSpan) {
		for _, cs := range spans {
			s, good := d.span(what+" "+role, cs)
			ok = ok && good
			if dst != nil {
				*dst = append(*dst, s)
			}
		}
	}
	if q.Cue != nil {
		add(&rs.Cue, "cue", *q.Cue)
	}
	add(&rs.Source, "source", sources...)
	add(&rs.Content, "content", q.Contents...)
	var nameSpans []extract.Span
	add(&nameSpans, "coreference", names...)
	if !ok {
		return
	}
	c, ok := claimFromRoles(rs)
	if !ok {
		d.errs.Add(citronFile, 0, -1, "%s has no content", what)
		return
	}
	if q.Confidence != nil {
		c.Confidence = float64(*q.Confidence)
	}
	src := extract.Span{}
	if len(rs.Source) > 0 {
		src = rs.Source[0]
	}
	if name := speaker(src, nameSpans); name != "" {
		c.Speaker = citronSpeaker(a.Doc, name)
	}
	a.Claims = append(a.Claims, c)
	a.Pieces = append(a.Pieces, rs)
}

// citronSpeaker returns the speaker Citron's coreference name stands for:
// the person or organisation of d of that name (goldSpeaker), else a person
// the document did not cluster, since Citron resolves quotes to people.
func citronSpeaker(d *extract.Document, name string) claims.Speaker {
	sp := goldSpeaker(d, name)
	if sp.Kind == claims.OrgSpeaker && sp.Entity < 0 {
		sp.Kind = claims.PersonSpeaker
	}
	return sp
}

// fullestInGroup returns the text of the member with the most characters
// (the earliest on a tie) of the first group that holds source, or "".
func fullestInGroup(groups [][]extract.Span, source extract.Span) string {
	if source.IsEmpty() {
		return ""
	}
	for _, g := range groups {
		for _, m := range g {
			if m.Start != source.Start || m.End != source.End {
				continue
			}
			best := g[0]
			for _, o := range g[1:] {
				if n, b := len([]rune(o.Text)), len([]rune(best.Text)); n > b || n == b && o.Start < best.Start {
					best = o
				}
			}
			return collapse(best.Text)
		}
	}
	return ""
}

// collapse puts s on one line with single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// EncodeCitron writes the claims of a in Citron's annotation format, with
// character offsets, so that Citron's own reader (CitronParser) can read
// it: the text, and per claim a "cue" object, "sources", "contents",
// "coreferences" and "confidence"; "coreference_groups" holds the mentions
// of each person of a.Doc.People. Each claim's role spans are
// a.ClaimSpans(i): the raw pieces when a was imported (so import then
// export gives back the same spans), the claim's spans otherwise.
//
// Citron's reader needs a cue on every quote: a claim without one is left
// out. A claim whose speaker is a
// person of a.Doc.People gets as coreference that person's fullest mention
// (most characters, the earliest on a tie), as Citron's resolver picks one,
// unless it is the source itself.
func EncodeCitron(w io.Writer, a Article) error {
	text := ""
	var people []extract.Person
	var ents []extract.Entity
	if a.Doc != nil {
		text, people, ents = a.Doc.Text, a.Doc.People, a.Doc.Entities
	}
	co := newCharOffsets(text)
	conv := func(s extract.Span) (citronSpan, error) {
		cs, ok1 := co.charOffset(s.Start)
		ce, ok2 := co.charOffset(s.End)
		if !ok1 || !ok2 {
			return citronSpan{}, fmt.Errorf("corpus: Citron export of %s: span [%d,%d) %q is not on character boundaries", a.ID, s.Start, s.End, clip(s.Text))
		}
		t := s.Text
		return citronSpan{cs, ce, &t}, nil
	}
	convAll := func(spans []extract.Span) ([]citronSpan, error) {
		out := []citronSpan{}
		for _, s := range spans {
			js, err := conv(s)
			if err != nil {
				return nil, err
			}
			out = append(out, js)
		}
		return out, nil
	}
	mentions := func(p int) []extract.Span {
		if p < 0 || p >= len(people) {
			return nil
		}
		var out []extract.Span
		for _, m := range people[p].Mentions {
			if m >= 0 && m < len(ents) {
				out = append(out, ents[m].Span)
			}
		}
		return out
	}
	doc := citronDoc{Text: &text, Quotes: []citronQuote{}}
	if id, ok := strings.CutPrefix(a.ID, "citron:"); ok {
		doc.ID = id
	}
	for i := range a.Claims {
		rs := a.ClaimSpans(i)
		if len(rs.Cue) == 0 {
			continue
		}
		cue, err := conv(rs.Cue[0])
		if err != nil {
			return err
		}
		conf := citronConfidence(a.Claims[i].Confidence)
		q := citronQuote{Cue: &cue, Confidence: &conf}
		if q.Sources, err = convAll(rs.Source); err != nil {
			return err
		}
		if q.Contents, err = convAll(rs.Content); err != nil {
			return err
		}
		var corefs []extract.Span
		if ms := mentions(a.Claims[i].Speaker.Person); len(ms) > 0 {
			best := ms[0]
			for _, m := range ms[1:] {
				if n, b := len([]rune(m.Text)), len([]rune(best.Text)); n > b {
					best = m
				}
			}
			if len(rs.Source) == 0 || best.Text != rs.Source[0].Text {
				corefs = append(corefs, best)
			}
		}
		if q.Coreferences, err = convAll(corefs); err != nil {
			return err
		}
		doc.Quotes = append(doc.Quotes, q)
	}
	for p := range people {
		ms := mentions(p)
		if len(ms) == 0 {
			continue
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
		g, err := convAll(ms)
		if err != nil {
			return err
		}
		doc.CoreferenceGroups = append(doc.CoreferenceGroups, g)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("corpus: encoding Citron JSON for %s: %w", a.ID, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("corpus: writing Citron JSON for %s: %w", a.ID, err)
	}
	return nil
}

// MarshalJSON writes the confidence as a number.
func (c citronConfidence) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(c), 'f', -1, 64), nil
}
