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
