// Package syntax is saywho's part-of-speech tagger and dependency parser:
// averaged perceptrons over hashed features, trained on UD English EWT
// (train split), with GloVe word clusters (internal/wordvec) as features.
// Package extract runs it on its own tokens and sentences and turns its
// class indices into UPOS, Penn tags and relations.
//
// # Input and output
//
// [Model.Analyse] reads a document as its token texts and sentence ranges
// and returns, per token, a tag class (a pair "XPOS|UPOS" seen in
// training), a head (a token index inside the sentence, -1 for the root)
// and a relation. Token texts are normalized for features only (curly
// quotes to straight ones, dashes to "--"): EWT is mostly ASCII, news is
// not; the text itself is never changed.
//
// # Tagger
//
// Per sentence, left to right (tagger.go): the UPOS (17 classes) from the
// word, its affixes, shape and GloVe clusters at three granularities, the
// words two to each side, the two previous tags and a look-ahead
// dictionary (the UPOS the next two words most often have in training);
// then the Penn tag among those seen with that UPOS. Words seen at least 20
// times in training with one class in 99.5% of cases take it from the
// dictionary without scoring. The features that read one word only are
// summed once per distinct word of the document and window offset.
//
// # Parser
//
// A greedy arc-hybrid transition system with the root at the end of the
// buffer (parser.go), trained with the dynamic oracle of Goldberg and Nivre
// (2013) and exploration, over Zhang and Nivre's (2011) rich features (words
// and tags of the stack and buffer, their pairs and triples, distance,
// children's tags and relations, relation sets) plus clusters. The
// relation of an arc is chosen when the arc is made, by a second
// classifier among the relations seen in training for the pair of tags and
// the direction; in the arc-hybrid system the dependent is complete then.
//
// Non-projective trees (2.3% of EWT train sentences, 354 of 204,577 arcs)
// are made projective for training by lifting each crossing arc to the
// head's head until none crosses (projectivize; 392 lifts). The parser only
// builds projective trees, which bounds what it can get right: EWT dev has
// 36 non-projective arcs of 25,147 (0.14%) in 31 sentences (1.55%).
//
// # Tables and speed
//
// Weights are int16, one unit per table. Every table is an open-addressing
// table of four-key buckets (table.go) whose lookups have no branch, so
// that the lookups of the many features of one decision overlap in the
// processor; features whose buckets were full at training time are dropped
// (the dev figures include the loss). The model is decoded by copying its
// tables: no map is built at start-up.
//
// # Training
//
// From the repository root, with the shared data beside it:
//
//	go run ./extract/internal/syntax/cmd/syntaxtrain -ud ../shared/data/ud-english-ewt -out extract/internal/syntax/model/
//
// The run is deterministic (fixed seeds, sorted map iteration, folds by
// position): it rebuilds syntax.model byte for byte.
package syntax
