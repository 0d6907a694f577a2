package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

// evalCoNLLU scores the syntax of ex on each CoNLL-U file from raw text
// (corpus.ScoreUD) and returns one result per file, printing load
// problems to errw. status is 1 when a file could not be read.
func evalCoNLLU(files []string, ex *extract.Extractor, jobs int, errw io.Writer) (results []evalResult, scores []corpus.UDScore, status int) {
	for _, f := range files {
		sents, err := corpus.LoadCoNLLU(f)
		n := 0
		if err != nil {
			var el corpus.ErrorList
			if !errors.As(err, &el) {
				fmt.Fprintf(errw, "saywho eval: %v\n", err)
				status = 1
				continue
			}
			n = len(el)
			for i, e := range el {
				if i == 10 {
					fmt.Fprintf(errw, "saywho eval: %s: ... and %d more annotation problems\n", f, len(el)-i)
					break
				}
				fmt.Fprintf(errw, "saywho eval: warning: %v\n", e)
			}
		}
		s := corpus.ScoreUD(sents, ex.Extract, jobs)
		r := evalResult{Corpus: "UD " + filepath.Base(f), System: "saywho", Articles: s.Documents, LoadErrors: n,
			Metrics: s.Metrics(), Counts: map[string][3]int{}}
		for _, m := range s.List() {
			r.Counts[m.Name] = [3]int{m.Counts.TP, m.Counts.FP, m.Counts.FN}
		}
		results = append(results, r)
		scores = append(scores, s)
	}
	return results, scores, status
}

// printUD prints the figures of one CoNLL-U file.
func printUD(out io.Writer, r evalResult, s corpus.UDScore) {
	fmt.Fprintf(out, "%s: %d documents, from raw text (CoNLL 2018 alignment; LAS on universal relations)", r.Corpus, r.Articles)
	if r.LoadErrors > 0 {
		fmt.Fprintf(out, " (%d annotation problems skipped)", r.LoadErrors)
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-12s\tP\tR\tF1\t(tp/fp/fn)\t\n", "metric")
	for _, m := range s.List() {
		c := m.Counts
		fmt.Fprintf(tw, "%-12s\t%.4f\t%.4f\t%.4f\t%d/%d/%d\t\n", m.Name, c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
	}
	tw.Flush()
}
