// Command nertrain trains saywho's named-entity recognizer from CoNLL-2003
// and writes the model the extract package embeds.
//
// From the repository root, with the shared data beside it:
//
//	go run ./extract/internal/ner/cmd/nertrain -conll ../shared/data/conll2003 -polnear ../shared/data/polnear -out extract/internal/ner/model/
//
// It reads train.txt (training) and dev.txt (scored after each epoch and at
// the end), case statistics from the CoNLL training tokens and the PolNeAR
// training texts, and the gazetteers in extract/internal/ner/gazetteer.
// Training is deterministic for a given -seed.
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/saywho/saywho/extract/internal/ner"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, out, errw io.Writer) int {
	fs := flag.NewFlagSet("nertrain", flag.ContinueOnError)
	fs.SetOutput(errw)
	conll := fs.String("conll", "../shared/data/conll2003", "directory with CoNLL-2003 train.txt and dev.txt")
	polnear := fs.String("polnear", "../shared/data/polnear", "PolNeAR directory (train/text/*.txt feed case statistics); empty to skip")
	gaz := fs.String("gaz", "extract/internal/ner/gazetteer", "directory of gazetteer lists TYPE.txt")
	namesDir := fs.String("names", "extract/internal/names", "directory with first_names.tsv and titles.tsv")
	outDir := fs.String("out", "extract/internal/ner/model", "directory to write ner.model to")
	epochs := fs.Int("epochs", 20, "training epochs per stage")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	stacked := fs.Bool("stacked", false, "train a second stage on document-level predictions of the first (more accurate, half as fast)")
	prune := fs.Float64("prune", 0.5, "drop features whose averaged weights are all below this")
	cacheN := fs.Int("cache", 10000, "number of frequent tokens whose feature sums are precomputed at load")
	nClusters := fs.Int("clusters", 256, "fine word clusters from CoNLL train and PolNeAR train text (0: none)")
	dropout := fs.Float64("dropout", 0, "share of entity tokens trained without their word identity")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := train(*conll, *polnear, *gaz, *namesDir, *outDir, *epochs, *seed, *stacked, float32(*prune), *cacheN, *nClusters, *dropout, out); err != nil {
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

func train(conll, polnear, gazDir, namesDir, outDir string, epochs int, seed uint64, stacked bool, prune float32, cacheN, nClusters int, dropout float64, out io.Writer) error {
	start := time.Now()
	tr, err := readCoNLL(filepath.Join(conll, "train.txt"))
	if err != nil {
		return err
	}
	dev, err := readCoNLL(filepath.Join(conll, "dev.txt"))
	if err != nil {
		return err
	}
	cs := ner.NewCaseStats()
	var unlabelled [][]string // sentences for word clusters
	freq := map[string]int{}
	for _, ex := range tr {
		for _, r := range ex.Doc.Sentences {
			cs.AddSentence(ex.Doc.Tokens[r.Lo:r.Hi])
			unlabelled = append(unlabelled, ex.Doc.Tokens[r.Lo:r.Hi])
		}
		for _, t := range ex.Doc.Tokens {
			freq[t]++
		}
	}
	if polnear != "" {
		files, err := filepath.Glob(filepath.Join(polnear, "train", "text", "*.txt"))
		if err != nil {
			return err
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, s := range roughSentences(string(b)) {
				cs.AddSentence(s)
				unlabelled = append(unlabelled, s)
				for _, t := range s {
					freq[t]++
				}
			}
		}
		fmt.Fprintf(out, "case statistics: %d PolNeAR texts\n", len(files))
	}
	g := ner.NewGazetteer()
	lists, err := filepath.Glob(filepath.Join(gazDir, "*.txt"))
	if err != nil {
		return err
	}
	for _, p := range lists {
		typ, ok := ner.GazetteerType(strings.TrimSuffix(filepath.Base(p), ".txt"))
		if !ok {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = g.Read(f, typ, nil)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
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
		p := filepath.Join(namesDir, src.file)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		typ, _ := ner.GazetteerType(src.typ)
		err = g.Read(f, typ, src.keep)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	fmt.Fprintf(out, "gazetteers: %d lists\n", len(lists))
	var clusters *ner.Clusters
	if nClusters > 0 {
		t := time.Now()
		clusters = ner.BuildClusters(unlabelled, ner.ClusterConfig{
			Fine: nClusters, Coarse: 64, MinCount: 3, Contexts: 400, Iterations: 12, Seed: seed,
		})
		fmt.Fprintf(out, "clusters: %d words in %v\n", clusters.Len(), time.Since(t).Round(time.Second))
	}
	cfg := ner.TrainConfig{
		Clusters:    clusters,
		WordDropout: dropout,
		CacheWords:  topWords(freq, cacheN),
		Epochs:      epochs, Seed: seed, Case: cs, Gaz: g, Stacked: stacked, Dev: dev, Log: out, Prune: prune,
		Info: fmt.Sprintf("CoNLL-2003 train, %d epochs, seed %d, stacked %v, prune %g, clusters %d, dropout %g", epochs, seed, stacked, prune, nClusters, dropout),
	}
	m, err := ner.Train(tr, cfg)
	if err != nil {
		return err
	}
	ner.TuneDocWeight(m, dev, func(f string, a ...any) { fmt.Fprintf(out, f, a...) })
	sc := ner.Evaluate(m, dev)
	fmt.Fprintf(out, "dev:\n%s", sc)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(outDir, "ner.model")
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
	for k, r := range s[i:] {
		_ = k
		return r, len(string(r))
	}
	return 0, 1
}
