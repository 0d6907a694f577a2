package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/corpus"
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

func TestHelpAndVersion(t *testing.T) {
	status, out, _ := runCLI(t, nil, "help")
	require.Equal(t, 0, status)
	for _, want := range []string{"-format", "-in", "-offsets", "-ner", "-j", "-max-bytes", "-quiet", "-version",
		"Inputs:", "Output", "Exit codes:", `"offsets": "bytes"|"chars"`, "saywho speakers", "saywho eval"} {
		assert.Contains(t, out, want)
	}
	status, _, errs := runCLI(t, nil, "-h")
	assert.Equal(t, 0, status)
	assert.Contains(t, errs, "Exit codes:")
	assert.Contains(t, errs, "-j int")
	status, out, _ = runCLI(t, nil, "help", "eval")
	assert.Equal(t, 0, status)
	assert.Contains(t, out, "-allow-load-errors")
	status, _, errs = runCLI(t, nil, "help", "nope")
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, `unknown command "nope"`)
	for _, args := range [][]string{{"-version"}, {"version"}} {
		status, out, _ = runCLI(t, nil, args...)
		assert.Equal(t, 0, status)
		assert.Contains(t, out, "ner model "+extract.ModelVersion)
		assert.Contains(t, out, "syntax model "+extract.SyntaxModelVersion)
		assert.Contains(t, out, "claims models "+claims.ModelVersion)
	}
}

func TestEmptyDirectoryIsReported(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, nil, "-format", "jsonl", dir)
	assert.Equal(t, 1, status)
	assert.Empty(t, out)
	assert.Contains(t, errs, dir+": no *.txt files in this directory")
}

func TestMaxBytesAndUTF16(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	require.NoError(t, os.WriteFile(big, []byte(strings.Repeat("Words and more words. ", 20)), 0o644))
	u16 := filepath.Join(dir, "u16.txt")
	le := []byte{0xFF, 0xFE}
	for _, r := range "“Yes,” said Ana Ruiz." {
		le = append(le, byte(r), byte(r>>8))
	}
	require.NoError(t, os.WriteFile(u16, le, 0o644))
	status, out, errs := runCLI(t, nil, "-format", "jsonl", "-max-bytes", "100", big, u16)
	assert.Equal(t, 1, status)
	assert.Contains(t, errs, big+": 440 bytes or more, over the -max-bytes limit of 100")
	assert.Contains(t, errs, "UTF-16LE input (byte order mark) decoded to UTF-8")
	var d saywho.Result
	require.NoError(t, json.Unmarshal([]byte(out), &d), "only the UTF-16 file is in the output")
	assert.Equal(t, u16, d.ID)
	checkSpans(t, "“Yes,” said Ana Ruiz.", d)

	in := `{"id": "small", "text": "Fine."}` + "\n" + `{"id": "big", "text": "` + strings.Repeat("x", 200) + `"}` + "\n"
	status, out, errs = runCLI(t, &in, "-in", "jsonl", "-format", "jsonl", "-max-bytes", "100")
	assert.Equal(t, 1, status)
	assert.Contains(t, errs, "stdin:2: line longer than 100 bytes")
	assert.Equal(t, 1, strings.Count(out, "\n"))
}

func TestJSONLInput(t *testing.T) {
	in := `{"id": "a", "source": "wire", "text": "“We will win,” said Jane Doe.", "date": "2026-01-02"}
{"id": "b" "text": "broken"}

{"text": "Officials said it was fair."}
`
	status, out, errs := runCLI(t, &in, "-in", "jsonl", "-format", "jsonl", "-j", "2")
	assert.Equal(t, 1, status, "a bad line makes the status 1")
	assert.Contains(t, errs, "stdin:2: bad JSON")
	assert.Contains(t, errs, "2 documents")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasPrefix(lines[0], `{"id":"a","source":"wire","date":"2026-01-02","offsets":"bytes",`), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], `{"id":"stdin:4","offsets":"bytes",`), lines[1])
	var d saywho.Result
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &d))
	checkSpans(t, "“We will win,” said Jane Doe.", d)
}

// TestJSONLMatchesFileByFile checks that documents given as JSON Lines on
// standard input give, at -j 1 and -j 2, the bytes the file-by-file run
// gives (the big run of the target is a documented command, see
// README).
func TestJSONLMatchesFileByFile(t *testing.T) {
	dir := t.TempDir()
	seed, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	texts := []string{seed, "“We will win,” said Jane Doe.", "", "Caf\xc3\xa9 owners said prices rose. “Too much,” one said.", seed[:2000]}
	var files []string
	var jsonl strings.Builder
	for i, tx := range texts {
		p := filepath.Join(dir, string(rune('a'+i))+".txt")
		require.NoError(t, os.WriteFile(p, []byte(tx), 0o644))
		files = append(files, p)
		b, err := json.Marshal(map[string]string{"id": p, "text": tx})
		require.NoError(t, err)
		jsonl.Write(append(b, '\n'))
	}
	in := jsonl.String()
	status, want, errs := runCLI(t, nil, append([]string{"-format", "jsonl", "-j", "1"}, files...)...)
	require.Equal(t, 0, status, errs)
	for _, j := range []string{"1", "2"} {
		status, got, errs := runCLI(t, &in, "-in", "jsonl", "-format", "jsonl", "-j", j)
		require.Equal(t, 0, status, errs)
		assert.Equal(t, want, got, "-j %s", j)
	}
}

// failOut fails every write after the first n bytes.
type failOut struct{ n int }

func (f *failOut) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return len(p), nil
	}
	return 0, errors.New("no space left on device")
}

func TestWriteErrorsEndTheRun(t *testing.T) {
	for _, format := range []string{"text", "json", "jsonl", "csv", "citron"} {
		for _, n := range []int{0, 100} {
			var errw bytes.Buffer
			status := run([]string{"-format", format}, nil, &failOut{n: n}, &errw)
			assert.Equal(t, 3, status, "%s after %d bytes", format, n)
			assert.Contains(t, errw.String(), "writing "+format+" output", format)
			assert.Contains(t, errw.String(), "no space left on device (output stopped)")
		}
		status, _, errs := runCLIOut(t, &failOut{}, "speakers", "-format", "json")
		assert.Equal(t, 3, status)
		assert.Contains(t, errs, "no space left")
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	for _, format := range []string{"text", "json", "jsonl", "csv", "citron"} {
		var errw bytes.Buffer
		status := run([]string{"-format", format}, nil, full, &errw)
		assert.Equal(t, 3, status, "%s > /dev/full", format)
		assert.Contains(t, errw.String(), "no space left on device", format)
	}
}

// runCLIOut runs the command with out as standard output.
func runCLIOut(t *testing.T, out io.Writer, args ...string) (int, string, string) {
	t.Helper()
	var errw bytes.Buffer
	return run(args, nil, out, &errw), "", errw.String()
}

// signalOut reports its first write on first.
type signalOut struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan struct{}
}

func (s *signalOut) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.buf.Len() == 0 {
		close(s.first)
	}
	return s.buf.Write(p)
}

// TestStreamsBeforeInputEnds feeds JSON Lines through a pipe and holds the
// rest of the input back until the first result is out: the command must
// write results as they are done, not at the end.
func TestStreamsBeforeInputEnds(t *testing.T) {
	pr, pw := io.Pipe()
	out := &signalOut{first: make(chan struct{})}
	line := `{"text": "“We will win,” said Jane Doe."}` + "\n"
	go func() {
		for range 3 {
			io.WriteString(pw, line)
		}
		select {
		case <-out.first:
		case <-time.After(20 * time.Second):
		}
		for range 50 {
			io.WriteString(pw, line)
		}
		pw.Close()
	}()
	var errw bytes.Buffer
	status := run([]string{"-in", "jsonl", "-format", "jsonl", "-j", "2", "-quiet"}, pr, out, &errw)
	require.Equal(t, 0, status, errw.String())
	select {
	case <-out.first:
	default:
		t.Fatal("no output")
	}
	assert.Equal(t, 53, strings.Count(out.buf.String(), "\n"))
	assert.Empty(t, errw.String(), "-quiet: no summary")
}

func TestFormatsAndOffsets(t *testing.T) {
	in := "“Wir schaffen das,” sagte Ana Ruiz in Zürich. Officials said it was fair."
	status, out, errs := runCLI(t, &in, "-format", "jsonl", "-offsets", "chars")
	require.Equal(t, 0, status, errs)
	var d saywho.Result
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	assert.Equal(t, saywho.Chars, d.Offsets)
	runes := []rune(in)
	for _, e := range d.Entities {
		assert.Equal(t, e.Text, string(runes[e.Start:e.End]))
	}
	status, out, _ = runCLI(t, &in, "-format", "csv")
	require.Equal(t, 0, status)
	assert.True(t, strings.HasPrefix(out, "id,claim,kind,speaker,"))
	status, out, _ = runCLI(t, &in, "-format", "citron")
	require.Equal(t, 0, status)
	a, err := corpus.DecodeCitron(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, in, a.Doc.Text)
	status, _, errs = runCLI(t, &in, "-offsets", "runes")
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, `unknown -offsets "runes"`)
	status, _, errs = runCLI(t, &in, "-in", "xml")
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, `unknown -in "xml"`)
}

func TestSpeakersCommand(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"a.txt": "“Prices will fall,” Ana Ruiz said.", "b.txt": "Ana Ruiz said it worked. Officials said it failed."} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	status, out, errs := runCLI(t, nil, "speakers", dir)
	require.Equal(t, 0, status, errs)
	assert.Contains(t, out, "== Ana Ruiz: 2 claims in 2 documents")
	status, out, _ = runCLI(t, nil, "speakers", "-format", "json", dir)
	require.Equal(t, 0, status)
	var list []saywho.SpeakerClaims
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	assert.Equal(t, "Ana Ruiz", list[0].Name)
	status, _, errs = runCLI(t, nil, "speakers", "-format", "csv", dir)
	assert.Equal(t, 2, status)
	assert.Contains(t, errs, "want text or json")
}

func TestMemoryLimit(t *testing.T) {
	for _, tt := range []struct {
		largest int64
		workers int
		want    int64
	}{
		{0, 2, 256 << 20},
		{-1, 2, 256 << 20},
		{10 << 10, 1, 256<<20 + 24*10<<10},
		{32 << 20, 2, 256<<20 + 2*24*32<<20},
		{math.MaxInt64 / 2, 2, math.MaxInt64},
	} {
		if got := memoryLimit(tt.largest, tt.workers); got != tt.want {
			t.Errorf("memoryLimit(%d, %d) = %d, want %d", tt.largest, tt.workers, got, tt.want)
		}
	}
}
