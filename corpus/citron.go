package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/saywho/saywho/extract"
)

// Citron JSON, as BBC Citron reads and writes annotated documents: the text
// and its quotes, each with a cue span, source spans and content spans.
// Offsets count characters (code points), half-open.
//
//	{"text": "…",
//	 "quotes": [{"cue": {"start": 71, "end": 75, "text": "said"},
//	             "sources": [{"start": 51, "end": 70, "text": "…"}],
//	             "contents": [{"start": 0, "end": 49, "text": "…"}],
//	             "confidence": 0.9}]}
type (
	citronDoc struct {
		ID     string        `json:"id,omitempty"`
		Text   *string       `json:"text"`
		Quotes []citronQuote `json:"quotes"`
	}
	citronQuote struct {
		Cue        *jsonSpan  `json:"cue"`
		Sources    []jsonSpan `json:"sources"`
		Contents   []jsonSpan `json:"contents"`
		Confidence *float64   `json:"confidence,omitempty"`
	}
)

// DecodeCitron reads one document in Citron's JSON format (see above;
// fields other than id, text and quotes, such as coreferences, are
// ignored) and returns it as an Article with layer LayerClaims and ID
// "citron:" plus the document's "id" when it has one.
//
// Each quote becomes a claim as a PolNeAR attribution does (see
// LoadPolNeAR): the raw spans go to Article.Pieces; Kind comes from the
// quotation marks in the contents; contents keep their marks; Cue
// and Source are the cue and the first source. Character offsets are
// converted to bytes and every span's text is checked. Problems come back
// as an ErrorList naming "<citron>" and the quote; decoding never panics.
func DecodeCitron(r io.Reader) (Article, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Article{}, fmt.Errorf("corpus: reading Citron JSON: %w", err)
	}
	const file = "<citron>"
	var errs ErrorList
	var doc citronDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		errs.Add(file, 0, -1, "not Citron JSON: %v", err)
		return Article{}, errs.Err()
	}
	if doc.Text == nil {
		errs.Add(file, 0, -1, "no \"text\" field")
		return Article{}, errs.Err()
	}
	text := *doc.Text
	co := newCharOffsets(text)
	span := func(what string, s jsonSpan) (extract.Span, bool) {
		bs, ok1 := co.byteOffset(s.Start)
		be, ok2 := co.byteOffset(s.End)
		switch {
		case !ok1 || !ok2 || s.End < s.Start:
			errs.Add(file, 0, -1, "%s: span [%d,%d) is outside the text of %d characters (offsets count characters)", what, s.Start, s.End, co.chars())
			return extract.Span{}, false
		case text[bs:be] != s.Text:
			errs.Add(file, 0, -1, "%s: text %q differs from the text at characters [%d,%d) %q", what, clip(s.Text), s.Start, s.End, clip(text[bs:be]))
			return extract.Span{}, false
		}
		return extract.SpanOf(text, bs, be), true
	}
	a := Article{ID: "citron:" + doc.ID, Source: "Citron JSON", Doc: &extract.Document{Text: text}, Layers: LayerClaims, Pieces: []RoleSpans{}}
	if doc.ID == "" {
		a.ID = "citron"
	}
	for qi, q := range doc.Quotes {
		what := fmt.Sprintf("quote %d", qi)
		var rs RoleSpans
		ok := true
		add := func(dst *[]extract.Span, role string, spans ...jsonSpan) {
			for _, js := range spans {
				s, good := span(what+" "+role, js)
				ok = ok && good
				*dst = append(*dst, s)
			}
		}
		if q.Cue != nil {
			add(&rs.Cue, "cue", *q.Cue)
		}
		add(&rs.Source, "source", q.Sources...)
		add(&rs.Content, "content", q.Contents...)
		if !ok {
			continue
		}
		c, ok := claimFromRoles(rs)
		if !ok {
			errs.Add(file, 0, -1, "%s has no content", what)
			continue
		}
		if q.Confidence != nil {
			c.Confidence = *q.Confidence
		}
		a.Claims = append(a.Claims, c)
		a.Pieces = append(a.Pieces, rs)
	}
	sortClaims(&a)
	return a, errs.Err()
}

// EncodeCitron writes the claims of a in Citron's JSON format, with
// character offsets. Each claim's role spans are a.ClaimSpans(i): the raw
// pieces when a was imported (so import then export gives back the same
// spans), the claim's spans otherwise. Canonical speakers have no place in
// the format and are not written.
func EncodeCitron(w io.Writer, a Article) error {
	text := ""
	if a.Doc != nil {
		text = a.Doc.Text
	}
	co := newCharOffsets(text)
	conv := func(s extract.Span) (jsonSpan, error) {
		cs, ok1 := co.charOffset(s.Start)
		ce, ok2 := co.charOffset(s.End)
		if !ok1 || !ok2 {
			return jsonSpan{}, fmt.Errorf("corpus: Citron export of %s: span [%d,%d) %q is not on character boundaries", a.ID, s.Start, s.End, clip(s.Text))
		}
		return jsonSpan{cs, ce, s.Text}, nil
	}
	doc := citronDoc{Text: &text, Quotes: []citronQuote{}}
	if id, ok := bytes.CutPrefix([]byte(a.ID), []byte("citron:")); ok {
		doc.ID = string(id)
	}
	for i := range a.Claims {
		rs := a.ClaimSpans(i)
		q := citronQuote{Sources: []jsonSpan{}, Contents: []jsonSpan{}}
		conf := a.Claims[i].Confidence
		q.Confidence = &conf
		if len(rs.Cue) > 0 {
			s, err := conv(rs.Cue[0])
			if err != nil {
				return err
			}
			q.Cue = &s
		}
		for _, src := range []struct {
			from []extract.Span
			to   *[]jsonSpan
		}{{rs.Source, &q.Sources}, {rs.Content, &q.Contents}} {
			for _, s := range src.from {
				js, err := conv(s)
				if err != nil {
					return err
				}
				*src.to = append(*src.to, js)
			}
		}
		doc.Quotes = append(doc.Quotes, q)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("corpus: writing Citron JSON for %s: %w", a.ID, err)
	}
	return nil
}
