package claims

import (
	"strings"
	"testing"

	"github.com/saywho/saywho/extract"
)

// stageWork returns the per-call state of an Attribute call on text, every
// stage reset but no sieve run, for the stage tests; release it with
// w.release().
func stageWork(t *testing.T, text string) *work {
	t.Helper()
	return newWork(Default(), extract.Parse(text))
}

// tokenRange returns the token range of the occ-th (from 0) occurrence of
// s in the text of w's document.
func tokenRange(t *testing.T, w *work, s string, occ int) extract.Range {
	t.Helper()
	at := -1
	for k := 0; k <= occ; k++ {
		i := strings.Index(w.d.Text[at+1:], s)
		if i < 0 {
			t.Fatalf("%q (occurrence %d) not in %q", s, occ, w.d.Text)
		}
		at += 1 + i
	}
	lo, hi := w.d.TokenAt(at), w.d.TokenAt(at+len(s)-1)
	if lo < 0 || hi < 0 {
		t.Fatalf("%q at byte %d is not on tokens", s, at)
	}
	return extract.Range{Lo: lo, Hi: hi + 1}
}

func TestSpeakerOf(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		source string // the source mention, its first occurrence after skip
		skip   int
		kind   SpeakerKind
		want   string
		rule   Rule
	}{
		{"a name in the source (P3)", "Maria Lopez, a nurse, said the ward was full.", "Maria Lopez, a nurse,", 0, PersonSpeaker, "Maria Lopez", RuleP3},
		{"a nominal names a group (P4)", "Opposition activists said that more people were arrested.", "Opposition activists", 0, GroupSpeaker, "Opposition activists", RuleP4},
		{"a group named up to its relative clause (P4)", "A spokesman for the port, who asked not to be named, said the cranes were idle.",
			"A spokesman for the port, who asked not to be named,", 0, GroupSpeaker, "A spokesman for the port", RuleP4},
		{"they is nobody (P4)", "They said the ward was full.", "They", 0, UnknownSpeaker, "", RuleP4},
		{"a pronoun takes the person before (P1)", "Tomas Berg runs the clinic. He said the ward was full.", "He", 0, PersonSpeaker, "Tomas Berg", RuleP1},
		{"never a name inside the quotation it follows (P1c)",
			"Mr. Oduya spoke last. “We will never trust Tomas Berg again,” he said.", "he", 0, PersonSpeaker, "Oduya", RuleP1},
		{"a description names the person described (P6)",
			"Artyom Shraibman, a political analyst, spoke first. Later the analyst said the talks had failed.", "the analyst", 0, PersonSpeaker, "Artyom Shraibman", RuleP6},
		{"a title names its holder (P6)",
			"Mayor Helen Markovic opened the dam. The mayor said it would hold.", "The mayor", 0, PersonSpeaker, "Helen Markovic", RuleP6},
		{"a description nobody had is a group (P4)",
			"Artyom Shraibman, a political analyst, spoke first. The economist said the talks had failed.", "The economist", 0, GroupSpeaker, "The economist", RuleP4},
		{"the ministry names the ministry (P5)",
			"The Ministry of Water Resources postponed the cuts. The ministry said the reservoirs were full.", "The ministry", 0, OrgSpeaker, "Ministry of Water Resources", RuleP5},
		{"a person in a phrase after a nominal head is not the speaker (P3a)",
			"An aide to Tomas Berg said the ward was full.", "An aide to Tomas Berg", 0, GroupSpeaker, "An aide to Tomas Berg", RuleP4},
		{"a label in capitals names a person of the document (P3)",
			"Mike Pence spoke at length.\n\nPENCE: Well, look, we will win.", "PENCE", 0, PersonSpeaker, "Mike Pence", RuleP3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := stageWork(t, tt.text)
			defer w.release()
			got := w.speakers.of(tokenRange(t, w, tt.source, tt.skip))
			if got.Kind != tt.kind || !strings.HasSuffix(got.Name, tt.want) || got.Rule != tt.rule {
				t.Errorf("speakers.of(%q) in %q = %s %q %s, want %s %q %s", tt.source, tt.text, got.Kind, got.Name, got.Rule, tt.kind, tt.want, tt.rule)
			}
			if got.Kind == PersonSpeaker && got.Person >= 0 && w.d.People[got.Person].Name != got.Name {
				t.Errorf("speakers.of(%q): person %d is %q, not %q", tt.source, got.Person, w.d.People[got.Person].Name, got.Name)
			}
		})
	}
}
