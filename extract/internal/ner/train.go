package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// TrainConfig configures Train.
type TrainConfig struct {
	Epochs      int        // passes over the training data per stage
	Seed        uint64     // shuffling seed; equal seeds give equal models
	Case        *CaseStats // case statistics from unlabelled text, or nil
	Gaz         *Gazetteer // gazetteers, or nil
	Clusters    *Clusters  // word clusters, or nil
	Stacked     bool       // add a second stage on the first stage's document-level predictions
	Folds       int        // folds for the first stage's held-out predictions when Stacked (default 4)
	CacheWords  []string   // frequent tokens whose feature sums the model precomputes at load
	Dev         []Example  // scored after each epoch when not empty
	Log         io.Writer  // progress, or nil
	Info        string     // stored in Model.Info
	Prune       float32    // drop features whose averaged weights are all below this in magnitude
	WordDropout float64    // share of entity tokens trained without their word-identity features
	Features    Features   // optional feature groups
	// Checkpoint, when set, is called after every CheckpointEvery-th
	// epoch (every epoch when 0) and after the last, with the model
	// averaged so far: lexicon, cache and Spread (of the training
	// documents) set, DocWeight 0. It may tag with it and change its
	// DocWeight.
	Checkpoint      func(epoch int, m *Model)
	CheckpointEvery int
}

// Train trains a model with the averaged structured perceptron (Collins
// 2002) over BILOU tags with Viterbi decoding.
//
// When cfg.Stacked, a second stage is trained with the first stage's
// features plus what the first stage predicted for the same word elsewhere
// in the document (Ratinov and Roth 2009, "prediction history"). Its
// training documents get that history from first-stage models trained on
// the other folds, so it matches what an unseen document gets.
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
	m.lex.feat = cfg.Features
	if cfg.Case != nil {
		m.lex.caseBucket = newTable(cfg.Case.buckets(3))
	}
	if cfg.Clusters != nil && cfg.Features&FeatOwnClusters != 0 {
		m.lex.cluster = newTable(cfg.Clusters.ids)
	}
	if cfg.Gaz != nil {
		m.lex.gaz, m.lex.gazMax = newTable(cfg.Gaz.entries), cfg.Gaz.max
	}
	m.setCacheWords(cfg.CacheWords)
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format, args...)
		}
	}
	states := make([]*docState, len(train))
	for i, ex := range train {
		states[i] = newDocState(ex.Doc, m)
	}
	if !cfg.Stacked {
		m.stages = []*stage{trainStage(m, train, states, fullFeatures, cfg, logf)}
		m.buildCache()
		return m, nil
	}
	noDev := cfg // stage 1: no dev scores, no checkpoints (those are the final stage's)
	noDev.Dev, noDev.Checkpoint = nil, nil
	preds := make([][]Mention, len(train))
	for f := range cfg.Folds {
		var tr []Example
		var trs []*docState
		var held []int
		for i := range train {
			if i%cfg.Folds == f {
				held = append(held, i)
			} else {
				tr = append(tr, train[i])
				trs = append(trs, states[i])
			}
		}
		logf("stage 1, fold %d/%d: %d documents\n", f+1, cfg.Folds, len(tr))
		s := trainStage(m, tr, trs, fullFeatures, noDev, logf)
		for _, i := range held {
			preds[i] = states[i].decode(s.emissions(states[i], false), s.lat, nil)
		}
	}
	for i, st := range states {
		st.setHistory(preds[i])
	}
	logf("stage 1, all data\n")
	s1 := trainStage(m, train, states, fullFeatures, noDev, logf)
	m.stages = []*stage{s1}
	m.buildCache()
	logf("stage 2\n")
	s2 := trainStage(m, train, states, historyFeatures, cfg, logf)
	m.stages = []*stage{s1, s2}
	m.buildCache()
	return m, nil
}

// historyFeatures is the second stage's feature set: the first stage's
// plus the document-level history of its predictions.
func historyFeatures(st *docState, dst []uint64, s, i int) []uint64 {
	return st.appendHistoryFeatures(fullFeatures(st, dst, s, i), s, i)
}

// featureFunc appends the hashes of the features of token i of sentence s.
type featureFunc func(st *docState, dst []uint64, s, i int) []uint64

// fullFeatures is the first stage's feature set: word features over the
// window, context features and the bias.
func fullFeatures(st *docState, dst []uint64, s, i int) []uint64 {
	r := st.doc.Sentences[s]
	for o := -2; o <= 2; o++ {
		dst = appendTypeFeatures(dst, &st.words[st.wordAt(r, i+o)], o)
	}
	dst = st.appendContextFeatures(dst, s, i)
	return append(dst, biasHash)
}

type sentence struct {
	doc, sent int
	lo, hi    int   // into gold
	feat      []int // per token: start offset into feats; len hi-lo+1
}

// trainStage trains one stage. With base, the stage's scores are added to
// the base scores (a second stage); without, it stands alone. The model m
// supplies the lexicon and earlier stages, used to score cfg.Dev.
func trainStage(m *Model, train []Example, states []*docState, feat featureFunc, cfg TrainConfig, logf func(string, ...any)) *stage {
	ids := make(map[uint64]int32)
	var hashes []uint64
	var feats []int32
	var sents []sentence
	var gold []uint8
	var buf []uint64
	drng := rand.New(rand.NewPCG(cfg.Seed, 0xd0))
	for d, st := range states {
		g := make([]uint8, st.doc.numTokens())
		encodeTags(g, train[d].Gold)
		for si, r := range st.doc.Sentences {
			if r.Hi <= r.Lo {
				continue
			}
			s := sentence{doc: d, sent: si, lo: len(gold), hi: len(gold) + r.Hi - r.Lo}
			for i := r.Lo; i < r.Hi; i++ {
				s.feat = append(s.feat, len(feats))
				// Word dropout: some entity tokens lose their word
				// identity, so the model also learns to name words it has
				// never seen from their context, shape and cluster.
				var drop1, drop2 uint64
				if g[i] != 0 && cfg.WordDropout > 0 && drng.Float64() < cfg.WordDropout {
					w := &st.words[st.tok[i]]
					drop1, drop2 = fin(hstr(tf(kWord, 0), w.text)), fin(hstr(tf(kLower, 0), w.lower))
				}
				for _, h := range feat(st, buf[:0], si, i) {
					if h == drop1 || h == drop2 {
						continue
					}
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
	const nt = (numTags + 1) * numTags
	w := make([]float32, nf*numTags)
	acc := make([]float32, nf*numTags) // sum of c * update, for averaging
	tw := make([]float32, nt+numTags)  // transitions, then end weights
	tacc := make([]float32, len(tw))
	c := float32(1)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	average := func() *stage {
		at := make([]float32, len(tw))
		for i := range tw {
			at[i] = tw[i] - tacc[i]/c
		}
		var keep []uint64
		var kw []float32
		row := make([]float32, numTags)
		for f := range nf {
			big := false
			for t := range row {
				row[t] = w[f*numTags+t] - acc[f*numTags+t]/c
				if float32(math.Abs(float64(row[t]))) > cfg.Prune {
					big = true
				}
			}
			if big || hashes[f] == biasHash {
				keep = append(keep, hashes[f])
				kw = append(kw, row...)
			}
		}
		return quantize(keep, kw, at[:nt], at[nt:])
	}
	var em, score, trans []float32
	var back, pred []uint8
	trans = make([]float32, len(tw))
	for ep := range cfg.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, si := range order {
			s := &sents[si]
			n := s.hi - s.lo
			em = grow(em, n*numTags)
			clear(em)
			copy(trans, tw)
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
			viterbi(trans[:nt], trans[nt:], em, score, back, pred)
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
					tupd(nt+int(g[n-1]), 1)
					tupd(nt+int(pred[n-1]), -1)
				}
			}
			c++
		}
		logf("  epoch %d: %d token errors\n", ep+1, errs)
		check := cfg.Checkpoint != nil && (cfg.CheckpointEvery <= 1 || (ep+1)%cfg.CheckpointEvery == 0 || ep+1 == cfg.Epochs)
		if len(cfg.Dev) > 0 || check {
			dm := &Model{lex: m.lex, cacheInfo: m.cacheInfo, cacheIdx: m.cacheIdx, stages: append(append([]*stage(nil), m.stages...), average())}
			dm.buildCache()
			if len(cfg.Dev) > 0 {
				sc := Evaluate(dm, cfg.Dev)
				logf("  dev F1 %.4f (P %.4f R %.4f)\n", sc[None].F(), sc[None].P(), sc[None].R())
			}
			if check {
				SetSpread(dm, train)
				cfg.Checkpoint(ep+1, dm)
			}
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

// SetSpread sets m.Spread to the mean, over the tokens of docs, of the gap
// between a token's best and worst first-stage tag scores: the unit of
// DocWeight (see DocWeights) and of the honorific prior. The trainer
// measures it on the training documents, so that no held-out text is
// consulted.
func SetSpread(m *Model, docs []Example) {
	var ref float64
	n := 0
	for _, ex := range docs {
		st := newDocState(ex.Doc, m)
		em := m.stages[0].emissions(st, false)
		for i := 0; i+numTags <= len(em); i += numTags {
			lo, hi := em[i], em[i]
			for _, x := range em[i : i+numTags] {
				lo, hi = min(lo, x), max(hi, x)
			}
			ref += float64(hi - lo)
			n++
		}
	}
	if n == 0 {
		return
	}
	m.Spread = float32(ref / float64(n))
}

// DocWeights are the document-agreement weights that cross-validation
// chooses among, in units of Model.Spread.
var DocWeights = []float64{0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4}
