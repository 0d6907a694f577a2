package corpus

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/extract"
)

// conllu joins lines with newlines; tabs are written as "|" in the tables
// below to keep them readable, and turned back here.
func conllu(lines ...string) []byte {
	return []byte(strings.ReplaceAll(strings.Join(lines, "\n"), "|", "\t") + "\n")
}

const sample = `# newdoc id = d1
# sent_id = s1
# newpar
# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	know	know	VERB	VB	_	_	_	4:conj	CopyOf=4
5	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = s2
1	Hi	hi	INTJ	UH	_	0	root	_	SpaceAfter=No
2	!	!	PUNCT	.	_	1	punct	_	_
`

func TestDecodeCoNLLU(t *testing.T) {
	var errs ErrorList
	sents := DecodeCoNLLU("x.conllu", []byte(sample), &errs)
	require.Empty(t, errs)
	require.Len(t, sents, 2)

	s := sents[0]
	assert.Equal(t, "s1", s.ID)
	assert.Equal(t, "d1", s.DocID)
	assert.True(t, s.NewDoc)
	assert.True(t, s.NewPar)
	assert.Equal(t, "I don't know.", s.Text)
	assert.Equal(t, 1, s.Line)
	require.Len(t, s.Words, 5, "the empty node 4.1 is skipped")
	require.Len(t, s.Tokens, 4)
	mwt := s.Tokens[1]
	assert.True(t, mwt.IsMultiword())
	assert.Equal(t, extract.Range{Lo: 1, Hi: 3}, mwt.Words)
	assert.Equal(t, extract.Span{Start: 2, End: 7, Text: "don't"}, mwt.Span)
	assert.Equal(t, 1, s.Words[1].Token)
	assert.Equal(t, 1, s.Words[2].Token)
	assert.Equal(t, extract.Span{Start: 8, End: 12, Text: "know"}, s.Tokens[2].Span)
	assert.False(t, s.Tokens[2].SpaceAfter)
	assert.Equal(t, extract.Span{Start: 12, End: 13, Text: "."}, s.Tokens[3].Span)

	w := s.Words[0]
	assert.Equal(t, extract.PRON, w.UPOS)
	assert.Equal(t, extract.TagPRP, w.Tag)
	assert.Equal(t, 3, w.Head, "HEAD 4 (know) is word index 3, 0-based")
	assert.Equal(t, extract.DepNSubj, w.Dep)
	assert.Equal(t, -1, s.Words[3].Head)
	assert.Equal(t, extract.DepRoot, s.Words[3].Dep)

	// No # text: rebuilt from the forms and SpaceAfter.
	assert.Equal(t, "Hi!", sents[1].Text)
	assert.Equal(t, "d1", sents[1].DocID)
	assert.False(t, sents[1].NewDoc)
	assert.Equal(t, 13, sents[1].Line)
}

func TestDecodeCoNLLUSubtypes(t *testing.T) {
	var errs ErrorList
	sents := DecodeCoNLLU("x", conllu(
		"1|Cats|cat|NOUN|NNS|_|2|nsubj:pass|_|_",
		"2|fed|feed|VERB|VBN|_|0|root|_|_",
		"3|today|today|NOUN|NN|_|2|obl:tmod|_|_"), &errs)
	require.Empty(t, errs)
	require.Len(t, sents, 1)
	assert.Equal(t, extract.DepNSubjPass, sents[0].Words[0].Dep)
	assert.Equal(t, "obl:tmod", sents[0].Words[2].Deprel, "the relation as written")
	assert.Equal(t, extract.DepObl, sents[0].Words[2].Dep, "an unknown subtype gives its universal type")
}

// TestDecodeCoNLLUErrors: each broken sentence is reported with its file and
// line, and the good sentence after it still loads.
func TestDecodeCoNLLUErrors(t *testing.T) {
	good := []string{"", "# text = Ok", "1|Ok|ok|INTJ|UH|_|0|root|_|_"}
	tests := []struct {
		name  string
		lines []string
		line  int
		msg   string
	}{
		{"columns", []string{"1|a|a|NOUN|NN|_|0|root"}, 1, "8 tab-separated columns, want 10"},
		{"id out of sequence", []string{"1|a|a|NOUN|NN|_|0|root|_|_", "3|b|b|NOUN|NN|_|1|dep|_|_"}, 2, `word ID "3" out of sequence: want 2`},
		{"bad range", []string{"1-x|ab|_|_|_|_|_|_|_|_", "1|a|a|NOUN|NN|_|0|root|_|_"}, 1, "multiword token ID"},
		{"unknown upos", []string{"1|a|a|NOUNS|NN|_|0|root|_|_"}, 1, "unknown part-of-speech tag"},
		{"unknown relation", []string{"1|a|a|NOUN|NN|_|0|rooot|_|_"}, 1, "unknown dependency relation"},
		{"head outside", []string{"1|a|a|NOUN|NN|_|5|root|_|_"}, 1, `HEAD "5"`},
		{"head not a number", []string{"1|a|a|NOUN|NN|_|_|root|_|_"}, 1, `HEAD "_"`},
		{"two roots", []string{"1|a|a|NOUN|NN|_|0|root|_|_", "2|b|b|NOUN|NN|_|0|root|_|_"}, 1, "2 roots"},
		{"cycle", []string{"1|a|a|NOUN|NN|_|0|root|_|_", "2|b|b|NOUN|NN|_|3|dep|_|_", "3|c|c|NOUN|NN|_|2|dep|_|_"}, 2, "cycle"},
		{"form not in text", []string{"# text = x y", "1|a|a|NOUN|NN|_|0|root|_|_"}, 2, `form "a" not found`},
		{"mwt past the end", []string{"1-2|ab|_|_|_|_|_|_|_|_", "1|a|a|NOUN|NN|_|0|root|_|_"}, 1, "past the sentence's last word"},
		{"comments only", []string{"# sent_id = x"}, 1, "no words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs ErrorList
			sents := DecodeCoNLLU("f.conllu", conllu(append(tt.lines, good...)...), &errs)
			require.NotEmpty(t, errs)
			e := errs[0]
			assert.Equal(t, "f.conllu", e.File)
			assert.Equal(t, tt.line, e.Line, "%v", e)
			assert.Contains(t, e.Error(), tt.msg)
			assert.True(t, errors.Is(errs.Err(), ErrFormat))
			require.Len(t, sents, 1, "the good sentence after the broken one is loaded")
			assert.Equal(t, "Ok", sents[0].Text)
		})
	}
}

func TestLoadCoNLLUMissingFile(t *testing.T) {
	_, err := LoadCoNLLU("testdata/no-such-file.conllu")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-file.conllu")
	assert.False(t, errors.Is(err, ErrFormat))
}

func TestUDDocuments(t *testing.T) {
	var errs ErrorList
	sents := DecodeCoNLLU("x", []byte(sample+"\n# newdoc id = d2\n# text = Yes\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n"), &errs)
	require.Empty(t, errs)
	docs := UDDocuments(sents)
	require.Len(t, docs, 2)
	assert.Equal(t, "d1", docs[0].ID)
	assert.Equal(t, "I don't know.\nHi!", docs[0].Text)
	assert.Equal(t, []int{0, 14}, docs[0].Starts)
	assert.Equal(t, "d2", docs[1].ID)
	assert.Equal(t, "Yes", docs[1].Text)
}

// sysDoc builds a system document over text from token spans (as "start:end"
// pairs with a POS, head token index and relation each).
type sysTok struct {
	start, end int
	pos        extract.UPOS
	tag        extract.PennTag
	head       int
	dep        extract.DepRel
}

func sysDoc(text string, sentEnds []int, toks []sysTok) *extract.Document {
	d := &extract.Document{Text: text}
	for _, t := range toks {
		d.Tokens = append(d.Tokens, extract.Token{Span: extract.SpanOf(text, t.start, t.end), POS: t.pos, Tag: t.tag, Head: t.head, Dep: t.dep})
	}
	lo := 0
	for _, hi := range sentEnds {
		d.Sentences = append(d.Sentences, extract.Sentence{Span: extract.SpanOf(text, d.Tokens[lo].Start, d.Tokens[hi-1].End), Tokens: extract.Range{Lo: lo, Hi: hi}})
		lo = hi
	}
	return d
}

// TestUDScore checks the scorer on known answers: the figures of
// conll18_ud_eval.py worked out by hand.
func TestUDScore(t *testing.T) {
	var errs ErrorList
	gold := UDDocuments(DecodeCoNLLU("g", []byte(sample), &errs))
	require.Empty(t, errs)
	g := &gold[0] // "I don't know.\nHi!"
	const text = "I don't know.\nHi!"
	require.Equal(t, text, g.Text)

	t.Run("perfect, multiword token split as UD splits it", func(t *testing.T) {
		d := sysDoc(text, []int{5, 7}, []sysTok{
			{0, 1, extract.PRON, extract.TagPRP, 3, extract.DepNSubj},
			{2, 4, extract.AUX, extract.TagVBP, 3, extract.DepAux},
			{4, 7, extract.PART, extract.TagRB, 3, extract.DepAdvMod},
			{8, 12, extract.VERB, extract.TagVB, -1, extract.DepRoot},
			{12, 13, extract.PUNCT, extract.TagPeriod, 3, extract.DepPunct},
			{14, 16, extract.INTJ, extract.TagUH, -1, extract.DepRoot},
			{16, 17, extract.PUNCT, extract.TagPeriod, 5, extract.DepPunct},
		})
		var s UDScore
		s.Add(g, d)
		want := Counts{TP: 7}
		assert.Equal(t, want, s.Words)
		assert.Equal(t, want, s.UPOS)
		assert.Equal(t, want, s.XPOS)
		assert.Equal(t, want, s.UAS)
		assert.Equal(t, want, s.LAS)
		// Tokens: "do"+"n't" is not the gold token "don't".
		assert.Equal(t, Counts{TP: 5, FP: 2, FN: 1}, s.Tokens)
		assert.Equal(t, Counts{TP: 2}, s.Sentences)
	})

	t.Run("unsplit token, wrong head, subtype ignored", func(t *testing.T) {
		// "don't" as one token: its LCS with the gold words "do" "n't"
		// is empty (forms differ), so it aligns with neither.
		d := sysDoc(text, []int{4, 6}, []sysTok{
			{0, 1, extract.PRON, extract.TagPRP, 2, extract.DepNSubjPass}, // nsubj:pass for nsubj: LAS ignores the subtype
			{2, 7, extract.AUX, extract.TagVBP, 2, extract.DepAux},
			{8, 12, extract.VERB, extract.TagVB, -1, extract.DepRoot},
			{12, 13, extract.PUNCT, extract.TagPeriod, 0, extract.DepPunct}, // wrong head
			{14, 16, extract.INTJ, extract.TagUH, -1, extract.DepRoot},
			{16, 17, extract.PUNCT, extract.TagPeriod, 4, extract.DepPunct},
		})
		var s UDScore
		s.Add(g, d)
		assert.Equal(t, Counts{TP: 5, FP: 1, FN: 2}, s.Words)
		assert.Equal(t, Counts{TP: 5, FP: 1, FN: 2}, s.UPOS)
		assert.Equal(t, Counts{TP: 4, FP: 2, FN: 3}, s.UAS)
		assert.Equal(t, Counts{TP: 4, FP: 2, FN: 3}, s.LAS)
		assert.InDelta(t, 2*4.0/(7+6), s.UAS.F1(), 1e-9)
	})

	t.Run("no syntax", func(t *testing.T) {
		d := sysDoc(text, []int{5, 7}, []sysTok{
			{0, 1, 0, 0, 0, 0}, {2, 4, 0, 0, 0, 0}, {4, 7, 0, 0, 0, 0}, {8, 12, 0, 0, 0, 0},
			{12, 13, 0, 0, 0, 0}, {14, 16, 0, 0, 0, 0}, {16, 17, 0, 0, 0, 0},
		})
		var s UDScore
		s.Add(g, d)
		assert.Equal(t, Counts{TP: 7}, s.Words)
		assert.Equal(t, Counts{FP: 7, FN: 7}, s.UAS, "no tree: no head is right")
		assert.Equal(t, Counts{FP: 7, FN: 7}, s.UPOS)
	})
}

// TestAlignWordsLCS: inside a stretch around a gold multiword token, words
// align by the longest common subsequence of lower-cased forms, as in
// conll18_ud_eval.py.
func TestAlignWordsLCS(t *testing.T) {
	g := []udWord{{0, 5, true, "gon"}, {0, 5, true, "na"}, {6, 8, false, "go"}}
	y := []udWord{{0, 3, false, "GON"}, {3, 5, false, "na"}, {6, 8, false, "go"}}
	assert.Equal(t, []int{0, 1, 2}, alignWords(g, y))
	y = []udWord{{0, 5, false, "gonna"}, {6, 8, false, "go"}}
	assert.Equal(t, []int{-1, 2}, alignWords(g, y))
}

func TestWriteCoNLLU(t *testing.T) {
	const text = "He said hi.\nOk"
	d := sysDoc(text, []int{4, 5}, []sysTok{
		{0, 2, extract.PRON, extract.TagPRP, 1, extract.DepNSubj},
		{3, 7, extract.VERB, extract.TagVBD, -1, extract.DepRoot},
		{8, 10, extract.INTJ, extract.TagUH, 1, extract.DepObj},
		{10, 11, extract.PUNCT, extract.TagPeriod, 1, extract.DepPunct},
		{12, 14, extract.INTJ, extract.TagUH, -1, extract.DepRoot},
	})
	d.Sentences[1].Paragraph = 1
	d.Paragraphs = []extract.Paragraph{
		{Span: extract.SpanOf(text, 0, 11), Sentences: extract.Range{Lo: 0, Hi: 1}, Tokens: extract.Range{Lo: 0, Hi: 4}},
		{Span: extract.SpanOf(text, 12, 14), Sentences: extract.Range{Lo: 1, Hi: 2}, Tokens: extract.Range{Lo: 4, Hi: 5}},
	}
	var b bytes.Buffer
	require.NoError(t, WriteCoNLLU(&b, "in put.txt", d))
	want := `# newdoc id = in put.txt
# newpar
# sent_id = in_put.txt-1
# text = He said hi.
1	He	_	PRON	PRP	_	2	nsubj	_	TokenRange=0:2
2	said	_	VERB	VBD	_	0	root	_	TokenRange=3:7
3	hi	_	INTJ	UH	_	2	obj	_	SpaceAfter=No|TokenRange=8:10
4	.	_	PUNCT	.	_	2	punct	_	TokenRange=10:11

# newpar
# sent_id = in_put.txt-2
# text = Ok
1	Ok	_	INTJ	UH	_	0	root	_	TokenRange=12:14

`
	assert.Equal(t, want, b.String())

	// It reads back: same words, tags and trees.
	var errs ErrorList
	sents := DecodeCoNLLU("out", b.Bytes(), &errs)
	require.Empty(t, errs)
	require.Len(t, sents, 2)
	assert.Equal(t, "in put.txt", sents[0].DocID)
	assert.Equal(t, 1, sents[0].Words[0].Head)
	assert.Equal(t, extract.DepObj, sents[0].Words[2].Dep)
	assert.Equal(t, extract.TagVBD, sents[0].Words[1].Tag)

	// Nothing for an empty document.
	b.Reset()
	require.NoError(t, WriteCoNLLU(&b, "e", &extract.Document{}))
	assert.Empty(t, b.String())

	// A failing writer's error is returned, naming the document.
	err := WriteCoNLLU(failWriter{}, "doc7", d)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "doc7")
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
