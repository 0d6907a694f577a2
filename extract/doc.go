// Package extract turns the text of a news article into a [Document]: its
// tokens, sentences and paragraphs, the part of speech of every token and
// the dependency tree of every sentence, the named entities it mentions
// (PERSON, ORG, LOC, MISC) and the people among them, each given as byte
// offsets into the unchanged text. It is the first stage of saywho; package claims
// reads a Document to find who said what.
//
// # Getting started
//
// Build an [Extractor] once with [New] (it loads the models) and call
// [Extractor.Extract] for each article; [Parse] does the same with the
// package's shared [Default] extractor:
//
//	ex, err := extract.New()
//	if err != nil {
//		return fmt.Errorf("loading saywho: %w", err)
//	}
//	doc := ex.Extract(text)
//	for _, s := range doc.Sentences {
//		fmt.Println(s.Start, s.End, s.Text)
//	}
//
// With [WithNER]([NERNone]) and [WithSyntax]([SyntaxNone]) an Extractor
// only tokenizes and segments, at tens of megabytes per second. To walk
// tokens without building a Document, use the [Tokenizer] cursor or the
// [Tokens] iterator.
//
// # Data model
//
// A [Document] holds the input Text and layers that point into it:
//
//   - Tokens ([Token]): a [Span] and a [TokenKind] (Word, Number, Punct,
//     QuoteOpen, QuoteClose, QuoteAmbiguous, Dash, Symbol, URL, Email,
//     Handle, Hashtag, Abbrev, Invalid, Hyphen). Between two tokens there
//     is only white space.
//   - Sentences ([Sentence]) and Paragraphs ([Paragraph]): spans from their
//     first token's start to their last token's end, with the [Range] of
//     token indices they cover. Sentences tile the tokens, paragraphs tile
//     both the tokens and the sentences, and a sentence never crosses a
//     paragraph.
//   - Syntax, on the tokens: POS ([UPOS]), Tag ([PennTag]), Dep
//     ([DepRel]) and Head (a token index, -1 for a sentence's root); see
//     "Syntax" below.
//   - Entities ([Entity]): labelled, non-overlapping spans with their token
//     [Range]; People ([Person]): the PERSON entities clustered by person.
//
// [Document.Validate] checks these invariants; the fuzz test checks them on
// arbitrary input.
//
// # Offsets
//
// Every offset is a byte offset into Document.Text, counted from 0; ends
// are exclusive ([Start, End)). Span.Text is Text[Start:End], a substring
// that shares the text's memory. Token indices are a separate type,
// [Range], so that bytes and indices cannot be mixed up. Offsets count
// bytes, not runes: convert with utf8.RuneCountInString when a consumer
// wants characters.
//
// # Tokens
//
// The tokenizer follows the Penn Treebank conventions that CoNLL-2003 (the
// NER training data) uses, refined where UD English EWT (the syntax
// training data) splits words differently, with these rules (IDs as in
// tokenizer.go):
//
//   - Clitics are split: "Washington’s" → "Washington" "’s", "don’t" → "do"
//     "n’t"; inner apostrophes stay: "O’Brien". A ’ after a word closes an
//     open ‘ quotation; after an s with none open it is a possessive Word
//     ("the 1990s’"). Elisions keep their apostrophe: "’90s", "rock ’n’ roll".
//     Contractions written without an apostrophe split as UD does (T11):
//     "dont" → "do" "nt", "cannot" → "can" "not", "gonna" → "gon" "na".
//   - Curly and angle marks take their direction from their shape (“ ‘ « ‹
//     „ ‚ open, ” ’ » › close); straight quotes from their neighbours (T6),
//     or QuoteAmbiguous. An opening mark misused as a closing one (“ at a
//     paragraph end) stays QuoteOpen; package claims reinterprets it.
//   - Abbreviations keep their period as one Abbrev token: titles ("Mr.",
//     "Gen."), initials ("G."), months ("Sept."), dotted forms ("U.S.",
//     "a.m."), company suffixes ("Inc."), and "No." before a number. A
//     sentence-final "U.S." keeps its period too; the segmenter decides.
//   - Hyphens between words split off as Hyphen tokens, as UD does (W1):
//     "Coca-Cola" → "Coca" "-" "Cola", "2020-21" → "2020" "-" "21"; a
//     hyphen after a prefix that UD keeps attached stays inside the word
//     ("non-resident", "e-mail", "co-founder"), and so do the hyphens of
//     digit codes ("713-853-3989"). A hyphen after a space is a Dash of its
//     own ("non -resident" → "non" "-" "resident"), as are – and —. The
//     named-entity model reads the split parts as one token again, as
//     CoNLL-2003 writes them (rule H2 in model.go).
//   - Numbers: "1,226", "4.5", "3:30", "24/7", "1990s", "2nd"; signs are
//     Symbols ("87" "%", "$" "4.5").
//   - URLs (with a scheme, "www." or a known top-level domain), e-mail
//     addresses, @handles, #hashtags and file names ("resume.doc", T14)
//     are single tokens, and so are words joined by underscores (W6).
//   - Emoticons (":)", ";-)", T12), rules of repeated symbols ("***",
//     "====", T13) and runs of terminal punctuation ("?!", ".?", T2) are
//     one token each.
//   - Words are not split at case changes: "BélarusPut" (a missing space)
//     stays one Word, because names such as "McDonald", "iPhone" and
//     "PolNeAR" have the same shape.
//
// # Sentences and paragraphs
//
// Any line break ends a paragraph (news text uses single newlines and blank
// lines alike). Sentences end after . ! ? … and the closing marks that
// follow them, even after a space ("happen . ” But"); not after titles
// ("Mr.") or initials inside names ("Aleksandr G. Lukashenko"); after other
// abbreviations only before an opening quote or a capitalised frequent
// sentence starter ("in the U.S. The next day", but "the U.S. Embassy").
// The rules carry IDs (P1, S1–S7) in sentence.go.
//
// # Syntax
//
// With syntax on (the default; [WithSyntax] selects [SyntaxParse],
// [SyntaxTags] or [SyntaxNone]) every token gets its universal part of
// speech (Token.POS, one of the 17 [UPOS] tags), its Penn Treebank tag
// (Token.Tag, a [PennTag]) and its place in the dependency tree of its
// sentence: Token.Head is the index in Document.Tokens of its head, always
// in the same sentence, or -1 for the sentence's root; Token.Dep is the
// relation to it ([DepRel]: UD's universal relations and the subtypes of
// UD English EWT, such as [DepNSubjPass] and [DepNModPoss];
// [DepRel.Universal] drops the subtype). Each sentence has exactly one
// root and its tree is projective. [Document.Root], [Document.Children],
// [Document.ChildrenWith], [Document.Ancestors] and [Document.Subtree] walk
// it; [Document.HasSyntax] says whether a document has trees. The tagger
// runs before the named-entity recognizer.
//
// The tagger and parser are averaged perceptrons trained on UD English EWT
// 2.15 (web text: blogs, reviews, e-mails, answers) with GloVe word clusters
// as features; the model is CC BY-SA 4.0 (extract/internal/syntax). On EWT
// dev, from raw text through this package's tokenizer and segmenter and
// scored as the CoNLL 2018 shared task scores (`saywho eval -conllu`):
// words 0.988, UPOS 0.942, XPOS 0.929, UAS 0.821, LAS 0.787 (F1). The
// tokenizer splits words as UD does where it matters (hyphens between
// words, "cannot", "gonna"); hyphenated compounds are read as one token
// again by the named-entity recognizer.
//
// # Concurrency
//
// An Extractor never changes after [New]; Extract may be called from many
// goroutines at once. A Document is immutable by convention: its slices may
// be read concurrently but must not be modified. A [Tokenizer] is a small
// cursor for one goroutine at a time.
//
// # Allocation
//
// [Tokenizer.Next] never allocates. Extract allocates the Document, one
// token slice sized from the text length, and the sentence and paragraph
// slices: a handful of allocations per document, not per token. It also
// makes one lower-case copy of the text (one more byte per byte of text),
// from which [Document.Lower] returns a token's lower case without
// allocating; [Token.Lower], which has no document, allocates for a token
// with a capital or a non-ASCII letter. The syntax stage takes its working
// memory from a pool and allocates nothing once it is warm.
//
// # Invalid input
//
// Analysis never fails and never panics. Bytes that are not valid UTF-8 pass
// through unchanged as Invalid tokens (one per run of bad bytes), so offsets
// stay exact and the tokens still rebuild the text; empty or blank text
// gives a Document with no tokens. Only model loading returns errors.
package extract
