package wordvec_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/internal/wordvec"
)

func TestEmbeddedLookup(t *testing.T) {
	tb := wordvec.Embedded()
	require.Equal(t, 341479, tb.Len())
	require.Equal(t, 100, tb.Dim())
	require.Equal(t, 50000, tb.VectorCount())
	tests := []struct {
		word string
		want int
	}{
		{"the", 0},
		{"The", 0},
		{"THE", 0},
		{",", 1},
		{"said", 14},
		{"Minsk", 16157},
		{"Lukashenko", 11000},
		{"", -1},
		{"shraibman", -1},
		{"\xff\xfe", -1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tb.Lookup(tt.word), "Lookup(%q)", tt.word)
	}
	i := tb.Lookup("Well-Known")
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, "well-known", tb.Word(i))
	assert.GreaterOrEqual(t, tb.Lookup("“"), 0)
}

// A capital non-ASCII letter finds the word in lower case.
func TestLookupFoldsUnicode(t *testing.T) {
	b := wordvec.Builder{Words: []string{"élysée", "über"}, Paths: []uint32{0, 0}, Depths: []uint8{0, 0}, Dim: 1, Scale: []float32{1}}
	data, err := b.Encode()
	require.NoError(t, err)
	tb, err := wordvec.Decode(string(data))
	require.NoError(t, err)
	assert.Equal(t, 0, tb.Lookup("ÉLYSÉE"))
	assert.Equal(t, 0, tb.Lookup("Élysée"))
	assert.Equal(t, 1, tb.Lookup("Über"))
	assert.Equal(t, -1, tb.Lookup("Ü"))
}

func TestEveryWordFindsItself(t *testing.T) {
	tb := wordvec.Embedded()
	for i := 0; i < tb.Len(); i++ {
		if got := tb.Lookup(tb.Word(i)); got != i {
			t.Fatalf("Lookup(Word(%d) = %q) = %d", i, tb.Word(i), got)
		}
	}
}

func TestClusters(t *testing.T) {
	tb := wordvec.Embedded()
	cl := func(w string) uint32 {
		i := tb.Lookup(w)
		require.GreaterOrEqual(t, i, 0, "Lookup(%q)", w)
		return tb.Cluster(i)
	}
	for i := 0; i < tb.Len(); i += 997 {
		c := tb.Cluster(i)
		d := wordvec.Depth(c)
		require.True(t, d >= 0 && d <= wordvec.Fine, "Depth(Cluster(%d)) = %d", i, d)
		assert.Equal(t, min(d, wordvec.Coarse), wordvec.Depth(wordvec.Prefix(c, wordvec.Coarse)))
	}
	// Words of one use share a cluster at the medium level; words of
	// different use do not.
	same := func(a, b string) bool {
		return wordvec.Prefix(cl(a), wordvec.Medium) == wordvec.Prefix(cl(b), wordvec.Medium)
	}
	assert.True(t, same("says", "believes"))
	assert.True(t, same("monday", "friday"))
	assert.False(t, same("monday", "believes"))
	assert.False(t, same("john", "paris"))
	assert.Equal(t, uint32(0), wordvec.Prefix(0, wordvec.Fine))
	assert.Equal(t, uint32(1), wordvec.Prefix(1, wordvec.Fine))
	assert.Equal(t, -1, wordvec.Depth(0))
}

func TestVectors(t *testing.T) {
	tb := wordvec.Embedded()
	v := make([]float32, tb.Dim())
	require.True(t, tb.Vector(0, v))
	// GloVe 6B 100d "the" begins -0.038194 -0.24487 0.72812.
	for d, want := range []float32{-0.038194, -0.24487, 0.72812} {
		assert.InDelta(t, want, v[d], float64(tb.Scale(d)), "dimension %d", d)
	}
	assert.False(t, tb.Vector(tb.VectorCount(), v))
	assert.Empty(t, tb.QuantizedVector(tb.VectorCount()))
	assert.Len(t, tb.QuantizedVector(1), tb.Dim())
}

func TestBuildDecode(t *testing.T) {
	b := wordvec.Builder{
		Words:   []string{"the", "cat", "sat"},
		Paths:   []uint32{0, 1, 3},
		Depths:  []uint8{1, 1, 2},
		Dim:     2,
		Scale:   []float32{0.5, 0.25},
		Vectors: []int8{2, -4, 1, 1},
	}
	data, err := b.Encode()
	require.NoError(t, err)
	tb, err := wordvec.Decode(string(data))
	require.NoError(t, err)
	assert.Equal(t, 3, tb.Len())
	assert.Equal(t, 1, tb.Lookup("Cat"))
	assert.Equal(t, -1, tb.Lookup("dog"))
	assert.Equal(t, uint32(0b111), tb.Cluster(2))
	v := make([]float32, 2)
	require.True(t, tb.Vector(0, v))
	assert.Equal(t, []float32{1, -1}, v)
	assert.False(t, tb.Vector(2, v))

	for _, tt := range []struct {
		name string
		b    wordvec.Builder
	}{
		{"upper case", wordvec.Builder{Words: []string{"The"}, Paths: []uint32{0}, Depths: []uint8{0}, Dim: 1, Scale: []float32{1}}},
		{"twice", wordvec.Builder{Words: []string{"a", "a"}, Paths: []uint32{0, 0}, Depths: []uint8{0, 0}, Dim: 1, Scale: []float32{1}}},
		{"empty word", wordvec.Builder{Words: []string{""}, Paths: []uint32{0}, Depths: []uint8{0}, Dim: 1, Scale: []float32{1}}},
		{"paths", wordvec.Builder{Words: []string{"a"}, Dim: 1, Scale: []float32{1}}},
	} {
		_, err := tt.b.Encode()
		assert.Error(t, err, tt.name)
	}
	for _, bad := range []string{"", "SWWV0001", string(data[:len(data)-1]), "XXXXXXXX" + string(data[8:])} {
		_, err := wordvec.Decode(bad)
		assert.ErrorIs(t, err, wordvec.ErrFormat)
	}
}

func TestLookupAllocs(t *testing.T) {
	tb := wordvec.Embedded()
	if n := testing.AllocsPerRun(100, func() { tb.Lookup("Lukashenko"); tb.Lookup("ÉLYSÉE") }); n != 0 {
		t.Errorf("Lookup allocates %v times, want 0", n)
	}
}

func BenchmarkLookup(b *testing.B) {
	tb := wordvec.Embedded()
	words := []string{"The", "president", "said", "Lukashenko", "Minsk", "on", "Tuesday", "unknownword", "Shraibman", "."}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			tb.Lookup(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/lookup")
}
