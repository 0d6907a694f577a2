package claims

import "fmt"

// Rule names the rule of the attributor that made a claim or resolved its
// speaker, as CoreNLP's quote attribution reports the sieve that fired:
// Claim.Rule is the sieve pass that found the claim and chose its source
// (L-, D- and I-rules), Speaker.Rule the rule that turned the source into
// a speaker (P-rules). The IDs are those of the package documentation and
// of the comments in the code; String returns the ID ("D1"), Describe a
// phrase. The zero value is NoRule.
type Rule uint8

// Rules. The order is stable only within a release: store IDs (String),
// not numbers.
const (
	NoRule Rule = iota

	// Speaker labels (labels.go).
	RuleL1 // "PENCE: Well, look, …": a label that opens a paragraph

	// Quotations (quotations.go).
	RuleD1  // “…,” X said: a cue after the quotation, its subject between
	RuleD1v // “…,” said X: an inverted cue after the quotation
	RuleD1s // “…,” X barked.: any verb whose subject follows the quotation, in the parse
	RuleD1d // “…” ― X: a dash and a name after the quotation
	RuleD2  // X said: “…”: a cue before the quotation, its subject
	RuleD3  // X: “…”: a colon after a noun phrase
	RuleD3b // X was blunt: “…”: a colon after a short clause whose subject speaks

	// Reported speech (reports.go, nested.go).
	RuleI1  // according to X, …
	RuleI1c // In the latest poll, …: a poll that opens the sentence
	RuleI1n // Mr. X, according to Y, said …: an aside nested in a source
	RuleI1r // X, who has long called for Y, said …: a relative clause nested in a source
	RuleI2  // X said (that) …: the subject of the cue
	RuleI3  // …, X said.: the clause before the comma, the subject of the cue
	RuleI3v // …, said X.: an inverted cue after the clause
	RuleI4  // …, X said, …: a cue that interrupts its content
	RuleI5  // X said …, adding that …: a second cue that shares the subject
	RuleI5b // she smiled and said …: the subject of the coordinated clause
	RuleI6  // X is defending …, saying …: a participle and the sentence's subject
	RuleI7  // X reports: and the next paragraph
	RuleI8  // X seemed to …: an evidential cue, no source
	RuleI9  // Asked whether …: a question, no source
	RuleI10 // … was reported by X: the agent of a passive cue
	RuleI11 // Citing …, X accused …: a participle that opens the sentence
	RuleI12 // As X have pointed out, …: a comment clause with "as"
	RuleI13 // the parse: the cue verb's subject and its clausal complement

	// Speakers (speakers.go).
	RuleP1  // a personal pronoun: the salient person of its gender nearby
	RuleP1b // a personal pronoun: the last person of its gender named before
	RuleP2  // a relative pronoun: the name before it
	RuleP3  // a name in the source
	RuleP4  // a group or a nominal that names no one ("officials", "a source")
	RuleP5  // "the ministry", "the group": the organisation named before
	RuleP6  // "the analyst": the person the article described so

	numRules
)

var ruleInfo = [numRules]struct{ id, what string }{
	NoRule:  {"", "no rule"},
	RuleL1:  {"L1", "speaker label"},
	RuleD1:  {"D1", "cue after the quotation"},
	RuleD1v: {"D1v", "inverted cue after the quotation"},
	RuleD1s: {"D1s", "verb after the quotation and its subject, in the parse"},
	RuleD1d: {"D1d", "dash and name after the quotation"},
	RuleD2:  {"D2", "cue before the quotation"},
	RuleD3:  {"D3", "colon before the quotation"},
	RuleD3b: {"D3b", "colon after a clause whose subject speaks"},
	RuleI1:  {"I1", "according to"},
	RuleI1c: {"I1c", "a poll that opens the sentence"},
	RuleI1n: {"I1n", "according-to aside nested in a source"},
	RuleI1r: {"I1r", "relative clause nested in a source"},
	RuleI2:  {"I2", "subject of the cue"},
	RuleI3:  {"I3", "clause before the subject and cue"},
	RuleI3v: {"I3v", "clause before an inverted cue"},
	RuleI4:  {"I4", "cue that interrupts its content"},
	RuleI5:  {"I5", "second cue sharing the subject"},
	RuleI5b: {"I5b", "subject of the coordinated clause"},
	RuleI6:  {"I6", "participle sharing the sentence's subject"},
	RuleI7:  {"I7", "cue and colon before the next paragraph"},
	RuleI8:  {"I8", "evidential cue, no source"},
	RuleI9:  {"I9", "question put to the speaker, no source"},
	RuleI10: {"I10", "agent of a passive cue"},
	RuleI11: {"I11", "participle that opens the sentence"},
	RuleI12: {"I12", "comment clause with as"},
	RuleI13: {"I13", "subject and clausal complement in the parse"},
	RuleP1:  {"P1", "pronoun, salient person nearby"},
	RuleP1b: {"P1b", "pronoun, last person of its gender"},
	RuleP2:  {"P2", "relative pronoun, the name before it"},
	RuleP3:  {"P3", "name in the source"},
	RuleP4:  {"P4", "group or nominal"},
	RuleP5:  {"P5", "nominal naming an organisation again"},
	RuleP6:  {"P6", "nominal describing a person"},
}

// String returns the rule's ID ("D1", "I2", "P1b"), or "" for NoRule.
func (r Rule) String() string {
	if r < numRules {
		return ruleInfo[r].id
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// Describe returns a short phrase that says what the rule does ("cue after
// the quotation").
func (r Rule) Describe() string {
	if r < numRules {
		return ruleInfo[r].what
	}
	return r.String()
}

// ParseRule returns the rule with ID s ("D1"); "" is NoRule.
func ParseRule(s string) (Rule, error) {
	for r := NoRule; r < numRules; r++ {
		if ruleInfo[r].id == s {
			return r, nil
		}
	}
	return NoRule, fmt.Errorf("claims: unknown rule %q (want an ID such as D1, I2 or P3)", s)
}

// MarshalText implements encoding.TextMarshaler: the rule's ID.
func (r Rule) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseRule.
func (r *Rule) UnmarshalText(b []byte) error {
	v, err := ParseRule(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
