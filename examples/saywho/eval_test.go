package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goldDir = "../../corpus/testdata/gold"

func TestEvalUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no corpus", []string{"eval"}, "no corpus"},
		{"stray argument", []string{"eval", "-gold", goldDir, "x.txt"}, `unexpected argument "x.txt"`},
		{"bad baseline", []string{"eval", "-gold", goldDir, "-baseline", "spacy"}, `unknown -baseline "spacy"`},
		{"bad flag", []string{"eval", "-nope"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, errw := runCLI(t, nil, tt.args...)
			assert.Equal(t, 2, status)
			assert.Contains(t, errw, tt.want)
		})
	}
	status, _, errw := runCLI(t, nil, "eval", "-h")
	assert.Equal(t, 0, status)
	assert.Contains(t, errw, "saywho eval -polnear")
}

func TestEvalGoldTable(t *testing.T) {
	status, out, errw := runCLI(t, nil, "eval", "-gold", goldDir, "-errors", "2")
	require.Equal(t, 0, status, errw)
	assert.Empty(t, errw)
	for _, want := range []string{"gold " + goldDir + ":", "entities (exact span+type)", "who said what (attribution)",
		"quoted recall", "Citron content overlap", "PolNeAR chunk cue", "lenient: marks ignored", "confidence reliability", "missed (in the gold, not found)",
		"false positives (found, not in the gold)"} {
		assert.Contains(t, out, want)
	}
}

func TestEvalGoldJSONWithBaseline(t *testing.T) {
	status, out, errw := runCLI(t, nil, "eval", "-gold", goldDir, "-json", "-baseline", "prose")
	require.Equal(t, 0, status, errw)
	var res []evalResult
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	require.Len(t, res, 2)
	assert.Equal(t, "saywho", res[0].System)
	assert.Equal(t, "prose", res[1].System)
	assert.Positive(t, res[0].Articles)
	for _, k := range []string{"ner.f1", "claims.attribution.f1", "claims.speaker", "claims.chunks.content.f1"} {
		assert.Contains(t, res[0].Metrics, k)
	}
	assert.Equal(t, 0.0, res[1].Metrics["claims.attribution.f1"], "prose finds no claims")
	tpfpfn := res[1].Counts["who said what (attribution)"]
	assert.Equal(t, 0, tpfpfn[0]+tpfpfn[1], "no predicted claims")
	assert.Positive(t, tpfpfn[2])
}

func TestEvalReportsBadGoldAndScoresTheRest(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(goldDir, "harbour_strike.gold.json"))
	if err != nil {
		t.Skipf("gold file not there: %v", err)
	}
	text, err := os.ReadFile(filepath.Join(goldDir, "harbour_strike.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.gold.json"), good, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), text, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.gold.json"), []byte(`{"format": "saywho-gold/1", "id": "b", "text": "x",`), 0o644))
	status, out, errw := runCLI(t, nil, "eval", "-gold", dir)
	assert.Equal(t, 1, status, "a gold file failed to load")
	assert.Contains(t, errw, filepath.Join(dir, "b.gold.json")+":1: unexpected end of JSON", "the problem names the path")
	assert.Contains(t, errw, "1 files failed to load and are left out: "+filepath.Join(dir, "b.gold.json"))
	assert.Contains(t, out, "1 articles (1 annotation problems skipped) (1 files failed to load)")

	status, out, _ = runCLI(t, nil, "eval", "-gold", dir, "-allow-load-errors")
	assert.Equal(t, 0, status, "-allow-load-errors scores what loaded")
	assert.Contains(t, out, "1 articles")
}

func TestEvalSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("scores PolNeAR dev and CoNLL dev; skipped with -short")
	}
	shared := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared data not found at %s: %v", shared, err)
	}
	status, out, errw := runCLI(t, nil, "eval", "-polnear", filepath.Join(shared, "polnear"), "-split", "dev",
		"-conll", filepath.Join(shared, "conll2003", "dev.txt"))
	require.Equal(t, 0, status, errw)
	assert.Contains(t, out, "PolNeAR dev "+filepath.Join(shared, "polnear")+": 84 articles (1 annotation problems skipped)")
	assert.Contains(t, out, "CoNLL "+filepath.Join(shared, "conll2003", "dev.txt")+": 216 articles")
	assert.Contains(t, errw, "has no content", "the known annotation slip is reported")
	assert.Equal(t, 1, strings.Count(errw, "warning:"))
	assert.NotContains(t, errw, "failed to load", "a skipped annotation line is no failed file")
}
