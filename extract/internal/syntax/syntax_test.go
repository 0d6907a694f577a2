package syntax

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/extract/internal/syntax/model"
	"github.com/saywho/saywho/internal/inplace"
)

func TestLaneFreeTables(t *testing.T) {
	// A feature finds its own slot and nothing else does (with these keys).
	qs := []quantized{
		{f: 0x8000_0000_0000_1234, row: []int16{1, 2, 3}, norm: 6},
		{f: 0x4000_0000_0000_5678, row: []int16{-4, 5, -6}, norm: 15},
	}
	tt := &transTable{slots: new([transSlots]uint64)}
	for _, q := range qs {
		j := q.f >> (64 - transBits)
		tt.slots[j] = packTrans(q.f, q.row[0], q.row[1], q.row[2])
	}
	var s [3]int32
	tt.sum([]uint64{qs[0].f, qs[1].f, 0x8000_0000_0000_9999, 0x1234}, &s)
	assert.Equal(t, [3]int32{-3, 7, -3}, s, "absent keys and empty slots add nothing")

	// The extremes of int16, many times over, sum exactly.
	big := uint64(0x2000_0000_0000_0001)
	tt.slots[big>>(64-transBits)] = packTrans(big, 32767, -32767, -1)
	many := slices.Repeat([]uint64{big}, 40)
	s = [3]int32{}
	tt.sum(append(many, qs[0].f), &s)
	assert.Equal(t, [3]int32{40*32767 + 1, -40*32767 + 2, -40 + 3}, s)

	// sumAll sums as sum does.
	fs := []uint64{qs[0].f, qs[1].f, 0x1234, big}
	for len(fs) < numParseFeatures {
		fs = append(fs, fs[len(fs)%4])
	}
	var s1, s2 [3]int32
	tt.sum(fs, &s1)
	tt.sumAll((*[numParseFeatures]uint64)(fs), &s2)
	assert.Equal(t, s1, s2)
	assert.NotEqual(t, [3]int32{}, s2)

	vt := newVarTable(qs)
	assert.Equal(t, []int16{1, 2, 3}, vt.data[vt.row(qs[0].f):][:3])
	assert.Equal(t, []int16{-4, 5, -6}, vt.data[vt.row(qs[1].f):][:3])
	assert.Equal(t, []int16{0, 0, 0}, vt.data[vt.row(0x77):][:3], "an absent feature reads zeros")
	assert.GreaterOrEqual(t, len(vt.data)-vt.row(qs[1].f), rowPad, "rows can be read rowPad wide")
}

// TestDirSum: the lane-packed direct weights sum as plain integers would,
// at the extremes of int16 and over more entries than one batch.
func TestDirSum(t *testing.T) {
	ws := [][3]int16{{32767, -32767, 0}, {-32767, 32767, 1}, {32767, 32767, 32767}, {-32767, -32767, -32767}, {0, 0, 0}, {-1, 2, -3}}
	dt := dirTable{w: new([dirSlots]uint64)}
	for i, w := range ws {
		dt.w[i] = packDir(w[0], w[1], w[2])
	}
	for _, n := range []int{0, 1, dirBatch - 1, dirBatch, dirBatch + 1, numDirect, 3*dirBatch + 5} {
		var ds []uint32
		var want [3]int32
		for k := range n {
			i := uint32(k*7+k/3) % uint32(len(ws))
			if k%5 == 0 {
				i = 2 // runs of the largest weights
			}
			ds = append(ds, i)
			for c := range 3 {
				want[c] += int32(ws[i][c])
			}
		}
		s := [3]int32{10, 20, 30}
		dt.sum(ds, &s)
		assert.Equal(t, [3]int32{want[0] + 10, want[1] + 20, want[2] + 30}, s, "%d entries", n)
		if n == numDirect {
			s2 := [3]int32{10, 20, 30}
			dt.sumAll((*[numDirect]uint32)(ds), &s2)
			assert.Equal(t, s, s2, "sumAll")
		}
	}
}

func TestMatch(t *testing.T) {
	assert.Equal(t, int32(-1), match(transKey(0xABCD), 0xABCD))
	assert.Equal(t, int32(0), match(transKey(0xABCD), 0xABCE&^1|0x10))
	assert.Equal(t, int32(0), match(0, 0xABCD), "an empty slot never matches")
}

func TestProjectivize(t *testing.T) {
	// "A hearing is scheduled on the issue today": hearing ← on (nmod)
	// crosses is/scheduled: 0 A, 1 hearing, 2 is, 3 scheduled, 4 on, 5 the, 6 issue, 7 today.
	heads := []int{1, 3, 3, -1, 6, 6, 1, 3}
	h, lifted := projectivize(heads)
	assert.Equal(t, 1, lifted)
	assert.Equal(t, 3, h[6], "issue is lifted to its head's head")
	for d, x := range h {
		if x >= 0 {
			assert.True(t, projectiveArc(h, x, d), "arc %d→%d", x, d)
		}
	}
	same, n := projectivize([]int{1, -1, 1})
	assert.Zero(t, n)
	assert.Equal(t, []int{1, -1, 1}, same)
}

// TestOracle: following the zero-cost transitions from the start rebuilds
// any projective tree exactly (the dynamic oracle is complete).
func TestOracle(t *testing.T) {
	for _, heads := range [][]int{
		{1, -1, 1},
		{1, 3, 3, -1, 3, 6, 4, 3},
		{-1, 0, 1, 2, 3},
		{4, 4, 4, 4, -1},
		{-1},
	} {
		var st state
		var or oracle
		n := len(heads)
		st.reset(n)
		or.reset(heads)
		for steps := 0; !st.terminal(); steps++ {
			require.Less(t, steps, 2*n+1, "the oracle loops on %v", heads)
			c := or.costs(&st)
			next := -1
			for tr := range numTransitions {
				if c[tr] == 0 {
					next = tr
					break
				}
			}
			require.GreaterOrEqual(t, next, 0, "no zero-cost transition for %v", heads)
			if next == shift {
				or.onStack[st.b] = true
			} else {
				or.onStack[st.stack[len(st.stack)-1]] = false
			}
			st.apply(next)
		}
		for d, h := range heads {
			want := int32(h)
			if h < 0 {
				want = int32(n)
			}
			assert.Equal(t, want, st.heads[d], "word %d of %v", d, heads)
		}
	}
}

func TestEmbeddedModel(t *testing.T) {
	m, err := Decode(model.Data())
	require.NoError(t, err)
	assert.Len(t, m.Classes, len(m.tags.upos))
	assert.Contains(t, m.Labels, "nsubj")

	// Analyse gives one root per sentence and heads inside sentences.
	var sc Scratch
	words := strings.Fields(`The mayor said on Tuesday that the bridge would reopen . " We are ready , " she added .`)
	sents := []Range{{0, 11}, {11, len(words)}}
	tags, heads, labels := m.Analyse(&sc, words, sents, true)
	require.Len(t, tags, len(words))
	root := m.Labels[m.parser.rootLabel]
	for _, r := range sents {
		roots := 0
		for i := r.Lo; i < r.Hi; i++ {
			if heads[i] < 0 {
				roots++
				assert.Equal(t, root, m.Labels[labels[i]])
			} else {
				assert.Less(t, int(heads[i]), r.Hi-r.Lo)
				assert.NotEqual(t, root, m.Labels[labels[i]])
			}
		}
		assert.Equal(t, 1, roots)
	}
	assert.Equal(t, "NOUN", UPOSNames[m.tags.upos[tags[1]]], "mayor")
	assert.Equal(t, "VBD|VERB", m.Classes[tags[2]], "said")

	// Tagging only, and again with the same scratch: same tags.
	again, h2, _ := m.Analyse(&sc, words, sents, false)
	assert.Nil(t, h2)
	assert.Equal(t, slices.Clone(tags), slices.Clone(again))

	// Empty input and empty sentences.
	tags, heads, _ = m.Analyse(&sc, nil, nil, true)
	assert.Empty(t, tags)
	assert.Empty(t, heads)
}

func TestEncodeDecode(t *testing.T) {
	m, err := Decode(model.Data())
	require.NoError(t, err)
	assert.True(t, model.Data() == string(m.Encode()), "Encode writes back the file Decode read")
}

// TestDecodeInPlace: on a little-endian host the model's tables are views
// of the bytes decoded, aligned or not, and decoding allocates little
// whatever the model's size.
func TestDecodeInPlace(t *testing.T) {
	if !inplace.LittleEndian {
		t.Skip("big-endian host: the tables are decoded into copies")
	}
	data := model.Data()
	inside := func(m *Model, s string) bool {
		lo := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		p := uintptr(unsafe.Pointer(&m.parser.trans.slots[0]))
		q := uintptr(unsafe.Pointer(&m.tagger.pass1.data[0]))
		return lo <= p && p < lo+uintptr(len(s)) && lo <= q && q < lo+uintptr(len(s))
	}
	m, err := Decode(data)
	require.NoError(t, err)
	if uintptr(unsafe.Pointer(unsafe.StringData(data)))%8 == 0 {
		assert.True(t, inside(m, data), "tables alias the embedded model")
	}
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := Decode(data); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, allocs, 50.0, "Decode allocations")

	// A copy that starts at an odd address is copied once into aligned
	// memory, which the tables then alias; the model is the same.
	odd := (" " + data)[1:]
	m2, err := Decode(odd)
	require.NoError(t, err)
	assert.False(t, inside(m2, odd))
	assert.True(t, data == string(m2.Encode()))
}

func TestDecodeErrors(t *testing.T) {
	data := model.Data()
	for _, tt := range []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "bad magic"},
		{"other version", "SWSYN\x00\x00\x00" + data[8:], "bad magic"},
		{"truncated", data[:len(data)/2], "past the end"},
		{"trailing bytes", data + "x", "after the model"},
		{"truncated header", data[:12], "past the end"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.data)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrFormat))
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestAnalyseAllocs: a warm Scratch allocates nothing.
func TestAnalyseAllocs(t *testing.T) {
	m, err := Decode(model.Data())
	require.NoError(t, err)
	words := strings.Fields(strings.Repeat("He said the plan , which was new , had failed . ", 20))
	sents := []Range{}
	for i := 0; i < len(words); i += 12 {
		sents = append(sents, Range{i, i + 12})
	}
	var sc Scratch
	m.Analyse(&sc, words, sents, true)
	allocs := testing.AllocsPerRun(20, func() { m.Analyse(&sc, words, sents, true) })
	assert.Zero(t, allocs)
}

func TestNormalize(t *testing.T) {
	assert.Equal(t, `"it's" -- ok...`, string(normalize(nil, "“it’s” — ok…", false)))
	assert.Equal(t, "ärger", string(normalize(nil, "Ärger", true)))
	assert.Equal(t, "\xff", string(normalize(nil, "\xff", true)), "invalid bytes pass through")
	assert.Equal(t, "Xxxd", string(shapeOf(nil, []byte("Abcd1"))))
}

// TestAffixes: the ASCII shortcut gives the affixes the rune-counting
// path gives.
func TestAffixes(t *testing.T) {
	for _, w := range []string{"", "a", "ab", "said", "Minister", "naïve", "Łódź", "x-ray"} {
		var x word
		prepareWord(&x, w, nil, nil)
		lw := normalize(nil, w, true)
		for k := 1; k <= 3; k++ {
			assert.Equal(t, hashBytes(runePrefix(lw, k)), x.pre[k-1], "%q prefix %d", w, k)
		}
		for k := 1; k <= 4; k++ {
			assert.Equal(t, hashBytes(runeSuffix(lw, k)), x.suf[k-1], "%q suffix %d", w, k)
		}
	}
}

// TestWordCache: the embedded model's cached words have the features and
// sums that preparing them afresh gives, so the cache changes no output.
func TestWordCache(t *testing.T) {
	m, err := Decode(model.Data())
	require.NoError(t, err)
	c := &m.cache
	require.Len(t, c.words, cacheWords)
	var buf []byte
	var fs []uint64
	for k := range c.words {
		w := c.blob[c.offs[k]:c.offs[k+1]]
		require.Equal(t, k, c.find(w, strHash(w)), "find(%q)", w)
		var x word
		buf = prepareWord(&x, w, buf, &m.tagger.dict)
		require.Equal(t, x, c.words[k], "features of %q", w)
		for j, off := range offsets {
			var s [numUPOS]int32
			fs = wordFeats(fs[:0], &x, off, 1)
			m.tagger.sumWord(&s, m.tagger.pass1, fs)
			require.Equal(t, s[:], c.sums[k*perWord+j*numUPOS:][:numUPOS], "sums of %q at %d", w, off)
		}
	}
	assert.Equal(t, -1, c.find("Lukashenko's-not-cached", strHash("Lukashenko's-not-cached")))

	// Analyse gives the same tags and trees with and without the cache.
	words := strings.Fields(`The mayor said on Tuesday that the bridge would reopen . " We are ready , " she added .`)
	sents := []Range{{0, 11}, {11, len(words)}}
	var sc Scratch
	tags, heads, labels := m.Analyse(&sc, words, sents, true)
	tags, heads, labels = slices.Clone(tags), slices.Clone(heads), slices.Clone(labels)
	m2 := *m
	m2.cache = wordCache{}
	tags2, heads2, labels2 := m2.Analyse(&sc, words, sents, true)
	assert.Equal(t, tags, tags2)
	assert.Equal(t, heads, heads2)
	assert.Equal(t, labels, labels2)
}
