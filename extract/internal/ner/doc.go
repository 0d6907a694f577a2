// Package ner is saywho's named-entity recognizer: a linear-chain tagger
// over BILOU tags for the CoNLL-2003 types PER, ORG, LOC and MISC,
// trained with the averaged structured perceptron (Collins 2002) and
// decoded with Viterbi.
//
// # Input
//
// The tagger reads a neutral [Doc]: token texts and sentence ranges. The
// trainer feeds CoNLL tokens; extract feeds its own tokens. Token texts are
// normalized for features only (curly quotes to straight, dashes to "-"),
// so "’s" and "'s" look alike; the text itself is never changed.
//
// # Features
//
// For every token, over a window of two tokens each side (sentence edges
// are padding): lower-cased word and short shape at every offset; the
// word, its three-letter suffix at -1..+1; shape, length, prefixes and
// suffixes of 1 to 4 letters at 0; the word's case-statistics bucket
// (how often it is capitalized mid-sentence in unlabelled text) and its
// fine and coarse distributional clusters at every offset. Context
// features: lower-cased bigrams with each neighbour, the shape trigram,
// sentence-initial shape, all-caps sentence (CoNLL headlines) with the
// lower-cased word, document facts (the word also occurs in lower case, or
// capitalized mid-sentence, elsewhere in the document) and gazetteer
// matches (BILOU position of the longest entry of each list starting at a
// capitalized token) at the token and its neighbours. Part-of-speech tags
// are not used: saywho runs no tagger.
//
// Features are hashed to 64 bits (FNV-1a and a mixer); the model keeps an
// int16 weight row per feature seen in training, found by the upper 32
// bits in an open-addressing table.
//
// # Document agreement
//
// After Viterbi, each capitalized token is nudged toward the labels the
// same word got elsewhere in the document, each vote weighted by its
// margin, and the sentences whose scores moved are decoded again
// (Model.DocWeight, tuned on CoNLL dev). This is cheap and worth about
// +1 F1 on CoNLL dev. A second stacked stage (TrainConfig.Stacked, Ratinov
// and Roth's prediction history as features) adds about 0.3 F1 more but
// costs a second full pass, so the shipped model does not use it.
//
// # Honorifics
//
// Rule R1 (Tag): "Mr.", "Mrs.", "Ms.", "Miss", "Mx." or "Dr." (or one of
// a few person-only titles: "President", "Sen.", "Gov.", "Mayor"...)
// before a capitalized word raises that word's PERSON-begin scores and
// lowers the honorific's entity scores, by half of Model.Spread. CoNLL-2003 keeps
// honorifics out of names but its Reuters text has almost none, so the
// model cannot learn this; news text needs it.
//
// # Mention rules
//
// Rule R2 (rules.go): a name that occurs once in the document and is
// followed by an appositive ", a/an/the ... HEAD" takes HEAD's type when
// HEAD is an organisation noun ("group", "party", "agency": ORG) or a
// person's role ("analyst", "spokesman", "lawyer": PER). Rule R3: a non-PER
// name whose words are PER elsewhere in the document, before
// "administration", "campaign" or "presidency", is PER, as CoNLL-2003 tags
// "Clinton administration". Together: CoNLL dev micro F1 0.9314 -> 0.9318,
// seed gold entities F1 0.955 -> 0.968.
//
// # Speed
//
// Word-feature sums are computed once per distinct word and window offset
// and, for the 10,000 most frequent training tokens, once at load; per
// document they are laid out by word so that the token loop reads compact
// memory. Gazetteer-feature weights are looked up once, at load (their
// sums are of integers, so the order of addition does not matter).
// Honorifics are flagged per word, and document agreement groups words by
// lower-cased form once, without maps in the token loop. Tagging state
// comes from a sync.Pool, so a warm Tag call allocates little beyond its
// result. Scores are summed as int32 (every weight is an int16, so the
// float32 sums they replace were exact integers) and converted once per
// token; the 17-tag row additions and Viterbi's step over the fixed BILOU
// layout are unrolled by hand (rows.go); a token's features are looked up
// in a batch whose home slots are read first, so their cache misses
// overlap. None of this changes a score: tags are the same bit for bit.
//
// # Training
//
// From the repository root, with the shared data beside it (about 15 s):
//
//	go run ./extract/internal/ner/cmd/nertrain -conll ../shared/data/conll2003 -polnear ../shared/data/polnear -out extract/internal/ner/model/
//
// Training reads CoNLL-2003 train.txt, scores dev.txt after each epoch and
// tunes DocWeight on it; case statistics and word clusters come from the
// CoNLL training tokens and the PolNeAR training texts (unlabelled); the
// gazetteers are gazetteer/*.txt (see gazetteer/SOURCES.md) and
// ../names/first_names.tsv and titles.tsv. The run is deterministic.
//
// Measured on CoNLL-2003 dev (eng.testa), exact span and type, maximal
// IOB1 spans, with the shipped model: micro F1 0.931 (PER 0.953, ORG
// 0.890, LOC 0.959, MISC 0.892); 0.918 without document agreement, whose
// weight was tuned on that same set. TestNERConllDev in extract logs the
// current figures.
package ner
