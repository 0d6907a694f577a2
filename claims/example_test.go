package claims_test

import (
	"fmt"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

func ExampleAttribute() {
	doc := extract.Parse("“We will rebuild the bridge by spring,” the mayor said on Monday.")
	for _, c := range claims.Attribute(doc) {
		fmt.Printf("%s: source %q [%d,%d), cue %q, content %q [%d,%d)\n",
			c.Kind, c.Source.Text, c.Source.Start, c.Source.End, c.Cue.Text,
			c.Content[0].Text, c.Content[0].Start, c.Content[0].End)
	}
	// Output:
	// direct: source "the mayor" [44,53), cue "said", content "“We will rebuild the bridge by spring,”" [0,43)
}

// Pronouns take the speaker they refer to: here the subject of the
// previous sentence, the person with a matching gender.
func ExampleAttribute_pronoun() {
	doc := extract.Parse("Tatyana Khomich, a sister of Maria Kolesnikova, welcomed the talks. “The pressure has failed,” she said.")
	for _, c := range claims.Attribute(doc) {
		fmt.Printf("%s %q (%s) said %q\n", c.Kind, c.Source.Text, c.Speaker.Name, c.Content[0].Text)
	}
	// Output:
	// direct "she" (Tatyana Khomich) said "“The pressure has failed,”"
}

// A quotation interrupted by its cue is one claim with two content spans,
// each with its marks; ContentText shows the words alone.
func ExampleClaim_ContentText() {
	doc := extract.Parse("“The bridge will reopen,” the mayor said, “but not before the spring.”")
	for _, c := range claims.Attribute(doc) {
		for _, s := range c.Content {
			fmt.Printf("[%d,%d) %s\n", s.Start, s.End, s.Text)
		}
		fmt.Println(c.ContentText())
	}
	// Output:
	// [0,29) “The bridge will reopen,”
	// [46,78) “but not before the spring.”
	// The bridge will reopen, … but not before the spring.
}

// The speaker says what it is, and which rule resolved it: a description
// resolves to the person it describes (P6), a nominal that names no one
// is a group (P4).
func ExampleSpeaker() {
	doc := extract.Parse("Artyom Shraibman, a political analyst, spoke first. Later the analyst said the talks had failed. Officials said they had not.")
	for _, c := range claims.Attribute(doc) {
		fmt.Printf("%q: %s %q (rule %s, person %d); claim rule %s\n", c.Source.Text, c.Speaker.Kind, c.Speaker.Name, c.Speaker.Rule, c.Speaker.Person, c.Rule)
	}
	// Output:
	// "the analyst": person "Artyom Shraibman" (rule P6, person 0); claim rule I2
	// "Officials": group "Officials" (rule P4, person -1); claim rule I2
}
