package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"testing/fstest"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

// Calibration (claimtrain -calibrate FILE): the whole pipeline, extract.New
// and claims.New with raw confidences, runs over the PolNeAR split of
// -polnear, cross-fitted: the split is cut in calFolds folds (article k in
// fold k mod calFolds), and each fold is attributed with a lexicon, cue
// detector and rankers trained as the embedded ones are but on the other
// folds, so the scores are those of text the models have not seen (the
// embedded models score their own training text better than new text).
// A claim is right when corpus.MatchClaims pairs it with a gold
// claim for who said what (content and source overlap), the criterion of
// corpus.ClaimScore.Attribution. For each rule with at least minRuleClaims
// claims an isotonic regression (pool adjacent violators, Barlow et al.
// 1972; Zadrozny and Elkan 2002) of right on raw score gives the map, its
// blocks shrunk towards the map of all rules by shrink pseudo-claims so
// that small blocks do not jump to 0 or 1; the other rules use the map of
// all rules. The file lists each map's knots (block mean score, block
// confidence) in increasing score.
// outOfFold is the weight of the cross-fitted claims; the in-sample
// claims of the embedded models weigh 1 - outOfFold. A model scores its
// own training text better than new text and a model trained on four
// fifths of the split scores new text worse than the one trained on all of
// it; weighing the two as the .632 bootstrap estimator of Efron (1983)
// does was chosen on PolNeAR dev among 0 (in-sample only), 1 (cross-fitted
// only) and 0.632, by the expected calibration error (0.036, 0.038 and
// 0.025).
const outOfFold = 0.632

const (
	calFolds      = 5
	minRuleClaims = 40
	shrink        = 10.0
)

// sample is one predicted claim: its raw score and whether it is right.
type sample struct {
	raw   float64
	right bool
	w     float64 // weight
}

// block is a run of samples pooled by the isotonic fit.
type block struct {
	sumRaw, sumRight, n float64
}

func (b block) raw() float64  { return b.sumRaw / b.n }
func (b block) conf() float64 { return b.sumRight / b.n }

// isotonic returns the pooled blocks of the isotonic regression of right
// on raw, in increasing raw; samples with equal raw scores share a block.
func isotonic(ss []sample) []block {
	kept := make([]sample, 0, len(ss))
	for _, s := range ss {
		if s.w > 0 {
			kept = append(kept, s)
		}
	}
	ss = kept
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].raw < ss[j].raw })
	var bs []block
	for i := 0; i < len(ss); {
		b := block{}
		j := i
		for ; j < len(ss) && ss[j].raw == ss[i].raw; j++ {
			b.sumRaw += ss[j].w * ss[j].raw
			b.n += ss[j].w
			if ss[j].right {
				b.sumRight += ss[j].w
			}
		}
		i = j
		bs = append(bs, b)
		for len(bs) > 1 && bs[len(bs)-2].conf() >= bs[len(bs)-1].conf() {
			a, z := bs[len(bs)-2], bs[len(bs)-1]
			bs = append(bs[:len(bs)-2], block{a.sumRaw + z.sumRaw, a.sumRight + z.sumRight, a.n + z.n})
		}
	}
	return bs
}

// interp evaluates the piecewise-linear map of blocks bs at raw.
func interp(bs []block, raw float64) float64 {
	i := sort.Search(len(bs), func(i int) bool { return bs[i].raw() >= raw })
	switch {
	case i == 0:
		return bs[0].conf()
	case i == len(bs):
		return bs[len(bs)-1].conf()
	}
	a, b := bs[i-1], bs[i]
	return a.conf() + (b.conf()-a.conf())*(raw-a.raw())/(b.raw()-a.raw())
}

// knot is a written point of a map.
type knot struct{ raw, conf float64 }

// knots turns blocks into the knots of the file: rounded to 4 decimals,
// strictly increasing in raw score and non-decreasing in confidence.
func knots(bs []block, conf func(block) float64) []knot {
	var out []knot
	for _, b := range bs {
		k := knot{math.Round(b.raw()*1e4) / 1e4, math.Round(conf(b)*1e4) / 1e4}
		if n := len(out); n > 0 {
			if k.conf < out[n-1].conf {
				k.conf = out[n-1].conf
			}
			if k.raw <= out[n-1].raw {
				out[n-1].conf = max(out[n-1].conf, k.conf)
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

// runCalibrate writes the calibration of the split dir to path, training
// the fold models with epochs and cueEndEpochs as the main models are.
func runCalibrate(dir, path string, epochs, cueEndEpochs int, errw io.Writer) int {
	arts, err := loadSplit(dir, errw)
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	ex, err := extract.New()
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	bare, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	byRule := map[claims.Rule][]sample{}
	var all []sample
	for f := 0; f < calFolds; f++ {
		var train []article
		for k, a := range arts {
			if k%calFolds != f {
				train = append(train, a)
			}
		}
		st := newStats()
		for _, a := range train {
			st.add(bare.Extract(a.Text), a.Attributions)
		}
		var lex bytes.Buffer
		st.write(&lex, len(train))
		w, we := trainModels(bare, train, st.prior(), epochs, cueEndEpochs, 1, io.Discard)
		models := fstest.MapFS{
			"cues.tsv":  {Data: lex.Bytes()},
			"cue.model": {Data: cuemodel.Encode(w)},
			"end.model": {Data: cuemodel.EncodeEnd(we)},
		}
		at, err := claims.New(claims.WithModelFS(models), claims.WithCalibration(nil))
		if err != nil {
			fmt.Fprintln(errw, "claimtrain:", err)
			return 1
		}
		n := 0
		for k, a := range arts {
			if k%calFolds != f {
				continue
			}
			pred := at.Attribute(ex.Extract(a.Text))
			right := make([]bool, len(pred))
			for _, j := range corpus.MatchClaims(a.Claims, pred, true) {
				if j >= 0 {
					right[j] = true
				}
			}
			for j, c := range pred {
				s := sample{c.Confidence, right[j], outOfFold}
				byRule[c.Rule] = append(byRule[c.Rule], s)
				all = append(all, s)
				n++
			}
		}
		fmt.Fprintf(errw, "claimtrain: calibration fold %d: %d claims\n", f+1, n)
	}
	// The in-sample pass: the embedded models, trained on the whole split,
	// on their own training text.
	at, err := claims.New(claims.WithCalibration(nil))
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	for _, a := range arts {
		pred := at.Attribute(ex.Extract(a.Text))
		right := make([]bool, len(pred))
		for _, j := range corpus.MatchClaims(a.Claims, pred, true) {
			if j >= 0 {
				right[j] = true
			}
		}
		for j, c := range pred {
			s := sample{c.Confidence, right[j], 1 - outOfFold}
			byRule[c.Rule] = append(byRule[c.Rule], s)
			all = append(all, s)
		}
	}
	pool := isotonic(all)
	rules := make([]claims.Rule, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i] < rules[j] })

	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "# Code generated by claimtrain -calibrate from the PolNeAR train split (%d articles; %d claims, %d-fold cross-fitted and in-sample, weighed %.3f and %.3f); DO NOT EDIT.\n", len(arts), len(all), calFolds, outOfFold, 1-outOfFold)
	fmt.Fprintln(bw, "# rule<TAB>raw score<TAB>confidence: knots of a monotone map per rule; * is the map of all rules")
	fmt.Fprintln(bw, claims.CalibrationVersion)
	for _, k := range knots(pool, block.conf) {
		fmt.Fprintf(bw, "*\t%.4f\t%.4f\n", k.raw, k.conf)
	}
	for _, r := range rules {
		ss := byRule[r]
		right, n := 0.0, 0.0
		for _, s := range ss {
			n += s.w
			if s.right {
				right += s.w
			}
		}
		fmt.Fprintf(errw, "claimtrain: calibration: rule %-4s %6.0f claims (weighted), %5.1f%% right\n", r, n, 100*right/n)
		if n < minRuleClaims || r == claims.NoRule {
			continue
		}
		shrunk := func(b block) float64 { return (b.sumRight + shrink*interp(pool, b.raw())) / (b.n + shrink) }
		for _, k := range knots(isotonic(ss), shrunk) {
			fmt.Fprintf(bw, "%s\t%.4f\t%.4f\n", r, k.raw, k.conf)
		}
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(errw, "claimtrain: writing:", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(errw, "claimtrain:", err)
		return 1
	}
	fmt.Fprintf(errw, "claimtrain: calibration of %d claims written to %s\n", len(all), path)
	return 0
}
