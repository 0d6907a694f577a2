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
// GloVe cluster path (internal/wordvec: GloVe 6B, Wikipedia + Gigaword
// newswire) cut at 64, 4,096 and ~23,000 clusters at every offset, and its
// GloVe frequency band at -1..1 (feature groups FeatGlove, FeatGloveRank;
// the clusters from our own corpora, FeatOwnClusters, are off: 5-fold CV
// 0.9075 against 0.9176 with GloVe). Context
// features: lower-cased bigrams with each neighbour, the shape trigram,
// sentence-initial shape, all-caps sentence (CoNLL headlines) with the
// lower-cased word, document facts (the word also occurs in lower case, or
// capitalized mid-sentence, elsewhere in the document) and gazetteer
// matches (BILOU position of the longest entry of each list starting at a
// capitalized token) at the token and its neighbours; the lists include
// typed lexicons of event and league words (MISC) and geographic heads
// (LOC), neutral on CV (0.9178 without, 0.9179 with at the chosen
// setting), and the names of WordNet 3.1's instance nouns in four types
// (people, places, groups, named events), which earn their place: CV
// 0.9180 -> 0.9201. Part-of-speech tags (FeatTags: the tag of the token
// and its neighbours and the tag bigrams, from Doc.Tags) do not: CV 0.9206
// with them against 0.9212 without (CoNLL's automatic POS column on
// the folds), so the models leave them off and extract passes none, and
// the tagger need not run before NER.
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
// (Model.DocWeight, a multiple of Model.Spread chosen by cross-validation
// on train documents). This is cheap and worth about +0.8 F1 on CV. A second stacked stage (TrainConfig.Stacked, Ratinov
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
// seed gold entities F1 0.955 -> 0.968. Rule R4: "the town of X" is LOC.
//
// Rules R5 to R9 (evidence.go) ask a type for evidence the two-token window
// cannot weigh against a new name's shape, which tends to PER: a one-word
// PER after "in", "from", "near", "at" is LOC unless its word is in a
// longer PER mention (R5; CoNLL train: LOC 881, PER 3); a PER name ending
// in an organisation word is ORG (R6: "Keller Minerals"); a name before a
// lower-case geographic noun is LOC (R6b: "the Elston hills"); a quoted
// title that opens with an article is one MISC mention (R7: ‘The Salt
// Road’); a capitalized word between a quotation's close and a speech verb
// is PER (R9; CoNLL train: PER 137, ORG 10, never O); and a one-word PER
// without person evidence takes the one other label its word has in the
// document (R8, one sense per discourse). 5-fold CV 0.9201 -> 0.9212;
// hand gold 0.876 -> 0.967.
//
// # Memory
//
// Scores live for one sentence at a time, except the first 65,536 tokens'
// (4.5 MB at most), which document agreement reads again; a sentence past
// them that agreement moves is scored again. Beyond one entry per distinct
// token text, a document costs the tagger 4 bytes (its word) and 1 byte
// (its label) per token and 20 bytes per capitalized token (its best score
// per label), and extract's tokens are read in place (Doc.Source), not
// copied.
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
// # Training and model selection
//
// From the repository root, with the shared data beside it (10-20 s each):
//
//	go run ./extract/internal/ner/cmd/nertrain -split train+dev -out extract/internal/ner/model/
//	go run ./extract/internal/ner/cmd/nertrain -split train -out extract/internal/ner/model/trainonly/
//
// The first is the shipped model (CoNLL-2003 train and dev); the second,
// with the same settings on train alone, is the one whose dev figure is
// reported. Both are rebuilt byte for byte. Case statistics come from the
// training documents and the PolNeAR training texts (unlabelled); the
// gazetteers are gazetteer/*.txt (see gazetteer/SOURCES.md) and
// ../names/first_names.tsv and titles.tsv. Settings (feature groups,
// epochs, document-agreement weight) were chosen by 5-fold
// cross-validation over CoNLL train documents, three seeds, never dev:
//
//	go run ./extract/internal/ner/cmd/nertrain -cv 5 -seeds 1,2,3 -epochs 20 -jobs 2
//
// Chosen: glove+rank with the WordNet lists, 15 epochs, DocWeight 0.15 x
// Spread: CV F1 0.9212 ± 0.0009 over seeds (0.9204..0.9221). Tried and
// not taken: word dropout 0.1 (0.9181 against 0.9180), FeatTags (above),
// a list of name parts (0.9189 with it), a stacked second stage
// (-stacked, Ratinov and Roth's prediction history: 0.9219 with the
// WordNet lists, +0.2, for a second full pass over every token, which the
// speed target cannot pay).
// The train-only model scores 0.933 on CoNLL-2003 dev (exact span and
// type, maximal IOB1 spans, CoNLL tokens; 0.931 through saywho's
// tokenizer); TestNERConllDev logs the current figures.
//
// # Model file
//
// Format 6 (model.go) lays out the tables, weights and the cached words'
// sums as the tagger reads them; DecodeString uses the bytes in place, so
// loading the embedded model costs a header walk and one small slice.
package ner
