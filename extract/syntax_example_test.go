package extract_test

import (
	"fmt"
	"log"

	"github.com/saywho/saywho/extract"
)

// Part-of-speech tags and the dependency tree of a sentence: every token's
// UPOS, Penn tag, relation and head (a token index; -1 for the root).
func Example_syntax() {
	ex, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		log.Fatal(err)
	}
	doc := ex.Extract("The minister said the talks had failed.")
	for i, t := range doc.Tokens {
		fmt.Printf("%d %-8s %-5v %-4v %-6v %d\n", i, t.Text, t.POS, t.Tag, t.Dep, t.Head)
	}
	// Output:
	// 0 The      DET   DT   det    1
	// 1 minister NOUN  NN   nsubj  2
	// 2 said     VERB  VBD  root   -1
	// 3 the      DET   DT   det    4
	// 4 talks    NOUN  NNS  nsubj  6
	// 5 had      AUX   VBD  aux    6
	// 6 failed   VERB  VBN  ccomp  2
	// 7 .        PUNCT .    punct  2
}

// Who said what, read off the tree: the root of the sentence is the
// reporting verb, its nsubj child the source and its clausal complement
// the content, each a subtree of tokens.
func ExampleDocument_Subtree() {
	ex, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		log.Fatal(err)
	}
	doc := ex.Extract("The minister said the talks had failed.")
	verb := doc.Root(0)
	src := doc.Subtree(doc.ChildrenWith(verb, extract.DepNSubj))
	content := doc.Subtree(doc.ChildrenWith(verb, extract.DepCComp))
	fmt.Printf("cue %q, source %q, content %q\n", doc.Tokens[verb].Text, doc.TokenSpan(src).Text, doc.TokenSpan(content).Text)
	// Output:
	// cue "said", source "The minister", content "the talks had failed"
}

// Children and Ancestors walk the tree down and up.
func ExampleDocument_Children() {
	ex, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		log.Fatal(err)
	}
	doc := ex.Extract("The minister said the talks had failed.")
	for c := range doc.Children(doc.Root(0)) {
		fmt.Println(doc.Tokens[c].Dep, doc.Tokens[c].Text)
	}
	for h := range doc.Ancestors(3) { // "the"
		fmt.Println("above:", doc.Tokens[h].Text)
	}
	// Output:
	// nsubj minister
	// ccomp failed
	// punct .
	// above: talks
	// above: failed
	// above: said
}

// Syntax costs most of Extract's time without NER; switch it off when only
// tokens and sentences are needed, or keep the tags alone.
func ExampleWithSyntax() {
	tagsOnly, err := extract.New(extract.WithNER(extract.NERNone), extract.WithSyntax(extract.SyntaxTags))
	if err != nil {
		log.Fatal(err)
	}
	doc := tagsOnly.Extract("Prices fell.")
	fmt.Println(doc.HasSyntax(), doc.Tokens[0].POS, doc.Tokens[1].POS)
	// Output:
	// false NOUN VERB
}
