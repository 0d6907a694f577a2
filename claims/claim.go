package claims

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// ("“…,” he said, “…”"), runs over paragraphs, or continues in a later
	// quotation with no cue of its own ("“…,” he said. “…”"), which is part
	// of the claim it continues, as PolNeAR annotates it. A quotation's
	// span includes its quotation marks, as PolNeAR, CofeNet, Citron and
	// CoreNLP mark it; ContentText gives the text without them.
	Content []extract.Span
	// Cue is the reporting expression ("said", "according to", ":"), or
	// the zero Span when there is none.
	Cue extract.Span
	// Source is the mention the claim is attributed to in the text ("she",
	// "Ms. Khomich", "the State Department"), or the zero Span when the
	// speaker is not named.
	Source extract.Span
	// Speaker says who made the claim: a person, an organisation, a group
	// or nominal, or nobody the text identifies (see Speaker).
	Speaker Speaker
	// Rule is the sieve pass that found the claim and chose its source
	// (D1, I2, …; see Rule), as CoreNLP reports its sieve.
	Rule Rule
	// Confidence is the attributor's estimate, from 0 to 1, that the claim
	// and its attribution are right (its content and source overlap those
	// of the claim an annotator would mark), calibrated per Rule on PolNeAR
	// train: of the claims at 0.9, about nine in ten are right (see
	// Calibration; `saywho eval` prints the reliability on dev).
	Confidence float64
	// Paragraph and Sentence are the indices, into Document.Paragraphs and
	// Document.Sentences, of where the content starts.
	Paragraph, Sentence int
}

// SpeakerKind tells what a claim's speaker is. The zero value is
// UnknownSpeaker.
type SpeakerKind uint8

// Speaker kinds.
const (
	// UnknownSpeaker: the text identifies nobody (no source, or a pronoun
	// such as "they" or "I" with no antecedent).
	UnknownSpeaker SpeakerKind = iota
	// PersonSpeaker: a person, named in the source or resolved from a
	// pronoun or a description ("the analyst").
	PersonSpeaker
	// OrgSpeaker: an organisation, named in the source or by a nominal
	// that names it again ("the ministry").
	OrgSpeaker
	// GroupSpeaker: a group or a nominal that names no one: "officials",
	// "a spokesman", "critics", "many of whom".
	GroupSpeaker
)

// String returns "unknown", "person", "org" or "group".
func (k SpeakerKind) String() string {
	switch k {
	case UnknownSpeaker:
		return "unknown"
	case PersonSpeaker:
		return "person"
	case OrgSpeaker:
		return "org"
	case GroupSpeaker:
		return "group"
	}
	return fmt.Sprintf("SpeakerKind(%d)", int(k))
}

// ParseSpeakerKind returns the speaker kind named s ("unknown", "person",
// "org" or "group").
func ParseSpeakerKind(s string) (SpeakerKind, error) {
	for k := UnknownSpeaker; k <= GroupSpeaker; k++ {
		if k.String() == s {
			return k, nil
		}
	}
	return UnknownSpeaker, fmt.Errorf("claims: unknown speaker kind %q (want unknown, person, org or group)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (k SpeakerKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseSpeakerKind.
func (k *SpeakerKind) UnmarshalText(b []byte) error {
	v, err := ParseSpeakerKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Speaker is who made a claim, as far as the article says.
type Speaker struct {
	Kind SpeakerKind
	// Name is the canonical name: the person's Name from Document.People
	// (or the capitalised name when the document has no people), the
	// organisation's name as its entity writes it ("State Department"),
	// the group or nominal as written, from its first word to its head
	// ("Opposition activists", "a spokesman for the ministry"), or "" for
	// UnknownSpeaker.
	Name string
	// Person is the index into Document.People of a PersonSpeaker, or -1
	// (any other kind, or a person the document did not cluster).
	Person int
	// Entity is the index into Document.Entities of the mention that names
	// the speaker: the organisation's entity for an OrgSpeaker, the
	// person's mention in the source or the one a pronoun or description
	// refers to for a PersonSpeaker; -1 when there is none (no NER, a
	// group, an unknown speaker, a pronoun resolved through an earlier
	// claim).
	Entity int
	// Rule is the rule that turned the source into this speaker (P1–P6),
	// NoRule when there is no source.
	Rule Rule
}

// IsNamed reports whether the speaker is a person or an organisation, the
// kinds whose Name is a name rather than a description.
func (s Speaker) IsNamed() bool { return s.Kind == PersonSpeaker || s.Kind == OrgSpeaker }

// Start returns the byte offset where the claim's first content span starts,
// or -1 when the claim has no content.
func (c *Claim) Start() int {
	if len(c.Content) == 0 {
		return -1
	}
	return c.Content[0].Start
}

// ContentText returns the claim's content for display: the text of its
// content spans joined by " … ", each without the quotation marks that
// enclose it (see TrimMarks). It allocates the joined string when there
// are several spans.
func (c *Claim) ContentText() string {
	switch len(c.Content) {
	case 0:
		return ""
	case 1:
		return TrimMarks(c.Content[0]).Text
	}
	var b strings.Builder
	for i, s := range c.Content {
		if i > 0 {
			b.WriteString(" … ")
		}
		b.WriteString(TrimMarks(s).Text)
	}
	return b.String()
}

// TrimMarks returns s without the quotation marks that enclose it, and the
// white space inside them: “…” and «…» lose both marks, the opening part
// of a quotation that runs on to the next paragraph (“… with no closing
// mark) loses its opening mark, and a quotation whose opening mark was
// dropped (…” with no mark before it) its closing one. Marks that do not
// enclose the whole span stay: "the plan was “dead”" and "“A” and “B”" are
// returned as they are. The result is a span of the same text (Text is
// re-sliced, not copied), so its offsets stay right.
func TrimMarks(s extract.Span) extract.Span {
	t := s.Text
	first, fsize := utf8.DecodeRuneInString(t)
	lastR, lsize := utf8.DecodeLastRuneInString(t)
	cls := classOf(string(first))
	opens := fsize > 0 && cls != notMark && !isClosing(first)
	lo, hi := 0, len(t)
	switch {
	case opens:
		// Find where the opening mark's quotation closes.
		depth := 0
		closedAt := -1
		for i, r := range t {
			if classOf(string(r)) != cls || cls == singleMark && r == '’' && i+len("’") < len(t) && isLetterAt(t, i+len("’")) {
				continue // another class, or an apostrophe ("don’t")
			}
			switch {
			case i == 0 || depth == 0:
				depth++
			case r == '"' || r == '\'' || isClosing(r):
				depth--
			default:
				depth++
			}
			if depth == 0 {
				closedAt = i
				break
			}
		}
		lo = fsize
		switch {
		case closedAt < 0:
			// Not closed in the span: the first part of a longer quotation.
		case closedAt == len(t)-lsize:
			hi = len(t) - lsize
		default:
			return s // "“A” and “B”": the marks do not enclose the span
		}
	case lsize > 0 && isClosing(lastR) && classOf(string(lastR)) == doubleMark && !strings.ContainsAny(t[:len(t)-lsize], "“”\"„«»"):
		hi = len(t) - lsize // a dropped opening mark (Q9)
	default:
		return s
	}
	inner := t[lo:hi]
	trimmed := strings.TrimLeftFunc(inner, unicode.IsSpace)
	start := s.Start + lo + len(inner) - len(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	return extract.Span{Start: start, End: start + len(trimmed), Text: trimmed}
}

// isClosing reports whether r is a closing quotation mark (straight marks
// are not).
func isClosing(r rune) bool {
	switch r {
	case '”', '’', '»', '›':
		return true
	}
	return false
}

// isLetterAt reports whether the text at byte i starts with a letter.
func isLetterAt(t string, i int) bool {
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsLetter(r)
}
