package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// TrainConfig configures Train.
type TrainConfig struct {
	Epochs  int        // passes over the training data
	Seed    uint64     // shuffling seed; equal seeds give equal models
	Case    *CaseStats // case statistics from unlabelled text, or nil
	Gaz     *Gazetteer // gazetteers, or nil
	Stacked bool       // train a second stage on the first stage's document-level predictions
	Folds   int        // folds for the first stage's held-out predictions when Stacked (default 4)
	Dev     []Example  // scored after each epoch when not empty
	Log     io.Writer  // progress, or nil
	Info    string     // stored in Model.Info
	Prune   float32    // drop features whose averaged weights are all below this in magnitude
}

// Train trains a model with the averaged structured perceptron (Collins
// 2002) over BILOU tags with Viterbi decoding. When cfg.Stacked, a first
// stage is trained, its predictions on held-out folds of the training data
// become document-level features of a second stage (Ratinov and Roth 2009,
// "prediction history"), and the model runs both stages.
func Train(train []Example, cfg TrainConfig) (*Model, error) {
	if len(train) == 0 {
		return nil, fmt.Errorf("ner: train: no training documents")
	}
	if cfg.Epochs <= 0 {
		cfg.Epochs = 10
	}
	if cfg.Folds <= 1 {
		cfg.Folds = 4
	}
	m := &Model{Info: cfg.Info}
	m.lex.caseBucket = map[uint64]uint8{}
	if cfg.Case != nil {
		m.lex.caseBucket = cfg.Case.buckets(3)
	}
	m.lex.cluster = map[uint64]uint16{}
	m.lex.gaz = map[uint64]uint8{}
	if cfg.Gaz != nil {
		m.lex.gaz, m.lex.gazMax = cfg.Gaz.entries, cfg.Gaz.max
	}
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format, args...)
		}
	}
	states := make([]*docState, len(train))
	for i, ex := range train {
		states[i] = newDocState(ex.Doc, &m.lex)
	}
	if !cfg.Stacked {
		s := trainStage(m, train, states, cfg, logf)
		m.stages = []*stage{s}
		return m, nil
	}
	// Held-out first-stage predictions for every training document.
	base := freshStates(train, &m.lex)
	for f := range cfg.Folds {
		var tr []Example
		var trs []*docState
		var held []int
		for i := range train {
			if i%cfg.Folds == f {
				held = append(held, i)
			} else {
				tr = append(tr, train[i])
				trs = append(trs, base[i])
			}
		}
		logf("stage 1, fold %d/%d: %d documents\n", f+1, cfg.Folds, len(tr))
		sub := cfg
		sub.Dev = nil
		s := trainStage(m, tr, trs, sub, logf)
		for _, i := range held {
			states[i].setHistory(s.tagDoc(states[i], nil))
		}
	}
	logf("stage 1, all data\n")
	sub := cfg
	sub.Dev = nil
	s1 := trainStage(m, train, base, sub, logf)
	m.stages = []*stage{s1}
	logf("stage 2\n")
	s2 := trainStage(m, train, states, cfg, logf)
	m.stages = []*stage{s1, s2}
	return m, nil
}

func freshStates(train []Example, lex *lexicon) []*docState {
	out := make([]*docState, len(train))
	for i, ex := range train {
		out[i] = newDocState(ex.Doc, lex)
	}
	return out
}

type sentence struct {
	doc, sent int
	lo, hi    int   // tokens
	feat      []int // per token: start offset into feats; len hi-lo+1
}

// trainStage trains one stage on docs whose states are given (with history
// set when this is a second stage). The model m supplies the lexicon and
// the earlier stages, used only to score cfg.Dev.
func trainStage(m *Model, train []Example, states []*docState, cfg TrainConfig, logf func(string, ...any)) *stage {
	ids := make(map[uint64]int32)
	var hashes []uint64
	var feats []int32
	var sents []sentence
	var gold []uint8
	var buf []uint64
	for d, st := range states {
		g := make([]uint8, len(st.doc.Tokens))
		encodeTags(g, train[d].Gold)
		for si, r := range st.doc.Sentences {
			if r.Hi <= r.Lo {
				continue
			}
			s := sentence{doc: d, sent: si, lo: len(gold), hi: len(gold) + r.Hi - r.Lo}
			for i := r.Lo; i < r.Hi; i++ {
				s.feat = append(s.feat, len(feats))
				buf = buf[:0]
				for o := -2; o <= 2; o++ {
					buf = appendTypeFeatures(buf, &st.words[st.wordAt(r, i+o)], o)
				}
				buf = st.appendContextFeatures(buf, si, i)
				for _, h := range buf {
					id, ok := ids[h]
					if !ok {
						id = int32(len(hashes))
						ids[h] = id
						hashes = append(hashes, h)
					}
					feats = append(feats, id)
				}
				gold = append(gold, g[i])
			}
			s.feat = append(s.feat, len(feats))
			sents = append(sents, s)
		}
	}
	nf := len(hashes)
	logf("  %d sentences, %d tokens, %d features\n", len(sents), len(gold), nf)
	w := make([]float32, nf*numTags)
	acc := make([]float32, nf*numTags) // sum of c * update
	tw := make([]float32, (numTags+1)*numTags+numTags)
	tacc := make([]float32, len(tw))
	c := float32(1)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var em, score []float32
	var back, pred []uint8
	average := func() *stage {
		aw := make([]float32, len(w))
		for i := range w {
			aw[i] = w[i] - acc[i]/c
		}
		at := make([]float32, len(tw))
		for i := range tw {
			at[i] = tw[i] - tacc[i]/c
		}
		// keep rows with a weight above the pruning threshold
		var keep []uint64
		var kw []float32
		for f := range nf {
			row := aw[f*numTags : (f+1)*numTags]
			big := false
			for _, x := range row {
				if float32(math.Abs(float64(x))) > cfg.Prune {
					big = true
					break
				}
			}
			if big {
				keep = append(keep, hashes[f])
				kw = append(kw, row...)
			}
		}
		return newStage(keep, kw, at[:(numTags+1)*numTags], at[(numTags+1)*numTags:])
	}
	for ep := range cfg.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, si := range order {
			s := &sents[si]
			n := s.hi - s.lo
			em = grow(em, n*numTags)
			clear(em)
			for i := range n {
				e := em[i*numTags : (i+1)*numTags]
				for _, f := range feats[s.feat[i]:s.feat[i+1]] {
					row := w[int(f)*numTags : int(f+1)*numTags]
					for t := range e {
						e[t] += row[t]
					}
				}
			}
			score = grow(score, n*numTags)
			back = growU8(back, n*numTags)
			pred = growU8(pred, n)
			viterbi(tw[:(numTags+1)*numTags], tw[(numTags+1)*numTags:], em, score, back, pred)
			g := gold[s.lo:s.hi]
			wrong := false
			for i := range n {
				if pred[i] != g[i] {
					wrong = true
					errs++
				}
			}
			if wrong {
				upd := func(f int, t uint8, d float32) {
					w[f*numTags+int(t)] += d
					acc[f*numTags+int(t)] += c * d
				}
				tupd := func(k int, d float32) {
					tw[k] += d
					tacc[k] += c * d
				}
				for i := range n {
					if pred[i] != g[i] {
						for _, f := range feats[s.feat[i]:s.feat[i+1]] {
							upd(int(f), g[i], 1)
							upd(int(f), pred[i], -1)
						}
					}
					pg, pp := numTags, numTags
					if i > 0 {
						pg, pp = int(g[i-1]), int(pred[i-1])
					}
					if pg != pp || g[i] != pred[i] {
						tupd(pg*numTags+int(g[i]), 1)
						tupd(pp*numTags+int(pred[i]), -1)
					}
				}
				if g[n-1] != pred[n-1] {
					tupd((numTags+1)*numTags+int(g[n-1]), 1)
					tupd((numTags+1)*numTags+int(pred[n-1]), -1)
				}
			}
			c++
		}
		logf("  epoch %d: %d token errors\n", ep+1, errs)
		if len(cfg.Dev) > 0 {
			s := average()
			dm := &Model{lex: m.lex, stages: append(append([]*stage(nil), m.stages...), s)}
			sc := Evaluate(dm, cfg.Dev)
			logf("  dev F1 %.4f (P %.4f R %.4f)\n", sc[None].F(), sc[None].P(), sc[None].R())
		}
	}
	return average()
}

// Evaluate tags every document of docs with m and returns exact-match
// scores against the gold mentions.
func Evaluate(m *Model, docs []Example) *Score {
	var sc Score
	for _, ex := range docs {
		sc.Add(ex.Gold, m.Tag(ex.Doc))
	}
	return &sc
}
