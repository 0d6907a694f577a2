package corpus

import (
	"strings"

	"github.com/saywho/saywho/extract"
)

// UDDocument is a treebank document rebuilt as raw text, the input of
// CoNLL 2018-style scoring: the "# text" of each sentence on its own line.
type UDDocument struct {
	ID        string       // the "# newdoc id", or "FILE:LINE" of its first sentence when there is none
	Text      string       // the sentences' texts joined by "\n"
	Sentences []UDSentence // the gold sentences, in order
	Starts    []int        // byte offset in Text of each sentence's Text
}

// UDDocuments groups sentences into documents at each "# newdoc" (all of
// them form one document when the file has none) and builds each
// document's text. It copies the sentences' slice headers, not their words.
func UDDocuments(sents []UDSentence) []UDDocument {
	var docs []UDDocument
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && !sents[j].NewDoc {
			j++
		}
		d := UDDocument{ID: sents[i].DocID, Sentences: sents[i:j:j]}
		if d.ID == "" {
			d.ID = sents[i].File + ":" + itoa(sents[i].Line)
		}
		var b strings.Builder
		for k, s := range d.Sentences {
			if k > 0 {
				b.WriteByte('\n')
			}
			d.Starts = append(d.Starts, b.Len())
			b.WriteString(s.Text)
		}
		d.Text = b.String()
		docs = append(docs, d)
		i = j
	}
	return docs
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// UDScore accumulates the figures of the CoNLL 2018 shared task's
// evaluation (conll18_ud_eval.py) from raw text: system tokens are aligned
// to gold words by character span. Each metric is a Counts whose TP is the
// number of aligned words that are right, FP the system words that are not
// and FN the gold words that are not, so that P, R and F1 are the shared
// task's precision, recall and F1:
//
//   - Tokens: system tokens with the span of a gold surface token;
//   - Sentences: system sentences with the span of a gold sentence;
//   - Words: aligned words. A gold word of a multiword token ("do" of
//     "don't") has the span of its token; within such a token, and across
//     any stretch where spans differ around one, words are aligned by the
//     longest common subsequence of their lower-cased forms;
//   - UPOS, XPOS: aligned words with the gold tag;
//   - UAS: aligned words whose head is aligned to the gold head (or both
//     are roots); LAS: the same and the gold relation's universal type
//     (subtypes are ignored, as in the shared task).
//
// A system word is the document's token; saywho never splits a token into
// several words.
type UDScore struct {
	Documents                                      int
	Tokens, Sentences, Words, UPOS, XPOS, UAS, LAS Counts
}

// udWord is one word of either side, for alignment: its document byte span
// and whether it belongs to a multiword token.
type udWord struct {
	start, end int
	multi      bool
	form       string
}

// Add scores sys, the system's analysis of gold.Text, against gold.
func (s *UDScore) Add(gold *UDDocument, sys *extract.Document) {
	s.Documents++
	var g []udWord
	var gw []*UDWord
	var gHead []int // document index of each gold word's head, -1 root
	var gTok [][2]int
	for k := range gold.Sentences {
		sent := &gold.Sentences[k]
		base, first := gold.Starts[k], len(g)
		for _, t := range sent.Tokens {
			gTok = append(gTok, [2]int{base + t.Start, base + t.End})
			for wi := t.Words.Lo; wi < t.Words.Hi; wi++ {
				w := &sent.Words[wi]
				g = append(g, udWord{start: base + t.Start, end: base + t.End, multi: t.IsMultiword(), form: w.Form})
				gw = append(gw, w)
				h := -1
				if w.Head >= 0 {
					h = first + w.Head
				}
				gHead = append(gHead, h)
			}
		}
	}
	y := make([]udWord, len(sys.Tokens))
	for i, t := range sys.Tokens {
		y[i] = udWord{start: t.Start, end: t.End, form: t.Text}
	}
	sysToGold := alignWords(g, y)

	// Tokens and sentences: exact span matches.
	s.Tokens.add(spanMatches(gTok, func(yield func([2]int) bool) {
		for _, t := range sys.Tokens {
			if !yield([2]int{t.Start, t.End}) {
				return
			}
		}
	}), len(gTok), len(sys.Tokens))
	gSent := make([][2]int, len(gold.Sentences))
	for k, sent := range gold.Sentences {
		if len(sent.Tokens) > 0 {
			base := gold.Starts[k]
			gSent[k] = [2]int{base + sent.Tokens[0].Start, base + sent.Tokens[len(sent.Tokens)-1].End}
		}
	}
	s.Sentences.add(spanMatches(gSent, func(yield func([2]int) bool) {
		for _, st := range sys.Sentences {
			if !yield([2]int{st.Start, st.End}) {
				return
			}
		}
	}), len(gSent), len(sys.Sentences))

	var aligned, upos, xpos, uas, las int
	for si, gi := range sysToGold {
		if gi < 0 {
			continue
		}
		aligned++
		w, t := gw[gi], sys.Tokens[si]
		if t.POS == w.UPOS {
			upos++
		}
		if t.Tag.String() == w.XPOS {
			xpos++
		}
		// The system head, mapped to its gold word, must be the gold head.
		sh := -1
		if t.Dep != extract.NoDep && t.Head >= 0 && t.Head < len(sysToGold) {
			sh = sysToGold[t.Head]
			if sh < 0 {
				sh = -2 // head not aligned: wrong
			}
		} else if t.Dep == extract.NoDep {
			sh = -2
		}
		if sh == gHead[gi] {
			uas++
			if t.Dep.Universal() == w.Dep.Universal() {
				las++
			}
		}
	}
	s.Words.add(aligned, len(g), len(y))
	s.UPOS.add(upos, len(g), len(y))
	s.XPOS.add(xpos, len(g), len(y))
	s.UAS.add(uas, len(g), len(y))
	s.LAS.add(las, len(g), len(y))
}

// add adds correct right answers out of gold and system items.
func (c *Counts) add(correct, gold, system int) {
	c.TP += correct
	c.FP += system - correct
	c.FN += gold - correct
}

// spanMatches counts the system spans equal to a gold span; both lists are
// in text order.
func spanMatches(gold [][2]int, sys func(func([2]int) bool)) int {
	n, gi := 0, 0
	for sp := range sys {
		for gi < len(gold) && (gold[gi][0] < sp[0] || gold[gi][0] == sp[0] && gold[gi][1] < sp[1]) {
			gi++
		}
		if gi < len(gold) && gold[gi] == sp {
			n++
			gi++
		}
	}
	return n
}

// alignWords aligns system words to gold words as conll18_ud_eval.py's
// align_words does, and returns for each system word the index of its gold
// word, or -1.
func alignWords(g, y []udWord) []int {
	out := make([]int, len(y))
	for i := range out {
		out[i] = -1
	}
	gi, si := 0, 0
	for gi < len(g) && si < len(y) {
		if g[gi].multi || y[si].multi {
			gs, ss, ge, se := multiwordSpan(g, y, gi, si)
			gi, si = ge, se
			if se > ss && ge > gs {
				alignLCS(g[gs:ge], y[ss:se], out[ss:se], gs)
			}
			continue
		}
		switch {
		case g[gi].start == y[si].start && g[gi].end == y[si].end:
			out[si] = gi
			gi++
			si++
		case g[gi].start <= y[si].start:
			gi++
		default:
			si++
		}
	}
	return out
}

// multiwordSpan finds the smallest stretch of gold and system words around
// a multiword token whose ends agree (find_multiword_span): it returns the
// start and end indices on both sides.
func multiwordSpan(g, y []udWord, gi, si int) (gs, ss, ge, se int) {
	var end int
	if g[gi].multi {
		end = g[gi].end
		if !y[si].multi && y[si].start < g[gi].start {
			si++
		}
	} else {
		end = y[si].end
		if !g[gi].multi && g[gi].start < y[si].start {
			gi++
		}
	}
	gs, ss = gi, si
	beyond := func(w []udWord, i int) bool {
		if i >= len(w) {
			return true
		}
		if w[i].multi {
			return w[i].start >= end
		}
		return w[i].end > end
	}
	extend := func(w udWord) {
		if w.multi && w.end > end {
			end = w.end
		}
	}
	for !beyond(g, gi) || !beyond(y, si) {
		if gi < len(g) && (si >= len(y) || g[gi].start <= y[si].start) {
			extend(g[gi])
			gi++
		} else {
			extend(y[si])
			si++
		}
	}
	return gs, ss, gi, si
}

// alignLCS aligns g and y by the longest common subsequence of their
// lower-cased forms, writing gold indices (offset by base) into out.
func alignLCS(g, y []udWord, out []int, base int) {
	n, m := len(g), len(y)
	lcs := make([]int, (n+1)*(m+1))
	at := func(a, b int) int { return lcs[a*(m+1)+b] }
	eq := func(a, b int) bool { return strings.EqualFold(g[a].form, y[b].form) }
	for a := n - 1; a >= 0; a-- {
		for b := m - 1; b >= 0; b-- {
			v := 0
			if eq(a, b) {
				v = 1 + at(a+1, b+1)
			}
			v = max(v, at(a+1, b), at(a, b+1))
			lcs[a*(m+1)+b] = v
		}
	}
	a, b := 0, 0
	for a < n && b < m {
		switch {
		case eq(a, b):
			out[b] = base + a
			a++
			b++
		case at(a, b) == at(a+1, b):
			a++
		default:
			b++
		}
	}
}

// UDMetric is one figure of a UDScore, named for tables and JSON.
type UDMetric struct {
	Name   string // "words", "UPOS", "LAS", ...
	Counts Counts
}

// List returns the figures in the order the shared task prints them.
func (s *UDScore) List() []UDMetric {
	return []UDMetric{
		{"tokens", s.Tokens}, {"sentences", s.Sentences}, {"words", s.Words},
		{"UPOS", s.UPOS}, {"XPOS", s.XPOS}, {"UAS", s.UAS}, {"LAS", s.LAS},
	}
}

// Metrics returns the figures as "ud.NAME.p", ".r" and ".f1" (NAME in
// lower case), as Score.Metrics names its figures.
func (s *UDScore) Metrics() map[string]float64 {
	m := map[string]float64{}
	for _, x := range s.List() {
		name := "ud." + strings.ToLower(x.Name)
		m[name+".p"], m[name+".r"], m[name+".f1"] = x.Counts.P(), x.Counts.R(), x.Counts.F1()
	}
	return m
}

// ScoreUD analyses the text of every document with analyse and scores it
// against the gold sentences, as `saywho eval -conllu` does: each document
// of the file (UDDocuments) is one text, with each sentence's "# text" on
// its own line. analyse may be called from jobs goroutines at once.
func ScoreUD(sents []UDSentence, analyse func(text string) *extract.Document, jobs int) UDScore {
	docs := UDDocuments(sents)
	preds := make([]*extract.Document, len(docs))
	next := make(chan int)
	done := make(chan struct{})
	for range max(1, min(jobs, len(docs))) {
		go func() {
			for i := range next {
				preds[i] = analyse(docs[i].Text)
			}
			done <- struct{}{}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	for range max(1, min(jobs, len(docs))) {
		<-done
	}
	var s UDScore
	for i := range docs {
		s.Add(&docs[i], preds[i])
	}
	return s
}
