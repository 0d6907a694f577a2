package corpus

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// Fuzz targets for the parsers. They check invariants only: no panic,
// every error renders as "file:line: message", and whatever loads is
// consistent with its text (spans inside the text, span text equal to the
// slice). Run one with, e.g.,
//
//	go test ./corpus -run '^$' -fuzz '^FuzzDecode$' -fuzztime 30s -fuzzminimizetime 50x
//
// -fuzzminimizetime keeps the fuzzer from spending its whole budget
// minimizing each new input: the gold JSON seeds are kilobytes long.

// checkArticle checks the spans of a decoded article against its text.
func checkArticle(t *testing.T, a Article) {
	t.Helper()
	if a.Doc == nil {
		return
	}
	text := a.Doc.Text
	for i, c := range a.Claims {
		for _, s := range append([]extract.Span{c.Cue, c.Source}, c.Content...) {
			if s.End < s.Start || s.Start < 0 || s.End > len(text) || text[s.Start:s.End] != s.Text {
				t.Fatalf("claim %d: span [%d,%d) %q is not a span of the text", i, s.Start, s.End, s.Text)
			}
		}
	}
	for i, e := range a.Doc.Entities {
		if e.End < e.Start || e.Start < 0 || e.End > len(text) || text[e.Start:e.End] != e.Text {
			t.Fatalf("entity %d: span [%d,%d) %q is not a span of the text", i, e.Start, e.End, e.Text)
		}
	}
}

func checkErrors(t *testing.T, errs ErrorList) {
	t.Helper()
	for _, e := range errs {
		msg := e.Error()
		if !strings.HasPrefix(msg, e.File+":") || e.Msg == "" {
			t.Fatalf("error %q does not start with its file name or has no message", msg)
		}
	}
	_ = errs.Error()
}

func FuzzDecodeBrat(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add("T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 9 22\t“One.\n\n“Two.”\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n", "He said: “One.\n\n“Two.”")
	f.Add("T1\tContent 0 3;4 6\tÜna l!\nE1\tAttribution-no-source:T1 Content:T1 Content2:T1 \n#1\tAnnotatorNotes T1\tx", "Ünal!\xff")
	f.Add("T1\tSource 5 2\tx\nE1\tAttribution:T9\n\nfoo", "")
	f.Fuzz(func(t *testing.T, ann, text string) {
		var errs ErrorList
		a := DecodeBrat("x.ann", []byte(ann), text, &errs)
		checkErrors(t, errs)
		checkArticle(t, a)
		if len(a.Pieces) != len(a.Claims) {
			t.Fatalf("%d pieces for %d claims", len(a.Pieces), len(a.Claims))
		}
	})
}

func FuzzDecode(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add(goodGold)
	f.Add(`{"format":"saywho-gold/1","id":"x","text":"a\xffb","layers":["people"],"people":[{"name":"A","mentions":[{"start":0,"end":1,"text":"a"}]}]}`)
	f.Add(`{"format": 1}`)
	if data, err := readSeedGold(); err == nil {
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, data string) {
		a, err := Decode(strings.NewReader(data))
		if err != nil {
			el, ok := err.(ErrorList)
			if !ok {
				t.Fatalf("Decode error %T is not an ErrorList: %v", err, err)
			}
			checkErrors(t, el)
			return
		}
		checkArticle(t, a)
		if err := a.Doc.Validate(); err != nil && utf8.ValidString(a.Doc.Text) {
			t.Fatalf("decoded document does not validate: %v", err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, a); err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(&buf); err != nil {
			t.Fatalf("Decode(Encode(a)) failed: %v\n%s", err, buf.String())
		}
	})
}

func FuzzDecodeCoNLL(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add([]byte("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nMary NNP I-NP B-PER\n\n\n"))
	f.Add([]byte("a\nb c\nd O\r\ne B-XX\n-DOCSTART-\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs ErrorList
		arts := DecodeCoNLL("x.txt", data, &errs)
		checkErrors(t, errs)
		for _, a := range arts {
			checkArticle(t, a)
			if err := a.Doc.Validate(); err != nil {
				t.Fatalf("%s: %v", a.ID, err)
			}
		}
	})
}

func FuzzDecodeCitron(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add([]byte(citronDoc1))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeCitron(bytes.NewReader(data))
		if err != nil {
			if el, ok := err.(ErrorList); ok {
				checkErrors(t, el)
			}
		}
		checkArticle(t, a)
	})
}

func readSeedGold() ([]byte, error) {
	names, err := fs.Glob(seeds.FS(), "*.gold.json")
	if err != nil || len(names) == 0 {
		return nil, err
	}
	return fs.ReadFile(seeds.FS(), names[0])
}

// FuzzDecodeCoNLLU checks the CoNLL-U loader: no panic, errors render with
// their file, and every sentence it returns is consistent: token spans are
// slices of the sentence's text in order, every word belongs to a token
// that covers it, heads are words of the sentence or -1, and UDDocuments
// and the scorer accept it.
func FuzzDecodeCoNLLU(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add(sample)
	f.Add("# text = a b\n1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\t_\tX\t_\t_\t1\tdep\t_\t_\n")
	f.Add("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\t_\tX\t_\t_\t1\tdep\t_\tSpaceAfter=No\n\n")
	f.Add("# text = x\n1\tx\t_\tNOUN\t_\t_\t2\tnsubj\t_\t_\n2\ty\t_\tVERB\t_\t_\t1\troot\t_\t_\n")
	f.Add("1\ta b\t_\tX\t_\t_\t0\troot\t_\t_\n")
	f.Fuzz(func(t *testing.T, data string) {
		var errs ErrorList
		sents := DecodeCoNLLU("f.conllu", []byte(data), &errs)
		checkErrors(t, errs)
		for _, s := range sents {
			prev := 0
			for i, tok := range s.Tokens {
				if tok.Start < prev || tok.End < tok.Start || tok.End > len(s.Text) || s.Text[tok.Start:tok.End] != tok.Text {
					t.Fatalf("token %d [%d,%d) %q is not a span of %q after %d", i, tok.Start, tok.End, tok.Text, s.Text, prev)
				}
				prev = tok.End
				if tok.Words.Lo < 0 || tok.Words.Hi > len(s.Words) || tok.Words.Len() < 1 {
					t.Fatalf("token %d has words %v of %d", i, tok.Words, len(s.Words))
				}
			}
			for i, w := range s.Words {
				if w.Token < 0 || w.Token >= len(s.Tokens) || !s.Tokens[w.Token].Words.Contains(i) {
					t.Fatalf("word %d in token %d which does not hold it", i, w.Token)
				}
				if w.Head < -1 || w.Head >= len(s.Words) || w.Head == i {
					t.Fatalf("word %d has head %d of %d", i, w.Head, len(s.Words))
				}
			}
		}
		docs := UDDocuments(sents)
		var sc UDScore
		for i := range docs {
			sc.Add(&docs[i], &extract.Document{Text: docs[i].Text})
		}
	})
}
