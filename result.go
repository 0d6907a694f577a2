package saywho

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Result is the analysis of one document: who said what, and the entities
// and people it names. Its JSON is the object the saywho command prints per
// document (-format jsonl, one per line; -format json, in an array):
//
//	{"id": "path/as/given.txt",
//	 "offsets": "bytes",
//	 "entities": [{"text": "Lukashenko", "label": "PERSON", "start": 312, "end": 322, "person": 0}],
//	 "people": [{"name": "Aleksandr G. Lukashenko", "gender": "male", "titles": ["President"],
//	             "description": null, "mentions": [0, 3]}],
//	 "claims": [{"kind": "direct", "content": [{"text": "…", "start": 10, "end": 52}],
//	             "cue": {"text": "said", "start": 55, "end": 59}, "source": {"text": "she", "start": 51, "end": 54},
//	             "speaker": {"name": "Tatyana Khomich", "person": 7}, "confidence": 0.9,
//	             "paragraph": 10, "sentence": 31, "continuation": false}]}
//
// The contract is stable and only ever gains fields; decoders should ignore
// fields they do not know. Every layer is an array, empty when there is
// nothing; cue, source, speaker and description are null when absent.
// Fields of a JSONL input line other than "id" and "text" (Extra) are
// written after "id", in input order. "warnings" is there only when the
// input was odd (see InputWarnings).
//
// Offsets says what start and end count: bytes of the text as given
// (Bytes, the default), or characters, that is Unicode code points (Chars,
// see WithOffsets), as Python, Citron and spaCy slice strings. Either way
// spans are half-open ranges from 0 and text is the covered text, so
// text[start:end] (in the unit of Offsets) is the span's text.
//
// A Result from Analyze remembers the text it was made from (Text), which
// WithOffsets and the Citron and text writers need; a Result decoded from
// JSON does not. A Result aliases its text: its strings share memory with
// the input.
type Result struct {
	// ID names the document: the path as given, "stdin", the "id" of a
	// JSONL line.
	ID string `json:"id"`
	// Extra holds the other fields of the JSONL line the document came
	// from, carried through to the output in input order. A field named
	// like one of the Result's own is not written.
	Extra []Field `json:"-"`
	// Offsets is the unit of every Start and End.
	Offsets Offsets `json:"offsets"`
	// Entities are the named-entity mentions, in text order.
	Entities []Entity `json:"entities"`
	// People are the people of the document, in order of first mention.
	People []Person `json:"people"`
	// Claims are the claims, in text order of their content.
	Claims []Claim `json:"claims"`
	// Warnings describe what is odd about the input (empty, invalid
	// UTF-8, binary, decoded from UTF-16); analysis went ahead anyway.
	Warnings []string `json:"warnings,omitempty"`

	text    string // the analysed text, for offset conversion and writers
	hasText bool
	doc     *extract.Document // the analysed document, kept WithDocuments
}

// Field is one field of a JSON object, kept as written.
type Field struct {
	Key   string
	Value json.RawMessage
}

// Span is a piece of the text: [Start, End) in the unit of the Result's
// Offsets, and the text it covers.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Entity is a named-entity mention.
type Entity struct {
	Text  string        `json:"text"`
	Label extract.Label `json:"label"` // PERSON, ORG, LOC or MISC
	Start int           `json:"start"`
	End   int           `json:"end"`
	// Person is the index into Result.People of the person mentioned, or
	// -1 for entities that are no clustered person.
	Person int `json:"person"`
}

// Person is one person of the document: the cluster of its mentions.
type Person struct {
	Name        string   `json:"name"`        // canonical name, the fullest mention without titles
	Gender      string   `json:"gender"`      // "male", "female" or "unknown"
	Titles      []string `json:"titles"`      // honorifics and titles as written
	Description *Span    `json:"description"` // an appositive describing the person, or null
	Mentions    []int    `json:"mentions"`    // indices into Result.Entities, in text order
}

// Claim is one attributed statement: who (Source, Speaker) said (Cue) what
// (Content). See claims.Claim for the meaning of each field.
type Claim struct {
	Kind    claims.Kind `json:"kind"`    // direct, indirect or mixed
	Content []Span      `json:"content"` // what was said, one span per contiguous piece
	Cue     *Span       `json:"cue"`     // the reporting expression, or null
	Source  *Span       `json:"source"`  // the mention the claim is attributed to, or null
	Speaker *Speaker    `json:"speaker"` // who said it, or null when unknown
	// Confidence is the attributor's estimate, from 0 to 1, that the claim
	// and its attribution are right.
	Confidence float64 `json:"confidence"`
	// Paragraph and Sentence are the indices, from 0, of the paragraph
	// and sentence where the content starts.
	Paragraph int `json:"paragraph"`
	Sentence  int `json:"sentence"`
	// Rule is the sieve pass that found the claim and chose its source
	// ("D1", "I2", …; see claims.Rule), as CoreNLP reports its sieve.
	Rule claims.Rule `json:"rule"`
	// Continuation is always false: a quotation that continues a claim is
	// one more content span of that claim (PolNeAR's convention). The field
	// stays so that the contract only ever gains fields.
	Continuation bool `json:"continuation"`
}

// Speaker is the canonical speaker of a claim. See claims.Speaker.
type Speaker struct {
	// Name is the person's full name, the organisation's name or the
	// group or nominal as written ("a spokesman for the ministry").
	Name string             `json:"name"`
	Kind claims.SpeakerKind `json:"kind"` // person, org or group
	// Person is the index into Result.People of a person speaker, or -1.
	Person int `json:"person"`
	// Entity is the index into Result.Entities of the mention that names
	// the speaker, or -1.
	Entity int `json:"entity"`
	// Rule is the rule that turned the source into this speaker (P1–P6).
	Rule        claims.Rule `json:"rule"`
	Description *Span       `json:"description,omitempty"` // the person's description, when known
}

// Text returns the text the Result was made from, and whether it is known
// (it is not for a Result decoded from JSON).
func (r *Result) Text() (string, bool) { return r.text, r.hasText }

// Document returns the analysed document (tokens with tags and trees,
// sentences, entities, people) when the Analyzer was built WithDocuments,
// else nil. It belongs to the Result: read it, do not modify it.
func (r *Result) Document() *extract.Document { return r.doc }

// ErrNoDocument is returned by writers that need the analysed document
// (Format.NeedsDocument) for a Result that does not keep it.
var ErrNoDocument = errors.New("saywho: the result does not keep its document (build the Analyzer WithDocuments)")

// newResult builds the Result of document d with claims cs. Everything
// aliases d.Text.
func newResult(id string, d *extract.Document, cs []claims.Claim) Result {
	r := Result{ID: id, text: d.Text, hasText: true,
		Entities: make([]Entity, 0, len(d.Entities)), People: make([]Person, 0, len(d.People)), Claims: make([]Claim, 0, len(cs))}
	// Every span and speaker of the Result comes from two slices sized
	// here, not from an allocation each.
	nSpans, nSpeakers := len(d.People), 0
	for _, c := range cs {
		nSpans += len(c.Content) + 3
		if c.Speaker.Kind != claims.UnknownSpeaker {
			nSpeakers++
		}
	}
	ar := spanArena{spans: make([]Span, 0, nSpans)}
	speakers := make([]Speaker, 0, nSpeakers)
	optSpan := ar.opt
	for _, e := range d.Entities {
		r.Entities = append(r.Entities, Entity{Text: e.Text, Label: e.Label, Start: e.Start, End: e.End, Person: e.Person})
	}
	for _, p := range d.People {
		titles, mentions := p.Titles, p.Mentions
		if titles == nil {
			titles = []string{}
		}
		if mentions == nil {
			mentions = []int{}
		}
		r.People = append(r.People, Person{Name: p.Name, Gender: p.Gender.String(), Titles: titles, Description: optSpan(p.Description), Mentions: mentions})
	}
	for _, c := range cs {
		cl := Claim{Kind: c.Kind, Cue: optSpan(c.Cue), Source: optSpan(c.Source),
			Confidence: c.Confidence, Paragraph: c.Paragraph, Sentence: c.Sentence, Rule: c.Rule}
		k := len(ar.spans)
		for _, s := range c.Content {
			ar.spans = append(ar.spans, Span{Text: s.Text, Start: s.Start, End: s.End})
		}
		cl.Content = ar.spans[k:len(ar.spans):len(ar.spans)]
		if s := c.Speaker; s.Kind != claims.UnknownSpeaker {
			speakers = append(speakers, Speaker{Name: s.Name, Kind: s.Kind, Person: s.Person, Entity: s.Entity, Rule: s.Rule})
			sp := &speakers[len(speakers)-1]
			if s.Person >= 0 && s.Person < len(d.People) {
				sp.Description = optSpan(d.People[s.Person].Description)
			}
			cl.Speaker = sp
		}
		r.Claims = append(r.Claims, cl)
	}
	return r
}

// spanArena hands out the Spans of one Result from one slice, sized by
// newResult so that it never grows while pointers into it are out (if it
// did grow, the old pointers would stay valid, only the saving would go).
type spanArena struct{ spans []Span }

// opt returns nil for the zero Span, which marks an absent role, else a
// pointer to a copy of s in the arena.
func (a *spanArena) opt(s extract.Span) *Span {
	if s == (extract.Span{}) {
		return nil
	}
	a.spans = append(a.spans, Span{Text: s.Text, Start: s.Start, End: s.End})
	return &a.spans[len(a.spans)-1]
}

// ErrNoText is returned by WithOffsets for a Result that does not know its
// text (one decoded from JSON).
var ErrNoText = errors.New("saywho: the result does not hold its text (decoded from JSON?), so its offsets cannot be converted")

// WithOffsets returns r with every start and end counted in unit u. It
// copies the layers that hold offsets; r is unchanged. Converting needs the
// text (ErrNoText otherwise) and costs one pass over it plus a binary
// search per offset. An invalid UTF-8 byte counts as one character, as
// Python's "surrogateescape" and the U+FFFD that JSON output puts in its
// place both count it.
func (r Result) WithOffsets(u Offsets) (Result, error) {
	if r.Offsets == u {
		return r, nil
	}
	if !r.hasText {
		return r, ErrNoText
	}
	ci := newCharIndex(r.text)
	conv := ci.chars
	if u == Bytes {
		conv = ci.bytes
	}
	r.Offsets = u
	convert(&r, conv)
	return r, nil
}

// convert rewrites every offset of r with f, copying the slices and
// pointers it changes. A layer added to Result that holds offsets must be
// converted here (TestWithOffsetsCoversEverySpan walks the type to check).
func convert(r *Result, f func(int) int) {
	span := func(s *Span) *Span {
		if s == nil {
			return nil
		}
		c := *s
		c.Start, c.End = f(s.Start), f(s.End)
		return &c
	}
	r.Entities = slices.Clone(r.Entities)
	for i := range r.Entities {
		e := &r.Entities[i]
		e.Start, e.End = f(e.Start), f(e.End)
	}
	r.People = slices.Clone(r.People)
	for i := range r.People {
		r.People[i].Description = span(r.People[i].Description)
	}
	r.Claims = slices.Clone(r.Claims)
	for i := range r.Claims {
		c := &r.Claims[i]
		c.Content = slices.Clone(c.Content)
		for k := range c.Content {
			c.Content[k] = *span(&c.Content[k])
		}
		c.Cue, c.Source = span(c.Cue), span(c.Source)
		if c.Speaker != nil {
			sp := *c.Speaker
			sp.Description = span(sp.Description)
			c.Speaker = &sp
		}
	}
}

// resultFields is Result without its methods, for encoding/json.
type resultFields Result

// ownKeys are the JSON keys of Result; an Extra field with one of these
// names is not written.
var ownKeys = []string{"id", "offsets", "entities", "people", "claims", "warnings"}

// MarshalJSON encodes r as documented on Result, without HTML escaping
// (encoding/json's Marshal escapes <, > and & again; a json.Encoder with
// SetEscapeHTML(false) keeps them).
func (r Result) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(newWire(&r)); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(r.Extra) == 0 {
		return b, nil
	}
	// Splice the extra fields in after "id": the encoder writes
	// {"id":…,"offsets":…; find the comma before "offsets".
	cut := bytes.Index(b, []byte(`,"offsets":`))
	if cut < 0 {
		return nil, fmt.Errorf("saywho: encoding result %s: no offsets field", r.ID)
	}
	out := make([]byte, 0, len(b)+64*len(r.Extra))
	out = append(out, b[:cut]...)
	for _, f := range r.Extra {
		if slices.Contains(ownKeys, f.Key) {
			continue
		}
		key, err := marshalNoEscape(f.Key)
		if err != nil {
			return nil, err
		}
		var val bytes.Buffer
		if err := json.Compact(&val, f.Value); err != nil {
			return nil, fmt.Errorf("saywho: encoding result %s: field %q: %w", r.ID, f.Key, err)
		}
		out = append(out, ',')
		out = append(out, key...)
		out = append(out, ':')
		out = append(out, val.Bytes()...)
	}
	return append(out, b[cut:]...), nil
}

// UnmarshalJSON decodes the JSON of a Result; fields it does not know go to
// Extra, in input order. The Result does not know its text.
func (r *Result) UnmarshalJSON(data []byte) error {
	var fields resultFields
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	extra, err := objectFields(data, func(k string) bool { return !slices.Contains(ownKeys, k) })
	if err != nil {
		return err
	}
	*r = Result(fields)
	r.Extra = extra
	return nil
}

// objectFields returns the fields of the JSON object data for which keep
// returns true, in order.
func objectFields(data []byte, keep func(string) bool) ([]Field, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("saywho: want a JSON object")
	}
	var out []Field
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		if keep(key) {
			out = append(out, Field{Key: key, Value: raw})
		}
	}
	return out, nil
}

// marshalNoEscape encodes v as JSON without HTML escaping and without the
// newline json.Encoder adds.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Offsets is the unit that span offsets count in. The zero value is Bytes.
type Offsets uint8

// Offset units.
const (
	Bytes Offsets = iota // bytes of the UTF-8 text as given, from 0 (Go's string indices)
	Chars                // Unicode code points, from 0 (Python's str indices; Citron, spaCy, brat)
)

// String returns "bytes" or "chars".
func (u Offsets) String() string {
	switch u {
	case Bytes:
		return "bytes"
	case Chars:
		return "chars"
	}
	return fmt.Sprintf("Offsets(%d)", int(u))
}

// ParseOffsets returns the unit named s: "bytes" or "chars".
func ParseOffsets(s string) (Offsets, error) {
	switch strings.ToLower(s) {
	case "bytes", "":
		return Bytes, nil
	case "chars", "characters", "codepoints":
		return Chars, nil
	}
	return Bytes, fmt.Errorf("saywho: unknown offset unit %q (want bytes or chars)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (u Offsets) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseOffsets.
func (u *Offsets) UnmarshalText(b []byte) error {
	v, err := ParseOffsets(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}
