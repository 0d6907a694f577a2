package ner

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Clusters groups words by the words around them, so that features learnt
// for one name carry over to names the training data never showed
// ("Biden" near "Trump"). Words are lower-cased; each gets a cluster in a
// fine and in a coarse clustering.
type Clusters struct {
	ids map[uint64]uint16 // lower-form hash -> (fine+1) | coarse<<10
}

// ClusterConfig configures BuildClusters.
type ClusterConfig struct {
	Fine, Coarse int    // cluster counts; Fine <= 1023, Coarse <= 63
	MinCount     int    // words seen fewer times get no cluster
	Contexts     int    // most frequent words used as context features
	Iterations   int    // k-means passes
	Seed         uint64 // k-means++ seeding
}

// BuildClusters clusters the words of sents (token sequences) with
// spherical k-means over vectors of left and right neighbour counts
// (square-root scaled, unit length), neighbours restricted to the cfg.
// Contexts most frequent words. It is deterministic for a given seed.
func BuildClusters(sents [][]string, cfg ClusterConfig) *Clusters {
	lower := func(s string) string { return strings.ToLower(normalize(s)) }
	freq := map[string]int{}
	for _, s := range sents {
		for _, t := range s {
			freq[lower(t)]++
		}
	}
	vocab := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= cfg.MinCount {
			vocab = append(vocab, w)
		}
	}
	byFreq := func(a, b string) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	}
	slices.SortFunc(vocab, byFreq)
	ctx := map[string]int{"<s>": 0, "</s>": 1}
	for _, w := range vocab {
		if len(ctx) >= cfg.Contexts {
			break
		}
		ctx[w] = len(ctx)
	}
	nc := len(ctx)
	index := make(map[string]int, len(vocab))
	for i, w := range vocab {
		index[w] = i
	}
	counts := make([]map[int32]float32, len(vocab))
	for i := range counts {
		counts[i] = map[int32]float32{}
	}
	for _, s := range sents {
		for i, t := range s {
			k, ok := index[lower(t)]
			if !ok {
				continue
			}
			l, r := "<s>", "</s>"
			if i > 0 {
				l = lower(s[i-1])
			}
			if i+1 < len(s) {
				r = lower(s[i+1])
			}
			if c, ok := ctx[l]; ok {
				counts[k][int32(c)]++
			}
			if c, ok := ctx[r]; ok {
				counts[k][int32(nc+c)]++
			}
		}
	}
	type sparse struct {
		idx []int32
		val []float32
	}
	vecs := make([]sparse, len(vocab))
	for k, m := range counts {
		var v sparse
		for i := range m {
			v.idx = append(v.idx, i)
		}
		slices.Sort(v.idx)
		var norm float64
		for _, i := range v.idx {
			x := float32(math.Sqrt(float64(m[i])))
			v.val = append(v.val, x)
			norm += float64(x * x)
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for j := range v.val {
				v.val[j] *= inv
			}
		}
		vecs[k] = v
	}
	dim := 2 * nc
	kmeans := func(k int, seed uint64) []int {
		k = min(k, len(vecs))
		rng := rand.New(rand.NewPCG(seed, 0xc1))
		cent := make([]float32, k*dim)
		// k-means++ seeding on a sample of the vocabulary
		set := func(c, w int) {
			row := cent[c*dim : (c+1)*dim]
			clear(row)
			for j, i := range vecs[w].idx {
				row[i] = vecs[w].val[j]
			}
		}
		dot := func(c, w int) float32 {
			row := cent[c*dim : (c+1)*dim]
			var s float32
			for j, i := range vecs[w].idx {
				s += row[i] * vecs[w].val[j]
			}
			return s
		}
		set(0, rng.IntN(len(vecs)))
		best := make([]float32, len(vecs))
		for w := range vecs {
			best[w] = dot(0, w)
		}
		for c := 1; c < k; c++ {
			var total float64
			for w := range vecs {
				total += float64(1 - best[w])
			}
			x := rng.Float64() * total
			pick := len(vecs) - 1
			for w := range vecs {
				x -= float64(1 - best[w])
				if x <= 0 {
					pick = w
					break
				}
			}
			set(c, pick)
			for w := range vecs {
				best[w] = max(best[w], dot(c, w))
			}
		}
		assign := make([]int, len(vecs))
		for range cfg.Iterations {
			for w := range vecs {
				bc, bs := 0, float32(-1)
				for c := range k {
					if s := dot(c, w); s > bs {
						bc, bs = c, s
					}
				}
				assign[w] = bc
			}
			clear(cent)
			for w, c := range assign {
				row := cent[c*dim : (c+1)*dim]
				for j, i := range vecs[w].idx {
					row[i] += vecs[w].val[j]
				}
			}
			for c := range k {
				row := cent[c*dim : (c+1)*dim]
				var n float64
				for _, x := range row {
					n += float64(x * x)
				}
				if n > 0 {
					inv := float32(1 / math.Sqrt(n))
					for i := range row {
						row[i] *= inv
					}
				}
			}
		}
		return assign
	}
	fine := kmeans(cfg.Fine, cfg.Seed)
	coarse := kmeans(cfg.Coarse, cfg.Seed+1)
	cl := &Clusters{ids: make(map[uint64]uint16, len(vocab))}
	for k, w := range vocab {
		cl.ids[fin(hstr(fnvOffset, w))] = uint16(fine[k]+1) | uint16(coarse[k])<<10
	}
	return cl
}

// Same reports whether a and b are in the same fine cluster (for checks
// and tests).
func (c *Clusters) Same(a, b string) bool {
	x, ok1 := c.ids[fin(hstr(fnvOffset, strings.ToLower(a)))]
	y, ok2 := c.ids[fin(hstr(fnvOffset, strings.ToLower(b)))]
	return ok1 && ok2 && x&1023 == y&1023
}

// Len returns the number of words with a cluster.
func (c *Clusters) Len() int { return len(c.ids) }
