package saywho_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/saywho/saywho"
)

// Analyze a document and print who said what, with byte offsets.
func ExampleAnalyzer_Analyze() {
	an, err := saywho.New() // load the models once, then analyse many documents
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := an.Analyze(context.Background(), "doc1", "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday.")
	if err != nil { // only when the context is done
		fmt.Println(err)
		return
	}
	for _, c := range r.Claims {
		fmt.Printf("%s claim of %s, cue %q at bytes [%d,%d)\n", c.Kind, c.Speaker.Name, c.Cue.Text, c.Cue.Start, c.Cue.End)
	}
	// Output:
	// direct claim of Ana Ruiz, cue "said" at bytes [59,63)
}

// Write Results as JSON Lines with character offsets, the way Python
// slices strings: "Jane Doe" starts at character 20 but at byte 24, since
// each curly quote is three bytes in UTF-8.
func ExampleNewWriter() {
	r, err := saywho.Default().Analyze(context.Background(), "doc1", "“We will win,” said Jane Doe.")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range []saywho.Offsets{saywho.Bytes, saywho.Chars} {
		var out strings.Builder
		w := saywho.NewWriter(&out, saywho.FormatJSONL, saywho.WriteOptions{Offsets: u})
		if err := w.Write(r); err != nil {
			fmt.Println(err)
		}
		line := out.String()
		fmt.Println(line[:strings.Index(line, `,"person"`)])
	}
	// Output:
	// {"id":"doc1","offsets":"bytes","entities":[{"text":"Jane Doe","label":"PERSON","start":24,"end":32
	// {"id":"doc1","offsets":"chars","entities":[{"text":"Jane Doe","label":"PERSON","start":20,"end":28
}

// Stream documents from JSON Lines through a worker pool, results in input
// order, fields other than id and text carried through.
func ExampleOrdered() {
	input := `{"id": "a", "text": "Officials said the plan had failed.", "source": "wire"}
not json
{"id": "b", "text": "“It works,” she said."}
`
	jr := saywho.NewJSONLReader(strings.NewReader(input), "corpus.jsonl")
	var skipped []error
	docs := func(yield func(saywho.Document) bool) {
		for {
			d, err := jr.Read()
			if err != nil {
				if _, bad := err.(*saywho.LineError); bad {
					skipped = append(skipped, err)
					continue
				}
				return // io.EOF, or the input failed
			}
			if !yield(d) {
				return
			}
		}
	}
	an := saywho.Default()
	work := func(ctx context.Context, d saywho.Document) saywho.Result {
		r, _ := an.Analyze(ctx, d.ID, d.Text) // the error is ctx's, which Ordered returns
		r.Extra = d.Extra
		return r
	}
	emit := func(r saywho.Result) error {
		_, err := fmt.Printf("%s: %d claim, %d extra field, cue %q\n", r.ID, len(r.Claims), len(r.Extra), r.Claims[0].Cue.Text)
		return err
	}
	err := saywho.Ordered(context.Background(), 2, docs, work, emit)
	fmt.Println("error:", err, "skipped:", skipped)
	// Output:
	// a: 1 claim, 1 extra field, cue "said"
	// b: 1 claim, 0 extra field, cue "said"
	// error: <nil> skipped: [corpus.jsonl:2: not a JSON object (want {"id": …, "text": …} on each line)]
}
