// Package corpus loads annotated news articles and scores saywho's output
// against them. It reads saywho's own gold JSON (format saywho-gold/1),
// PolNeAR (brat standoff), CoNLL-2003 (IOB1) and BBC Citron's JSON, and
// scores named entities and claims with the metrics published for those
// corpora.
//
// # Getting started
//
//	arts, err := corpus.LoadPolNeAR("../shared/data/polnear", "dev")
//	// err lists the annotation problems found; arts holds everything else.
//	var s corpus.Score
//	for i := range arts {
//		doc := extract.Parse(arts[i].Doc.Text)
//		s.Add(&arts[i], doc, claims.Attribute(doc))
//	}
//	fmt.Println(s.Claims.Attribution) // P=… R=… F1=… (tp=… fp=… fn=…)
//
// The command `saywho eval` (examples/saywho) does this for every corpus
// and prints a table.
//
// # Articles and layers
//
// An [Article] holds the text and its gold annotation in saywho's own types,
// so gold and prediction compare field by field: Doc.Entities, Doc.People
// (Person.Mentions are indices into Doc.Entities) and Claims. [Layers] says
// which were annotated; a scorer only scores a layer the gold has (an
// article with no entity layer says nothing about entities, which is not
// the same as saying there are none).
//
// # Offsets
//
// Every span is a half-open byte range [Start, End) of the article's UTF-8
// text, with its Text, as everywhere in saywho. Tools that count characters
// (brat, Citron) are converted once, at load time, and every annotated text
// is checked against the slice it points to.
//
// # Gold JSON format (saywho-gold/1)
//
// One JSON object per file, NAME.gold.json:
//
//	{
//	  "format": "saywho-gold/1",
//	  "id": "seed:000_8cddab4abca9d9aa",
//	  "source": "free text: where the article came from",
//	  "text": "optional; when absent Load reads the sibling NAME.txt",
//	  "layers": ["entities", "people", "claims"],
//	  "entities": [{"start": 10, "end": 20, "text": "Lukashenko", "label": "PERSON"}],
//	  "people": [{"name": "Aleksandr G. Lukashenko", "gender": "male",
//	              "description": {"start": …, "end": …, "text": …} | null,
//	              "mentions": [{"start": …, "end": …, "text": "Lukashenko"}, …]}],
//	  "claims": [{"kind": "direct" | "indirect" | "mixed",
//	              "content": [{"start": …, "end": …, "text": …}, …],
//	              "cue": span | null, "source": span | null,
//	              "speaker": "Tatyana Khomich" | null}]
//	}
//
// start and end are byte offsets into text; the loader rejects a span whose
// text differs from text[start:end] (and says so when the offsets look like
// character offsets), a span that cuts a UTF-8 sequence, overlapping
// entities, an unknown label, kind, layer or field. Labels are PERSON, ORG,
// LOC, MISC (CoNLL types); entity spans exclude honorifics. A person's
// mentions must be PERSON entities (when the file has no entity layer, the
// mentions become the PERSON entities). Claim content follows PolNeAR: a
// direct quotation includes its quotation marks, and a quotation that
// continues a claim is one more content span of it; source is the mention in the text ("he",
// "the State Department"); speaker is the canonical name, null when unknown.
// A gold claim's speaker is the person of that name (claims.PersonSpeaker
// with its index), else an organisation (claims.OrgSpeaker with its ORG
// entity, if any); Confidence is 1, Paragraph = Sentence = -1 (gold files
// carry no segmentation). [Load] reads a directory of such files, [Decode]
// one from a reader, [Encode] writes one (text included, one entity or claim
// per line).
//
// # PolNeAR
//
// [LoadPolNeAR] reads SPLIT/text/NAME.txt and SPLIT/attributions/NAME_ANNOTATOR.ann.
//
//   - Annotator: some articles were annotated by several annotators (16 in
//     train, 2 in dev); the file of the lexicographically first annotator id
//     is used, so the choice does not depend on metadata.tsv.
//   - Each Attribution or Attribution-no-source event is one claim; roles
//     with a digit (Content2) add pieces to the role. Discard and Discuss
//     spans are not claims and are ignored.
//   - Pieces: every discontinuous span ("120 180;195 260") keeps its pieces in
//     Article.Pieces, for per-role chunk scoring. In the Claim, each content
//     piece is one Content span; Cue and Source are the first piece of the
//     role (discontinuous cues and sources are rare: 11 in train and dev).
//   - Kind: Direct when every letter and digit of the content is inside
//     double quotation marks (“ ” " « » „; single marks are apostrophes too
//     often to count), Mixed when some are, Indirect otherwise. Contents
//     keep their quotation marks, as PolNeAR annotates them. On dev this
//     gives 346 direct, 269 mixed and 1577 indirect claims (28% with
//     quotation marks, as PolNeAR's documentation says).
//   - Speaker is unknown: PolNeAR has no canonical speakers, so speaker
//     accuracy is not measured on it.
//   - Brat writes a discontinuous span's text as its pieces joined by a
//     space; a piece holding a paragraph break carries the text on to the
//     next lines of the .ann file (3 train files). The loader reads those
//     continuation lines when they match the article text exactly.
//   - Reported, not loaded (all in events; every text-bound annotation of
//     train and dev matches its text): 37 events with no content (annotator
//     ef2d, 36 in train, 1 in dev) and 2 events whose role points at a span
//     with another label (a Cue that is a Discuss span, a Content that is a
//     Source span). Trailing spaces after events and AnnotatorNotes lines
//     are accepted.
//
// # CoNLL-2003
//
// [LoadCoNLL] rebuilds each document as text: the tokens of a sentence
// joined by one space, sentences by one "\n". Doc.Tokens and Doc.Sentences
// keep the gold tokenization (LayerTokens), so NER can also be compared on
// gold tokens; Doc.Entities are the IOB1 entities (an entity starts at a
// B- tag, or at an I- tag after O or another type). -DOCSTART- lines of
// either form separate documents; blank lines, however many, end sentences.
//
// # Citron JSON
//
// [DecodeCitron] and [EncodeCitron] read and write Citron's annotation
// format ({"text", "quotes": [{"cue", "sources", "contents",
// "coreferences", "confidence"}], "coreference_groups"}, character
// offsets); [DecodeCitronOutput] reads what citron-extract prints (no text,
// token offsets, string confidences). Import treats contents as PolNeAR
// contents (kind from the marks, raw spans in Pieces) and takes the speaker
// from the coreferences; export writes the raw pieces when there are some,
// so import then export gives back the same spans, and a cue object on
// every quote, as Citron's reader needs.
//
// # Scoring
//
// [Counts] hold TP, FP and FN; P = TP/(TP+FP), R = TP/(TP+FN), F1 their
// harmonic mean. When a denominator is 0 the value is defined, not
// approximated: P is 1 when nothing was predicted and nothing was to be
// found, else 0; R likewise; F1 is 0 when P+R is 0. Figures are micro
// averages: counts add up over articles.
//
//   - Entities ([ScoreEntities]): exact span and type, as conlleval does; a
//     partial match is one FP and one FN. Per label and micro.
//   - Claims, Citron-compatible ([ClaimScore] Cue, Source, Content, Quote):
//     exact (same start and end) and overlap (sharing a token, taken as
//     sharing a non-space byte, since both sides' spans are token-aligned)
//     for the cue, source and content spans of all claims, and for whole
//     claims (all three roles). Matching is one to one, largest overlap
//     first; a span shared by several claims counts once.
//   - Claims per role as published for PolNeAR (CofeNet), the strict
//     headline figures: exact match of chunks as annotated, each contiguous
//     piece one chunk, trimmed of white space and nothing else (a direct
//     quotation's content includes its marks). A lenient content variant
//     that ignores the marks at chunk ends is reported under its own name
//     (LenientContent, claims.chunks.content_lenient.f1).
//   - Who said what: a predicted claim is right when its content overlaps
//     a gold claim's content and its source overlaps that claim's source (or
//     both have none), one to one. Quoted recall is the share of fully or
//     partly quoted gold claims (content holding a double quotation mark)
//     attributed right; speaker accuracy the share of
//     gold claims with a canonical speaker whose content-matched prediction
//     names the same speaker.
//
// [DiffEntities], [DiffSpans] and [MatchClaims] list the misses and false
// positives behind the figures.
//
// # Invalid input
//
// Loaders never panic. Every problem is a [LoadError] with file, line and
// byte offset, collected in an [ErrorList] so a corpus is fixed in one
// pass; the loaders return everything they could load together with the
// list, so nothing is skipped silently. errors.Is(err, ErrFormat) tells an
// annotation problem from an I/O error. Fuzz tests cover every parser.
//
// # Concurrency
//
// Loaders and scorers keep no state between calls and may run
// concurrently. A [Score] accumulates and is not safe for concurrent use.
//
// # Data
//
// PolNeAR and CoNLL-2003 are not in the repository (their licences do not
// allow it); tests and `saywho eval` read them from ../shared/data and the
// tests skip when it is absent.
package corpus
