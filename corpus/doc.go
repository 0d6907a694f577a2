// Package corpus loads annotated news articles (saywho's gold JSON,
// PolNeAR, CoNLL-2003, Citron JSON) and scores saywho's output against
// them.
package corpus
