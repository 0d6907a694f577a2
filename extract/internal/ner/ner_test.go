package ner

import (
	"bytes"
	"compress/gzip"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadCoNLL(t *testing.T) {
	const data = `-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
Smith NNP I-NP B-PER
United NNP I-NP I-LOC
States NNP I-NP I-LOC

-DOCSTART- -X- O O

Bonn NNP I-NP I-LOC
`
	docs, err := ReadCoNLL(strings.NewReader(data))
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.Equal(t, []Range{{0, 4}, {4, 9}}, docs[0].Doc.Sentences)
	assert.Equal(t, []Mention{{0, 1, ORG}, {2, 3, MISC}, {4, 6, PER}, {6, 7, PER}, {7, 9, LOC}}, docs[0].Gold)
	assert.Equal(t, []Mention{{0, 1, LOC}}, docs[1].Gold)
}

func TestReadCoNLLErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"bad tag", "EU NNP I-NP X-ORG\n", "line 1: bad tag"},
		{"unknown type", "EU NNP I-NP I-FOO\n", "line 1: unknown entity type"},
		{"one column", "EU\n", "line 1: want token and tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCoNLL(strings.NewReader(tt.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestTagsRoundTrip(t *testing.T) {
	ms := []Mention{{0, 1, PER}, {1, 3, ORG}, {5, 9, LOC}, {9, 10, MISC}}
	tags := make([]uint8, 11)
	encodeTags(tags, ms)
	for i := 1; i < len(tags); i++ {
		assert.True(t, validTrans(int(tags[i-1]), int(tags[i])), "transition %d -> %d at %d", tags[i-1], tags[i], i)
	}
	assert.Equal(t, ms, decodeTags(nil, tags, 0))
	assert.Equal(t, []Mention{{3, 4, PER}}, decodeTags(nil, []uint8{0, uint8(tagOf(PER, posU))}, 2))
}

func TestScore(t *testing.T) {
	var sc Score
	sc.Add([]Mention{{0, 2, PER}, {3, 4, LOC}}, []Mention{{0, 2, PER}, {3, 4, ORG}})
	assert.Equal(t, Counts{TP: 1, FP: 1, FN: 1}, sc[None])
	assert.InDelta(t, 0.5, sc[None].F(), 1e-9)
	assert.Equal(t, Counts{}, sc[MISC])
	assert.Zero(t, sc[MISC].F(), "F of nothing is defined as 0")
}

// tinyModel trains on a handful of hand-made sentences.
func tinyModel(t *testing.T) *Model { return tinyModelTB(t) }

func tinyModelTB(t testing.TB) *Model {
	var train []Example
	for _, s := range []struct {
		toks string
		gold []Mention
	}{
		{"John Smith went to Paris .", []Mention{{0, 2, PER}, {4, 5, LOC}}},
		{"Mary Jones works for Acme Corp .", []Mention{{0, 2, PER}, {4, 6, ORG}}},
		{"The French minister met Smith in Berlin .", []Mention{{1, 2, MISC}, {4, 5, PER}, {6, 7, LOC}}},
	} {
		toks := strings.Fields(s.toks)
		train = append(train, Example{Doc: Doc{Tokens: toks, Sentences: []Range{{0, len(toks)}}}, Gold: s.gold})
	}
	m, err := Train(train, TrainConfig{Epochs: 5, Seed: 1, CacheWords: []string{"Smith", "."}})
	require.NoError(t, err)
	return m
}

func TestModelEncodeDecode(t *testing.T) {
	m := tinyModel(t)
	doc := Doc{Tokens: strings.Fields("John Smith met Mary Jones in Paris ."), Sentences: []Range{{0, 8}}}
	want := m.Tag(doc)
	var buf bytes.Buffer
	require.NoError(t, m.Encode(&buf))
	m2, err := Decode(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, want, m2.Tag(doc))
	for _, n := range []int{0, 10, buf.Len() / 2, buf.Len() - 1} {
		_, err := Decode(bytes.NewReader(buf.Bytes()[:n]))
		assert.Error(t, err, "Decode of %d of %d bytes", n, buf.Len())
	}
	// A gzip-compressed copy decodes too.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err = zw.Write(buf.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	m3, err := Decode(&z)
	require.NoError(t, err)
	assert.Equal(t, want, m3.Tag(doc))
}

func TestTagEmpty(t *testing.T) {
	m := tinyModel(t)
	assert.Empty(t, m.Tag(Doc{}))
	assert.Empty(t, m.Tag(Doc{Tokens: []string{"a"}}), "tokens outside every sentence are not tagged")
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"’s": "'s", "“": `"`, "—": "-", "plain": "plain", "Bélarus": "Bélarus"} {
		assert.Equal(t, want, normalize(in), "normalize(%q)", in)
	}
}

func loadDev(b *testing.B) []Example {
	p := filepath.Join("..", "..", "..", "..", "shared", "data", "conll2003", "dev.txt")
	f, err := os.Open(p)
	if err != nil {
		b.Skipf("CoNLL dev not found: %v", err)
	}
	defer f.Close()
	dev, err := ReadCoNLL(f)
	require.NoError(b, err)
	return dev
}

// BenchmarkTag tags CoNLL dev with the embedded model (tokens given).
func BenchmarkTag(b *testing.B) {
	dev := loadDev(b)
	f, err := os.Open(filepath.Join("model", "ner.model"))
	require.NoError(b, err)
	m, err := Decode(f)
	f.Close()
	require.NoError(b, err)
	n := 0
	for _, ex := range dev {
		n += len(ex.Doc.Tokens)
	}
	b.ReportAllocs()
	cpu := cpuSeconds()
	for b.Loop() {
		for _, ex := range dev {
			m.Tag(ex.Doc)
		}
	}
	cpu = cpuSeconds() - cpu
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu, "tokens/cpu-s")
	}
}

// TestViterbiMatchesBruteForce checks Viterbi against the best valid tag
// sequence found by enumeration on short random inputs.
func TestViterbiMatchesBruteForce(t *testing.T) {
	rng := newRand(7)
	for trial := 0; trial < 60; trial++ {
		n := 1 + trial%4
		trans := make([]float32, (numTags+1)*numTags)
		end := make([]float32, numTags)
		em := make([]float32, n*numTags)
		for _, v := range [][]float32{trans, end, em} {
			for i := range v {
				v[i] = float32(int64(rng()%2001)-1000) / 100
			}
		}
		if trial%2 == 1 {
			// confident O tokens, to take Viterbi's fast path
			for k := range n {
				em[k*numTags] += 30
			}
		}
		tags := make([]uint8, n)
		viterbi(trans, end, em, make([]float32, n*numTags), make([]uint8, n*numTags), tags)
		best := float32(math.Inf(-1))
		var bestSeq []uint8
		seq := make([]uint8, n)
		var rec func(i int)
		rec = func(i int) {
			if i == n {
				if !validEnd(int(seq[n-1])) {
					return
				}
				s := trans[numTags*numTags+int(seq[0])] + end[seq[n-1]]
				for k := range n {
					s += em[k*numTags+int(seq[k])]
					if k > 0 {
						s += trans[int(seq[k-1])*numTags+int(seq[k])]
					}
				}
				if s > best {
					best, bestSeq = s, append([]uint8(nil), seq...)
				}
				return
			}
			for tg := range numTags {
				if (i == 0 && !validStart(tg)) || (i > 0 && !validTrans(int(seq[i-1]), tg)) {
					continue
				}
				seq[i] = uint8(tg)
				rec(i + 1)
			}
		}
		rec(0)
		assert.Equal(t, bestSeq, tags, "trial %d", trial)
	}
}

func newRand(seed uint64) func() uint64 {
	return func() uint64 {
		seed += 0x9E3779B97F4A7C15
		z := seed
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"bélarus": "belarus", "zürich": "zurich", "łódź": "lodz", "plain": "plain", "москва": "москва"} {
		assert.Equal(t, want, fold(in), "fold(%q)", in)
	}
}

func BenchmarkViterbi(b *testing.B) {
	rng := newRand(3)
	const n = 1000
	trans := make([]float32, (numTags+1)*numTags)
	end := make([]float32, numTags)
	em := make([]float32, n*numTags)
	for _, v := range [][]float32{trans, end, em} {
		for i := range v {
			v[i] = float32(int64(rng()%2001)-1000) / 100
		}
	}
	lat := newLattice(trans, end)
	score, back, tags := make([]float32, n*numTags), make([]uint8, n*numTags), make([]uint8, n)
	for b.Loop() {
		lat.run(em, score, back, tags)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/token")
}

// FuzzDecode feeds Decode corrupted model files: it must return an error
// or a usable model, never panic.
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	require.NoError(f, tinyModelTB(f).Encode(&buf))
	raw := buf.Bytes()
	f.Add(raw)
	f.Add(raw[:len(raw)/3])
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Decode(bytes.NewReader(raw))
		if err != nil {
			return
		}
		m.Tag(Doc{Tokens: strings.Fields("John Smith went to Paris ."), Sentences: []Range{{0, 6}}})
	})
}

// TestClosersLayout pins the opener and closer tags that lattice.run and
// bestOpeners read by index (O, then B-x and U-x, or L-x and U-x, per
// label) to the openers and closers tables.
func TestClosersLayout(t *testing.T) {
	assert.Equal(t, [nOpen]uint8{0, 1, 4, 5, 8, 9, 12, 13, 16}, openers)
	assert.Equal(t, [nOpen]uint8{0, 3, 4, 7, 8, 11, 12, 15, 16}, closers)
}

// TestPrefixSuffixASCII checks the ASCII fast paths of prefixOf and
// suffixOf against the rune-wise prefix and suffix.
func TestPrefixSuffixASCII(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "abc", "abcd", "abcde", "obama's", "zürich", "łódź", "x1-2"} {
		for n := 1; n <= 5; n++ {
			assert.Equal(t, prefix(s, n), prefixOf(s, n, isASCII(s)), "prefixOf(%q, %d)", s, n)
			assert.Equal(t, suffix(s, n), suffixOf(s, n, isASCII(s)), "suffixOf(%q, %d)", s, n)
		}
	}
}
