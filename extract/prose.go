package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// proseRecognizer runs prose/v2's named-entity recognizer as a baseline
// (NERProse). prose gives entity texts and labels but no offsets, so each
// entity is aligned back to Document.Text and snapped to our tokens.
//
// Cost: prose.NewDocument decodes its tagger and entity model (gob files
// embedded in prose) on every call; that is prose's behaviour and cannot be
// avoided through its API, so each recognize call costs about half a second
// on an 8 KB article on top of tagging. Sentence segmentation is turned off
// since we do not use prose's sentences.
//
// Label mapping (prose's model is trained on OntoNotes-like labels):
//
//	PERSON                 -> PER
//	ORGANIZATION           -> ORG
//	GPE, GSP, LOCATION     -> LOC
//	FACILITY               -> LOC   (buildings, airports, "the Kremlin")
//	anything else          -> MISC  (the v2.0.0 model has no other label)
//
// prose's spans are kept as prose finds them: a PERSON may include an
// honorific ("Mr. Lukashenko"), unlike our convention; clusterPeople strips
// it from the person's name.
//
// Alignment: prose joins the tokens of an entity with single spaces and
// rewrites curly quotes to straight ones. An entity's words are searched
// for in order from the end of the previous match, each word matching the
// text with any white space (or none) before it and quotes compared by
// kind; an entity whose words are not found is skipped. The match is then
// widened to whole tokens, and an entity that would overlap the previous
// one is skipped. prose panics on no input we know of, but a panic inside
// it is recovered and gives no entities, since extraction never fails.
type proseRecognizer struct{}

func (proseRecognizer) recognize(d *Document) (ents []Entity) {
	if len(d.Tokens) == 0 {
		return nil
	}
	defer func() {
		if recover() != nil {
			ents = nil
		}
	}()
	doc, err := prose.NewDocument(d.Text, prose.WithSegmentation(false))
	if err != nil {
		return nil
	}
	cursor := 0
	for _, pe := range doc.Entities() {
		start, end, ok := alignWords(d.Text, cursor, strings.Fields(pe.Text), d.startsToken)
		if !ok {
			continue
		}
		lo, hi := d.TokenAt(start), d.TokenAt(end-1)
		if lo < 0 || hi < 0 {
			continue
		}
		r := Range{lo, hi + 1}
		if n := len(ents); n > 0 && ents[n-1].Tokens.Hi > r.Lo {
			continue // overlaps the previous entity after snapping
		}
		ents = append(ents, Entity{Span: d.TokenSpan(r), Tokens: r, Label: proseLabel(pe.Label), Person: -1})
		cursor = end
	}
	return ents
}

// proseLabel maps a prose entity label to ours (see proseRecognizer).
func proseLabel(l string) Label {
	switch l {
	case "PERSON":
		return PER
	case "ORGANIZATION":
		return ORG
	case "GPE", "GSP", "LOCATION", "FACILITY":
		return LOC
	}
	return MISC
}

// startsToken reports whether a token starts at byte offset off.
func (d *Document) startsToken(off int) bool {
	i := d.TokenAt(off)
	return i >= 0 && d.Tokens[i].Start == off
}

// alignWords finds words in text at or after byte offset from: the first
// word at an offset where okStart holds, each following word after only
// white space (or none). It returns the byte span of the match, trying each
// occurrence of the first word in turn.
func alignWords(text string, from int, words []string, okStart func(int) bool) (start, end int, ok bool) {
	if len(words) == 0 {
		return 0, 0, false
	}
	for at := from; at < len(text); {
		i := indexWord(text[at:], words[0])
		if i < 0 {
			return 0, 0, false
		}
		start = at + i
		if !okStart(start) {
			// not at a token start ("Russia" inside "Belarussia")
		} else if end, ok := matchWord(text, start, words[0]); ok {
			if end, ok := matchRest(text, end, words[1:]); ok {
				return start, end, true
			}
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		at = start + size
	}
	return 0, 0, false
}

// matchRest matches words one after another from byte offset at, each
// after optional white space.
func matchRest(text string, at int, words []string) (int, bool) {
	for _, w := range words {
		for at < len(text) {
			r, size := utf8.DecodeRuneInString(text[at:])
			if !unicode.IsSpace(r) {
				break
			}
			at += size
		}
		end, ok := matchWord(text, at, w)
		if !ok {
			return 0, false
		}
		at = end
	}
	return at, true
}

// indexWord returns the offset in s of the first place where w may match
// (see matchWord), or -1. It finds candidates by w's first rune, folding
// quotes.
func indexWord(s, w string) int {
	wr, _ := utf8.DecodeRuneInString(w)
	wr = foldQuote(wr)
	for i, r := range s {
		if foldQuote(r) == wr {
			if _, ok := matchWord(s, i, w); ok {
				return i
			}
		}
	}
	return -1
}

// matchWord reports whether w matches text at byte offset at, comparing
// runes with quotes folded (prose writes ’ as ' and “ as "), and returns
// the end of the match.
func matchWord(text string, at int, w string) (int, bool) {
	for _, wr := range w {
		if at >= len(text) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(text[at:])
		if foldQuote(r) != foldQuote(wr) {
			return 0, false
		}
		at += size
	}
	return at, true
}

// foldQuote maps curly single and double quotes to their straight forms,
// as prose's tokenizer does.
func foldQuote(r rune) rune {
	switch r {
	case '\u2018', '\u2019':
		return '\''
	case '\u201c', '\u201d':
		return '"'
	}
	return r
}
