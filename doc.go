// Package saywho reads news articles and answers who said what.
//
// # Getting started
//
// Build an [Analyzer] once with [New] (or share [Default]) and call
// [Analyzer.Analyze] for each document: it runs the whole pipeline and
// returns a [Result], the people, entities and claims of the document.
// The JSON of a Result is the object the saywho command prints per document
// (-format jsonl); every front end, the command, a server, a batch
// pipeline, goes through an Analyzer and prints its Result.
//
// # Streaming
//
// [JSONLReader] reads documents from JSON Lines ({"id", "text", …} per
// line, other fields carried to the Result, bad lines reported with their
// number and skipped); [Ordered] runs a bounded pool of workers and emits
// results in input order as soon as they and those before them are done;
// [NewWriter] writes Results as text, JSON, JSON Lines, CSV, Citron JSON
// or a self-contained HTML page (FormatHTML), returning every write error. [Speakers] groups claims per speaker across
// documents.
//
// # Offsets
//
// Span offsets count bytes of the text as given, from 0, half-open, by
// default; [Result.WithOffsets] and [WriteOptions] give characters (code
// points) instead, as Python and Citron count. [Result.Offsets] says which.
//
// # Concurrency
//
// An Analyzer never changes after New; Analyze is safe to call from many
// goroutines. Results, Writers, JSONLReaders and Speakers belong to one
// goroutine at a time.
//
// # Invalid input
//
// Analysis never fails: empty text, binary data and invalid UTF-8 give a
// Result whose Warnings say what was odd. The only error of Analyze is its
// context's. I/O (reading input, writing output) returns errors, each
// naming what and where.
//
// # Packages
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
// This package sits on top of them, and [github.com/saywho/saywho/serve]
// on top of it: the HTTP API and the who-said-what page of `saywho serve`.
// The saywho command (examples/saywho) runs it from the command line;
// examples/quickstart is the README's first example as a program.
package saywho
