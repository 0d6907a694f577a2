package claims

import (
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract"
)

// isUpperStart reports whether s starts with an upper-case letter.
func isUpperStart(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isWordTok reports whether t is a word or an abbreviation.
func isWordTok(t extract.Token) bool { return t.Kind == extract.Word || t.Kind == extract.Abbrev }

// lowerASCII returns s lower-cased when it is short ASCII, without
// allocating when s has no upper-case letter; other text goes through
// Token.Lower.
func lower(t extract.Token) string { return t.Lower() }

// set builds a string set.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Closed word classes used by the noun-phrase and clause heuristics.
var (
	determiners = set("the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
		"their", "our", "my", "your", "some", "many", "several", "most", "all", "both", "each",
		"one", "two", "three", "four", "five", "other", "another", "few", "no", "any", "more",
		"such", "every", "top", "senior")
	// subjectPronouns are the pronouns that can be the source of a claim.
	subjectPronouns = set("he", "she", "they", "i", "we", "you", "it", "who", "which", "that")
	// npStop ends a noun phrase scanned leftwards from a cue: clause
	// connectives, subordinators, prepositions other than "of", and common
	// verbs and auxiliaries.
	npStop = set("and", "or", "but", "nor", "so", "yet", "when", "while", "as", "because",
		"if", "although", "though", "after", "before", "since", "than", "where", "whereas",
		"then", "also", "in", "on", "at", "for", "with", "by", "from", "to", "about", "into",
		"over", "under", "during", "without", "against", "among", "between", "through",
		"like", "unlike", "is", "are", "was", "were", "be", "been", "has", "have", "had",
		"will", "would", "could", "should", "can", "may", "might", "must", "did", "does",
		"do", "not", "said", "says", "say", "told", "meanwhile", "however", "instead",
		"whom", "whose", "what", "why", "how", "once", "until", "unless", "upon", "via",
		"per", "despite", "toward", "towards", "amid", "here", "there", "now", "even",
		"just", "only", "still", "too", "very", "really", "already", "again", "it’s", "it's",
		"think", "thinks", "believe", "believes", "know", "knows", "want", "wants")
	// introWords start an introductory phrase or clause, not a subject.
	introWords = set("in", "on", "at", "for", "with", "by", "from", "to", "about", "after",
		"before", "during", "since", "when", "while", "although", "though", "if", "as",
		"because", "speaking", "asked", "writing", "despite", "like", "unlike", "under",
		"over", "without", "within", "according", "earlier", "later", "last", "yesterday",
		"today", "meanwhile", "however", "still", "instead", "indeed", "yet", "also",
		"separately", "similarly", "overall", "once", "until", "upon", "amid", "following",
		"discounted", "then", "now", "here", "there", "thus", "therefore", "moreover")
	// leadConj are conjunctions and adverbs that may stand before a subject
	// at the start of a clause and are not part of it.
	leadConj = set("and", "but", "so", "yet", "or", "still", "meanwhile", "however", "then",
		"now", "also", "indeed", "instead", "thus", "even", "though")
	// objectLike are words that may stand between "told" and its content as
	// the addressee.
	objectPronouns = set("him", "her", "them", "me", "us", "you", "reporters", "journalists",
		"supporters", "voters", "lawmakers", "it")
	// finalPunct ends a sentence.
	finalPunct = set(".", "!", "?", "…", "...", "?!", "!?")
)

// titleWords are honorifics and titles that start a name mention.
var titleWords = set("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sen.", "rep.", "gov.",
	"president", "senator", "governor", "secretary", "minister", "prime", "gen.", "general",
	"judge", "justice", "mayor", "representative", "sir", "lady", "lord", "prof.", "professor",
	"rev.", "sen", "rep", "gov", "chancellor", "ambassador", "chairman", "speaker")

// gender of a pronoun: extract.Male, extract.Female or extract.Unknown.
func pronounGender(s string) (extract.Gender, bool) {
	switch s {
	case "he", "him", "his", "himself":
		return extract.Male, true
	case "she", "her", "hers", "herself":
		return extract.Female, true
	}
	return extract.Unknown, false
}
