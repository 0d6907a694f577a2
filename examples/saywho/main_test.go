package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// runCLI runs the command with args and stdin and returns its exit status,
// standard output and standard error.
func runCLI(t *testing.T, stdin *string, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	var in *strings.Reader
	if stdin != nil {
		in = strings.NewReader(*stdin)
	}
	var status int
	if in == nil {
		status = run(args, nil, &out, &errw)
	} else {
		status = run(args, in, &out, &errw)
	}
	return status, out.String(), errw.String()
}

// checkSpans asserts the contract's offset rule: every span's text is the
// input's bytes [start, end).
func checkSpans(t *testing.T, input string, d saywho.Result) {
	t.Helper()
	check := func(what string, s *saywho.Span) {
		if s == nil {
			return
		}
		require.True(t, 0 <= s.Start && s.Start <= s.End && s.End <= len(input), "%s span [%d,%d) out of bounds", what, s.Start, s.End)
		assert.Equal(t, input[s.Start:s.End], s.Text, "%s span [%d,%d)", what, s.Start, s.End)
	}
	for _, e := range d.Entities {
		check("entity", &saywho.Span{Text: e.Text, Start: e.Start, End: e.End})
		assert.Contains(t, []extract.Label{extract.PER, extract.ORG, extract.LOC, extract.MISC}, e.Label)
		assert.Less(t, e.Person, len(d.People))
	}
	for _, p := range d.People {
		check("description", p.Description)
	}
	for _, c := range d.Claims {
		assert.Contains(t, []string{"direct", "indirect", "mixed"}, c.Kind.String())
		assert.True(t, c.Confidence >= 0 && c.Confidence <= 1, "confidence %v", c.Confidence)
		for i := range c.Content {
			check("content", &c.Content[i])
		}
		check("cue", c.Cue)
		check("source", c.Source)
	}
}

func TestSeedJSONL(t *testing.T) {
	status, out, errs := runCLI(t, nil, "-format", "jsonl")
	require.Equal(t, 0, status, "stderr: %s", errs)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	require.Len(t, lines, 1)
	var d saywho.Result
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &d))
	assert.Equal(t, "seed:"+seeds.Seed, d.ID)
	text, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	checkSpans(t, text, d)
	// The raw JSON has the contract's keys even when a layer is empty.
	for _, key := range []string{`"id":`, `"entities":[`, `"people":[`, `"claims":[`} {
		assert.Contains(t, lines[0], key)
	}
}

func TestSeedText(t *testing.T) {
	status, out, errs := runCLI(t, nil)
	require.Equal(t, 0, status, "stderr: %s", errs)
	assert.Contains(t, out, "== seed:"+seeds.Seed)
	assert.Contains(t, out, "Who said what")
}

func TestFilesInOrderAndMissingFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	require.NoError(t, os.WriteFile(a, []byte("“We will win,” said Jane Doe."), 0o644))
	require.NoError(t, os.WriteFile(b, []byte("Nothing to see."), 0o644))
	missing := filepath.Join(dir, "missing.txt")

	status, out, errs := runCLI(t, nil, "-format", "jsonl", a, missing, b)
	assert.Equal(t, 1, status, "a missing file makes the exit status non-zero")
	assert.Contains(t, errs, missing, "the error names the file")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	require.Len(t, lines, 2, "the other files are still processed")
	var d0, d1 saywho.Result
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &d0))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &d1))
	assert.Equal(t, a, d0.ID)
	assert.Equal(t, b, d1.ID)
}

func TestDirectoryInput(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2.txt"), []byte("Second."), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "1.txt"), []byte("First."), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "skip.md"), []byte("Not text."), 0o644))
	status, out, errs := runCLI(t, nil, "-format", "json", dir)
	require.Equal(t, 0, status, "stderr: %s", errs)
	var docs []saywho.Result
	require.NoError(t, json.Unmarshal([]byte(out), &docs))
	require.Len(t, docs, 2)
	assert.Equal(t, filepath.Join(dir, "1.txt"), docs[0].ID)
	assert.Equal(t, filepath.Join(dir, "2.txt"), docs[1].ID)
}

func TestStdin(t *testing.T) {
	in := "The minister said: “Prices will fall.”\n"
	for _, args := range [][]string{{"-format", "jsonl"}, {"-format", "jsonl", "-"}} {
		status, out, errs := runCLI(t, &in, args...)
		require.Equal(t, 0, status, "stderr: %s", errs)
		var d saywho.Result
		require.NoError(t, json.Unmarshal([]byte(out), &d))
		assert.Equal(t, "stdin", d.ID)
		checkSpans(t, in, d)
	}
}

func TestBadInputWarnsAndKeepsOffsets(t *testing.T) {
	in := "Caf\xe9 owner \x00 said: “It is \xff fine,” she added.\n"
	status, out, errs := runCLI(t, &in, "-format", "jsonl")
	require.Equal(t, 0, status)
	assert.Contains(t, errs, "invalid UTF-8 at byte 3")
	assert.Contains(t, errs, "NUL byte")
	var d saywho.Result
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	// JSON replaces invalid bytes in texts, so compare offsets on valid spans only.
	for _, c := range d.Claims {
		for _, s := range c.Content {
			assert.True(t, s.End <= len(in))
		}
	}

	empty := ""
	status, _, errs = runCLI(t, &empty, "-format", "jsonl")
	require.Equal(t, 0, status)
	assert.Contains(t, errs, "empty input")
}

func TestBadFlags(t *testing.T) {
	status, _, errs := runCLI(t, nil, "-format", "xml")
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, `unknown -format "xml"`)
	status, _, errs = runCLI(t, nil, "-ner", "bert")
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, "bert")
}
