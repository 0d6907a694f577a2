// Command nerlook prints the entities saywho finds in text files, one per
// line as "file<TAB>label<TAB>text", for checking the model by eye:
//
//	go run ./extract/internal/ner/cmd/nerlook ../shared/data/polnear/dev/text/*.txt
package main

import (
	"fmt"
	"os"

	"github.com/saywho/saywho/extract"
)

func main() {
	e, err := extract.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, "nerlook:", err)
		os.Exit(1)
	}
	for _, p := range os.Args[1:] {
		b, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nerlook:", err)
			os.Exit(1)
		}
		d := e.Extract(string(b))
		for _, en := range d.Entities {
			fmt.Printf("%s\t%s\t%s\n", p, en.Label, en.Text)
		}
	}
}
