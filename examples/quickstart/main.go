// Command quickstart is the README's usage example as a program: it finds
// who said what in a short article and prints one line per claim. The tests
// run it, so the README example always compiles and works.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

const article = `Tatyana Khomich, a sister of the jailed activist Maria Kolesnikova, welcomed the talks.
“The previous pressure strategy has failed,” she said.`

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	doc := extract.Parse(article) // tokens, sentences, entities, people
	for _, c := range claims.Attribute(doc) {
		speaker := c.Speaker.Name
		if speaker == "" {
			speaker = "(unknown)"
		}
		for _, s := range c.Content {
			if _, err := fmt.Fprintf(w, "%s [%s, bytes %d-%d]: %s\n", speaker, c.Kind, s.Start, s.End, s.Text); err != nil {
				return err
			}
		}
	}
	return nil
}
