package saywho

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/saywho/saywho/claims"
)

// Speakers groups claims by canonical speaker across documents: the view
// of `saywho speakers`. Add each Result, then List. The zero value is
// ready to use; it is not safe for concurrent use. It keeps a copy of each
// claim's texts (not the documents), so memory grows with the claims, not
// with the text read.
type Speakers struct {
	index map[string]int
	list  []SpeakerClaims
}

// SpeakerClaims is one speaker and what they said, in the order added.
type SpeakerClaims struct {
	// Name is the canonical speaker name, "" for claims whose speaker is
	// unknown.
	Name string `json:"name"`
	// Documents is the number of documents with a claim of the speaker.
	Documents int            `json:"documents"`
	Claims    []SpeakerClaim `json:"claims"`
	lastDoc   string
}

// SpeakerClaim is one claim of a speaker: where it is and what was said,
// with the Result's offsets.
type SpeakerClaim struct {
	ID         string      `json:"id"`      // the Result's ID
	Kind       claims.Kind `json:"kind"`    // direct, indirect or mixed
	Content    string      `json:"content"` // the content pieces joined by " … "
	Start      int         `json:"start"`   // start of the first content piece
	End        int         `json:"end"`     // end of the last content piece
	Source     string      `json:"source"`  // the source mention as written, "" when none
	Cue        string      `json:"cue"`     // the cue as written, "" when none
	Confidence float64     `json:"confidence"`
}

// Add adds the claims of r.
func (s *Speakers) Add(r Result) {
	if s.index == nil {
		s.index = map[string]int{}
	}
	for _, c := range r.Claims {
		name := SpeakerKey(c)
		k, ok := s.index[name]
		if !ok {
			k = len(s.list)
			s.index[name] = k
			s.list = append(s.list, SpeakerClaims{Name: name})
		}
		sc := &s.list[k]
		if sc.Documents == 0 || sc.lastDoc != r.ID {
			sc.Documents++
			sc.lastDoc = r.ID
		}
		sc.Claims = append(sc.Claims, NewSpeakerClaim(r.ID, c))
	}
}

// SpeakerKey returns the name Speakers groups claim c under: the canonical
// speaker's name with each run of white space made one space, or "" when
// the speaker is unknown. An aggregate computed elsewhere (the Beam
// pipeline's combiner, examples/saywho-beam) groups by it so that its
// totals agree with Speakers.
func SpeakerKey(c Claim) string {
	if c.Speaker == nil {
		return ""
	}
	return strings.Join(strings.Fields(c.Speaker.Name), " ")
}

// NewSpeakerClaim returns claim c of the Result named id as Speakers lists
// it: its content pieces joined by " … ", from the start of the first piece
// to the end of the last in the Result's offsets, and its source and cue as
// written. Its strings are copies: it does not keep the document's text
// alive.
func NewSpeakerClaim(id string, c Claim) SpeakerClaim {
	cl := SpeakerClaim{ID: strings.Clone(id), Kind: c.Kind, Confidence: c.Confidence}
	var parts []string
	for _, p := range c.Content {
		parts = append(parts, p.Text)
	}
	cl.Content = strings.Clone(strings.Join(parts, " … "))
	if n := len(c.Content); n > 0 {
		cl.Start, cl.End = c.Content[0].Start, c.Content[n-1].End
	}
	if c.Source != nil {
		cl.Source = strings.Clone(c.Source.Text)
	}
	if c.Cue != nil {
		cl.Cue = strings.Clone(c.Cue.Text)
	}
	return cl
}

// List returns the speakers, most claims first (then by name), the
// unknown speaker last. The slice is the Speakers' own.
func (s *Speakers) List() []SpeakerClaims {
	sort.SliceStable(s.list, func(i, j int) bool {
		a, b := s.list[i], s.list[j]
		if (a.Name == "") != (b.Name == "") {
			return b.Name == ""
		}
		if len(a.Claims) != len(b.Claims) {
			return len(a.Claims) > len(b.Claims)
		}
		return a.Name < b.Name
	})
	for i, sc := range s.list {
		s.index[sc.Name] = i
	}
	return s.list
}

// WriteSpeakers writes list as text (FormatText: one block per speaker)
// or as one indented JSON array (FormatJSON); other formats are an error.
func WriteSpeakers(w io.Writer, list []SpeakerClaims, f Format) error {
	var buf bytes.Buffer
	switch f {
	case FormatJSON:
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if list == nil {
			list = []SpeakerClaims{}
		}
		if err := enc.Encode(list); err != nil {
			return fmt.Errorf("saywho: encoding speakers: %w", err)
		}
	case FormatText:
		for _, sc := range list {
			name := sc.Name
			if name == "" {
				name = "(unknown speaker)"
			}
			fmt.Fprintf(&buf, "== %s: %d claims in %d documents\n", name, len(sc.Claims), sc.Documents)
			for _, c := range sc.Claims {
				fmt.Fprintf(&buf, "  %s [%d-%d] %s %.2f: %s\n", c.ID, c.Start, c.End, c.Kind, c.Confidence, shorten(c.Content, 100))
			}
			buf.WriteByte('\n')
		}
	default:
		return fmt.Errorf("saywho: speakers are written as text or json, not %s", f)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return writeErr(f, "", err)
	}
	return nil
}
