package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// The JSON shapes of the output contract. Fields are only ever added.

type spanJSON struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type entityJSON struct {
	Text   string `json:"text"`
	Label  string `json:"label"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Person int    `json:"person"`
}

type personJSON struct {
	Name        string    `json:"name"`
	Gender      string    `json:"gender"`
	Titles      []string  `json:"titles"`
	Description *spanJSON `json:"description"`
	Mentions    []int     `json:"mentions"`
}

type speakerJSON struct {
	Name        string    `json:"name"`
	Kind        string    `json:"kind"` // person, org or group
	Person      int       `json:"person"`
	Entity      int       `json:"entity"`
	Rule        string    `json:"rule"` // the P-rule that resolved the source
	Description *spanJSON `json:"description,omitempty"`
}

type claimJSON struct {
	Kind       string       `json:"kind"`
	Content    []spanJSON   `json:"content"`
	Cue        *spanJSON    `json:"cue"`
	Source     *spanJSON    `json:"source"`
	Speaker    *speakerJSON `json:"speaker"`
	Confidence float64      `json:"confidence"`
	Paragraph  int          `json:"paragraph"`
	Sentence   int          `json:"sentence"`
	Rule       string       `json:"rule"` // the sieve pass that found the claim and its source
	// Continuation is always false: since issue 10 a quotation that
	// continues a claim is one more content span of that claim. The field
	// stays so that the contract only ever gains fields.
	Continuation bool `json:"continuation"`
}

type docJSON struct {
	ID       string       `json:"id"`
	Entities []entityJSON `json:"entities"`
	People   []personJSON `json:"people"`
	Claims   []claimJSON  `json:"claims"`
}

func makeSpan(s extract.Span) spanJSON { return spanJSON{Text: s.Text, Start: s.Start, End: s.End} }

// optSpan returns nil for the zero Span, which marks an absent role.
func optSpan(s extract.Span) *spanJSON {
	if s == (extract.Span{}) {
		return nil
	}
	j := makeSpan(s)
	return &j
}

func makeDocJSON(id string, d *extract.Document, cs []claims.Claim) docJSON {
	out := docJSON{ID: id, Entities: []entityJSON{}, People: []personJSON{}, Claims: []claimJSON{}}
	for _, e := range d.Entities {
		out.Entities = append(out.Entities, entityJSON{Text: e.Text, Label: e.Label.String(), Start: e.Start, End: e.End, Person: e.Person})
	}
	for _, p := range d.People {
		titles := p.Titles
		if titles == nil {
			titles = []string{}
		}
		mentions := p.Mentions
		if mentions == nil {
			mentions = []int{}
		}
		out.People = append(out.People, personJSON{Name: p.Name, Gender: p.Gender.String(), Titles: titles, Description: optSpan(p.Description), Mentions: mentions})
	}
	for _, c := range cs {
		cj := claimJSON{Kind: c.Kind.String(), Content: []spanJSON{}, Cue: optSpan(c.Cue), Source: optSpan(c.Source),
			Confidence: c.Confidence, Paragraph: c.Paragraph, Sentence: c.Sentence, Rule: c.Rule.String()}
		for _, s := range c.Content {
			cj.Content = append(cj.Content, makeSpan(s))
		}
		if s := c.Speaker; s.Kind != claims.UnknownSpeaker {
			sp := &speakerJSON{Name: s.Name, Kind: s.Kind.String(), Person: s.Person, Entity: s.Entity, Rule: s.Rule.String()}
			if s.Person >= 0 && s.Person < len(d.People) {
				sp.Description = optSpan(d.People[s.Person].Description)
			}
			cj.Speaker = sp
		}
		out.Claims = append(out.Claims, cj)
	}
	return out
}

// writeText prints one document as readable tables: people, other entities,
// then who said what.
func writeText(w io.Writer, d docJSON) {
	fmt.Fprintf(w, "== %s\n", d.ID)
	fmt.Fprintf(w, "\nPeople (%d)\n", len(d.People))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, p := range d.People {
		desc := ""
		if p.Description != nil {
			desc = shorten(p.Description.Text, 60)
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%d mentions\t%s\n", i, p.Name, p.Gender, len(p.Mentions), desc)
	}
	tw.Flush()

	counts := map[string][]string{}
	seen := map[string]bool{}
	for _, e := range d.Entities {
		if e.Label == "PERSON" || seen[e.Label+e.Text] {
			continue
		}
		seen[e.Label+e.Text] = true
		counts[e.Label] = append(counts[e.Label], e.Text)
	}
	fmt.Fprintf(w, "\nEntities (%d)\n", len(d.Entities))
	for _, l := range []string{"ORG", "LOC", "MISC"} {
		if len(counts[l]) > 0 {
			fmt.Fprintf(w, "  %-5s %s\n", l, strings.Join(counts[l], "; "))
		}
	}

	fmt.Fprintf(w, "\nWho said what (%d claims)\n", len(d.Claims))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  SPEAKER\tSOURCE\tCUE\tKIND\tCONF\tCONTENT\n")
	for _, c := range d.Claims {
		speaker, source, cue := "?", "-", "-"
		if c.Speaker != nil {
			speaker = c.Speaker.Name
		}
		if c.Source != nil {
			source = shorten(c.Source.Text, 24)
		}
		if c.Cue != nil {
			cue = shorten(c.Cue.Text, 16)
		}
		var parts []string
		for _, s := range c.Content {
			// The words alone, as claims.Claim.ContentText shows them.
			parts = append(parts, claims.TrimMarks(extract.Span{Start: s.Start, End: s.End, Text: s.Text}).Text)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%.2f\t%s\n", speaker, source, cue, c.Kind, c.Confidence, shorten(strings.Join(parts, " … "), 70))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// shorten cuts s to at most n runes, on one line, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
