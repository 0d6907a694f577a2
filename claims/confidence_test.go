package claims_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

func TestParseCalibration(t *testing.T) {
	good := "# a comment\ncalibration/1\n*\t0.2\t0.1\n*\t0.8\t0.7\nD1\t0.5\t0.9\nD1\t0.9\t0.95\n"
	c, err := claims.ParseCalibration(strings.NewReader(good))
	require.NoError(t, err)
	assert.Equal(t, []claims.Rule{claims.RuleD1}, c.Rules())
	for _, tt := range []struct {
		rule      claims.Rule
		raw, want float64
	}{
		{claims.RuleD1, 0.5, 0.9},
		{claims.RuleD1, 0.7, 0.925}, // halfway between the knots
		{claims.RuleD1, 0.1, 0.9},   // constant before the first knot
		{claims.RuleD1, 1, 0.95},    // and after the last
		{claims.RuleI2, 0.5, 0.4},   // no map of its own: the map of all rules
		{claims.RuleI2, 0, 0.1},
	} {
		assert.InDelta(t, tt.want, c.Apply(tt.rule, tt.raw), 1e-9, "Apply(%s, %v)", tt.rule, tt.raw)
	}
	var none *claims.Calibration
	assert.Equal(t, 0.42, none.Apply(claims.RuleD1, 0.42), "a nil calibration keeps the raw score")

	bad := []struct{ name, text, msg string }{
		{"empty", "", "empty"},
		{"no header", "*\t0\t0\n", `want "calibration/1" first`},
		{"fields", "calibration/1\n*\t0.5\n", "line 2: 2 fields"},
		{"not a number", "calibration/1\n*\tx\t0.5\n", "line 2: raw score"},
		{"out of range", "calibration/1\n*\t0.5\t1.5\n", "in [0, 1]"},
		{"unknown rule", "calibration/1\nZ9\t0.5\t0.5\n", `line 2: unknown rule "Z9"`},
		{"decreasing", "calibration/1\n*\t0.5\t0.5\n*\t0.6\t0.4\n", "line 3: the map of rule * must increase"},
		{"no pool", "calibration/1\nD1\t0.5\t0.5\n", "no map of all rules"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := claims.ParseCalibration(strings.NewReader(tt.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestDefaultCalibration(t *testing.T) {
	c, err := claims.DefaultCalibration()
	require.NoError(t, err)
	assert.Contains(t, c.Rules(), claims.RuleD1, "the embedded calibration has a map for the most common quotation rule")
	// Calibrated confidences stay in [0, 1] and keep the order of raw
	// scores within a rule.
	for _, r := range append(c.Rules(), claims.RuleD3b) {
		prev := -1.0
		for raw := 0.0; raw <= 1; raw += 0.05 {
			v := c.Apply(r, raw)
			assert.True(t, v >= 0 && v <= 1 && v >= prev, "rule %s: Apply(%v) = %v after %v", r, raw, v, prev)
			prev = v
		}
	}
}

// TestWithModelFS builds an Attributor from the model files on disk, the
// same bytes as the embedded ones, and checks it finds the same claims;
// a missing file is an error that names it.
func TestWithModelFS(t *testing.T) {
	files := fstest.MapFS{}
	for name, path := range map[string]string{
		"cues.tsv":  filepath.Join("internal", "lexicon", "cues.tsv"),
		"cue.model": filepath.Join("internal", "cuemodel", "cue.model"),
		"end.model": filepath.Join("internal", "cuemodel", "end.model"),
	} {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		files[name] = &fstest.MapFile{Data: b}
	}
	a, err := claims.New(claims.WithModelFS(files))
	require.NoError(t, err)
	text, err := seeds.Text(seeds.Names()[0])
	require.NoError(t, err)
	doc := extract.Parse(text)
	assert.Equal(t, claims.Attribute(doc), a.Attribute(doc))

	delete(files, "end.model")
	_, err = claims.New(claims.WithModelFS(files))
	require.Error(t, err)
	assert.ErrorIs(t, err, fs.ErrNotExist)
	assert.Contains(t, err.Error(), "end.model")

	files["end.model"] = &fstest.MapFile{Data: []byte("not a model")}
	_, err = claims.New(claims.WithModelFS(files))
	assert.ErrorContains(t, err, "end.model")
}

// TestRawConfidence checks WithCalibration(nil): the raw scores are in
// [0, 1], and the default calibration maps them rule by rule.
func TestRawConfidence(t *testing.T) {
	raw, err := claims.New(claims.WithCalibration(nil))
	require.NoError(t, err)
	cal, err := claims.DefaultCalibration()
	require.NoError(t, err)
	text, err := seeds.Text(seeds.Names()[0])
	require.NoError(t, err)
	doc := extract.Parse(text)
	rs, cs := raw.Attribute(doc), claims.Attribute(doc)
	require.Equal(t, len(rs), len(cs))
	for i := range rs {
		assert.True(t, rs[i].Confidence > 0 && rs[i].Confidence <= 1, "raw score %v", rs[i].Confidence)
		assert.InDelta(t, cal.Apply(rs[i].Rule, rs[i].Confidence), cs[i].Confidence, 1e-12)
	}
}
