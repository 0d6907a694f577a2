package corpus

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/saywho/saywho/extract"
)

// WriteCoNLLU writes doc in CoNLL-U, as UDPipe writes raw-text analyses:
//
//	# newdoc id = ID
//	# newpar
//	# sent_id = ID-1
//	# text = The sentence as written.
//	1	The	_	DET	DT	_	2	det	_	TokenRange=0:3
//	...
//
// "# newdoc id" opens the document, "# newpar" each paragraph, and every
// sentence has "# sent_id" (the id, with white space replaced by "_",
// a hyphen and the 1-based sentence number) and "# text". The ten columns
// are ID (1-based in the sentence), FORM (the token), LEMMA "_", UPOS,
// XPOS (the Penn tag), FEATS "_", HEAD (0 for the root), DEPREL, DEPS "_"
// and MISC, which holds SpaceAfter=No when the next token follows without a
// space and TokenRange=START:END, the token's byte offsets in the input
// (half-open). Untagged or unparsed tokens have "_" in UPOS, XPOS, HEAD and
// DEPREL. A sentence ends with a blank line; a document without tokens
// writes nothing. The output is part of saywho's stable CLI contract.
//
// It returns the first error of w.
func WriteCoNLLU(w io.Writer, id string, doc *extract.Document) error {
	if len(doc.Sentences) == 0 {
		return nil
	}
	bw := bufio.NewWriter(w)
	sid := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '_'
		}
		return r
	}, id)
	fmt.Fprintf(bw, "# newdoc id = %s\n", oneLine(id))
	var line []byte
	for si, s := range doc.Sentences {
		if p := s.Paragraph; p >= 0 && p < len(doc.Paragraphs) && doc.Paragraphs[p].Sentences.Lo == si {
			bw.WriteString("# newpar\n")
		}
		fmt.Fprintf(bw, "# sent_id = %s-%d\n# text = %s\n", oneLine(sid), si+1, oneLine(s.Text))
		for i := s.Tokens.Lo; i < s.Tokens.Hi; i++ {
			t := doc.Tokens[i]
			line = strconv.AppendInt(line[:0], int64(i-s.Tokens.Lo+1), 10)
			line = append(line, '\t')
			line = append(line, t.Text...)
			line = append(line, "\t_\t"...)
			line = append(line, t.POS.String()...)
			line = append(line, '\t')
			line = append(line, t.Tag.String()...)
			line = append(line, "\t_\t"...)
			switch {
			case t.Dep == extract.NoDep:
				line = append(line, '_')
			case t.Head < 0:
				line = append(line, '0')
			default:
				line = strconv.AppendInt(line, int64(t.Head-s.Tokens.Lo+1), 10)
			}
			line = append(line, '\t')
			line = append(line, t.Dep.String()...)
			line = append(line, "\t_\t"...)
			if i+1 < len(doc.Tokens) && doc.Tokens[i+1].Start == t.End {
				line = append(line, "SpaceAfter=No|"...)
			}
			line = append(line, "TokenRange="...)
			line = strconv.AppendInt(line, int64(t.Start), 10)
			line = append(line, ':')
			line = strconv.AppendInt(line, int64(t.End), 10)
			line = append(line, '\n')
			bw.Write(line)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("corpus: writing CoNLL-U for %s: %w", id, err)
	}
	return nil
}

// oneLine replaces line breaks in s by spaces, so that a comment stays on
// one line. Sentences hold no line breaks (they end paragraphs); ids may.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\v\f\u0085\u2028\u2029") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
			return ' '
		}
		return r
	}, s)
}
