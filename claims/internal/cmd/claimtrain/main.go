// Command claimtrain learns the cue lexicon of package claims from the
// PolNeAR train split (Newell et al., LREC 2018) and writes it as a TSV file:
//
//	go run ./claims/internal/cmd/claimtrain -polnear ../shared/data/polnear/train \
//		-out claims/internal/lexicon/cues.tsv
//
// For every word stem (Snowball, as extract.Token.Stem gives it) it counts
// how often a token of that stem heads a Cue span and how often the stem
// occurs at all, so the attributor can estimate P(cue | stem). It also counts
// the auxiliaries and adverbs annotators include before a cue head ("has
// said", "also said") and the words they include after it ("according to",
// "called for"). Only counts leave the corpus: no text is copied.
//
// The -polnear and -dev flags name a split directory (holding text/ and
// attributions/); it is read with corpus.LoadPolNeAR, so the trainer sees
// PolNeAR exactly as the scorers do (first annotator id, both roles of
// Attribution and Attribution-no-source events, pieces in text order).
// Annotation problems the loader reports are printed as warnings and
// skipped.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, errw io.Writer) int {
	_ = stdout
	fl := flag.NewFlagSet("claimtrain", flag.ContinueOnError)
	fl.SetOutput(errw)
	dir := fl.String("polnear", "../shared/data/polnear/train", "PolNeAR split directory (text/ and attributions/)")
	outPath := fl.String("out", "", "output TSV file (default: standard output)")
	modelPath := fl.String("model", "", "also train the cue model and write it to this file")
	devDir := fl.String("dev", "", "PolNeAR dev split directory, to report the cue model's accuracy")
	epochs := fl.Int("epochs", 8, "training epochs of the cue model and the content rankers")
	cueEndEpochs := fl.Int("cue-end-epochs", 8, "training epochs of the cue-end ranker")
	seed := fl.Uint64("seed", 1, "shuffling seed of the cue model's training (the shipped models use 1)")
	calPath := fl.String("calibrate", "", "instead of training, fit the calibration of the claims' confidences on the split and write it to this file")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *calPath != "" {
		return runCalibrate(*dir, *calPath, *epochs, *cueEndEpochs, errw)
	}
	arts, err := loadSplit(*dir, errw)
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	ex, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	st := newStats()
	for _, a := range arts {
		st.add(ex.Extract(a.Text), a.Attributions)
	}
	out := os.Stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			fmt.Fprintln(errw, "claimtrain:", err)
			return 1
		}
		defer f.Close()
		out = f
	}
	bw := bufio.NewWriter(out)
	st.write(bw, len(arts))
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(errw, "claimtrain: writing:", err)
		return 1
	}
	fmt.Fprintf(errw, "claimtrain: %d articles, %d cue heads, %d stems kept\n", len(arts), st.cues, st.kept)
	if *modelPath == "" {
		return 0
	}
	prior := st.prior()
	w, we := trainModels(ex, arts, prior, *epochs, *cueEndEpochs, *seed, errw)
	if *devDir != "" {
		dev, err := loadSplit(*devDir, errw)
		if err != nil {
			fmt.Fprintln(errw, "claimtrain:", err)
			return 1
		}
		evalModel(ex, dev, prior, w, errw)
		m := &cuemodel.EndModel{W: we}
		evalRanker("content ends", "sentence-end rule", endExamples(ex, dev, prior), 0, m.Best,
			func(e *endExample) int { return e.ctx.End }, errw)
		evalRanker("content starts", "after-the-cue rule", startExamples(ex, dev), 0, m.BestStart,
			func(e *endExample) int { return e.ctx.B }, errw)
		dce, unreach := cueEndExamples(ex, dev, prior)
		evalRanker("cue ends", "head-only rule", dce, unreach,
			func(c *cuemodel.SpanContext) int { k, _ := m.BestCueEnd(c); return k },
			func(e *endExample) int { return e.ctx.B + 1 }, errw)
	}
	if err := os.WriteFile(*modelPath, cuemodel.Encode(w), 0o644); err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	endPath := filepath.Join(filepath.Dir(*modelPath), "end.model")
	if err := os.WriteFile(endPath, cuemodel.EncodeEnd(we), 0o644); err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	return 0
}

// trainModels trains the cue detector and the three span rankers on arts,
// with lexicon prior prior, and returns their weights. seed sets the
// order the cue detector sees its examples in.
func trainModels(ex *extract.Extractor, arts []article, prior cuemodel.Lex, epochs, cueEndEpochs int, seed uint64, errw io.Writer) (w, we []float32) {
	// The prior of a training article comes from the counts of the other
	// folds (cross-fitting), so the model does not learn to trust counts
	// that include the very token it is trained on.
	const folds = 5
	foldPrior := make([]cuemodel.Lex, folds)
	for f := 0; f < folds; f++ {
		fs := newStats()
		for k, a := range arts {
			if k%folds != f {
				fs.add(ex.Extract(a.Text), a.Attributions)
			}
		}
		foldPrior[f] = fs.prior()
	}
	w = trainModel(ex, arts, func(k int) cuemodel.Lex { return foldPrior[k%folds] }, prior, epochs, seed, errw)
	we = trainEnd(endExamples(ex, arts, prior), epochs, errw)
	trainStart(startExamples(ex, arts), we, epochs, errw)
	ce, _ := cueEndExamples(ex, arts, prior)
	trainCueEnd(ce, we, cueEndEpochs, errw)
	return w, we
}

// vocabSize is the number of frequent words whose stems the lexicon lists.
const vocabSize = 6000

// auxiliary words are skipped when looking for the head of a cue span.
var auxiliary = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "are": true, "was": true,
	"were": true, "be": true, "been": true, "being": true, "also": true, "would": true,
	"will": true, "could": true, "can": true, "may": true, "might": true, "should": true,
	"must": true, "did": true, "does": true, "do": true, "not": true, "n't": true,
	"never": true, "later": true, "then": true, "once": true, "often": true,
	"repeatedly": true, "previously": true, "recently": true, "publicly": true,
	"privately": true, "still": true, "already": true, "just": true, "even": true,
	"first": true, "again": true, "”": true, "“": true, ",": true, "’s": true, "'s": true,
	"has’": true, "ca": true, "wo": true, "long": true, "further": true, "ever": true,
	"now": true, "yet": true, "since": true, "thus": true,
}

func init() {
	// Contracted negatives, with either apostrophe.
	for _, w := range []string{"isn", "wasn", "doesn", "didn", "hasn", "haven", "hadn", "won",
		"can", "don", "aren", "weren", "wouldn", "couldn", "shouldn"} {
		auxiliary[w+"’t"] = true
		auxiliary[w+"'t"] = true
	}
}

// isHeadWord reports whether t can head a cue: a word that is neither an
// auxiliary nor a manner adverb ("openly admires" is headed by "admires").
func isHeadWord(t extract.Token) bool {
	if t.Kind != extract.Word && t.Kind != extract.Abbrev {
		return false
	}
	lw := t.Lower()
	return !auxiliary[lw] && !(len(lw) > 4 && strings.HasSuffix(lw, "ly"))
}

type pair struct{ in, total int }

type stats struct {
	words  map[string]int   // lower-cased word -> occurrences
	head   map[string]*pair // stem -> heads a cue / occurrences
	tail   map[string]*pair // stem + " " + next lower word -> included / seen after a head
	prefix map[string]*pair // lower word before a head -> included / seen
	cues   int
	kept   int
}

func newStats() *stats {
	return &stats{words: map[string]int{}, head: map[string]*pair{}, tail: map[string]*pair{}, prefix: map[string]*pair{}}
}

func get(m map[string]*pair, k string) *pair {
	p := m[k]
	if p == nil {
		p = &pair{}
		m[k] = p
	}
	return p
}

func (st *stats) add(d *extract.Document, atts []corpus.RoleSpans) {
	inCue := make([]bool, len(d.Tokens))
	isHead := make([]bool, len(d.Tokens))
	for _, a := range atts {
		if len(a.Cue) == 0 {
			continue
		}
		head := -1
		for _, s := range a.Cue {
			for i := d.TokenAt(s.Start); i >= 0 && i < len(d.Tokens) && d.Tokens[i].Start < s.End; i++ {
				inCue[i] = true
				t := d.Tokens[i]
				if head < 0 && isHeadWord(t) {
					head = i
				}
			}
		}
		if head >= 0 {
			isHead[head] = true
			st.cues++
		}
	}
	for i, t := range d.Tokens {
		if t.Kind != extract.Word && t.Kind != extract.Abbrev {
			continue
		}
		stem := t.Stem()
		st.words[t.Lower()]++
		p := get(st.head, stem)
		p.total++
		if !isHead[i] {
			continue
		}
		p.in++
		if i+1 < len(d.Tokens) {
			q := get(st.tail, stem+" "+d.Tokens[i+1].Lower())
			q.total++
			a := get(st.tail, "* "+d.Tokens[i+1].Lower())
			a.total++
			if inCue[i+1] {
				q.in++
				a.in++
			}
		}
		if i > 0 && !isHeadWord(d.Tokens[i-1]) && d.Tokens[i-1].Kind == extract.Word {
			q := get(st.prefix, d.Tokens[i-1].Lower())
			q.total++
			if inCue[i-1] {
				q.in++
			}
		}
	}
}

func (st *stats) write(w io.Writer, n int) {
	fmt.Fprintf(w, "# Code generated by claims/internal/cmd/claimtrain from the PolNeAR train split (%d articles); DO NOT EDIT.\n", n)
	fmt.Fprintln(w, "# head<TAB>stem<TAB>times it heads a Cue<TAB>occurrences")
	fmt.Fprintln(w, "# tail<TAB>stem<TAB>next word<TAB>times included in the Cue<TAB>times seen after a cue head (stem * counts every head)")
	fmt.Fprintln(w, "# prefix<TAB>word<TAB>times included in the Cue<TAB>times seen before a cue head")
	fmt.Fprintln(w, "# stem<TAB>word<TAB>its Snowball stem (the most frequent words of train)")
	keys := func(m map[string]*pair) []string {
		ks := make([]string, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	for _, k := range keys(st.head) {
		p := st.head[k]
		// Keep stems that head a cue at least twice; the attributor decides
		// with the ratio.
		if p.in < 2 || strings.ContainsAny(k, "\t\n") {
			continue
		}
		st.kept++
		fmt.Fprintf(w, "head\t%s\t%d\t%d\n", k, p.in, p.total)
	}
	for _, k := range keys(st.tail) {
		p := st.tail[k]
		if p.in < 3 || 2*p.in < p.total || strings.ContainsAny(k, "\t\n") {
			continue
		}
		stem, word, _ := strings.Cut(k, " ")
		fmt.Fprintf(w, "tail\t%s\t%s\t%d\t%d\n", stem, word, p.in, p.total)
	}
	// The most frequent words with their stems, so the attributor stems
	// most tokens by lookup.
	type wc struct {
		w string
		n int
	}
	var ws []wc
	for w, n := range st.words {
		if !strings.ContainsAny(w, "\t\n") {
			ws = append(ws, wc{w, n})
		}
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].n > ws[j].n || ws[i].n == ws[j].n && ws[i].w < ws[j].w })
	if len(ws) > vocabSize {
		ws = ws[:vocabSize]
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].w < ws[j].w })
	for _, x := range ws {
		fmt.Fprintf(w, "stem\t%s\t%s\n", x.w, english.Stem(x.w, true))
	}
	for _, k := range keys(st.prefix) {
		p := st.prefix[k]
		if p.total < 3 {
			continue
		}
		fmt.Fprintf(w, "prefix\t%s\t%d\t%d\n", k, p.in, p.total)
	}
}
