// Package claims finds who said what in a news article: direct, indirect and
// mixed quotations, each attributed to the mention that said it and, when
// the document knows it, to a person, an organisation or a group.
//
// # What a claim is
//
// A [Claim] joins three roles, after the attribution relations of PARC and
// PolNeAR (Pareti 2016; Newell, Margolin and Ruths 2018), with their span
// conventions:
//
//   - Content: what was said, one or more byte spans of the text. A
//     quotation's span includes its quotation marks, as PolNeAR, CofeNet,
//     Citron and CoreNLP mark it ("“We won,”"); [Claim.ContentText] and
//     [TrimMarks] give the text without them, for display. An [Indirect]
//     claim reports a clause in the writer's words ("said that …"); a
//     [Mixed] claim is a reported clause with quoted fragments ("said the
//     plan was “dead”"). A quotation that continues a claim is one more
//     content span of that claim, in text order: the second half of an
//     interrupted quotation ("“…,” he said, “…”"), each paragraph of a
//     multi-paragraph quotation, and a later quotation with no cue of its
//     own ("“…,” he said. “…”").
//   - Cue: the reporting expression ("said", "has also argued",
//     "according to", a colon or a dash), or absent.
//   - Source: the mention of who said it, as written ("she", "Ms. Khomich",
//     "a source", "Franak Viacorka, the chief of staff …,"), or absent.
//
// The [Speaker] says what the source is: a person ([PersonSpeaker], with
// its index into Document.People: every claim of "Mr. Smith", "Smith", a
// "he" or "the diplomat" that refers to him names "Christopher W. Smith"),
// an organisation ([OrgSpeaker], with its entity), a group or nominal that
// names no one ([GroupSpeaker]: "officials", "a spokesman for the
// ministry"), or nobody the text identifies ([UnknownSpeaker]: "they", no
// source).
//
// Each claim names the sieve pass that found it and chose its source
// ([Claim.Rule]: D1, I2, …) and the rule that resolved its speaker
// ([Speaker.Rule]: P1, P3, …), as CoreNLP reports its sieve. Its
// [Claim.Confidence] is calibrated per rule on PolNeAR train
// ([Calibration]): of the claims at 0.9, about nine in ten are right.
//
// # Getting started
//
//	doc := extract.Parse(text)
//	for _, c := range claims.Attribute(doc) {
//		fmt.Println(c.Speaker.Name, c.Kind, c.ContentText())
//	}
//
// # How claims are found
//
// The attributor runs in stages, one file each; a stage is a small type
// over the same per-call view of the document (view.go: tokens, sentences
// without their datelines, quotations, the tokens claims have taken):
//
//	marks.go       quotation marks paired into quotations (Q1–Q9)
//	cues.go        cue candidates: the learned detector and its extents (C1–C9, C2e)
//	sources.go     the source of a cue: subject, inverted source, agent (S1–S7)
//	syntax.go      what the dependency parse adds: subjects, complements (S8, I13, D1s)
//	content.go     where an indirect content starts and ends (learned rankers)
//	speakers.go    a source's speaker: names, pronouns, nominals (P1–P6)
//	labels.go      assembly, speaker labels (L1)
//	quotations.go  assembly, the quotation sieve (D1–D5)
//	reports.go     assembly, the cue sieve (I0–I13)
//	nested.go      assembly, claims nested in a source (I1n, I1r)
//	assemble.go    the order of the sieves, and how a claim is recorded
//	confidence.go  calibration of the raw scores
//
// The learned parts (the cue detector, the cue-end ranker and the content
// rankers, in internal/cuemodel) are trained by claims/internal/cmd/claimtrain
// on PolNeAR train; the rules around them are the ones a model of words
// alone cannot learn (quotation structure, clause boundaries, appositive
// chains), each with its ID.
//
// Quotation marks are paired first (marks.go, rules Q1–Q9): curly, straight,
// angle and „low-high“ marks, the doubled apostrophes of wire copy, nesting, a misused opening
// mark at the end of a paragraph, a dropped opening mark ('They are
// wrong," said Ms. Strada.' quotes from the paragraph's start), and
// quotations that run over several paragraphs (a mark opens each paragraph
// and only the last closes).
//
// Cues are found by a learned detector (cues.go and internal/cuemodel): an
// averaged perceptron over the word, its Snowball stem, its neighbours and
// the quotation marks around it, and (cuemodel/3) what the dependency parse
// says of it: its tag and relation, the relations of its children (a
// clausal complement, a subject, an agent), the kind of its subject, the
// marker of its complement ("that", "whether"), its head, and its GloVe
// cluster (internal/wordvec), trained on the PolNeAR train split, with a
// prior from a lexicon of PolNeAR cue counts and a hand list of reporting
// verbs (internal/lexicon, see its SOURCES.md). Auxiliaries and particles
// join the cue as PolNeAR annotators mark them ("has said", "according to"),
// as does a verb that takes the cue's infinitive ("continues to insist",
// C3b); an infinitive cue takes its verb ("to declare", "continued to
// question", C5), a statement is part of its verb's cue ("issued a statement
// saying", C6), and a passive cue leaves out its "by". A gerund of a
// reporting verb after a preposition is a cue even when the detector
// doubts it ("by saying", "aside from saying", C2b), as is one that
// introduces a quotation ("asking, “…”", C2c) or follows one and a name
// ("“…?” Vitter demanded.", C2d); a verb that "by saying" explains is not
// ("responded to a mother on Wednesday by saying …", C2e). Where a cue ends is
// then revised by a learned ranker (C7, internal/cuemodel) that knows
// PolNeAR's extents ("accused Holt of", "expressed deep concern about");
// its end replaces the rules' end only when it scores clearly better.
//
// Claims are then built by a sieve of rules from precise to general, after
// Muzny et al. 2017 ("A Two-stage Sieve Approach for Quote Attribution",
// the basis of CoreNLP's quote attribution) and BBC Citron:
//
//   - L1 speaker labels: "PENCE: Well, look, …", but not a headline label
//     that tags the story ("The Latest: …", "BREAKING: …", L1b), while
//     "Poll: …" and "Politifact: …" name a source as PolNeAR has them, nor
//     a section title ("The Gap Goes On: …", L1e) or an editor's line
//     ("Correction: …", L1d);
//   - D1 a cue after a quotation: “…,” said X / “…,” X said / “…” ― X;
//     D1s any finite verb that ends the sentence after a quotation closed
//     by a comma, "?" or "!", when the words between are, in the parse,
//     exactly its subject ("“…,” a tired Greta Holm retorted.");
//   - D2 a cue before it: X said: “…”; with words between, a mixed claim;
//   - D3 a colon: X: “…”;
//   - D3b a colon after a short clause whose subject speaks ("Ms. Okafor
//     was blunt: “…”"); L1f a label of a name and its outlet ("Rosa
//     Klein, The Daily Ledger: “…”");
//   - D1c the quotation after an interrupting cue and D4 a quotation with
//     no cue that opens a sentence continue the last claim with a
//     quotation, of the same or the previous paragraph: they are more
//     content spans of it;
//   - D5 anything else, such as scare quotes and titles ("state of the
//     union"), is not a claim;
//   - I0–I13 indirect claims, strongest cue first (the detector's
//     probability in fifths, then the lexicon prior, then text order; a
//     cue with a that-clause goes before the cues inside it, I0b):
//     according to X, X said
//     (that) …, …, X said., …, X said, …, participles or coordinated verbs
//     that share a subject ("…, adding that …", "she smiled and said"), a
//     cue and colon that end a paragraph ("The Times reports:") taking the
//     next paragraph, passives with an agent ("was first reported by
//     MSNBC"), and claims without a source for evidential cues ("seemed",
//     "is expected", "reportedly") and "Asked whether …" or "…, when asked
//     whether …"; a participle that opens the sentence reports for the
//     main clause's subject ("Citing a theory, Trump accused …", I11), and
//     a comment clause with "as" takes the clause beside it ("As experts
//     have pointed out, …", "…, as police have said.", I12); a gerund cue
//     after a preposition shares the sentence's subject ("responded … by
//     saying …", I6). A short clause or answer after the cue stays its content
//     even after a comma ("In Texas, voters said they were angry", "Asked
//     who leads, he said Ryan", I3b). An "according
//     to" aside inside another claim's source ("Mr. Smith, according to
//     diplomats, said …", I1n) gives a nested, less confident claim whose
//     content is the outer claim; a relative clause inside a source
//     ("Viacorka, an aide to Tikhanovskaya, who has long called for
//     sanctions, said …", I1r) gives a nested claim of the name before
//     "who". These are the claims that share tokens with another. When
//     no rule finds a claim for a cue, I13 takes the parse: the subject
//     (nsubj, or the agent of a passive) of the cue verb or of the verb
//     it complements or is coordinated with, and the cue's clausal
//     complement as the content.
//
// Where an indirect content starts and ends is learned: two rankers
// (structured perceptrons, internal/cuemodel) trained on PolNeAR train pick
// the start among the tokens after the cue (after the addressee of "told",
// at "that" after an adverbial) and the end among the tokens up to the
// sentence end (before an adjunct, a relative clause or a second claim),
// with the parse's say (endmodel/4): where the cue's clausal complement
// ends, and whether the token at the boundary hangs on the cue. A content
// never starts past a "that" that opens a clause (C10). A
// content never starts after a comma and another cue, and ends before ",
// while 73 percent said …" or "by saying …", a second claim.
//
// Sources are the subject of the cue (S1–S4): auxiliaries and adverbs are
// skipped, appositives and relative clauses are kept up to the comma that
// precedes the verb, as PolNeAR marks them, so "Franak Viacorka, the chief
// of staff of … Svetlana Tikhanovskaya, who …, said" gives the source
// "Franak Viacorka, …," and the speaker Franak Viacorka, not Tikhanovskaya.
// Coordinated subjects ("Mr. Grassley and Mr. Leahy"), post-modifiers
// ("Many people involved in the negotiations") and parentheses ("Rep. Gwen
// Moore (D-Wis.)") and partitives of a relative pronoun ("many of whom
// say", S2b) stay in the source, and a participle after a name takes the
// name ("footage of Hillary Clinton asking", S2c); temporal adjuncts ("on Wednesday"),
// asides ("however") and datelines ("LISBON (Reuters) -", "Washington
// (CNN) —") do not (S5–S7), and a clause before an appositive chain is the
// content, not the head ("The plant will close, Karl Hesse, the chief
// executive, said", S3c). When the parse's subject of the cue holds the
// rules' source and starts further left with a determiner, adjective or
// number, the source starts there ("The deputy head of …", S8). Pronouns (P1) resolve to the first person of
// matching gender in the current sentence before them, else in the
// previous ones (subject position first), where the people earlier claims
// were attributed to count as mentioned, never to a name inside a
// quotation (P1c); failing that (P1b), to the last person of that gender
// named before. Definite descriptions resolve to the person the article
// described so ("the analyst" after "Artyom Shraibman, a political
// analyst") or whose title they are ("the mayor", P6), and to the
// organisation they name again ("the ministry", P5).
//
// # Offsets
//
// Every span is a byte span of Document.Text with its text aliased, so
// doc.Text[s.Start:s.End] == s.Text always holds. Claims come back in text
// order, by the start of their first content span.
//
// # Concurrency and cost
//
// An [Attributor] is immutable after [New]; Attribute may be called from
// many goroutines. The model and lexicon are decoded once per process.
// Attribute runs in time linear in the number of tokens: every rule looks at
// a bounded window around a cue or a quotation mark.
//
// # Invalid input
//
// Attribute never fails and never panics: empty documents, unbalanced
// marks, text with no punctuation or all in capitals give fewer claims, not
// errors.
package claims
