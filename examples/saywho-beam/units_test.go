package main

import (
	"flag"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/claims"
)

// The combiner gives the same aggregate however the runner splits the
// inputs into accumulators and merges them: the sums of all inputs and
// the best claims of all of them.
func TestSpeakerCombineIsOrderFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := []string{"a.txt", "b.txt", "c.txt", "d.txt"}
	var inputs []speakerDoc
	var all []saywho.SpeakerClaim
	claimsSum := 0
	for range 40 {
		var d speakerDoc
		for range 1 + rng.IntN(4) {
			start := rng.IntN(50)
			c := saywho.SpeakerClaim{ID: ids[rng.IntN(len(ids))], Kind: claims.Kind(rng.IntN(3)), Content: "said this",
				Start: start, End: start + 9, Confidence: float64(rng.IntN(4)) / 4}
			d.Examples = append(d.Examples, c)
			all = append(all, c)
		}
		d.Claims = len(d.Examples)
		claimsSum += d.Claims
		inputs = append(inputs, d)
	}
	fn := &speakerCombineFn{Examples: 5}
	slices.SortFunc(all, compareClaims)
	want := aggregate{Claims: claimsSum, Documents: len(inputs), Examples: all[:5]}

	for trial := range 20 {
		order := rng.Perm(len(inputs))
		var accs []speakerAcc
		acc := fn.CreateAccumulator()
		for i, k := range order {
			acc = fn.AddInput(acc, inputs[k])
			if rng.IntN(5) == 0 || i == len(order)-1 {
				accs = append(accs, acc)
				acc = fn.CreateAccumulator()
			}
		}
		for len(accs) > 1 {
			i, j := rng.IntN(len(accs)), rng.IntN(len(accs))
			if i == j {
				continue
			}
			accs[i] = fn.MergeAccumulators(accs[i], accs[j])
			accs = slices.Delete(accs, j, j+1)
		}
		assert.Equal(t, want, fn.ExtractOutput(accs[0]), "trial %d", trial)
	}
	assert.Equal(t, aggregate{Examples: []saywho.SpeakerClaim{}}, fn.ExtractOutput(fn.CreateAccumulator()))
}

func TestSpeakerRowOrder(t *testing.T) {
	mk := func(name string, n int) row {
		r, err := speakerRow(name, aggregate{Claims: n})
		require.NoError(t, err)
		return r
	}
	rows := []row{mk("", 50), mk("Zoe", 3), mk("Ana", 3), mk("Bo", 12), mk("Ann", 3)}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.Order, b.Order) })
	var got []string
	for _, r := range rows {
		got = append(got, r.Line)
	}
	want := []string{
		`{"name":"Bo","claims":12,"documents":0,"examples":null}`,
		`{"name":"Ana","claims":3,"documents":0,"examples":null}`,
		`{"name":"Ann","claims":3,"documents":0,"examples":null}`,
		`{"name":"Zoe","claims":3,"documents":0,"examples":null}`,
		`{"name":"","claims":50,"documents":0,"examples":null}`,
	}
	assert.Equal(t, want, got, "most claims first, then by name, the unknown speaker last")
}

func TestConfigCheck(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // substring of the error; "" for none
	}{
		{"ok", []string{"--input", "a/*.txt", "--output", "out"}, ""},
		{"gcs", []string{"--input", "gs://bucket/news/*.jsonl", "--output", "gs://bucket/out"}, ""},
		{"no input", []string{"--output", "out"}, "--input: a glob of input files is required"},
		{"no output", []string{"--input", "a"}, "--output: a directory is required"},
		{"unknown scheme", []string{"--input", "hdfs://x/*.txt", "--output", "out"}, `--input "hdfs://x/*.txt"`},
		{"format", []string{"--input", "a", "--output", "o", "--format", "csv"}, `--format "csv": want auto, text or jsonl`},
		{"shards", []string{"--input", "a", "--output", "o", "--shards", "0"}, "--shards 0"},
		{"max bytes", []string{"--input", "a", "--output", "o", "--max-bytes", "-1"}, "--max-bytes -1"},
		{"offsets", []string{"--input", "a", "--output", "o", "--offsets", "words"}, `--offsets "words"`},
		{"ner", []string{"--input", "a", "--output", "o", "--ner", "spacy"}, "--ner"},
		{"examples", []string{"--input", "a", "--output", "o", "--examples", "-2"}, "--examples -2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("saywho-beam", flag.ContinueOnError)
			cfg := newConfig(fs)
			require.NoError(t, fs.Parse(tt.args))
			err := cfg.check()
			if tt.want == "" {
				assert.NoError(t, err, "check(%q)", tt.args)
				return
			}
			assert.ErrorContains(t, err, tt.want, "check(%q)", tt.args)
		})
	}
}

func TestIsJSONL(t *testing.T) {
	tests := []struct {
		format, path string
		want         bool
	}{
		{"auto", "a/b.jsonl", true},
		{"auto", "a/b.NDJSON", true},
		{"auto", "a/b.jsonl.gz", true},
		{"auto", "a/b.txt", false},
		{"auto", "a/b.txt.gz", false},
		{"auto", "a/b", false},
		{"text", "a/b.jsonl", false},
		{"jsonl", "a/b.txt", true},
	}
	for _, tt := range tests {
		if got := isJSONL(tt.format, tt.path); got != tt.want {
			t.Errorf("isJSONL(%q, %q) = %v, want %v", tt.format, tt.path, got, tt.want)
		}
	}
}

func TestOutputPath(t *testing.T) {
	tests := []struct {
		dir, name string
		i, n      int
		want      string
	}{
		{"out", "results", 0, 4, "out/results-00000-of-00004.jsonl"},
		{"out/", "results", 3, 4, "out/results-00003-of-00004.jsonl"},
		{"/tmp/x", "speakers", 0, 1, "/tmp/x/speakers.jsonl"},
		{"gs://bucket/run1/", "deadletter", 0, 1, "gs://bucket/run1/deadletter.jsonl"},
		{"gs://bucket/run1", "results", 7, 12, "gs://bucket/run1/results-00007-of-00012.jsonl"},
	}
	for _, tt := range tests {
		if got := outputPath(tt.dir, tt.name, tt.i, tt.n); got != tt.want {
			t.Errorf("outputPath(%q, %q, %d, %d) = %q, want %q", tt.dir, tt.name, tt.i, tt.n, got, tt.want)
		}
	}
}

func TestFailureNames(t *testing.T) {
	for f := failUnreadable; f <= failEncoding; f++ {
		b, err := f.MarshalText()
		require.NoError(t, err)
		var back failure
		require.NoError(t, back.UnmarshalText(b), "%s", b)
		assert.Equal(t, f, back)
	}
	var f failure
	assert.ErrorContains(t, f.UnmarshalText([]byte("lost")), `unknown failure "lost"`)
	assert.Equal(t, "failure(9)", failure(9).String())
}
