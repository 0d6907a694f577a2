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
}

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
