package extract

import (
	"fmt"
	"iter"
	"strings"
)

// UPOS is a Universal Dependencies part-of-speech tag
// (https://universaldependencies.org/u/pos/). The zero value, NoPOS, marks
// a token that was not tagged (syntax switched off).
type UPOS uint8

// The 17 universal part-of-speech tags, named as UD writes them.
const (
	NoPOS UPOS = iota // not tagged
	ADJ               // adjective: "big", "old"
	ADP               // adposition: "in", "to", "during"
	ADV               // adverb: "very", "tomorrow", "where"
	AUX               // auxiliary: "is", "has", "will", "should"
	CCONJ             // coordinating conjunction: "and", "or", "but"
	DET               // determiner: "a", "the", "this"
	INTJ              // interjection: "oh", "yes", "bravo"
	NOUN              // noun: "girl", "tree", "beauty"
	NUM               // numeral: "1", "2026", "one", "IV"
	PART              // particle: possessive "’s", "not", infinitival "to"
	PRON              // pronoun: "I", "you", "who", "myself"
	PROPN             // proper noun: "Mary", "NATO", "Minsk"
	PUNCT             // punctuation: "." "," "(" "“"
	SCONJ             // subordinating conjunction: "that", "if", "while"
	SYM               // symbol: "$", "%", "+", ":)"
	VERB              // verb: "run", "said", "eating"
	X                 // other: foreign words, typos, unanalysable tokens
)

var uposNames = [...]string{
	NoPOS: "_", ADJ: "ADJ", ADP: "ADP", ADV: "ADV", AUX: "AUX", CCONJ: "CCONJ", DET: "DET",
	INTJ: "INTJ", NOUN: "NOUN", NUM: "NUM", PART: "PART", PRON: "PRON", PROPN: "PROPN",
	PUNCT: "PUNCT", SCONJ: "SCONJ", SYM: "SYM", VERB: "VERB", X: "X",
}

// NumUPOS is the number of UPOS values, NoPOS included: every UPOS is below it.
const NumUPOS = len(uposNames)

// String returns the UD name of p ("NOUN", "PROPN"), or "_" for NoPOS, as
// CoNLL-U writes an empty field.
func (p UPOS) String() string {
	if int(p) < len(uposNames) {
		return uposNames[p]
	}
	return fmt.Sprintf("UPOS(%d)", int(p))
}

// ParseUPOS returns the tag named s ("NOUN"; "_" gives NoPOS).
func ParseUPOS(s string) (UPOS, error) {
	for i, n := range uposNames {
		if n == s {
			return UPOS(i), nil
		}
	}
	return NoPOS, fmt.Errorf("extract: unknown part-of-speech tag %q (want one of the 17 UD tags, such as NOUN or PROPN)", s)
}

// PennTag is a Penn Treebank part-of-speech tag as UD English EWT writes
// it in the XPOS column (the PTB tag set plus the web-text tags ADD, AFX,
// GW, HYPH, NFP and XX). The zero value, NoTag, marks an untagged token.
type PennTag uint8

// Penn Treebank tags. Punctuation tags are named for the mark.
const (
	NoTag         PennTag = iota // not tagged
	TagCC                        // coordinating conjunction
	TagCD                        // cardinal number
	TagDT                        // determiner
	TagEX                        // existential "there"
	TagFW                        // foreign word
	TagIN                        // preposition or subordinating conjunction
	TagJJ                        // adjective
	TagJJR                       // adjective, comparative
	TagJJS                       // adjective, superlative
	TagLS                        // list item marker
	TagMD                        // modal
	TagNN                        // noun, singular or mass
	TagNNS                       // noun, plural
	TagNNP                       // proper noun, singular
	TagNNPS                      // proper noun, plural
	TagPDT                       // predeterminer
	TagPOS                       // possessive ending
	TagPRP                       // personal pronoun
	TagPRPS                      // possessive pronoun (PRP$)
	TagRB                        // adverb
	TagRBR                       // adverb, comparative
	TagRBS                       // adverb, superlative
	TagRP                        // particle
	TagSYM                       // symbol
	TagTO                        // "to"
	TagUH                        // interjection
	TagVB                        // verb, base form
	TagVBD                       // verb, past tense
	TagVBG                       // verb, gerund or present participle
	TagVBN                       // verb, past participle
	TagVBP                       // verb, non-3rd person singular present
	TagVBZ                       // verb, 3rd person singular present
	TagWDT                       // wh-determiner
	TagWP                        // wh-pronoun
	TagWPS                       // possessive wh-pronoun (WP$)
	TagWRB                       // wh-adverb
	TagADD                       // e-mail address or URL
	TagAFX                       // affix ("pre", "anti")
	TagGW                        // "goes with": part of a word split by a typo
	TagHYPH                      // hyphen
	TagNFP                       // superfluous punctuation: "***", emoticons
	TagXX                        // unknown
	TagComma                     // ,
	TagPeriod                    // . ! ?
	TagColon                     // : ; ... -- and the like
	TagOpenQuote                 // `` (an opening quotation mark)
	TagCloseQuote                // '' (a closing quotation mark)
	TagLRB                       // -LRB- (an opening bracket)
	TagRRB                       // -RRB- (a closing bracket)
	TagDollar                    // $ and other currency signs
	TagHash                      // #
)

var pennNames = [...]string{
	NoTag: "_", TagCC: "CC", TagCD: "CD", TagDT: "DT", TagEX: "EX", TagFW: "FW", TagIN: "IN",
	TagJJ: "JJ", TagJJR: "JJR", TagJJS: "JJS", TagLS: "LS", TagMD: "MD", TagNN: "NN", TagNNS: "NNS",
	TagNNP: "NNP", TagNNPS: "NNPS", TagPDT: "PDT", TagPOS: "POS", TagPRP: "PRP", TagPRPS: "PRP$",
	TagRB: "RB", TagRBR: "RBR", TagRBS: "RBS", TagRP: "RP", TagSYM: "SYM", TagTO: "TO", TagUH: "UH",
	TagVB: "VB", TagVBD: "VBD", TagVBG: "VBG", TagVBN: "VBN", TagVBP: "VBP", TagVBZ: "VBZ",
	TagWDT: "WDT", TagWP: "WP", TagWPS: "WP$", TagWRB: "WRB", TagADD: "ADD", TagAFX: "AFX",
	TagGW: "GW", TagHYPH: "HYPH", TagNFP: "NFP", TagXX: "XX", TagComma: ",", TagPeriod: ".",
	TagColon: ":", TagOpenQuote: "``", TagCloseQuote: "''", TagLRB: "-LRB-", TagRRB: "-RRB-",
	TagDollar: "$", TagHash: "#",
}

// NumPennTags is the number of PennTag values, NoTag included.
const NumPennTags = len(pennNames)

// String returns the tag as the Penn Treebank writes it ("NNP", "PRP$",
// "-LRB-", ","), or "_" for NoTag.
func (t PennTag) String() string {
	if int(t) < len(pennNames) {
		return pennNames[t]
	}
	return fmt.Sprintf("PennTag(%d)", int(t))
}

// ParsePennTag returns the tag written s ("NNP", "-LRB-"; "_" gives NoTag).
func ParsePennTag(s string) (PennTag, error) {
	for i, n := range pennNames {
		if n == s {
			return PennTag(i), nil
		}
	}
	return NoTag, fmt.Errorf("extract: unknown Penn Treebank tag %q (want a tag of UD English EWT's XPOS column, such as NN or VBD)", s)
}

// DepRel is a Universal Dependencies relation between a token and its head
// (https://universaldependencies.org/u/dep/): one of the 37 universal
// types, or a subtype that UD English EWT uses ("nsubj:pass",
// "nmod:poss"). The zero value, NoDep, marks a token outside any tree
// (syntax switched off).
type DepRel uint8

// Relations: the universal types in UD's order, then EWT's subtypes.
const (
	NoDep           DepRel = iota // no relation: the token has no tree
	DepACL                        // acl: clausal modifier of a noun
	DepAdvCl                      // advcl: adverbial clause modifier
	DepAdvMod                     // advmod: adverbial modifier
	DepAMod                       // amod: adjectival modifier
	DepAppos                      // appos: appositional modifier
	DepAux                        // aux: auxiliary
	DepCase                       // case: case marking (prepositions, possessive ’s)
	DepCC                         // cc: coordinating conjunction
	DepCComp                      // ccomp: clausal complement
	DepClf                        // clf: classifier
	DepCompound                   // compound
	DepConj                       // conj: conjunct
	DepCop                        // cop: copula
	DepCSubj                      // csubj: clausal subject
	DepDep                        // dep: unspecified dependency
	DepDet                        // det: determiner
	DepDiscourse                  // discourse: discourse element
	DepDislocated                 // dislocated elements
	DepExpl                       // expl: expletive
	DepFixed                      // fixed: fixed multiword expression
	DepFlat                       // flat: flat expression (names, dates)
	DepGoesWith                   // goeswith: parts of a word split by a typo
	DepIObj                       // iobj: indirect object
	DepList                       // list
	DepMark                       // mark: marker (subordinating conjunction, infinitival "to")
	DepNMod                       // nmod: nominal modifier
	DepNSubj                      // nsubj: nominal subject
	DepNumMod                     // nummod: numeric modifier
	DepObj                        // obj: object
	DepObl                        // obl: oblique nominal
	DepOrphan                     // orphan: in gapping
	DepParataxis                  // parataxis
	DepPunct                      // punct: punctuation
	DepReparandum                 // reparandum: overridden disfluency
	DepRoot                       // root: the head of the sentence
	DepVocative                   // vocative
	DepXComp                      // xcomp: open clausal complement
	DepACLRelCl                   // acl:relcl: relative clause
	DepAdvClRelCl                 // advcl:relcl: sentential relative clause
	DepAuxPass                    // aux:pass: passive auxiliary
	DepCCPreconj                  // cc:preconj: preconjunct ("both", "either")
	DepCompoundPrt                // compound:prt: phrasal-verb particle
	DepCSubjOuter                 // csubj:outer: clausal subject of a copular clause with a clausal predicate
	DepCSubjPass                  // csubj:pass: clausal passive subject
	DepDetPredet                  // det:predet: predeterminer
	DepNModDesc                   // nmod:desc: descriptive nominal modifier ("President Bush")
	DepNModPoss                   // nmod:poss: possessive nominal modifier
	DepNModUnmarked               // nmod:unmarked: nominal modifier without a case marker
	DepNSubjOuter                 // nsubj:outer: outer subject of a copular clause with a clausal predicate
	DepNSubjPass                  // nsubj:pass: passive nominal subject
	DepOblAgent                   // obl:agent: agent of a passive ("by" phrase)
	DepOblUnmarked                // obl:unmarked: oblique without a case marker ("last year")
)

var depNames = [...]string{
	NoDep: "_", DepACL: "acl", DepAdvCl: "advcl", DepAdvMod: "advmod", DepAMod: "amod",
	DepAppos: "appos", DepAux: "aux", DepCase: "case", DepCC: "cc", DepCComp: "ccomp", DepClf: "clf",
	DepCompound: "compound", DepConj: "conj", DepCop: "cop", DepCSubj: "csubj", DepDep: "dep",
	DepDet: "det", DepDiscourse: "discourse", DepDislocated: "dislocated", DepExpl: "expl",
	DepFixed: "fixed", DepFlat: "flat", DepGoesWith: "goeswith", DepIObj: "iobj", DepList: "list",
	DepMark: "mark", DepNMod: "nmod", DepNSubj: "nsubj", DepNumMod: "nummod", DepObj: "obj",
	DepObl: "obl", DepOrphan: "orphan", DepParataxis: "parataxis", DepPunct: "punct",
	DepReparandum: "reparandum", DepRoot: "root", DepVocative: "vocative", DepXComp: "xcomp",
	DepACLRelCl: "acl:relcl", DepAdvClRelCl: "advcl:relcl", DepAuxPass: "aux:pass",
	DepCCPreconj: "cc:preconj", DepCompoundPrt: "compound:prt", DepCSubjOuter: "csubj:outer",
	DepCSubjPass: "csubj:pass", DepDetPredet: "det:predet", DepNModDesc: "nmod:desc",
	DepNModPoss: "nmod:poss", DepNModUnmarked: "nmod:unmarked", DepNSubjOuter: "nsubj:outer",
	DepNSubjPass: "nsubj:pass", DepOblAgent: "obl:agent", DepOblUnmarked: "obl:unmarked",
}

// NumDepRels is the number of DepRel values, NoDep included.
const NumDepRels = len(depNames)

// firstSubtype is the first relation with a subtype.
const firstSubtype = DepACLRelCl

// String returns the relation as UD writes it ("nsubj", "nmod:poss"), or
// "_" for NoDep.
func (r DepRel) String() string {
	if int(r) < len(depNames) {
		return depNames[r]
	}
	return fmt.Sprintf("DepRel(%d)", int(r))
}

// Universal returns the universal type of r: r itself, or for a subtype
// the type before the colon (DepNSubjPass.Universal() == DepNSubj).
func (r DepRel) Universal() DepRel {
	if r < firstSubtype || int(r) >= len(depNames) {
		return r
	}
	u, _, _ := strings.Cut(depNames[r], ":")
	for i := DepACL; i < firstSubtype; i++ {
		if depNames[i] == u {
			return i
		}
	}
	return r
}

// ParseDepRel returns the relation written s ("nsubj", "acl:relcl"; "_"
// gives NoDep). A subtype that EWT does not use ("obl:tmod" of older
// releases) gives its universal type together with an error, so a caller
// that only needs the universal type can go on.
func ParseDepRel(s string) (DepRel, error) {
	for i, n := range depNames {
		if n == s {
			return DepRel(i), nil
		}
	}
	if u, sub, ok := strings.Cut(s, ":"); ok {
		for i := DepACL; i < firstSubtype; i++ {
			if depNames[i] == u {
				return i, fmt.Errorf("extract: unknown subtype %q of relation %q (EWT's subtypes are acl:relcl, nsubj:pass, nmod:poss, ...)", sub, u)
			}
		}
	}
	return NoDep, fmt.Errorf("extract: unknown dependency relation %q (want a UD relation such as nsubj, obj or nmod:poss)", s)
}

// HasSyntax reports whether the document's tokens carry part-of-speech tags
// and dependency trees (the Extractor ran with syntax on and the document
// has tokens).
func (d *Document) HasSyntax() bool { return len(d.Tokens) > 0 && d.Tokens[0].Dep != NoDep }

// Root returns the index of the root token of sentence s (the token whose
// Head is -1), or -1 when the document has no trees or s is out of range.
// It costs one pass over the sentence's tokens.
func (d *Document) Root(s int) int {
	if s < 0 || s >= len(d.Sentences) {
		return -1
	}
	r := d.Sentences[s].Tokens
	for i := r.Lo; i < r.Hi; i++ {
		if d.Tokens[i].Head < 0 && d.Tokens[i].Dep != NoDep {
			return i
		}
	}
	return -1
}

// Children returns an iterator over the indices of the tokens whose head
// is token i, in text order. It is empty when i has no children, is out of
// range or the document has no trees. Each use scans i's sentence once; it
// allocates only the iterator's closure.
func (d *Document) Children(i int) iter.Seq[int] {
	return func(yield func(int) bool) {
		if i < 0 || i >= len(d.Tokens) || d.Tokens[i].Dep == NoDep {
			return
		}
		r := d.sentenceRange(i)
		for j := r.Lo; j < r.Hi; j++ {
			if d.Tokens[j].Head == i && d.Tokens[j].Dep != NoDep {
				if !yield(j) {
					return
				}
			}
		}
	}
}

// ChildrenWith returns the first child of token i whose relation, or its
// universal type, is rel, or -1: d.ChildrenWith(verb, DepNSubj) finds an
// "nsubj" or an "nsubj:pass" child.
func (d *Document) ChildrenWith(i int, rel DepRel) int {
	for c := range d.Children(i) {
		if dep := d.Tokens[c].Dep; dep == rel || dep.Universal() == rel {
			return c
		}
	}
	return -1
}

// Ancestors returns an iterator over the heads above token i, nearest
// first, up to the root of its sentence. It is empty for a root, an index
// out of range or a document without trees. It allocates only its closure.
func (d *Document) Ancestors(i int) iter.Seq[int] {
	return func(yield func(int) bool) {
		if i < 0 || i >= len(d.Tokens) || d.Tokens[i].Dep == NoDep {
			return
		}
		// A tree has no cycles (Validate checks it), but the bound keeps a
		// hand-built Document with one from looping for ever.
		for n := 0; n < len(d.Tokens); n++ {
			h := d.Tokens[i].Head
			if h < 0 || h >= len(d.Tokens) {
				return
			}
			if !yield(h) {
				return
			}
			i = h
		}
	}
}

// Subtree returns the token range covered by token i and all its
// descendants. The parser builds projective trees, whose subtrees are
// contiguous; for a hand-built non-projective tree the range runs from the
// leftmost to the rightmost descendant and may hold other tokens. It is the
// empty range when i is out of range, and [i, i+1) when the document has no
// trees. It costs one pass over the sentence with a walk up from each
// token.
func (d *Document) Subtree(i int) Range {
	if i < 0 || i >= len(d.Tokens) {
		return Range{}
	}
	lo, hi := i, i+1
	if d.Tokens[i].Dep == NoDep {
		return Range{lo, hi}
	}
	r := d.sentenceRange(i)
	for j := r.Lo; j < r.Hi; j++ {
		if j >= lo && j < hi {
			continue
		}
		if d.dominates(i, j, r) {
			lo, hi = min(lo, j), max(hi, j+1)
		}
	}
	return Range{lo, hi}
}

// dominates reports whether token a is an ancestor of token b, both in the
// sentence range r.
func (d *Document) dominates(a, b int, r Range) bool {
	for n := 0; n < r.Len(); n++ {
		h := d.Tokens[b].Head
		if h < r.Lo || h >= r.Hi {
			return false
		}
		if h == a {
			return true
		}
		b = h
	}
	return false
}

// sentenceRange returns the token range of the sentence holding token i,
// or the whole document when it has no sentences.
func (d *Document) sentenceRange(i int) Range {
	if s := d.SentenceOf(i); s >= 0 {
		return d.Sentences[s].Tokens
	}
	return Range{0, len(d.Tokens)}
}

// validateTrees checks the trees of a document with syntax: every token has
// a relation, each sentence has exactly one root (Head -1, relation root),
// every other head lies inside the token's sentence and no token is its own
// ancestor. Without trees (HasSyntax false) no token may have a relation;
// tags alone (SyntaxTags) are fine.
func (d *Document) validateTrees() error {
	if !d.HasSyntax() {
		for i, t := range d.Tokens {
			if t.Dep != NoDep {
				return fmt.Errorf("extract: token %d %q has a relation but token 0 has none", i, t.Text)
			}
		}
		return nil
	}
	for s, sent := range d.Sentences {
		r := sent.Tokens
		roots := 0
		for i := r.Lo; i < r.Hi; i++ {
			t := d.Tokens[i]
			switch {
			case t.Dep == NoDep:
				return fmt.Errorf("extract: token %d %q has no relation", i, t.Text)
			case t.Head == -1:
				if t.Dep != DepRoot {
					return fmt.Errorf("extract: token %d %q has no head but relation %v, not root", i, t.Text, t.Dep)
				}
				roots++
			case t.Head < r.Lo || t.Head >= r.Hi:
				return fmt.Errorf("extract: token %d %q has head %d outside its sentence %d [%d,%d)", i, t.Text, t.Head, s, r.Lo, r.Hi)
			case t.Dep == DepRoot:
				return fmt.Errorf("extract: token %d %q has relation root but head %d", i, t.Text, t.Head)
			}
			// Walk up: a tree reaches the root within the sentence length.
			j, n := i, 0
			for d.Tokens[j].Head >= 0 {
				j = d.Tokens[j].Head
				if n++; n > r.Len() {
					return fmt.Errorf("extract: token %d %q is on a cycle of heads", i, t.Text)
				}
			}
		}
		if roots != 1 {
			return fmt.Errorf("extract: sentence %d has %d roots, want 1", s, roots)
		}
	}
	return nil
}
