package syntax

import (
	"math/rand/v2"
	"slices"
	"time"
)

// projectivize returns heads (0-based, -1 for the root) made projective by
// lifting: while some arc is not projective, the shortest such arc's
// dependent is re-attached to its head's head (Nivre and Nilsson 2005,
// without their label encoding). It also returns how many arcs it lifted.
func projectivize(heads []int) ([]int, int) {
	h := slices.Clone(heads)
	lifted := 0
	for {
		best, bestLen := -1, 1<<30
		for d := range h {
			if h[d] < 0 || projectiveArc(h, h[d], d) {
				continue
			}
			if l := abs(h[d] - d); l < bestLen {
				best, bestLen = d, l
			}
		}
		if best < 0 {
			return h, lifted
		}
		h[best] = h[h[best]]
		lifted++
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// projectiveArc reports whether every word strictly between head and dep
// is a descendant of head.
func projectiveArc(h []int, head, dep int) bool {
	lo, hi := min(head, dep), max(head, dep)
	for k := lo + 1; k < hi; k++ {
		a := k
		for n := 0; a != head && a >= 0 && n <= len(h); n++ {
			a = h[a]
		}
		if a != head {
			return false
		}
	}
	return true
}

// oracle holds a sentence's gold tree for the dynamic oracle: gold heads
// with the root as n, and each word's gold children.
type oracle struct {
	gold     []int32
	children [][]int32
	onStack  []bool
}

func (o *oracle) reset(heads []int) {
	n := len(heads)
	o.gold = slices.Grow(o.gold[:0], n)[:n]
	if cap(o.children) < n+1 {
		o.children = make([][]int32, n+1)
	}
	o.children = o.children[:n+1]
	for i := range o.children {
		o.children[i] = o.children[i][:0]
	}
	for d, h := range heads {
		if h < 0 {
			h = n
		}
		o.gold[d] = int32(h)
		o.children[h] = append(o.children[h], int32(d))
	}
	o.onStack = slices.Grow(o.onStack[:0], n)[:n]
	clear(o.onStack)
}

// costs returns the number of gold arcs each transition makes unreachable
// (Goldberg and Nivre 2013, arc-hybrid); invalid transitions get -1.
func (o *oracle) costs(st *state) [numTransitions]int {
	ok := st.valid()
	var c [numTransitions]int
	ns := len(st.stack)
	b := st.b
	depsInBuffer := func(d int32) int {
		k := 0
		for _, x := range o.children[d] {
			if x >= b {
				k++
			}
		}
		return k
	}
	if ok[shift] {
		// b0 leaves the buffer: its head on the stack below s0 and its
		// children on the stack are lost.
		if h := o.gold[b]; ns > 0 && int(h) < st.n && o.onStack[h] && h != st.stack[ns-1] {
			c[shift]++
		}
		for _, x := range o.children[b] {
			if o.onStack[x] {
				c[shift]++
			}
		}
	} else {
		c[shift] = -1
	}
	if ok[left] {
		s0 := st.stack[ns-1]
		h := o.gold[s0]
		if h != b && (ns > 1 && h == st.stack[ns-2] || h > b) {
			c[left]++
		}
		c[left] += depsInBuffer(s0)
	} else {
		c[left] = -1
	}
	if ok[right] {
		s0 := st.stack[ns-1]
		if o.gold[s0] >= b {
			c[right]++
		}
		c[right] += depsInBuffer(s0)
	} else {
		c[right] = -1
	}
	return c
}

// parserTrainer trains the transition classifier and the labeler together.
type parserTrainer struct {
	trans     *denseTrainer
	labels    *sparseTrainer
	rootLabel int
	numLabels int
	groups    [numLabelGroups][]uint8
	upos      []uint8
	layout    directLayout
}

// labelGroups returns, per label group, the relations of train's arcs in
// that group, most frequent first (at most maxChoices, which covers 99.997%
// of EWT train's arcs), and for groups without any the maxChoices most
// frequent relations but root.
func labelGroups(train []Sentence, upos []uint8, numLabels, rootLabel int) [numLabelGroups][]uint8 {
	counts := make([][]int, numLabelGroups)
	for g := range counts {
		counts[g] = make([]int, numLabels)
	}
	for _, s := range train {
		in := parseInput{tags: make([]uint8, len(s.Tags)), upos: upos}
		for i, t := range s.Tags {
			in.tags[i] = uint8(t)
		}
		for d, h := range s.Heads {
			if h < 0 {
				continue
			}
			counts[labelGroup(&in, int32(d), int32(h))][s.Labels[d]]++
		}
	}
	total := make([]int, numLabels)
	for _, c := range counts {
		for l, x := range c {
			total[l] += x
		}
	}
	var groups [numLabelGroups][]uint8
	for g, c := range counts {
		for l := range numLabels {
			if c[l] > 0 && l != rootLabel {
				groups[g] = append(groups[g], uint8(l))
			}
		}
		c := c
		if len(groups[g]) == 0 {
			c = total
			for l := range numLabels {
				if l != rootLabel {
					groups[g] = append(groups[g], uint8(l))
				}
			}
		}
		slices.SortStableFunc(groups[g], func(a, b uint8) int { return c[b] - c[a] })
		if len(groups[g]) > maxChoices {
			groups[g] = groups[g][:maxChoices]
		}
		// A group whose first relation is all but certain (at least 50
		// arcs, 99.5% of them: "det" for a DET before a NOUN, "punct")
		// keeps only it, and the labeler does not score its arcs: a
		// quarter of EWT's arcs, 0.02% of them then wrong.
		n := 0
		for _, x := range c {
			n += x
		}
		if n >= 50 && float64(c[groups[g][0]]) >= 0.995*float64(n) {
			groups[g] = groups[g][:1]
		}
	}
	return groups
}

// trainParser trains on sentences whose Tags are the tags the parser will
// read and whose Heads are projective.
func trainParser(train []Sentence, dict *wordDict, numLabels, rootLabel int, upos []uint8, cfg *TrainConfig, devEval func(*parser) string) *parserTrainer {
	pt := &parserTrainer{trans: newDenseTrainer(numTransitions), labels: newSparseTrainer(), rootLabel: rootLabel, numLabels: numLabels, upos: upos,
		layout: newDirectLayout(len(upos), numLabels)}
	pt.groups = labelGroups(train, upos, numLabels, rootLabel)
	rng := rand.New(rand.NewPCG(cfg.Seed, 2))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var (
		in0    parseInput
		dw     docWords
		tags   []uint8
		st     state
		or     oracle
		fs     = make([]uint64, 0, numParseFeatures+numDirect)
		pf     parseFeats
		lfs    = make([]uint64, 0, 32)
		sc     = make([]float32, numTransitions)
		lscore = make([]float32, 64)
	)
	for epoch := 0; epoch < cfg.ParseEpochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var right, total, lright, ltotal int
		for _, si := range order {
			s := &train[si]
			n := len(s.Words)
			dw.reset(s.Words, dict)
			tags = slices.Grow(tags[:0], n)[:n]
			for i, t := range s.Tags {
				tags[i] = uint8(t)
			}
			in := parseInput{dw: &dw, tags: tags, upos: upos, atoms: in0.atoms}
			in.prepare()
			in0 = in
			st.reset(n)
			or.reset(s.Heads)
			for !st.terminal() {
				ok := st.valid()
				costs := or.costs(&st)
				var next int
				if nValid(ok) == 1 {
					next = onlyValid(ok)
				} else {
					parseFeatures(&pf, &st, &in, &pt.layout)
					fs = append(fs[:0], pf.h[:]...)
					for _, i := range pf.d {
						fs = append(fs, directKey(i))
					}
					pt.trans.scores(fs, sc)
					pred, best := -1, -1
					for t := range numTransitions {
						if !ok[t] {
							continue
						}
						if pred < 0 || sc[t] > sc[pred] {
							pred = t
						}
						if costs[t] == 0 && (best < 0 || sc[t] > sc[best]) {
							best = t
						}
					}
					total++
					if costs[pred] > 0 {
						pt.trans.update(fs, best, pred, 1)
					} else {
						right++
					}
					pt.trans.tick()
					next = best
					if epoch > 0 && costs[pred] > 0 && rng.Float64() < cfg.Explore {
						next = pred
					}
				}
				if next == shift {
					or.onStack[st.b] = true
				} else {
					or.onStack[st.stack[len(st.stack)-1]] = false
				}
				dep, head := st.apply(next)
				if dep < 0 {
					continue
				}
				if int(head) == n {
					st.setLabel(dep, head, uint8(rootLabel))
					continue
				}
				g := labelGroup(&in, dep, head)
				cands := pt.groups[g]
				gold := -1
				if or.gold[dep] == head {
					gold = slices.Index(cands, uint8(s.Labels[dep]))
				}
				label := int(cands[0])
				if len(cands) > 1 {
					lfs = labelFeatures(lfs[:0], &st, &in, dep, head, uint64(g))
					ls := lscore[:len(cands)]
					pt.labels.scores(lfs, ls)
					pl := argmax(ls)
					label = int(cands[pl])
					if gold >= 0 {
						ltotal++
						if pl != gold {
							pt.labels.update(lfs, len(cands), gold, pl, 1)
						} else {
							lright++
						}
						pt.labels.tick()
					}
				}
				if or.gold[dep] == head {
					label = s.Labels[dep]
				}
				st.setLabel(dep, head, uint8(label))
			}
		}
		msg := ""
		if devEval != nil && (epoch == cfg.ParseEpochs-1 || epoch%4 == 3) {
			msg = ", dev " + devEval(pt.build(cfg.Prune, cfg.Prune))
		}
		cfg.logf("parser epoch %d: transitions %.4f labels %.4f%s (%d+%d features, %v)\n", epoch+1,
			float64(right)/float64(max(total, 1)), float64(lright)/float64(max(ltotal, 1)), msg,
			len(pt.trans.index), len(pt.labels.index), time.Since(start).Round(time.Millisecond))
	}
	return pt
}

func nValid(ok [numTransitions]bool) int {
	n := 0
	for _, v := range ok {
		if v {
			n++
		}
	}
	return n
}

func onlyValid(ok [numTransitions]bool) int {
	for t, v := range ok {
		if v {
			return t
		}
	}
	return -1
}

func (pt *parserTrainer) build(prune, labelPrune float64) *parser {
	trans, dir := pt.trans.buildTrans(prune, &pt.layout)
	return &parser{trans: trans, dir: dir, layout: pt.layout, labels: pt.labels.buildVar(labelPrune), numLabels: pt.numLabels,
		rootLabel: uint8(pt.rootLabel), groups: pt.groups}
}

// parseEval returns UAS and LAS (labels compared in full) of p on sents,
// whose Tags are the tags the parser reads.
func parseEval(p *parser, dict *wordDict, upos []uint8, sents []Sentence) (uas, las float64) {
	var right, lright, total int
	var dw docWords
	var tags []uint8
	var sc parseScratch
	for _, s := range sents {
		n := len(s.Words)
		dw.reset(s.Words, dict)
		tags = slices.Grow(tags[:0], n)[:n]
		for i, t := range s.Tags {
			tags[i] = uint8(t)
		}
		in := parseInput{dw: &dw, tags: tags, upos: upos}
		heads, labels := p.parse(&sc, &in)
		for i := range heads {
			h := int(heads[i])
			if h == n {
				h = -1
			}
			if h == s.Heads[i] {
				right++
				if int(labels[i]) == s.Labels[i] {
					lright++
				}
			}
			total++
		}
	}
	return float64(right) / float64(total), float64(lright) / float64(total)
}
