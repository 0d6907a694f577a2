package corpus

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/extract"
)

// UDSentence is one sentence of a CoNLL-U file (Universal Dependencies
// treebank format, https://universaldependencies.org/format.html).
type UDSentence struct {
	ID     string // the "# sent_id" comment, "" when absent
	DocID  string // the "# newdoc id" in force, "" when none was given
	NewDoc bool   // a "# newdoc" comment starts a document here
	NewPar bool   // a "# newpar" comment starts a paragraph here
	// Text is the "# text" comment: the sentence as it was written. When
	// the comment is absent it is rebuilt from the forms, with a space
	// after every token but those marked SpaceAfter=No.
	Text string
	File string // the file the sentence was read from, as given
	Line int    // 1-based line of the sentence's first line in File
	// Tokens are the surface tokens: a multiword token ("don't", ID 3-4)
	// or a single word. Words are the syntactic words, ID 1 to n, with
	// empty nodes (ID 8.1, enhanced dependencies only) left out.
	Tokens []UDToken
	Words  []UDWord
}

// UDToken is one surface token of a UDSentence.
type UDToken struct {
	// Span is where the token is in the sentence's Text: byte offsets from
	// the start of Text, and the text there (which equals the FORM column).
	extract.Span
	Words      extract.Range // indices into the sentence's Words
	SpaceAfter bool          // false when MISC says SpaceAfter=No
	Line       int           // 1-based line in the file
}

// IsMultiword reports whether t is a multiword token (more than one word).
func (t UDToken) IsMultiword() bool { return t.Words.Len() > 1 }

// UDWord is one syntactic word of a UDSentence: the ten CoNLL-U columns,
// with HEAD as an index into the sentence's Words and the tags parsed.
type UDWord struct {
	Form   string
	Lemma  string
	UPOS   extract.UPOS
	XPOS   string          // as written ("_" when empty)
	Tag    extract.PennTag // XPOS as a Penn tag, NoTag when it is not one
	Feats  string
	Head   int    // index into the sentence's Words of the head, -1 for the root (HEAD 0)
	Deprel string // DEPREL as written ("nsubj:pass")
	// Dep is Deprel as a relation. A subtype saywho does not know gives
	// its universal type (Dep.Universal() is then exact).
	Dep   extract.DepRel
	Deps  string
	Misc  string
	Token int // index into the sentence's Tokens of the token holding the word
	Line  int // 1-based line in the file
}

// LoadCoNLLU loads a CoNLL-U file. The error is an ErrorList of malformed
// sentences (every other sentence is still returned), or an I/O error.
func LoadCoNLLU(path string) ([]UDSentence, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var errs ErrorList
	sents := DecodeCoNLLU(path, data, &errs)
	return sents, errs.Err()
}

// DecodeCoNLLU decodes CoNLL-U data read from file (named in errors) and
// appends problems to errs. It never panics.
//
// A sentence is its comment lines and word lines up to a blank line (or
// the end of the data). Multiword-token lines (ID "3-4") give the surface
// token of the words they span; empty nodes (ID "8.1") are skipped. Each
// problem is a LoadError naming the line: a line without ten tab-separated
// columns, an ID out of sequence, a HEAD that is not a word of the
// sentence, an unknown UPOS or universal relation, not exactly one root, a
// cycle of heads, a form not found in the "# text" comment. A sentence
// with a problem is left out; the others are returned.
func DecodeCoNLLU(file string, data []byte, errs *ErrorList) []UDSentence {
	var (
		sents []UDSentence
		cur   udBuilder
		docID string
	)
	cur.reset(file)
	flush := func() {
		if s, ok := cur.finish(errs); ok {
			sents = append(sents, s)
		}
		cur.reset(file)
	}
	off := 0
	for i, raw := range bytes.Split(data, []byte("\n")) {
		lineNo, lineOff := i+1, off
		off += len(raw) + 1
		line := strings.TrimSuffix(string(raw), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if cur.line == 0 {
			cur.line = lineNo
		}
		if line[0] == '#' {
			key, val := commentKV(line)
			switch key {
			case "newdoc", "newdoc id":
				docID = val
				cur.s.NewDoc = true
			case "newpar", "newpar id":
				cur.s.NewPar = true
			case "sent_id":
				cur.s.ID = val
			case "text":
				cur.s.Text = val
				cur.hasText = true
			}
			cur.s.DocID = docID
			continue
		}
		cur.s.DocID = docID
		cur.addLine(line, lineNo, lineOff, errs)
	}
	flush()
	return sents
}

// commentKV splits "# key = value" into its key and value; "# newpar"
// gives ("newpar", "").
func commentKV(line string) (string, string) {
	body := strings.TrimSpace(strings.TrimPrefix(line, "#"))
	k, v, ok := strings.Cut(body, "=")
	if !ok {
		return body, ""
	}
	// "# text = a = b" keeps everything after the first " = ".
	return strings.TrimSpace(k), strings.TrimPrefix(v, " ")
}

// udBuilder accumulates one sentence.
type udBuilder struct {
	file    string
	s       UDSentence
	line    int  // first line of the sentence
	hasText bool // a "# text" comment was read
	bad     bool // a problem was reported: the sentence is dropped
	mwtEnd  int  // last word ID of the open multiword token, 0 when none
	heads   []string
	offs    []int // byte offset of each word line, for errors
}

func (b *udBuilder) reset(file string) { *b = udBuilder{file: file} }

func (b *udBuilder) fail(errs *ErrorList, line, off int, format string, args ...any) {
	errs.Add(b.file, line, off, format, args...)
	b.bad = true
}

// addLine reads one token or word line.
func (b *udBuilder) addLine(line string, lineNo, lineOff int, errs *ErrorList) {
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		b.fail(errs, lineNo, lineOff, "word line has %d tab-separated columns, want 10 (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC)", len(cols))
		return
	}
	id := cols[0]
	if strings.Contains(id, ".") {
		return // an empty node: enhanced dependencies only
	}
	next := len(b.s.Words) + 1
	if lo, hi, ok := strings.Cut(id, "-"); ok {
		a, err1 := strconv.Atoi(lo)
		z, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || a != next || z < a {
			b.fail(errs, lineNo, lineOff, "multiword token ID %q: want %d-N with N >= %d (the next word)", id, next, next)
			return
		}
		if !utf8.ValidString(cols[1]) {
			b.fail(errs, lineNo, lineOff, "form %q is not valid UTF-8", cols[1])
			return
		}
		b.s.Tokens = append(b.s.Tokens, UDToken{
			Span:       extract.Span{Text: cols[1]},
			Words:      extract.Range{Lo: a - 1, Hi: a - 1},
			SpaceAfter: !strings.Contains(cols[9], "SpaceAfter=No"),
			Line:       lineNo,
		})
		b.mwtEnd = z
		return
	}
	n, err := strconv.Atoi(id)
	if err != nil || n != next {
		b.fail(errs, lineNo, lineOff, "word ID %q out of sequence: want %d", id, next)
		return
	}
	if !utf8.ValidString(line) {
		b.fail(errs, lineNo, lineOff, "line is not valid UTF-8")
		return
	}
	w := UDWord{
		Form: cols[1], Lemma: cols[2], XPOS: cols[4], Feats: cols[5],
		Deprel: cols[7], Deps: cols[8], Misc: cols[9], Line: lineNo,
	}
	if w.UPOS, err = extract.ParseUPOS(cols[3]); err != nil {
		b.fail(errs, lineNo, lineOff, "column UPOS: %v", err)
	}
	w.Tag, _ = extract.ParsePennTag(cols[4]) // XPOS is language-specific
	if cols[7] != "_" {
		var err error
		if w.Dep, err = extract.ParseDepRel(cols[7]); err != nil && w.Dep == extract.NoDep {
			b.fail(errs, lineNo, lineOff, "column DEPREL: %v", err)
		}
	}
	if b.mwtEnd >= n {
		t := &b.s.Tokens[len(b.s.Tokens)-1]
		t.Words.Hi = n
		w.Token = len(b.s.Tokens) - 1
		if n == b.mwtEnd {
			b.mwtEnd = 0
		}
	} else {
		b.mwtEnd = 0
		w.Token = len(b.s.Tokens)
		b.s.Tokens = append(b.s.Tokens, UDToken{
			Span:       extract.Span{Text: cols[1]},
			Words:      extract.Range{Lo: n - 1, Hi: n},
			SpaceAfter: !strings.Contains(cols[9], "SpaceAfter=No"),
			Line:       lineNo,
		})
	}
	b.s.Words = append(b.s.Words, w)
	b.heads = append(b.heads, cols[6])
	b.offs = append(b.offs, lineOff)
}

// finish checks the sentence (heads, one root, no cycle, forms in the text)
// and reports whether it is sound.
func (b *udBuilder) finish(errs *ErrorList) (UDSentence, bool) {
	s := &b.s
	if b.line == 0 {
		return UDSentence{}, false // only blank lines
	}
	s.File, s.Line = b.file, b.line
	if len(s.Words) == 0 {
		if !b.bad {
			b.fail(errs, b.line, -1, "sentence has no words (comments without word lines)")
		}
		return UDSentence{}, false
	}
	if b.mwtEnd > 0 {
		t := s.Tokens[len(s.Tokens)-1]
		b.fail(errs, t.Line, -1, "multiword token %q ends at word %d, past the sentence's last word %d", t.Text, b.mwtEnd, len(s.Words))
	}
	roots := 0
	for i := range s.Words {
		w := &s.Words[i]
		h, err := strconv.Atoi(b.heads[i])
		if err != nil || h < 0 || h > len(s.Words) || h == i+1 {
			b.fail(errs, w.Line, b.offs[i], "HEAD %q: want the ID of another word of the sentence (1 to %d) or 0 for the root", b.heads[i], len(s.Words))
			continue
		}
		w.Head = h - 1
		if h == 0 {
			roots++
		}
	}
	if b.bad {
		return UDSentence{}, false
	}
	if roots != 1 {
		b.fail(errs, b.line, -1, "sentence %q has %d roots (HEAD 0), want 1", s.ID, roots)
		return UDSentence{}, false
	}
	for i := range s.Words {
		j := i
		for n := 0; s.Words[j].Head >= 0; n++ {
			if n > len(s.Words) {
				b.fail(errs, s.Words[i].Line, b.offs[i], "word %d %q is on a cycle of heads", i+1, s.Words[i].Form)
				return UDSentence{}, false
			}
			j = s.Words[j].Head
		}
	}
	if !b.hasText {
		var t strings.Builder
		for _, tok := range s.Tokens {
			t.WriteString(tok.Text)
			if tok.SpaceAfter {
				t.WriteByte(' ')
			}
		}
		s.Text = strings.TrimRight(t.String(), " ")
	}
	if !locateTokens(s, errs, b.file) {
		return UDSentence{}, false
	}
	return *s, true
}

// locateTokens sets the span of every token of s in s.Text: each form is
// found after the previous one, skipping white space (a form written with
// spaces inside, which some treebanks allow, matches the text with its
// spaces). It reports a token whose form is not there.
func locateTokens(s *UDSentence, errs *ErrorList, file string) bool {
	pos := 0
	for i := range s.Tokens {
		t := &s.Tokens[i]
		for pos < len(s.Text) {
			r, n := utf8.DecodeRuneInString(s.Text[pos:])
			if !unicode.IsSpace(r) {
				break
			}
			pos += n
		}
		end, ok := matchForm(s.Text, pos, t.Text)
		if !ok {
			errs.Add(file, t.Line, -1, "form %q not found at byte %d of the sentence's # text %q", t.Text, pos, clip(s.Text[pos:]))
			return false
		}
		t.Span = extract.SpanOf(s.Text, pos, end)
		pos = end
	}
	return true
}

// matchForm reports whether form is written in text from byte pos on,
// ignoring white space inside the form and the text, and returns the end.
func matchForm(text string, pos int, form string) (int, bool) {
	if strings.HasPrefix(text[pos:], form) {
		return pos + len(form), true
	}
	i, j := pos, 0
	for j < len(form) {
		fr, fn := utf8.DecodeRuneInString(form[j:])
		if unicode.IsSpace(fr) {
			j += fn
			continue
		}
		for i < len(text) {
			tr, tn := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(tr) || i == pos {
				break
			}
			i += tn
		}
		tr, tn := utf8.DecodeRuneInString(text[i:])
		if i >= len(text) || tr != fr {
			return 0, false
		}
		i += tn
		j += fn
	}
	return i, true
}
