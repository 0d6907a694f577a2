package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/seeds"
)

// The tests run the pipeline on Prism, in-process, and compare what it
// writes with what the saywho command (examples/saywho, built from this
// tree in the same run) prints for the same inputs: results as sets of
// lines keyed by id (sharding changes their order), the aggregate against
// one computed from the command's output with the library's Speakers.

const repoRoot = "../.."

var cliDir string // where the saywho command is built, removed after the tests

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "saywho-beam-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cliDir = dir
	code := ptest.MainRetWithDefault(m, "prism")
	os.RemoveAll(dir)
	os.Exit(code)
}

// cliBinary builds the saywho command once.
var cliBinary = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(cliDir, "saywho")
	cmd := exec.Command("go", "build", "-o", bin, "./examples/saywho")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the saywho command: %v\n%s", err, out)
	}
	return bin, nil
})

// runCLI runs the saywho command with args and returns its standard
// output, standard error and exit status.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	bin, err := cliBinary()
	require.NoError(t, err)
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.String(), errb.String(), ee.ExitCode()
	}
	require.NoError(t, err, "running saywho %v", args)
	return out.String(), errb.String(), 0
}

// corpusDir writes the test corpus to a new directory and returns it with
// the paths of its files, sorted: the embedded seed article, the hand-gold
// documents of corpus/testdata/gold, and odd inputs the command analyses
// with a warning (invalid UTF-8, UTF-16 with a byte order mark, empty).
func corpusDir(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	seed, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	files := map[string][]byte{"seed.txt": []byte(seed)}
	gold, err := filepath.Glob(filepath.Join(repoRoot, "corpus", "testdata", "gold", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, gold, "no hand-gold documents in corpus/testdata/gold")
	for _, g := range gold {
		b, err := os.ReadFile(g)
		require.NoError(t, err)
		files[filepath.Base(g)] = b
	}
	files["odd_invalid_utf8.txt"] = []byte("The mayor said \xff\xfe the bridge would be rebuilt, according to Ana Ruiz.\n")
	files["odd_empty.txt"] = nil
	u := utf16.Encode([]rune("“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday.\n"))
	le := []byte{0xFF, 0xFE}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
	}
	files["odd_utf16.txt"] = le
	var paths []string
	for name, b := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return dir, paths
}

// testConfig is the Config of a test run over input, writing under a new
// directory.
func testConfig(t *testing.T, input string) Config {
	t.Helper()
	fs := flag.NewFlagSet("saywho-beam", flag.ContinueOnError)
	cfg := newConfig(fs)
	require.NoError(t, fs.Parse([]string{"--input", input, "--output", filepath.Join(t.TempDir(), "out")}))
	require.NoError(t, cfg.check())
	return *cfg
}

// runPipeline runs cfg on Prism and returns its counters.
func runPipeline(t *testing.T, cfg Config) counterSet {
	t.Helper()
	c, err := execute(context.Background(), cfg)
	require.NoError(t, err)
	require.NotNil(t, c, "Prism reports counters")
	return c
}

// readLines returns the lines of the files matching glob under dir,
// requiring want files.
func readLines(t *testing.T, dir, glob string, want int) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, glob))
	require.NoError(t, err)
	require.Len(t, files, want, "files %s under %s", glob, dir)
	var lines []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<30)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		require.NoError(t, sc.Err())
	}
	return lines
}

// byID keys JSONL result lines by their "id", failing on a duplicate.
func byID(t *testing.T, lines []string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, l := range lines {
		var r struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &r), "line %q", l)
		_, dup := m[r.ID]
		require.False(t, dup, "id %s twice", r.ID)
		m[r.ID] = l
	}
	return m
}

// expectedAggregate computes speakers.jsonl from the command's JSONL
// output: the library's Speakers over the decoded Results, each speaker's
// claims counted and the best k kept.
func expectedAggregate(t *testing.T, cliJSONL string, k int) ([]aggregate, int) {
	t.Helper()
	var sp saywho.Speakers
	claims := 0
	for _, l := range strings.Split(strings.TrimSpace(cliJSONL), "\n") {
		var r saywho.Result
		require.NoError(t, json.Unmarshal([]byte(l), &r))
		sp.Add(r)
		claims += len(r.Claims)
	}
	var out []aggregate
	for _, sc := range sp.List() {
		ex := slices.Clone(sc.Claims)
		slices.SortFunc(ex, compareClaims)
		out = append(out, aggregate{Name: sc.Name, Claims: len(sc.Claims), Documents: sc.Documents, Examples: ex[:min(k, len(ex))]})
	}
	return out, claims
}

// decodeAggregate decodes speakers.jsonl.
func decodeAggregate(t *testing.T, lines []string) []aggregate {
	t.Helper()
	var out []aggregate
	for _, l := range lines {
		var a aggregate
		require.NoError(t, json.Unmarshal([]byte(l), &a), "line %q", l)
		out = append(out, a)
	}
	return out
}

func TestResultsAndSpeakersEqualCommand(t *testing.T) {
	dir, paths := corpusDir(t)
	cfg := testConfig(t, filepath.Join(dir, "*.txt"))
	cfg.Shards = 3
	c := runPipeline(t, cfg)

	cli, stderr, code := runCLI(t, append([]string{"-quiet", "-format", "jsonl"}, paths...)...)
	require.Equal(t, 0, code, "saywho: %s", stderr)
	want := byID(t, strings.Split(strings.TrimSpace(cli), "\n"))
	require.Len(t, want, len(paths))
	got := byID(t, readLines(t, cfg.Output, "results-*-of-00003.jsonl", 3))
	assert.Equal(t, want, got, "results: the saywho command's JSONL lines, keyed by id")

	wantAgg, claims := expectedAggregate(t, cli, cfg.Examples)
	require.NotEmpty(t, wantAgg)
	gotAgg := decodeAggregate(t, readLines(t, cfg.Output, "speakers.jsonl", 1))
	assert.Equal(t, wantAgg, gotAgg, "speakers.jsonl: the aggregate of the command's output, in the order of saywho speakers")

	// The same totals as the saywho speakers command itself.
	spOut, stderr, code := runCLI(t, append([]string{"speakers", "-quiet", "-format", "json"}, paths...)...)
	require.Equal(t, 0, code, "saywho speakers: %s", stderr)
	var list []saywho.SpeakerClaims
	require.NoError(t, json.Unmarshal([]byte(spOut), &list))
	require.Len(t, gotAgg, len(list))
	for i, sc := range list {
		assert.Equal(t, [3]any{sc.Name, len(sc.Claims), sc.Documents}, [3]any{gotAgg[i].Name, gotAgg[i].Claims, gotAgg[i].Documents}, "speaker %d", i)
	}

	assert.Empty(t, readLines(t, cfg.Output, "deadletter.jsonl", 1), "no dead letters")
	assert.Equal(t, int64(len(paths)), c.get("documents"), "documents counter")
	assert.Equal(t, int64(claims), c.get("claims"), "claims counter")
	assert.Equal(t, int64(0), c.get("failures"), "failures counter")
	assert.Equal(t, int64(3), c.get("documents_with_warnings"), "the three odd inputs warn")
}

// JSONL input, several files, other fields carried through, character
// offsets: the same lines as saywho -in jsonl.
func TestJSONLEqualsCommand(t *testing.T) {
	_, paths := corpusDir(t)
	dir := t.TempDir()
	var jsonl []string
	for i, chunk := range [][]string{paths[:len(paths)/2], paths[len(paths)/2:]} {
		var buf bytes.Buffer
		for j, p := range chunk {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			line, err := json.Marshal(map[string]any{"id": filepath.Base(p), "text": string(b), "lang": "en", "n": 10*i + j})
			require.NoError(t, err)
			buf.Write(line)
			buf.WriteByte('\n')
		}
		p := filepath.Join(dir, fmt.Sprintf("part%d.jsonl", i))
		require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
		jsonl = append(jsonl, p)
	}
	cfg := testConfig(t, filepath.Join(dir, "*.jsonl"))
	cfg.Offsets = "chars"
	c := runPipeline(t, cfg)

	cli, stderr, code := runCLI(t, append([]string{"-quiet", "-format", "jsonl", "-in", "jsonl", "-offsets", "chars"}, jsonl...)...)
	require.Equal(t, 0, code, "saywho: %s", stderr)
	want := byID(t, strings.Split(strings.TrimSpace(cli), "\n"))
	require.Len(t, want, len(paths))
	got := byID(t, readLines(t, cfg.Output, "results-*-of-00004.jsonl", 4))
	assert.Equal(t, want, got)
	for id, l := range got {
		assert.Contains(t, l, `"lang":"en"`, "%s: the line's other fields are carried", id)
		assert.Contains(t, l, `"offsets":"chars"`, id)
	}
	wantAgg, _ := expectedAggregate(t, cli, cfg.Examples)
	assert.Equal(t, wantAgg, decodeAggregate(t, readLines(t, cfg.Output, "speakers.jsonl", 1)))
	assert.Equal(t, int64(len(paths)), c.get("documents"))
}

// Bad inputs go to the dead letter with their reason, the others are
// analysed: an unreadable file (a dangling link, a directory), a file over
// --max-bytes, and a JSONL file with a broken line, a line over the limit
// and a line without text.
func TestDeadLetter(t *testing.T) {
	dir := t.TempDir()
	good := "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday."
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	goodTxt := write("good.txt", good)
	bigTxt := write("big.txt", strings.Repeat("The minister said the plan would work. ", 30))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "dir.txt"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "gone.txt")))
	line := func(id, text string) string {
		b, err := json.Marshal(map[string]string{"id": id, "text": text})
		require.NoError(t, err)
		return string(b)
	}
	docs := write("docs.jsonl", strings.Join([]string{
		line("first", good),
		`{"id": "broken", "text": "unterminated`,
		line("long", strings.Repeat("x", 1200)),
		`{"id": "no-text"}`,
		``,
		line("last", "Officials said the bridge was safe."),
	}, "\n")+"\n")

	cfg := testConfig(t, filepath.Join(dir, "*"))
	cfg.MaxBytes = 1000
	c := runPipeline(t, cfg)

	var dead []deadLetter
	for _, l := range readLines(t, cfg.Output, "deadletter.jsonl", 1) {
		var d deadLetter
		require.NoError(t, json.Unmarshal([]byte(l), &d), "line %q", l)
		dead = append(dead, d)
	}
	type key struct {
		input string
		line  int
		kind  failure
	}
	var got []key
	for _, d := range dead {
		got = append(got, key{d.Input, d.Line, d.Kind})
		assert.NotEmpty(t, d.Reason, "%+v", d)
	}
	want := []key{
		{bigTxt, 0, failTooLarge},
		{filepath.Join(dir, "dir.txt"), 0, failUnreadable},
		{docs, 2, failBadLine},
		{docs, 3, failTooLarge},
		{docs, 4, failBadLine},
		{filepath.Join(dir, "gone.txt"), 0, failUnreadable},
	}
	assert.Equal(t, want, got, "dead letters, in input and line order")
	assert.Contains(t, dead[0].Reason, "over the --max-bytes limit of 1000")
	assert.Contains(t, dead[1].Reason, "is a directory")
	assert.Contains(t, dead[5].Reason, "no such file")

	// The command names the same JSONL lines, with the same messages.
	_, stderr, code := runCLI(t, "-quiet", "-format", "jsonl", "-in", "jsonl", "-max-bytes", "1000", docs)
	assert.Equal(t, exitInput, code)
	for _, d := range dead[2:5] {
		assert.Contains(t, stderr, d.Reason, "saywho names %s:%d as the pipeline does", d.Input, d.Line)
	}

	results := byID(t, readLines(t, cfg.Output, "results-*.jsonl", 4))
	ids := slices.Sorted(maps.Keys(results))
	assert.Equal(t, slices.Sorted(slices.Values([]string{"first", goodTxt, "last"})), ids, "the good documents are analysed")
	assert.Equal(t, int64(3), c.get("documents"))
	assert.Equal(t, int64(len(want)), c.get("failures"))
}

func TestRunExitStatus(t *testing.T) {
	var errw bytes.Buffer
	assert.Equal(t, exitUsage, run(context.Background(), Config{}, &errw))
	assert.Contains(t, errw.String(), "--input: a glob of input files is required")

	errw.Reset()
	cfg := testConfig(t, filepath.Join(t.TempDir(), "nothing-*.txt"))
	assert.Equal(t, exitInput, run(context.Background(), cfg, &errw), "a glob matching nothing fails the run")
	assert.Contains(t, errw.String(), "failures=1")
	d := readLines(t, cfg.Output, "deadletter.jsonl", 1)
	require.Len(t, d, 1)
	assert.Contains(t, d[0], `"kind":"no_match"`)
	assert.Len(t, readLines(t, cfg.Output, "results-*.jsonl", 4), 0, "every results shard is written, empty")

	errw.Reset()
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	_, paths := corpusDir(t)
	cfg = testConfig(t, paths[0])
	cfg.Output = filepath.Join(file, "out")
	assert.Equal(t, exitJob, run(context.Background(), cfg, &errw), "an output that cannot be written fails the job")
	assert.Contains(t, errw.String(), "the job failed, the output under "+cfg.Output+" is incomplete")
	assert.Contains(t, errw.String(), "not a directory", "the runner's error names the cause")
	t.Logf("%s", errw.String())
}
