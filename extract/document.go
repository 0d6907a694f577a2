package extract

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Sentence is one sentence: a span from its first token to its last, and
// the tokens it covers. Sentences never cross a paragraph boundary.
type Sentence struct {
	Span
	Tokens    Range // token indices of the sentence
	Paragraph int   // index into Document.Paragraphs
}

// Paragraph is one paragraph: a span from its first token to its last (line
// breaks around it are not included), with its sentences and tokens.
type Paragraph struct {
	Span
	Sentences Range // indices into Document.Sentences (a Range of sentence indices)
	Tokens    Range // token indices of the paragraph
}

// Document is an analysed text. Text is the input, never modified; every
// other layer refers to it by byte offsets.
//
// Invariants, checked by Validate:
//   - every span s of every layer has 0 <= s.Start <= s.End <= len(Text),
//     starts and ends on a rune boundary (or on an Invalid token's bytes), and
//     s.Text == Text[s.Start:s.End];
//   - Tokens, Sentences, Paragraphs, Entities and Datelines are each sorted
//     by Start and do not overlap;
//   - each sentence's Tokens range lies inside its paragraph's, and the
//     sentences of a paragraph cover exactly its tokens;
//   - Entity.Person and Person.Mentions refer to each other;
//   - with syntax (HasSyntax), every token of a sentence has a relation,
//     the sentence has exactly one root (Head -1, relation root), every
//     other head is a token of the same sentence and no token is its own
//     ancestor; without, no token has a relation.
//
// The slices belong to the document: callers may read them from many
// goroutines but must not modify them.
type Document struct {
	Text       string
	Tokens     []Token
	Sentences  []Sentence
	Paragraphs []Paragraph
	Entities   []Entity
	People     []Person
	// Recognized reports whether a recognizer tagged the document, so
	// that an empty Entities is its answer ("no names here") rather than
	// the absence of one (an Extractor built with WithNER(NERNone)).
	Recognized bool
	// Datelines are the placelines, bylines and section labels at the
	// starts of paragraphs (see Dateline), sorted and not overlapping; the
	// model recognizer sets them (the others leave them empty).
	Datelines []Dateline

	lower lowerTable // see Lower; set by Extract
}

// TokenAt returns the index of the token that contains byte offset off, or
// -1 when off falls in white space or outside the text.
func (d *Document) TokenAt(off int) int {
	i := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > off })
	if i < len(d.Tokens) && d.Tokens[i].Start <= off {
		return i
	}
	return -1
}

// SentenceOf returns the index of the sentence that contains token i, or -1.
func (d *Document) SentenceOf(i int) int {
	j := sort.Search(len(d.Sentences), func(j int) bool { return d.Sentences[j].Tokens.Hi > i })
	if j < len(d.Sentences) && d.Sentences[j].Tokens.Lo <= i {
		return j
	}
	return -1
}

// EntityAt returns the index of the entity that covers token i, or -1.
func (d *Document) EntityAt(i int) int {
	j := sort.Search(len(d.Entities), func(j int) bool { return d.Entities[j].Tokens.Hi > i })
	if j < len(d.Entities) && d.Entities[j].Tokens.Lo <= i {
		return j
	}
	return -1
}

// Span returns the span of Text between byte offsets start and end. It
// panics when the range is outside the text, like slicing.
func (d *Document) Span(start, end int) Span { return SpanOf(d.Text, start, end) }

// TokenSpan returns the span from the start of token r.Lo to the end of token
// r.Hi-1, or the zero Span when r is empty.
func (d *Document) TokenSpan(r Range) Span {
	if r.Hi <= r.Lo {
		return Span{}
	}
	return SpanOf(d.Text, d.Tokens[r.Lo].Start, d.Tokens[r.Hi-1].End)
}

// Validate checks the invariants listed on Document and returns the first
// violation found, or nil.
func (d *Document) Validate() error {
	check := func(layer string, i int, s Span, prevEnd int) error {
		if s.Start < 0 || s.End < s.Start || s.End > len(d.Text) {
			return fmt.Errorf("extract: %s %d: span [%d,%d) outside text of %d bytes", layer, i, s.Start, s.End, len(d.Text))
		}
		if d.Text[s.Start:s.End] != s.Text {
			return fmt.Errorf("extract: %s %d: span [%d,%d) text %q differs from the text it points to %q", layer, i, s.Start, s.End, s.Text, d.Text[s.Start:s.End])
		}
		if s.Start < prevEnd {
			return fmt.Errorf("extract: %s %d: span [%d,%d) overlaps or precedes the previous one ending at %d", layer, i, s.Start, s.End, prevEnd)
		}
		if !boundary(d.Text, s.Start) || !boundary(d.Text, s.End) {
			return fmt.Errorf("extract: %s %d: span [%d,%d) cuts a UTF-8 sequence", layer, i, s.Start, s.End)
		}
		return nil
	}
	prev := 0
	for i, t := range d.Tokens {
		if err := check("token", i, t.Span, prev); err != nil {
			return err
		}
		if t.IsEmpty() {
			return fmt.Errorf("extract: token %d at %d is empty", i, t.Start)
		}
		prev = t.End
	}
	validRange := func(layer string, i int, r Range) error {
		if r.Lo < 0 || r.Hi < r.Lo || r.Hi > len(d.Tokens) {
			return fmt.Errorf("extract: %s %d: token range [%d,%d) outside %d tokens", layer, i, r.Lo, r.Hi, len(d.Tokens))
		}
		return nil
	}
	prev = 0
	for i, p := range d.Paragraphs {
		if err := check("paragraph", i, p.Span, prev); err != nil {
			return err
		}
		if err := validRange("paragraph", i, p.Tokens); err != nil {
			return err
		}
		if p.Sentences.Lo < 0 || p.Sentences.Hi > len(d.Sentences) || p.Sentences.Hi < p.Sentences.Lo {
			return fmt.Errorf("extract: paragraph %d: sentence range [%d,%d) outside %d sentences", i, p.Sentences.Lo, p.Sentences.Hi, len(d.Sentences))
		}
		prev = p.End
	}
	prev = 0
	for i, s := range d.Sentences {
		if err := check("sentence", i, s.Span, prev); err != nil {
			return err
		}
		if err := validRange("sentence", i, s.Tokens); err != nil {
			return err
		}
		if s.Paragraph < 0 || s.Paragraph >= len(d.Paragraphs) {
			return fmt.Errorf("extract: sentence %d: paragraph %d out of range", i, s.Paragraph)
		}
		p := d.Paragraphs[s.Paragraph]
		if s.Tokens.Lo < p.Tokens.Lo || s.Tokens.Hi > p.Tokens.Hi || !p.Sentences.Contains(i) {
			return fmt.Errorf("extract: sentence %d is not inside its paragraph %d", i, s.Paragraph)
		}
		prev = s.End
	}
	prev = 0
	for i, e := range d.Entities {
		if err := check("entity", i, e.Span, prev); err != nil {
			return err
		}
		if err := validRange("entity", i, e.Tokens); err != nil {
			return err
		}
		if e.Person >= len(d.People) || (e.Person >= 0 && e.Label != PER) {
			return fmt.Errorf("extract: entity %d %q: person index %d invalid", i, e.Text, e.Person)
		}
		prev = e.End
	}
	prev = 0
	for i, l := range d.Datelines {
		if err := check("dateline", i, l.Span, prev); err != nil {
			return err
		}
		if err := validRange("dateline", i, l.Tokens); err != nil {
			return err
		}
		prev = l.End
	}
	if err := d.validateTrees(); err != nil {
		return err
	}
	for i, p := range d.People {
		for _, m := range p.Mentions {
			if m < 0 || m >= len(d.Entities) || d.Entities[m].Person != i {
				return fmt.Errorf("extract: person %d %q: mention %d does not point back", i, p.Name, m)
			}
		}
		if p.Description.Text != "" {
			if err := check("description of person", i, p.Description, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// boundary reports whether off is a place where a span may start or end:
// the ends of the text, a rune start, or the edge of invalid bytes.
func boundary(text string, off int) bool {
	if off <= 0 || off >= len(text) {
		return true
	}
	if utf8.RuneStart(text[off]) {
		return true
	}
	// off is inside a byte sequence that does not decode: allowed only when
	// the bytes before it do not form a valid rune that covers off.
	start := off
	for start > 0 && off-start < utf8.UTFMax && !utf8.RuneStart(text[start]) {
		start--
	}
	r, size := utf8.DecodeRuneInString(text[start:])
	return r == utf8.RuneError && size <= 1 || start+size <= off
}

// PersonOf returns the person that entity i mentions, or nil when i is out
// of range or the entity is not a clustered person mention. The Person
// belongs to the document (see Document).
func (d *Document) PersonOf(i int) *Person {
	if i < 0 || i >= len(d.Entities) {
		return nil
	}
	p := d.Entities[i].Person
	if p < 0 || p >= len(d.People) {
		return nil
	}
	return &d.People[p]
}

// PersonAt returns the index into People of the person mentioned by the
// entity that covers token i, or -1.
func (d *Document) PersonAt(i int) int {
	e := d.EntityAt(i)
	if e < 0 {
		return -1
	}
	return d.Entities[e].Person
}
