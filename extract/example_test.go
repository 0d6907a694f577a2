package extract_test

import (
	"fmt"
	"log"

	"github.com/saywho/saywho/extract"
)

// Tokens, sentences and paragraphs with their byte offsets. NER is off so
// the output does not depend on the model.
func ExampleExtractor_Extract() {
	ex, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		log.Fatal(err)
	}
	doc := ex.Extract("Mr. Smith said: “We won’t wait.” The U.S. agreed.\nIt’s over.")
	for _, p := range doc.Paragraphs {
		fmt.Printf("paragraph [%d,%d)\n", p.Start, p.End)
		for _, s := range doc.Sentences[p.Sentences.Lo:p.Sentences.Hi] {
			fmt.Printf("  sentence [%d,%d) %s\n", s.Start, s.End, s.Text)
			for _, t := range doc.Tokens[s.Tokens.Lo:s.Tokens.Hi] {
				fmt.Printf("    [%2d,%2d) %-10v %s\n", t.Start, t.End, t.Kind, t.Text)
			}
		}
	}
	// Output:
	// paragraph [0,55)
	//   sentence [0,38) Mr. Smith said: “We won’t wait.”
	//     [ 0, 3) Abbrev     Mr.
	//     [ 4, 9) Word       Smith
	//     [10,14) Word       said
	//     [14,15) Punct      :
	//     [16,19) QuoteOpen  “
	//     [19,21) Word       We
	//     [22,24) Word       wo
	//     [24,29) Word       n’t
	//     [30,34) Word       wait
	//     [34,35) Punct      .
	//     [35,38) QuoteClose ”
	//   sentence [39,55) The U.S. agreed.
	//     [39,42) Word       The
	//     [43,47) Abbrev     U.S.
	//     [48,54) Word       agreed
	//     [54,55) Punct      .
	// paragraph [56,68)
	//   sentence [56,68) It’s over.
	//     [56,58) Word       It
	//     [58,62) Word       ’s
	//     [63,67) Word       over
	//     [67,68) Punct      .
}

// The low-level cursor walks the tokens without allocating.
func ExampleTokenizer() {
	var t extract.Tokenizer
	t.Reset("Aleksandr G. Lukashenko won 87% in 1994.")
	for t.Next() {
		tok := t.Token()
		fmt.Printf("[%2d,%2d) %-7v %s\n", tok.Start, tok.End, tok.Kind, tok.Text)
	}
	// Output:
	// [ 0, 9) Word    Aleksandr
	// [10,12) Abbrev  G.
	// [13,23) Word    Lukashenko
	// [24,27) Word    won
	// [28,30) Number  87
	// [30,31) Symbol  %
	// [32,34) Word    in
	// [35,39) Number  1994
	// [39,40) Punct   .
}

// Tokens is the range-over-func form of the cursor.
func ExampleTokens() {
	for tok := range extract.Tokens("rock ’n’ roll, don’t") {
		fmt.Printf("%d:%q ", tok.Start, tok.Text)
	}
	fmt.Println()
	// Output:
	// 0:"rock" 5:"’n’" 13:"roll" 17:"," 19:"do" 21:"n’t"
}
