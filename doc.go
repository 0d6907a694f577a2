// Package saywho reads news articles and answers who said what.
//
// The work is split into packages, each importing only the ones before it:
//
//   - [github.com/saywho/saywho/extract]: text in, Document out — tokens,
//     sentences, paragraphs, named entities (PERSON, ORG, LOC, MISC) and the
//     people of the document, every span a byte range of the original text.
//   - [github.com/saywho/saywho/claims]: Document in, claims out — direct,
//     indirect and mixed quotations with cue, source mention, content spans,
//     canonical speaker and confidence.
//   - [github.com/saywho/saywho/corpus]: gold annotations, loaders (saywho
//     JSON, PolNeAR, CoNLL-2003, Citron), scorers and the accuracy tests.
//   - [github.com/saywho/saywho/seeds]: embedded sample articles with gold.
//
// The saywho command (examples/saywho) runs the whole pipeline from the
// command line; examples/quickstart is the README's example as a program.
package saywho
