// Command nerlook prints the entities saywho finds in text files, one per
// line as "file<TAB>label<TAB>text", for checking the model by eye:
//
//	go run ./extract/internal/ner/cmd/nerlook ../shared/data/polnear/dev/text/*.txt
//
// With -scores it prints every token instead, with the first stage's best
// score per label (before Viterbi and document agreement) and the label the
// whole pipeline gave it; -model DIR reads DIR/ner.model instead of the
// embedded model.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/extract/internal/ner"
	"github.com/saywho/saywho/extract/internal/ner/model"
)

func main() {
	scores := flag.Bool("scores", false, "print every token with its label scores")
	modelDir := flag.String("model", "", "directory holding ner.model (default: the embedded model)")
	flag.Parse()
	var opts []extract.Option
	var m *ner.Model
	if *modelDir != "" {
		opts = append(opts, extract.WithModelFS(os.DirFS(*modelDir)))
	}
	if *scores {
		var err error
		if *modelDir != "" {
			f, err2 := os.Open(*modelDir + "/" + extract.ModelFile)
			if err2 != nil {
				fail(err2)
			}
			m, err = ner.Decode(f)
			f.Close()
		} else {
			m, err = ner.DecodeString(model.Data())
		}
		if err != nil {
			fail(err)
		}
	}
	e, err := extract.New(opts...)
	if err != nil {
		fail(err)
	}
	for _, p := range flag.Args() {
		b, err := os.ReadFile(p)
		if err != nil {
			fail(err)
		}
		d := e.Extract(string(b))
		if !*scores {
			for _, en := range d.Entities {
				fmt.Printf("%s\t%s\t%s\n", p, en.Label, en.Text)
			}
			continue
		}
		in := ner.Doc{Tokens: make([]string, len(d.Tokens))}
		for i, t := range d.Tokens {
			in.Tokens[i] = t.Text
		}
		for _, s := range d.Sentences {
			in.Sentences = append(in.Sentences, ner.Range{Lo: s.Tokens.Lo, Hi: s.Tokens.Hi})
		}
		ls := m.LabelScores(in)
		for i, t := range d.Tokens {
			label := "O"
			if k := d.EntityAt(i); k >= 0 {
				label = d.Entities[k].Label.String()
			}
			fmt.Printf("%-20s %-7s", t.Text, label)
			for l := ner.Label(0); l < ner.NumLabels; l++ {
				fmt.Printf(" %s %7.0f", l, ls[i][l])
			}
			fmt.Println()
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "nerlook:", err)
	os.Exit(1)
}
