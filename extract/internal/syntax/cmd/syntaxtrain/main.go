// Command syntaxtrain trains saywho's part-of-speech tagger and dependency
// parser on UD English EWT and writes the model the extract package
// embeds.
//
// From the repository root, with the shared data beside it:
//
//	go run ./extract/internal/syntax/cmd/syntaxtrain -ud ../shared/data/ud-english-ewt -out extract/internal/syntax/model/
//
// It reads en_ewt-ud-train.conllu (training) and en_ewt-ud-dev.conllu
// (scored for the log: with gold words during training, then from raw text
// through saywho's tokenizer and segmenter with the new model, as `saywho
// eval -conllu` scores it). Training is deterministic: the same data and
// flags rebuild the model byte for byte.
//
// For tuning, -holdout N trains on all but the last N sentences of train
// and scores those in dev's place, so that features and settings are
// chosen on train and dev only picks among a few:
//
//	go run ./extract/internal/syntax/cmd/syntaxtrain -ud ../shared/data/ud-english-ewt -out /tmp/m -holdout 2000
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/extract/internal/syntax"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, out, errw io.Writer) int {
	fs := flag.NewFlagSet("syntaxtrain", flag.ContinueOnError)
	fs.SetOutput(errw)
	ud := fs.String("ud", "../shared/data/ud-english-ewt", "directory with en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu")
	outDir := fs.String("out", "extract/internal/syntax/model", "directory to write "+extract.SyntaxModelFile+" to")
	cfg := syntax.TrainConfig{Log: out}
	fs.IntVar(&cfg.TagEpochs, "tag-epochs", 8, "tagger training epochs")
	fs.IntVar(&cfg.ParseEpochs, "parse-epochs", 12, "parser training epochs")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "shuffling and exploration seed")
	fs.Float64Var(&cfg.Prune, "prune", 1000, "drop hashed features whose quantized weights are all below this many units (1/32000 of the largest)")
	fs.IntVar(&cfg.DictMin, "dict-min", 5, "words seen fewer times stay out of the tagger's look-ahead dictionary")
	fs.Float64Var(&cfg.Explore, "explore", 0.9, "probability of following the parser's own mistake after the first epoch (dynamic oracle)")
	fs.BoolVar(&cfg.TwoPass, "two-pass", false, "train the tagger's second UPOS pass (it did not pay off on dev)")
	fs.IntVar(&cfg.Jackknife, "jackknife", 5, "folds of first-pass tags for training the second pass")
	fs.IntVar(&cfg.Workers, "j", 2, "jackknife folds trained at once")
	fs.IntVar(&cfg.ParseJackknife, "parse-jackknife", 0, "train the parser on tags predicted by taggers trained on the other folds (this many; 0: gold tags)")
	minClass := fs.Int("min-class", 10, "XPOS|UPOS pairs seen fewer times in train are not tag classes")
	holdout := fs.Int("holdout", 0, "for tuning: hold out the last this many train sentences, train on the rest and score the held-out ones (gold words) instead of dev")
	fs.Func("prune-sweep", "comma-separated prune levels to report dev figures for", func(v string) error {
		for _, f := range strings.Split(v, ",") {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return err
			}
			cfg.PruneSweep = append(cfg.PruneSweep, x)
		}
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := train(*ud, *outDir, *minClass, *holdout, cfg, out); err != nil {
		fmt.Fprintln(errw, "syntaxtrain:", err)
		return 1
	}
	return 0
}

func train(ud, outDir string, minClass, holdout int, cfg syntax.TrainConfig, out io.Writer) error {
	start := time.Now()
	tr, err := corpus.LoadCoNLLU(filepath.Join(ud, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	dev, err := corpus.LoadCoNLLU(filepath.Join(ud, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	if holdout > 0 {
		if holdout >= len(tr) {
			return fmt.Errorf("-holdout %d: train has %d sentences", holdout, len(tr))
		}
		// The tail of train, a stretch of whole documents, stands in for
		// dev while features and settings are tuned.
		tr, dev = tr[:len(tr)-holdout], tr[len(tr)-holdout:]
		fmt.Fprintf(out, "holding out the last %d train sentences: the dev figures below are theirs\n", holdout)
	}
	classes, classOf := tagClasses(tr, minClass)
	labels := relations(tr)
	labelOf := map[string]int{}
	for i, l := range labels {
		labelOf[l] = i
	}
	conv := func(sents []corpus.UDSentence) []syntax.Sentence {
		out := make([]syntax.Sentence, len(sents))
		for k, s := range sents {
			x := &out[k]
			for _, w := range s.Words {
				x.Words = append(x.Words, w.Form)
				x.Tags = append(x.Tags, classOf(w))
				x.Heads = append(x.Heads, w.Head)
				l, ok := labelOf[w.Deprel]
				if !ok {
					l = labelOf[w.Dep.Universal().String()] // a relation train does not have
				}
				x.Labels = append(x.Labels, l)
			}
		}
		return out
	}
	fmt.Fprintf(out, "train: %d sentences; dev: %d; %d tag classes, %d relations\n", len(tr), len(dev), len(classes), len(labels))
	m, err := syntax.Train(conv(tr), conv(dev), classes, labels, labelOf["root"], cfg)
	if err != nil {
		return err
	}
	data := m.Encode()
	path := filepath.Join(outDir, extract.SyntaxModelFile)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s (%d bytes) in %v\n", path, len(data), time.Since(start).Round(time.Second))

	ex, err := extract.New(extract.WithNER(extract.NERNone), extract.WithSyntaxModelFS(os.DirFS(outDir)))
	if err != nil {
		return err
	}
	var sc corpus.UDScore
	for _, d := range corpus.UDDocuments(dev) {
		sc.Add(&d, ex.Extract(d.Text))
	}
	fmt.Fprintf(out, "dev from raw text: words F1 %.4f, UPOS %.4f, XPOS %.4f, UAS %.4f, LAS %.4f\n",
		sc.Words.F1(), sc.UPOS.F1(), sc.XPOS.F1(), sc.UAS.F1(), sc.LAS.F1())
	return nil
}

// tagClasses returns the XPOS|UPOS pairs seen at least min times in train,
// most frequent first (ties by name), and a function giving a word's class:
// its pair, or for a rarer pair the most frequent class with the same UPOS
// (the UPOS is what the scorer counts), or class 0.
func tagClasses(train []corpus.UDSentence, min int) ([]string, func(corpus.UDWord) int) {
	counts := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			counts[w.XPOS+"|"+w.UPOS.String()]++
		}
	}
	var classes []string
	for k, n := range counts {
		if n >= min {
			classes = append(classes, k)
		}
	}
	slices.SortFunc(classes, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	index := map[string]int{}
	byUPOS := map[string]int{}
	for i, c := range classes {
		index[c] = i
		u := c[len(c)-len(upos(c)):]
		if _, ok := byUPOS[u]; !ok {
			byUPOS[u] = i
		}
	}
	return classes, func(w corpus.UDWord) int {
		if i, ok := index[w.XPOS+"|"+w.UPOS.String()]; ok {
			return i
		}
		if i, ok := byUPOS[w.UPOS.String()]; ok {
			return i
		}
		return 0
	}
}

func upos(class string) string {
	for i := len(class) - 1; i >= 0; i-- {
		if class[i] == '|' {
			return class[i+1:]
		}
	}
	return class
}

// relations returns the relations of train, sorted.
func relations(train []corpus.UDSentence) []string {
	seen := map[string]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			seen[w.Deprel] = true
		}
	}
	var labels []string
	for l := range seen {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	return labels
}
