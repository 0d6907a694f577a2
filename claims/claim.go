package claims

import (
	"fmt"

	"github.com/saywho/saywho/extract"
)

// Kind tells how a claim is reported. The zero value is Direct.
type Kind uint8

// Claim kinds.
const (
	Direct   Kind = iota // the content is quoted verbatim in quotation marks
	Indirect             // the content is reported in the writer's words ("said that …")
	Mixed                // a reported clause with quoted fragments inside
)

// String returns "direct", "indirect" or "mixed".
func (k Kind) String() string {
	switch k {
	case Direct:
		return "direct"
	case Indirect:
		return "indirect"
	case Mixed:
		return "mixed"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind returns the kind named s ("direct", "indirect" or "mixed").
func ParseKind(s string) (Kind, error) {
	switch s {
	case "direct":
		return Direct, nil
	case "indirect":
		return Indirect, nil
	case "mixed":
		return Mixed, nil
	}
	return Direct, fmt.Errorf("claims: unknown claim kind %q (want direct, indirect or mixed)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Claim is one attributed statement: who (Source, Speaker) said (Cue) what
// (Content). All spans are byte spans of the Document's text; a zero Span
// (Start == End == 0, Text == "") means the role is absent.
type Claim struct {
	Kind Kind
	// Content holds the spans of what was said, in text order: one span for
	// a plain quotation or clause, several when the content is interrupted
	// ("“…,” he said, “…”"). For direct quotes the spans exclude the marks.
	Content []extract.Span
	// Cue is the reporting expression ("said", "according to", ":"), or
	// the zero Span when there is none (a continued quotation).
	Cue extract.Span
	// Source is the mention the claim is attributed to in the text ("she",
	// "Ms. Khomich", "the State Department"), or the zero Span when the
	// speaker is not named.
	Source extract.Span
	// Speaker is the canonical name of who made the claim: a person's full
	// name from Document.People, or the name of an organisation; "" when
	// unknown (e.g. "a source").
	Speaker string
	// Person is the index into Document.People of the speaker, or -1 when
	// the speaker is not a clustered person.
	Person int
	// Confidence is the attributor's estimate, from 0 to 1, that the claim
	// and its attribution are right.
	Confidence float64
	// Paragraph and Sentence are the indices, into Document.Paragraphs and
	// Document.Sentences, of where the content starts.
	Paragraph, Sentence int
	// Continuation reports that the claim carries on an earlier one and
	// has the same Speaker and Person. Either it is a quotation with no cue
	// of its own that continues the nearest earlier claim with a quotation
	// (Kind Direct or Mixed), and has no Cue or Source; or it is the
	// quotation after an interrupting cue ("“…,” he said, but “…”"), and
	// repeats the Cue and Source of the claim before it. Corpora that count
	// such a quotation as part of the claim it continues (PolNeAR) can merge
	// the two: the claim it continues is the nearest earlier one with the
	// same Cue, or with a quotation when Cue is empty.
	Continuation bool
}

// Start returns the byte offset where the claim's first content span starts,
// or -1 when the claim has no content.
func (c *Claim) Start() int {
	if len(c.Content) == 0 {
		return -1
	}
	return c.Content[0].Start
}
