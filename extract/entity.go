package extract

import "fmt"

// Label is the type of a named entity. The zero value is NoLabel.
type Label uint8

// Entity labels, as in CoNLL-2003. The constants are named like the CoNLL
// tags; String gives the names used in our JSON.
const (
	NoLabel Label = iota // not an entity
	PER                  // PERSON: people, real or fictional
	ORG                  // ORG: companies, agencies, parties, institutions
	LOC                  // LOC: countries, cities, regions, geographic features
	MISC                 // MISC: nationalities, events, works, other names
)

var labelNames = [...]string{NoLabel: "O", PER: "PERSON", ORG: "ORG", LOC: "LOC", MISC: "MISC"}

// String returns the label name used in our JSON: "PERSON", "ORG", "LOC",
// "MISC", or "O" for NoLabel.
func (l Label) String() string {
	if int(l) < len(labelNames) {
		return labelNames[l]
	}
	return fmt.Sprintf("Label(%d)", int(l))
}

// ParseLabel returns the label named s. It accepts our names ("PERSON",
// "ORG", "LOC", "MISC", "O") and the CoNLL short form "PER".
func ParseLabel(s string) (Label, error) {
	switch s {
	case "PERSON", "PER":
		return PER, nil
	case "ORG":
		return ORG, nil
	case "LOC":
		return LOC, nil
	case "MISC":
		return MISC, nil
	case "O", "":
		return NoLabel, nil
	}
	return NoLabel, fmt.Errorf("extract: unknown entity label %q (want PERSON, ORG, LOC or MISC)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (l Label) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseLabel.
func (l *Label) UnmarshalText(b []byte) error {
	v, err := ParseLabel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Entity is a named-entity mention: a span of the text, the tokens it
// covers and its label. Entities of a document do not overlap and are sorted
// by Start.
type Entity struct {
	Span
	Tokens Range // token indices covered by the mention
	Label  Label
	// Person is the index into Document.People of the person this mention
	// belongs to, or -1 when the entity is not a person mention or was not
	// clustered.
	Person int
}

// Gender is a grammatical gender hint for a person, from honorifics
// ("Mr.", "Ms.") and from pronouns that refer back to the person.
type Gender uint8

// Gender hints. The zero value is Unknown.
const (
	Unknown Gender = iota
	Male
	Female
)

// String returns "unknown", "male" or "female".
func (g Gender) String() string {
	switch g {
	case Male:
		return "male"
	case Female:
		return "female"
	}
	return "unknown"
}

// Person is one person of a document: the cluster of its PERSON mentions.
type Person struct {
	// Name is the canonical name: the fullest form among the mentions,
	// without honorifics or titles ("Aleksandr G. Lukashenko").
	Name string
	// Mentions are indices into Document.Entities, in text order.
	Mentions []int
	// Titles are the honorifics and titles seen before mentions, as written
	// ("Mr.", "President"), without duplicates.
	Titles []string
	// Gender is a hint from honorifics and pronouns; Unknown when neither
	// says.
	Gender Gender
	// Description is an appositive that describes the person ("a political
	// analyst who fled …"), or the zero Span when there is none.
	Description Span
}
