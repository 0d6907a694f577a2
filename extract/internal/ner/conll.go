package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Example is one annotated document: tokens, sentences and gold mentions.
type Example struct {
	Doc  Doc
	Gold []Mention
}

// ReadCoNLL reads a CoNLL-2003 file (columns "token POS chunk NER", IOB1
// tags, blank lines between sentences, "-DOCSTART-" lines between
// documents). Entities are maximal spans: one starts at a B- tag or at an
// I- tag after O or another type. POS and chunk columns are ignored.
func ReadCoNLL(in io.Reader) ([]Example, error) {
	var out []Example
	var cur Example
	var prev Label
	sentStart := 0
	endSentence := func() {
		if n := len(cur.Doc.Tokens); n > sentStart {
			cur.Doc.Sentences = append(cur.Doc.Sentences, Range{sentStart, n})
		}
		sentStart = len(cur.Doc.Tokens)
		prev = None
	}
	endDoc := func() {
		endSentence()
		if len(cur.Doc.Tokens) > 0 {
			out = append(out, cur)
		}
		cur = Example{}
		sentStart = 0
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" {
			endSentence()
			continue
		}
		f := strings.Fields(text)
		if f[0] == "-DOCSTART-" {
			endDoc()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("ner: conll line %d: want token and tag columns, got %q", line, text)
		}
		tag := f[len(f)-1]
		i := len(cur.Doc.Tokens)
		cur.Doc.Tokens = append(cur.Doc.Tokens, f[0])
		if len(f) >= 4 {
			cur.Doc.Tags = append(cur.Doc.Tags, f[1]) // the POS column (automatic tags)
		}
		if tag == "O" {
			prev = None
			continue
		}
		if len(tag) < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-' {
			return nil, fmt.Errorf("ner: conll line %d: bad tag %q (want O, B-TYPE or I-TYPE)", line, tag)
		}
		l, ok := ParseLabel(tag[2:])
		if !ok || l == None {
			return nil, fmt.Errorf("ner: conll line %d: unknown entity type %q", line, tag[2:])
		}
		if tag[0] == 'B' || prev != l {
			cur.Gold = append(cur.Gold, Mention{i, i + 1, l})
		} else {
			cur.Gold[len(cur.Gold)-1].Hi = i + 1
		}
		prev = l
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: reading conll: %w", err)
	}
	endDoc()
	return out, nil
}

// Counts are exact-match counts for one label (or all): true positives,
// false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// P returns precision, 0 when nothing was predicted.
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R returns recall, 0 when there is no gold mention.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F returns the F1 score, 0 when precision and recall are both 0.
func (c Counts) F() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score holds exact span-and-type counts per label; index None is the
// micro total.
type Score [NumLabels]Counts

// Add counts the mentions of one document: a predicted mention is a true
// positive when a gold mention has the same tokens and label.
func (s *Score) Add(gold, pred []Mention) {
	g := make(map[Mention]bool, len(gold))
	for _, m := range gold {
		g[m] = true
	}
	for _, m := range pred {
		if g[m] {
			s[m.Label].TP++
			s[None].TP++
			delete(g, m)
		} else {
			s[m.Label].FP++
			s[None].FP++
		}
	}
	for m := range g {
		s[m.Label].FN++
		s[None].FN++
	}
}

// String formats the score as one line per label and the micro total.
func (s *Score) String() string {
	var b strings.Builder
	for l := PER; l <= MISC; l++ {
		c := s[l]
		fmt.Fprintf(&b, "%-5s P %.4f R %.4f F1 %.4f (tp %d fp %d fn %d)\n", l, c.P(), c.R(), c.F(), c.TP, c.FP, c.FN)
	}
	c := s[None]
	fmt.Fprintf(&b, "micro P %.4f R %.4f F1 %.4f (tp %d fp %d fn %d)\n", c.P(), c.R(), c.F(), c.TP, c.FP, c.FN)
	return b.String()
}
