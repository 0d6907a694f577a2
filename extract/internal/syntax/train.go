package syntax

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// UPOSNames are the 17 UPOS tags in the order of the tagger's classes.
var UPOSNames = [numUPOS]string{
	"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
	"PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
}

// Sentence is one training or evaluation sentence: its words and the gold
// analysis (Tags: tag class indices; Heads: 0-based word indices, -1 for
// the root; Labels: relation indices).
type Sentence struct {
	Words  []string
	Tags   []int
	Heads  []int
	Labels []int
}

// TrainConfig holds the settings of a training run.
type TrainConfig struct {
	TagEpochs   int     // passes over the training data for each tagger step
	ParseEpochs int     // passes for the parser and labeler
	Seed        uint64  // shuffling and exploration seed
	Prune       float64 // drop rows whose quantized weights are all below this (units of 1/32000 of the largest)
	DictMin     int     // words seen fewer times are left out of the look-ahead dictionary
	Explore     float64 // probability of following the parser's own wrong transition (dynamic oracle), after the first epoch
	TwoPass     bool    // train the tagger's second UPOS pass (off in the shipped model: no gain on dev)
	Jackknife   int     // folds for the first pass's tags that the second pass trains on
	Workers     int     // jackknife folds trained at once
	// ParseJackknife, when above 1, trains the parser on tags predicted by
	// taggers trained without each fold (that many folds) instead of gold
	// tags.
	ParseJackknife int
	PruneSweep     []float64 // prune levels to report dev figures for (experiments)
	Log            io.Writer
}

func (c *TrainConfig) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, format, args...)
	}
}

// tagSet describes the tag classes: the UPOS (0-based) of each class, and
// per UPOS the classes the Penn-tag step chooses among.
type tagSet struct {
	upos   []uint8
	groups [numUPOS][]uint8
}

func newTagSet(classes []string) (*tagSet, error) {
	ts := &tagSet{}
	for c, name := range classes {
		u := -1
		for k, n := range UPOSNames {
			if len(name) > len(n) && name[len(name)-len(n)-1:] == "|"+n {
				u = k
			}
		}
		if u < 0 {
			return nil, fmt.Errorf("tag class %q is not XPOS|UPOS", name)
		}
		ts.upos = append(ts.upos, uint8(u))
		if len(ts.groups[u]) < maxChoices {
			ts.groups[u] = append(ts.groups[u], uint8(c))
		}
	}
	return ts, nil
}

// sentWords prepares the words of one sentence as a document of its own.
func sentWords(dw *docWords, s *Sentence, dict *wordDict) { dw.reset(s.Words, dict) }

// buildDict counts the classes of every word form and lower-cased form of
// train and keeps, for those seen at least min times, the most frequent
// UPOS and, when the word is seen at least fixMin times with one class in
// all but a fixShare of them, that class (the tagger then skips it).
func buildDict(train []Sentence, ts *tagSet, min int) wordDict {
	const fixMin, fixShare = 20, 0.005
	counts := map[uint64][]int{}
	var dw docWords
	for i := range train {
		s := &train[i]
		sentWords(&dw, s, nil)
		for k := range s.Words {
			w := &dw.types[dw.of[k]]
			for _, key := range []uint64{f1(tplDictForm, w.form), f1(tplDictLower, w.lower)} {
				c := counts[key]
				if c == nil {
					c = make([]int, len(ts.upos))
					counts[key] = c
				}
				c[s.Tags[k]]++
			}
		}
	}
	var keys []uint64
	for _, k := range sortedKeys(counts) {
		n := 0
		for _, c := range counts[k] {
			n += c
		}
		if n >= min {
			keys = append(keys, k)
		}
	}
	size, shift := 1, uint(64)
	for size < len(keys)*10/7+2 {
		size <<= 1
		shift--
	}
	d := wordDict{keys: make([]uint32, size), vals: make([]uint8, size), fixed: make([]uint8, size), shift: shift}
	mask := uint64(size - 1)
	for _, k := range keys {
		var up [numUPOS]int
		n, bestC := 0, 0
		for c, x := range counts[k] {
			up[ts.upos[c]] += x
			n += x
			if x > counts[k][bestC] {
				bestC = c
			}
		}
		best := 0
		for u := range up {
			if up[u] > up[best] {
				best = u
			}
		}
		i := k >> shift
		for d.keys[i] != 0 {
			i = (i + 1) & mask
		}
		d.keys[i], d.vals[i] = uint32(k)|1, uint8(best+1)
		if n >= fixMin && float64(n-counts[k][bestC]) <= fixShare*float64(n) {
			d.fixed[i] = uint8(bestC + 1)
		}
	}
	return d
}

// uposFeats appends every feature of UPOS pass pass for token i of a
// sentence (the run-time tagger sums the same features, the word-only ones
// through its cache).
func uposFeats(dst []uint64, dw *docWords, n, i int, t1, t2, r1, r2 uint64, pass int) []uint64 {
	sf := sentFlags(dw, 0, n, i)
	at := func(j int) *word {
		switch {
		case j < 0:
			return &padStart
		case j >= n:
			return &padEnd
		}
		return &dw.types[dw.of[j]]
	}
	for _, off := range offsets {
		dst = wordFeats(dst, at(i+off), off, pass)
	}
	return contextFeats(dst, at(i), at(i-1), at(i+1), t1, t2, r1, r2, sf, pass)
}

// trainUPOS trains one UPOS pass. first, for pass 2, holds per sentence the
// first pass's UPOS (0-based) that the right-context features read.
func trainUPOS(train []Sentence, ts *tagSet, dict *wordDict, pass int, first [][]uint8, cfg *TrainConfig) *denseTrainer {
	tr := newDenseTrainer(numUPOS)
	rng := rand.New(rand.NewPCG(cfg.Seed, uint64(10+pass)))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var dw docWords
	var fs []uint64
	scores := make([]float32, numUPOS)
	for epoch := 0; epoch < cfg.TagEpochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, si := range order {
			s := &train[si]
			sentWords(&dw, s, dict)
			n := len(s.Words)
			var t1, t2 uint64
			for i := 0; i < n; i++ {
				if f := dw.types[dw.of[i]].fixed; f != 0 {
					u := ts.upos[f-1]
					t2, t1 = t1, uint64(u)+1
					continue // the run-time tagger takes the class from the dictionary
				}
				var r1, r2 uint64 = numUPOS + 1, numUPOS + 1
				if pass == 2 {
					if i+1 < n {
						r1 = uint64(first[si][i+1]) + 1
					}
					if i+2 < n {
						r2 = uint64(first[si][i+2]) + 1
					}
				}
				fs = uposFeats(fs[:0], &dw, n, i, t1, t2, r1, r2, pass)
				tr.scores(fs, scores)
				best := argmax(scores)
				gold := int(ts.upos[s.Tags[i]])
				if best != gold {
					tr.update(fs, gold, best, 1)
				} else {
					right++
				}
				total++
				tr.tick()
				t2, t1 = t1, uint64(best)+1
			}
		}
		cfg.logf("UPOS pass %d epoch %d: train %.4f (%d features, %v)\n", pass, epoch+1, float64(right)/float64(max(total, 1)), len(tr.index), time.Since(start).Round(time.Millisecond))
	}
	return tr
}

// trainXPOS trains the Penn-tag step on gold UPOS.
func trainXPOS(train []Sentence, ts *tagSet, dict *wordDict, cfg *TrainConfig) *sparseTrainer {
	tr := newSparseTrainer()
	rng := rand.New(rand.NewPCG(cfg.Seed, 20))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var dw docWords
	var fs []uint64
	scores := make([]float32, 16)
	for epoch := 0; epoch < cfg.TagEpochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, si := range order {
			s := &train[si]
			sentWords(&dw, s, dict)
			n := len(s.Words)
			at := func(j int) *word {
				switch {
				case j < 0:
					return &padStart
				case j >= n:
					return &padEnd
				}
				return &dw.types[dw.of[j]]
			}
			var x1 uint64
			for i := 0; i < n; i++ {
				c := s.Tags[i]
				u := ts.upos[c]
				g := ts.groups[u]
				pos := slices.Index(g, uint8(c))
				if len(g) > 1 && pos >= 0 {
					u1, r1 := uint64(0), uint64(numUPOS+1)
					if i > 0 {
						u1 = uint64(ts.upos[s.Tags[i-1]]) + 1
					}
					if i+1 < n {
						r1 = uint64(ts.upos[s.Tags[i+1]]) + 1
					}
					fs = xposFeats(fs[:0], at(i), at(i-1), at(i+1), uint64(u)+1, x1, u1, r1)
					sc := scores[:len(g)]
					tr.scores(fs, sc)
					best := argmax(sc)
					if best != pos {
						tr.update(fs, len(g), pos, best, 1)
					} else {
						right++
					}
					total++
					tr.tick()
				}
				x1 = uint64(c) + 1
			}
		}
		cfg.logf("XPOS epoch %d: train %.4f\n", epoch+1, float64(right)/float64(max(total, 1)))
	}
	return tr
}

func argmax(s []float32) int {
	best := 0
	for c := 1; c < len(s); c++ {
		if s[c] > s[best] {
			best = c
		}
	}
	return best
}

// tagTrainers are the trained tagger steps.
type tagTrainers struct {
	pass1, pass2 *denseTrainer
	xpos         *sparseTrainer
	dict         wordDict
}

func (tt *tagTrainers) build(ts *tagSet, prune float64) *tagModel {
	m := &tagModel{pass1: tt.pass1.buildVar(prune), xpos: tt.xpos.buildVar(prune), dict: tt.dict, groups: ts.groups, classUPOS: ts.upos}
	if tt.pass2 != nil {
		m.pass2 = tt.pass2.buildVar(prune)
	}
	m.computePads()
	return m
}

// trainTagger trains the tagger steps on train.
func trainTagger(train []Sentence, ts *tagSet, cfg *TrainConfig) *tagTrainers {
	tt := &tagTrainers{dict: buildDict(train, ts, cfg.DictMin)}
	tt.pass1 = trainUPOS(train, ts, &tt.dict, 1, nil, cfg)
	if cfg.TwoPass {
		first := jackknife(train, ts, cfg)
		tt.pass2 = trainUPOS(train, ts, &tt.dict, 2, first, cfg)
	}
	tt.xpos = trainXPOS(train, ts, &tt.dict, cfg)
	return tt
}

// jackknife returns, per sentence of train, the first pass's UPOS from a
// first pass trained on the other folds, so that the second pass learns
// from tags as wrong as those it will see.
func jackknife(train []Sentence, ts *tagSet, cfg *TrainConfig) [][]uint8 {
	k := max(cfg.Jackknife, 2)
	out := make([][]uint8, len(train))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(cfg.Workers, 1))
	start := time.Now()
	for fold := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			// Folds are contiguous stretches of the training file, so that
			// a held-out sentence's document is mostly held out too (EWT
			// keeps documents together), as on new text.
			lo, hi := fold*len(train)/k, (fold+1)*len(train)/k
			var sub []Sentence
			var held []int
			for i := range train {
				if lo <= i && i < hi {
					held = append(held, i)
				} else {
					sub = append(sub, train[i])
				}
			}
			fc := *cfg
			fc.Log = nil
			dict := buildDict(sub, ts, cfg.DictMin)
			m := &tagModel{pass1: trainUPOS(sub, ts, &dict, 1, nil, &fc).buildVar(cfg.Prune), dict: dict, classUPOS: ts.upos}
			m.computePads()
			var dw docWords
			var v vecs
			var sc tagScratch
			for _, i := range held {
				dw.reset(train[i].Words, &m.dict)
				sc.fs = m.wordSums(&v, &dw, sc.fs)
				tags := make([]uint8, len(train[i].Words))
				m.upos(&sc, &v, &dw, 0, len(tags), 1, nil, tags)
				out[i] = tags
			}
		}()
	}
	wg.Wait()
	right, total := 0, 0
	for i, s := range train {
		for j, c := range s.Tags {
			if out[i][j] == ts.upos[c] {
				right++
			}
			total++
		}
	}
	cfg.logf("jackknifed first-pass UPOS (%d folds): %.4f (%v)\n", k, float64(right)/float64(total), time.Since(start).Round(time.Second))
	return out
}

// tagAccuracy returns the share of words of sents whose UPOS and whose
// class m gets right.
func tagAccuracy(m *tagModel, ts *tagSet, sents []Sentence) (upos, class float64) {
	var right, rightC, total int
	var dw docWords
	var v vecs
	var sc tagScratch
	var out []uint8
	for _, s := range sents {
		n := len(s.Words)
		dw.reset(s.Words, &m.dict)
		sc.fs = m.wordSums(&v, &dw, sc.fs)
		out = slices.Grow(out[:0], n)[:n]
		m.tag(&sc, &v, &dw, 0, n, out)
		for i, c := range out {
			if ts.upos[c] == ts.upos[s.Tags[i]] {
				right++
			}
			if int(c) == s.Tags[i] {
				rightC++
			}
			total++
		}
	}
	return float64(right) / float64(max(total, 1)), float64(rightC) / float64(max(total, 1))
}

// tagAll returns the classes m gives each sentence.
func tagAll(m *tagModel, sents []Sentence) [][]uint8 {
	out := make([][]uint8, len(sents))
	var dw docWords
	var v vecs
	var sc tagScratch
	for k, s := range sents {
		dw.reset(s.Words, &m.dict)
		sc.fs = m.wordSums(&v, &dw, sc.fs)
		out[k] = make([]uint8, len(s.Words))
		m.tag(&sc, &v, &dw, 0, len(s.Words), out[k])
	}
	return out
}

// Train trains a model: the tagger on train, then the parser and labeler on
// train with gold tags and non-projective trees made projective
// (projectivize). classes names the tag classes ("XPOS|UPOS") that
// Sentence.Tags index and labels the relations Sentence.Labels index;
// rootLabel is the index of "root". dev, when not nil, is scored for the
// log only (gold words; the parser reads the new tagger's tags).
func Train(train, dev []Sentence, classes, labels []string, rootLabel int, cfg TrainConfig) (*Model, error) {
	start := time.Now()
	ts, err := newTagSet(classes)
	if err != nil {
		return nil, err
	}
	if l := newDirectLayout(len(classes), len(labels)); l.size > dirSlots {
		return nil, fmt.Errorf("syntax: %d tag classes and %d relations need %d direct parser features, more than the table's %d", len(classes), len(labels), l.size, dirSlots)
	}
	tt := trainTagger(train, ts, &cfg)
	tg := tt.build(ts, cfg.Prune)
	if dev != nil {
		u, c := tagAccuracy(tg, ts, dev)
		cfg.logf("tagger: dev UPOS %.4f, class %.4f (%v)\n", u, c, time.Since(start).Round(time.Second))
	}
	parseTrain := slices.Clone(train)
	lifted := 0
	for i := range parseTrain {
		var k int
		parseTrain[i].Heads, k = projectivize(train[i].Heads)
		lifted += k
	}
	if cfg.ParseJackknife > 1 {
		for i, tags := range jackknifeClasses(train, ts, &cfg) {
			pt := make([]int, len(tags))
			for j, c := range tags {
				pt[j] = int(c)
			}
			parseTrain[i].Tags = pt
		}
	}
	cfg.logf("projectivized: %d arcs lifted\n", lifted)
	var devParse []Sentence
	var devEval func(*parser) string
	if dev != nil {
		devParse = slices.Clone(dev)
		for i, pred := range tagAll(tg, dev) {
			tags := make([]int, len(pred))
			for j, t := range pred {
				tags[j] = int(t)
			}
			devParse[i].Tags = tags
		}
		devEval = func(p *parser) string { return fmtParse(p, &tg.dict, ts.upos, devParse) }
	}
	pt := trainParser(parseTrain, &tg.dict, len(labels), rootLabel, ts.upos, &cfg, devEval)
	for _, pr := range cfg.PruneSweep {
		if dev == nil {
			break
		}
		t := tt.build(ts, pr)
		u, c := tagAccuracy(t, ts, dev)
		p := pt.build(pr, pr)
		cfg.logf("prune %g: UPOS %.4f class %.4f, %s; %s\n", pr, u, c, fmtParse(p, &tg.dict, ts.upos, devParse), (&Model{tagger: *t, parser: *p}).Sizes())
	}
	m := &Model{Classes: classes, Labels: labels, tagger: *tg, parser: *pt.build(cfg.Prune, cfg.Prune), tags: ts, cache: buildCache(tg, train)}
	if dev != nil {
		cfg.logf("parser on dev with gold tags: %s\n", fmtParse(&m.parser, &tg.dict, ts.upos, dev))
	}
	cfg.logf("trained in %v: %s\n", time.Since(start).Round(time.Second), m.Sizes())
	return m, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func fmtParse(p *parser, dict *wordDict, upos []uint8, sents []Sentence) string {
	u, l := parseEval(p, dict, upos, sents)
	return fmt.Sprintf("UAS %.4f LAS %.4f", u, l)
}

// Sizes describes the model's tables: features kept and bytes.
func (m *Model) Sizes() string {
	count := func(slots []uint64) int {
		n := 0
		for _, e := range slots {
			if e != 0 {
				n++
			}
		}
		return n
	}
	vb := func(t *varTable) int {
		if t == nil {
			return 0
		}
		return 8*len(t.slots) + 2*len(t.data)
	}
	return fmt.Sprintf("UPOS %d features (%d KB), XPOS %d (%d KB), transitions %d (%d KB), labels %d (%d KB)",
		count(m.tagger.pass1.slots), vb(m.tagger.pass1)>>10,
		count(m.tagger.xpos.slots), vb(m.tagger.xpos)>>10,
		count(m.parser.trans.slots[:]), 8*transSlots>>10,
		count(m.parser.labels.slots), vb(m.parser.labels)>>10)
}

// jackknifeClasses returns per sentence of train the classes of a tagger
// trained on the other folds (contiguous stretches of the file).
func jackknifeClasses(train []Sentence, ts *tagSet, cfg *TrainConfig) [][]uint8 {
	k := cfg.ParseJackknife
	out := make([][]uint8, len(train))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(cfg.Workers, 1))
	for fold := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			lo, hi := fold*len(train)/k, (fold+1)*len(train)/k
			sub := append(slices.Clone(train[:lo]), train[hi:]...)
			fc := *cfg
			fc.Log, fc.TwoPass = nil, false
			m := trainTagger(sub, ts, &fc).build(ts, cfg.Prune)
			for i, tags := range tagAll(m, train[lo:hi]) {
				out[lo+i] = tags
			}
		}()
	}
	wg.Wait()
	right, total := 0, 0
	for i, s := range train {
		for j, c := range s.Tags {
			if int(out[i][j]) == c {
				right++
			}
			total++
		}
	}
	cfg.logf("jackknifed tags for the parser (%d folds): class accuracy %.4f\n", k, float64(right)/float64(total))
	return out
}
