package corpus_test

import (
	"fmt"
	"strings"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

func ExampleDecode() {
	const gold = `{
  "format": "saywho-gold/1", "id": "example", "source": "hand-made",
  "text": "“We will win,” said Ms. Tatyana Khomich.",
  "layers": ["claims"],
  "claims": [{"kind": "direct", "content": [{"start": 3, "end": 15, "text": "We will win,"}],
              "cue": {"start": 19, "end": 23, "text": "said"},
              "source": {"start": 24, "end": 43, "text": "Ms. Tatyana Khomich"},
              "speaker": "Tatyana Khomich"}]
}`
	a, err := corpus.Decode(strings.NewReader(gold))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := a.Claims[0]
	fmt.Println(a.ID, a.Layers)
	fmt.Printf("%s [%d,%d) %q said by %q\n", c.Kind, c.Content[0].Start, c.Content[0].End, c.Content[0].Text, c.Speaker.Name)
	// Output:
	// example claims
	// direct [3,15) "We will win," said by "Tatyana Khomich"
}

func ExampleDecode_error() {
	// Offsets are bytes: “ takes three. A file written with character
	// offsets is caught, with a hint.
	const gold = `{"format": "saywho-gold/1", "id": "bad", "text": "“Yes,” she said.", "layers": ["claims"],
"claims": [{"kind": "direct", "content": [{"start": 1, "end": 5, "text": "Yes,"}], "cue": null, "source": null, "speaker": null}]}`
	_, err := corpus.Decode(strings.NewReader(gold))
	fmt.Println(err)
	// Output:
	// <input>:2: claim 0 content: span [1,5) does not start and end on a character boundary; offsets are bytes of the UTF-8 text (the offsets look like character offsets: bytes would be [3,7))
}

func ExampleScoreEntities() {
	const text = "Angela Merkel met Emmanuel Macron in Paris."
	span := func(s string) extract.Span {
		i := strings.Index(text, s)
		return extract.SpanOf(text, i, i+len(s))
	}
	gold := []extract.Entity{
		{Span: span("Angela Merkel"), Label: extract.PER, Person: -1},
		{Span: span("Emmanuel Macron"), Label: extract.PER, Person: -1},
		{Span: span("Paris"), Label: extract.LOC, Person: -1},
	}
	pred := []extract.Entity{
		{Span: span("Angela Merkel"), Label: extract.PER, Person: -1},
		{Span: span("Macron"), Label: extract.PER, Person: -1}, // partial: one FP and one FN
		{Span: span("Paris"), Label: extract.LOC, Person: -1},
	}
	s := corpus.ScoreEntities(gold, pred)
	fmt.Println(s.Micro)
	fmt.Println(s.ByLabel[extract.PER])
	// Output:
	// P=0.667 R=0.667 F1=0.667 (tp=2 fp=1 fn=1)
	// P=0.500 R=0.500 F1=0.500 (tp=1 fp=1 fn=1)
}

func ExampleScoreClaims() {
	const text = "The ministry said the vote was fair."
	span := func(s string) extract.Span {
		i := strings.Index(text, s)
		return extract.SpanOf(text, i, i+len(s))
	}
	gold := &corpus.Article{
		Doc:    &extract.Document{Text: text},
		Layers: corpus.LayerClaims,
		Claims: []claims.Claim{{Kind: claims.Indirect, Content: []extract.Span{span("the vote was fair")},
			Cue: span("said"), Source: span("The ministry"), Speaker: claims.Speaker{Kind: claims.OrgSpeaker, Name: "Ministry of Justice", Person: -1, Entity: -1}}},
	}
	pred := []claims.Claim{{Kind: claims.Indirect, Content: []extract.Span{span("the vote was fair.")},
		Cue: span("said"), Source: span("ministry")}}
	s := corpus.ScoreClaims(gold, pred)
	fmt.Println("attribution:", s.Attribution)
	fmt.Println("source exact:", s.Source.Exact)
	fmt.Println("source overlap:", s.Source.Overlap)
	fmt.Println("speaker:", s.Speaker)
	// Output:
	// attribution: P=1.000 R=1.000 F1=1.000 (tp=1 fp=0 fn=0)
	// source exact: P=0.000 R=0.000 F1=0.000 (tp=0 fp=1 fn=1)
	// source overlap: P=1.000 R=1.000 F1=1.000 (tp=1 fp=0 fn=0)
	// speaker: 0.000 (0/1)
}
