package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract"
)

// LoadCoNLL loads a CoNLL-2003 file (one token per line, "token POS chunk
// NER", IOB1 tags, blank lines between sentences, -DOCSTART- lines between
// documents). See DecodeCoNLL for how documents are rebuilt. The error is
// an ErrorList of malformed lines (the documents holding them are still
// returned, without the bad lines), or an I/O error.
func LoadCoNLL(path string) ([]Article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var errs ErrorList
	arts := DecodeCoNLL(path, data, &errs)
	return arts, errs.Err()
}

// DecodeCoNLL decodes CoNLL-2003 data read from file (named in errors and
// IDs) and appends problems to errs. It never panics.
//
// Each document is rebuilt as text: the tokens of a sentence joined by one
// space, sentences joined by one "\n" (no trailing newline). The gold
// tokenization is kept: Doc.Tokens are the CoNLL tokens (kind Number when
// the token starts with a digit, Punct when it holds no letter or digit,
// Word otherwise), Doc.Sentences the CoNLL sentences, and one Paragraph
// covers the document. Doc.Entities are the gold entities with their token
// ranges (IOB1: an entity starts at a B- tag, or at an I- tag after O or
// after another type) and Person -1. Layers are LayerTokens and
// LayerEntities: CoNLL-2003 has no people clusters and no claims.
//
// IDs are "conll:BASE:N" with BASE the file name without extension and N
// the 1-based document number. Text before the first -DOCSTART- line forms
// a document of its own; documents with no tokens are dropped.
func DecodeCoNLL(file string, data []byte, errs *ErrorList) []Article {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var (
		arts  []Article
		b     conllBuilder
		docNo int
	)
	flush := func() {
		b.endSentence()
		if len(b.doc.Tokens) > 0 {
			docNo++
			a := b.article()
			a.ID = fmt.Sprintf("conll:%s:%d", base, docNo)
			a.Source = fmt.Sprintf("CoNLL-2003 %s, document %d (line %d)", file, docNo, b.firstLine)
			arts = append(arts, a)
		}
		b = conllBuilder{}
	}
	off := 0
	for i, raw := range bytes.Split(data, []byte("\n")) {
		lineNo, lineOff := i+1, off
		off += len(raw) + 1
		line := strings.TrimSuffix(string(raw), "\r")
		if strings.TrimSpace(line) == "" {
			b.endSentence()
			continue
		}
		fields := strings.Fields(line)
		if fields[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(fields) < 2 {
			errs.Add(file, lineNo, lineOff, "line %q has %d column: want \"token POS chunk NER\" (at least token and NER tag)", clip(line), len(fields))
			continue
		}
		tag := fields[len(fields)-1]
		label, begin, ok := parseIOB(tag)
		if !ok {
			errs.Add(file, lineNo, lineOff, "bad NER tag %q: want O, I-TYPE or B-TYPE with TYPE one of PER, ORG, LOC, MISC", tag)
			continue
		}
		if !utf8.ValidString(fields[0]) {
			errs.Add(file, lineNo, lineOff, "token %q is not valid UTF-8", fields[0])
			continue
		}
		if b.firstLine == 0 {
			b.firstLine = lineNo
		}
		b.add(fields[0], label, begin)
	}
	flush()
	return arts
}

// parseIOB parses an IOB1 tag: its label (NoLabel for O) and whether it is
// a B- tag.
func parseIOB(tag string) (extract.Label, bool, bool) {
	if tag == "O" {
		return extract.NoLabel, false, true
	}
	prefix, typ, ok := strings.Cut(tag, "-")
	if !ok || (prefix != "I" && prefix != "B") {
		return extract.NoLabel, false, false
	}
	switch typ {
	case "PER":
		return extract.PER, prefix == "B", true
	case "ORG":
		return extract.ORG, prefix == "B", true
	case "LOC":
		return extract.LOC, prefix == "B", true
	case "MISC":
		return extract.MISC, prefix == "B", true
	}
	return extract.NoLabel, false, false
}

// conllBuilder accumulates one document.
type conllBuilder struct {
	text      strings.Builder
	doc       extract.Document
	sentLo    int // first token of the open sentence
	open      int // index in doc.Entities of the entity being extended, when inEnt
	inEnt     bool
	firstLine int
}

func (b *conllBuilder) add(tok string, label extract.Label, begin bool) {
	if len(b.doc.Tokens) > b.sentLo {
		b.text.WriteByte(' ')
	} else if len(b.doc.Tokens) > 0 {
		b.text.WriteByte('\n')
	}
	start := b.text.Len()
	b.text.WriteString(tok)
	i := len(b.doc.Tokens)
	b.doc.Tokens = append(b.doc.Tokens, extract.Token{Span: extract.Span{Start: start, End: start + len(tok)}, Kind: tokenKind(tok)})
	switch {
	case label == extract.NoLabel:
		b.inEnt = false
	case b.inEnt && !begin && b.doc.Entities[b.open].Label == label:
		b.doc.Entities[b.open].Tokens.Hi = i + 1
		b.doc.Entities[b.open].End = start + len(tok)
	default:
		b.doc.Entities = append(b.doc.Entities, extract.Entity{
			Span: extract.Span{Start: start, End: start + len(tok)}, Tokens: extract.Range{Lo: i, Hi: i + 1}, Label: label, Person: -1})
		b.open, b.inEnt = len(b.doc.Entities)-1, true
	}
}

func (b *conllBuilder) endSentence() {
	b.inEnt = false
	n := len(b.doc.Tokens)
	if n == b.sentLo {
		return
	}
	b.doc.Sentences = append(b.doc.Sentences, extract.Sentence{
		Span:   extract.Span{Start: b.doc.Tokens[b.sentLo].Start, End: b.doc.Tokens[n-1].End},
		Tokens: extract.Range{Lo: b.sentLo, Hi: n},
	})
	b.sentLo = n
}

// article fills in the Text of every span and returns the document.
func (b *conllBuilder) article() Article {
	d := &b.doc
	d.Text = b.text.String()
	for i := range d.Tokens {
		d.Tokens[i].Text = d.Text[d.Tokens[i].Start:d.Tokens[i].End]
	}
	for i := range d.Sentences {
		d.Sentences[i].Text = d.Text[d.Sentences[i].Start:d.Sentences[i].End]
	}
	for i := range d.Entities {
		d.Entities[i].Text = d.Text[d.Entities[i].Start:d.Entities[i].End]
	}
	d.Paragraphs = []extract.Paragraph{{
		Span:      extract.SpanOf(d.Text, 0, len(d.Text)),
		Sentences: extract.Range{Lo: 0, Hi: len(d.Sentences)},
		Tokens:    extract.Range{Lo: 0, Hi: len(d.Tokens)},
	}}
	doc := *d
	return Article{Doc: &doc, Layers: LayerTokens | LayerEntities}
}

// tokenKind gives a CoNLL token a rough kind: Number when it starts with a
// digit, Punct when it holds no letter or digit, Word otherwise.
func tokenKind(tok string) extract.TokenKind {
	r, _ := utf8.DecodeRuneInString(tok)
	if unicode.IsDigit(r) {
		return extract.Number
	}
	if strings.IndexFunc(tok, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return extract.Punct
	}
	return extract.Word
}
