// Package seeds embeds sample news articles and their gold annotations. The
// saywho CLI runs on them when it is given no input, tests score the
// pipeline on them, and benchmarks use them as realistic input.
//
// # What is embedded
//
// The directory articles/ holds, for each article NAME:
//
//   - NAME.txt, the article text exactly as received (it is never cleaned:
//     the seed article keeps its stray lines, misused quote marks and the
//     missing space in "BélarusPut", because real input looks like that);
//   - NAME.gold.json, its hand-written gold annotation in the saywho-gold/1
//     format read by package corpus (entities, people, claims).
//
// articles/SOURCES.md records where each text comes from and its licence.
//
// # Adding an article
//
// Put NAME.txt (UTF-8) in articles/, write NAME.gold.json by hand as
// corpus/testdata/gold/README.md describes, note its source in
// articles/SOURCES.md, and run go test ./... : the corpus tests load every
// embedded article and check its gold spans against the text.
//
// This package imports none of saywho's other packages.
package seeds
