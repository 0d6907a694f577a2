// Command nertrain trains saywho's named-entity recognizer from CoNLL-2003
// and writes the model the extract package embeds; with -cv it runs the
// cross-validation that chose the trainer's default settings.
//
// From the repository root, with the shared data beside it, the two
// models (each rebuilt byte for byte by its command):
//
//	go run ./extract/internal/ner/cmd/nertrain -split train+dev -out extract/internal/ner/model/
//	go run ./extract/internal/ner/cmd/nertrain -split train -out extract/internal/ner/model/trainonly/
//
// The first is the shipped (embedded) model, trained on CoNLL-2003
// train.txt and dev.txt; the second, trained on train.txt alone, is the one
// whose dev figure the README reports. Model selection, over CoNLL train
// documents only (5 folds, 3 seeds, 2 folds at a time; dev is never read):
//
//	go run ./extract/internal/ner/cmd/nertrain -cv 5 -seeds 1,2,3 -epochs 20 -jobs 2
//
// (add -variants glove+rank,glove+rank+tags, -stacked, -dropout 0.1 or
// -skipgaz wnper,wnloc,wnorg,wnmisc for the variants that were compared).
//
// It prints, per feature set, the pooled held-out F1 after every few
// epochs at each document-agreement weight (mean and spread over the
// seeds) and the best setting. Case statistics (and, for "own", word
// clusters) come from the training documents of each fold and the
// PolNeAR training texts (unlabelled); the gazetteers are those in
// extract/internal/ner/gazetteer and extract/internal/names. Everything
// is deterministic for given flags.
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/saywho/saywho/extract/internal/ner"
)

// The settings cross-validation chose (see the package comment and the
// README's NER section); the flags default to them.
const (
	defaultFeatures  = "glove+rank"
	defaultEpochs    = 15
	defaultDocWeight = 0.15
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	conll, polnear, gaz, names, out string
	split                           string
	features                        ner.Features
	epochs                          int
	docWeight                       float64
	seed                            uint64
	prune                           float32
	cacheN, clusters                int
	dropout                         float64
	stacked                         bool
	cv                              int
	seeds                           []uint64
	variants                        []ner.Features
	jobs                            int
	every                           int
	skipGaz                         map[string]bool
}

func run(args []string, out, errw io.Writer) int {
	fs := flag.NewFlagSet("nertrain", flag.ContinueOnError)
	fs.SetOutput(errw)
	var o options
	fs.StringVar(&o.conll, "conll", "../shared/data/conll2003", "directory with CoNLL-2003 train.txt and dev.txt")
	fs.StringVar(&o.polnear, "polnear", "../shared/data/polnear", "PolNeAR directory (train/text/*.txt feed case statistics); empty to skip")
	fs.StringVar(&o.gaz, "gaz", "extract/internal/ner/gazetteer", "directory of gazetteer lists TYPE.txt")
	fs.StringVar(&o.names, "names", "extract/internal/names", "directory with first_names.tsv and titles.tsv")
	fs.StringVar(&o.out, "out", "extract/internal/ner/model", "directory to write ner.model to")
	fs.StringVar(&o.split, "split", "train+dev", "training data: train (the model whose dev figure is reported) or train+dev (the shipped model)")
	feat := fs.String("features", defaultFeatures, "optional feature groups: own, glove, rank, tags joined by +, or none")
	fs.IntVar(&o.epochs, "epochs", defaultEpochs, "training epochs per stage")
	fs.Float64Var(&o.docWeight, "docweight", defaultDocWeight, "document-agreement weight, in units of the emission spread on the training data")
	fs.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	prune := fs.Float64("prune", 0.5, "drop features whose averaged weights are all below this")
	fs.IntVar(&o.cacheN, "cache", 6000, "number of frequent tokens whose feature sums are precomputed")
	fs.IntVar(&o.clusters, "clusters", 256, "fine word clusters from the training text, for the feature group own")
	fs.Float64Var(&o.dropout, "dropout", 0, "share of entity tokens trained without their word identity")
	fs.BoolVar(&o.stacked, "stacked", false, "train a second stage on the first stage's document-level predictions (Ratinov and Roth's prediction history)")
	fs.IntVar(&o.cv, "cv", 0, "cross-validate over this many folds of train.txt documents instead of training (writes nothing)")
	seeds := fs.String("seeds", "1,2,3", "with -cv: comma-separated seeds")
	variants := fs.String("variants", defaultFeatures, "with -cv: comma-separated feature sets to compare")
	fs.IntVar(&o.jobs, "jobs", 2, "with -cv: folds trained at once")
	fs.IntVar(&o.every, "every", 5, "with -cv: score every this many epochs")
	skip := fs.String("skipgaz", "", "comma-separated gazetteer lists (file stems) to leave out, for comparing lists")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	o.skipGaz = map[string]bool{}
	for _, s := range strings.Split(*skip, ",") {
		if s != "" {
			o.skipGaz[s] = true
		}
	}
	o.prune = float32(*prune)
	var ok bool
	if o.features, ok = ner.ParseFeatures(*feat); !ok {
		fmt.Fprintf(errw, "nertrain: bad -features %q (want own, glove, rank, tags joined by +)\n", *feat)
		return 2
	}
	for _, s := range strings.Split(*seeds, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		if err != nil {
			fmt.Fprintf(errw, "nertrain: bad -seeds %q: %v\n", *seeds, err)
			return 2
		}
		o.seeds = append(o.seeds, v)
	}
	for _, s := range strings.Split(*variants, ",") {
		f, ok := ner.ParseFeatures(strings.TrimSpace(s))
		if !ok {
			fmt.Fprintf(errw, "nertrain: bad -variants entry %q\n", s)
			return 2
		}
		o.variants = append(o.variants, f)
	}
	if o.split != "train" && o.split != "train+dev" {
		fmt.Fprintf(errw, "nertrain: bad -split %q (want train or train+dev)\n", o.split)
		return 2
	}
	var err error
	if o.cv > 0 {
		err = crossValidate(o, out)
	} else {
		err = train(o, out)
	}
	if err != nil {
		fmt.Fprintln(errw, "nertrain:", err)
		return 1
	}
	return 0
}

func readCoNLL(path string) ([]ner.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ex, nil
}

// resources are the inputs shared by every training run: the unlabelled
// PolNeAR sentences and the gazetteers.
type resources struct {
	unlabelled [][]string
	gaz        *ner.Gazetteer
	lists      int
}

func loadResources(o options) (*resources, error) {
	res := &resources{}
	if o.polnear != "" {
		files, err := filepath.Glob(filepath.Join(o.polnear, "train", "text", "*.txt"))
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			res.unlabelled = append(res.unlabelled, roughSentences(string(b))...)
		}
	}
	g := ner.NewGazetteer()
	lists, err := filepath.Glob(filepath.Join(o.gaz, "*.txt"))
	if err != nil {
		return nil, err
	}
	for _, p := range lists {
		stem := strings.TrimSuffix(filepath.Base(p), ".txt")
		typ, ok := ner.GazetteerType(stem)
		if !ok || o.skipGaz[stem] {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		err = g.Read(f, typ, nil)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		res.lists++
	}
	// First names and titles are shared with people clustering.
	for _, src := range []struct {
		file, typ string
		keep      func(string) bool
	}{
		{"first_names.tsv", "female", func(t string) bool { return t != "male" }},
		{"first_names.tsv", "male", func(t string) bool { return t != "female" }},
		{"titles.tsv", "title", nil},
	} {
		p := filepath.Join(o.names, src.file)
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		typ, _ := ner.GazetteerType(src.typ)
		err = g.Read(f, typ, src.keep)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	res.gaz = g
	return res, nil
}

// config builds the training configuration for documents tr: case
// statistics, clusters and cached words come from tr and the unlabelled
// text only.
func (res *resources) config(o options, tr []ner.Example, feat ner.Features, seed uint64, info string) ner.TrainConfig {
	cs := ner.NewCaseStats()
	freq := map[string]int{}
	var sents [][]string
	for _, ex := range tr {
		for _, r := range ex.Doc.Sentences {
			s := ex.Doc.Tokens[r.Lo:r.Hi]
			cs.AddSentence(s)
			sents = append(sents, s)
			for _, t := range s {
				freq[t]++
			}
		}
	}
	for _, s := range res.unlabelled {
		cs.AddSentence(s)
		for _, t := range s {
			freq[t]++
		}
	}
	var clusters *ner.Clusters
	if feat&ner.FeatOwnClusters != 0 && o.clusters > 0 {
		clusters = ner.BuildClusters(append(sents, res.unlabelled...), ner.ClusterConfig{
			Fine: o.clusters, Coarse: 64, MinCount: 3, Contexts: 400, Iterations: 12, Seed: seed,
		})
	}
	return ner.TrainConfig{
		Features: feat, Clusters: clusters, WordDropout: o.dropout, Stacked: o.stacked,
		CacheWords: topWords(freq, o.cacheN),
		Epochs:     o.epochs, Seed: seed, Case: cs, Gaz: res.gaz, Prune: o.prune,
		Info: info,
	}
}

func train(o options, out io.Writer) error {
	start := time.Now()
	tr, err := readCoNLL(filepath.Join(o.conll, "train.txt"))
	if err != nil {
		return err
	}
	dev, err := readCoNLL(filepath.Join(o.conll, "dev.txt"))
	if err != nil {
		return err
	}
	res, err := loadResources(o)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d PolNeAR sentences (unlabelled), %d gazetteer lists\n", len(res.unlabelled), res.lists)
	data := tr
	if o.split == "train+dev" {
		data = append(slices.Clip(tr), dev...)
	}
	info := fmt.Sprintf("CoNLL-2003 %s (%d documents), features %s, %d epochs, seed %d, doc weight %g, prune %g, dropout %g",
		o.split, len(data), o.features, o.epochs, o.seed, o.docWeight, o.prune, o.dropout)
	if o.stacked {
		info += ", stacked"
	}
	cfg := res.config(o, data, o.features, o.seed, info)
	cfg.Log = out
	m, err := ner.Train(data, cfg)
	if err != nil {
		return err
	}
	ner.SetSpread(m, data)
	m.DocWeight = float32(o.docWeight) * m.Spread
	if o.split == "train" {
		fmt.Fprintf(out, "dev (held out; no setting was chosen on it):\n%s", ner.Evaluate(m, dev))
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(o.out, "ner.model")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := m.Encode(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s (%d bytes) in %v\n", path, st.Size(), time.Since(start).Round(time.Second))
	return nil
}

// cvKey names one cell of the cross-validation grid.
type cvKey struct {
	variant, seed, epoch, weight int
}

// crossValidate trains, for every feature set, seed and fold, a model on
// the other folds of train.txt and scores the held-out fold at every
// -every epochs and every document weight; it prints the pooled F1 per
// setting (mean and spread over seeds) and the best setting.
func crossValidate(o options, out io.Writer) error {
	start := time.Now()
	tr, err := readCoNLL(filepath.Join(o.conll, "train.txt"))
	if err != nil {
		return err
	}
	res, err := loadResources(o)
	if err != nil {
		return err
	}
	type job struct{ variant, seed, fold int }
	var jobs []job
	for v := range o.variants {
		for s := range o.seeds {
			for f := range o.cv {
				jobs = append(jobs, job{v, s, f})
			}
		}
	}
	fmt.Fprintf(out, "cross-validation: %d train documents, %d folds, seeds %v, feature sets %v, %d epochs, dropout %g, stacked %v, gazetteers left out %v, %d jobs at a time\n",
		len(tr), o.cv, o.seeds, o.variants, o.epochs, o.dropout, o.stacked, o.skipGaz, o.jobs)
	var mu sync.Mutex
	scores := map[cvKey]*ner.Score{}
	next := make(chan job)
	var wg sync.WaitGroup
	for range max(o.jobs, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				var fit, held []ner.Example
				for i, ex := range tr {
					if i%o.cv == j.fold {
						held = append(held, ex)
					} else {
						fit = append(fit, ex)
					}
				}
				t := time.Now()
				cfg := res.config(o, fit, o.variants[j.variant], o.seeds[j.seed], "cv")
				cfg.CheckpointEvery = o.every
				cfg.Checkpoint = func(epoch int, m *ner.Model) {
					for w, k := range ner.DocWeights {
						m.DocWeight = float32(k) * m.Spread
						sc := ner.Evaluate(m, held)
						mu.Lock()
						key := cvKey{j.variant, j.seed, epoch, w}
						if scores[key] == nil {
							scores[key] = &ner.Score{}
						}
						for l := range sc {
							scores[key][l].TP += sc[l].TP
							scores[key][l].FP += sc[l].FP
							scores[key][l].FN += sc[l].FN
						}
						mu.Unlock()
					}
				}
				if _, err := ner.Train(fit, cfg); err != nil {
					panic(err) // fit is never empty: Train fails on no documents only
				}
				mu.Lock()
				fmt.Fprintf(out, "  %s seed %d fold %d/%d: %v\n", o.variants[j.variant], o.seeds[j.seed], j.fold+1, o.cv, time.Since(t).Round(time.Second))
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()

	type best struct {
		f, sd      float64
		v, e, w    int
		byLabel    [ner.NumLabels]float64
		minF, maxF float64
	}
	var top best
	top.f = -1
	for v, feat := range o.variants {
		fmt.Fprintf(out, "\nfeature set %s: held-out micro F1, mean ± sd over %d seeds (pooled over %d folds)\n", feat, len(o.seeds), o.cv)
		fmt.Fprintf(out, "%-7s", "epochs")
		for _, k := range ner.DocWeights {
			fmt.Fprintf(out, "  w=%-13.2f", k)
		}
		fmt.Fprintln(out)
		for e := 1; e <= o.epochs; e++ {
			if scores[cvKey{v, 0, e, 0}] == nil {
				continue
			}
			fmt.Fprintf(out, "%-7d", e)
			for w := range ner.DocWeights {
				var fs []float64
				var lab [ner.NumLabels]float64
				for s := range o.seeds {
					sc := scores[cvKey{v, s, e, w}]
					fs = append(fs, sc[ner.None].F())
					for l := range lab {
						lab[l] += sc[l].F() / float64(len(o.seeds))
					}
				}
				mean, sd := meanSD(fs)
				fmt.Fprintf(out, "  %.4f ± %.4f", mean, sd)
				if mean > top.f+1e-9 {
					top = best{f: mean, sd: sd, v: v, e: e, w: w, byLabel: lab, minF: slices.Min(fs), maxF: slices.Max(fs)}
				}
			}
			fmt.Fprintln(out)
		}
	}
	fmt.Fprintf(out, "\nbest: features %s, %d epochs, doc weight %.2f: CV F1 %.4f ± %.4f (seeds %.4f..%.4f); PER %.4f ORG %.4f LOC %.4f MISC %.4f\n",
		o.variants[top.v], top.e, ner.DocWeights[top.w], top.f, top.sd, top.minF, top.maxF,
		top.byLabel[ner.PER], top.byLabel[ner.ORG], top.byLabel[ner.LOC], top.byLabel[ner.MISC])
	fmt.Fprintf(out, "(%v)\n", time.Since(start).Round(time.Second))
	return nil
}

// meanSD returns the mean and the sample standard deviation of xs.
func meanSD(xs []float64) (float64, float64) {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

// topWords returns the n most frequent tokens, most frequent first (ties
// in byte order, so the list is deterministic).
func topWords(freq map[string]int, n int) []string {
	ws := make([]string, 0, len(freq))
	for w := range freq {
		ws = append(ws, w)
	}
	slices.SortFunc(ws, func(a, b string) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return ws[:min(n, len(ws))]
}

// roughSentences splits plain text into sentences of tokens, well enough
// for case statistics: tokens split at white space with leading and
// trailing punctuation cut off, sentences end at lines and at . ! ?.
func roughSentences(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		var cur []string
		for _, f := range strings.Fields(line) {
			lead, core, trail := splitPunct(f)
			for _, r := range lead {
				cur = append(cur, string(r))
			}
			if core != "" {
				cur = append(cur, core)
			}
			end := false
			for _, r := range trail {
				cur = append(cur, string(r))
				if r == '.' || r == '!' || r == '?' {
					end = true
				}
			}
			if end {
				out = append(out, cur)
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
}

func splitPunct(f string) (lead, core, trail string) {
	isP := func(r rune) bool { return unicode.IsPunct(r) && r != '-' && r != '&' }
	i := strings.IndexFunc(f, func(r rune) bool { return !isP(r) })
	if i < 0 {
		return f, "", ""
	}
	j := strings.LastIndexFunc(f, func(r rune) bool { return !isP(r) })
	_, sz := utf8DecodeAt(f, j)
	return f[:i], f[i : j+sz], f[j+sz:]
}

func utf8DecodeAt(s string, i int) (rune, int) {
	for _, r := range s[i:] {
		return r, len(string(r))
	}
	return 0, 1
}
