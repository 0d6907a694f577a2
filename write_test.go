package saywho

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/corpus"
)

// failWriter accepts n bytes, then fails every write.
type failWriter struct {
	n   int
	err error
}

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return len(p), nil
	}
	k := f.n
	f.n = 0
	return k, f.err
}

// TestWritersReportWriteErrors checks that every format returns the
// underlying writer's error, on the first document, on a later one and on
// Close, named with the format.
func TestWritersReportWriteErrors(t *testing.T) {
	r1, r2 := analyseWithDocument(t, "one", multilingual), analyseWithDocument(t, "two", "“Fine,” he said.")
	full := errors.New("no space left on device")
	for _, f := range Formats() {
		var ok bytes.Buffer
		w := NewWriter(&ok, f, WriteOptions{})
		require.NoError(t, w.Write(r1))
		afterFirst := ok.Len()
		require.NoError(t, w.Write(r2))
		require.NoError(t, w.Close())
		total := ok.Len()
		for _, limit := range []int{0, afterFirst, total - 1} {
			t.Run(f.String(), func(t *testing.T) {
				w := NewWriter(&failWriter{n: limit, err: full}, f, WriteOptions{})
				err := w.Write(r1)
				if err == nil {
					err = w.Write(r2)
				}
				if err == nil {
					err = w.Close()
				}
				require.Error(t, err, "%s failing after %d of %d bytes", f, limit, total)
				assert.ErrorIs(t, err, full)
				assert.Contains(t, err.Error(), "writing "+f.String()+" output")
			})
		}
	}
	if d, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		defer d.Close()
		for _, f := range Formats() {
			w := NewWriter(d, f, WriteOptions{})
			err := w.Write(r1)
			if err == nil {
				err = w.Close()
			}
			assert.Error(t, err, "%s to /dev/full", f)
		}
	}
}

func TestJSONArrayWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, FormatJSON, WriteOptions{Offsets: Chars})
	require.NoError(t, w.Close())
	assert.Equal(t, "[]\n", buf.String())
	buf.Reset()
	w = NewWriter(&buf, FormatJSON, WriteOptions{Offsets: Chars})
	for _, id := range []string{"a", "b"} {
		require.NoError(t, w.Write(analyse(t, id, multilingual)))
	}
	require.NoError(t, w.Close())
	var rs []Result
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rs), buf.String())
	require.Len(t, rs, 2)
	assert.Equal(t, Chars, rs[1].Offsets)
	assert.True(t, strings.HasPrefix(buf.String(), "[\n  {\n    \"id\": \"a\",\n"), buf.String()[:40])
}

func TestCSVWriter(t *testing.T) {
	r := analyse(t, "m", multilingual)
	var buf bytes.Buffer
	w := NewWriter(&buf, FormatCSV, WriteOptions{Offsets: Chars})
	require.NoError(t, w.Write(r))
	require.NoError(t, w.Close())
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 1+len(r.Claims), "a header and one row per claim")
	assert.Equal(t, csvColumns, rows[0])
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	c, err := r.WithOffsets(Chars)
	require.NoError(t, err)
	for i, row := range rows[1:] {
		cl := c.Claims[i]
		assert.Equal(t, "m", row[col["id"]])
		assert.Equal(t, cl.Kind.String(), row[col["kind"]])
		assert.Equal(t, cl.Content[0].Text, row[col["content"]])
		assert.Equal(t, "chars", row[col["offsets"]])
		if cl.Cue != nil {
			assert.Equal(t, cl.Cue.Text, row[col["cue"]])
		}
	}
}

func TestCitronWriter(t *testing.T) {
	text := "Ms. Ana Ruiz arrived in Zürich. “Prices will fall,” she said. “And soon.”\n\nOfficials said it was fair."
	r := analyse(t, "doc", text)
	var warned []string
	var buf bytes.Buffer
	w := NewWriter(&buf, FormatCitron, WriteOptions{Warn: func(s string) { warned = append(warned, s) }})
	require.NoError(t, w.Write(r))
	require.NoError(t, w.Write(analyse(t, "two", "“Fine,” he said.")))
	require.NoError(t, w.Close())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 2, "one Citron document per line")
	assert.NotContains(t, lines[0], `"cue":null`)
	a, err := corpus.DecodeCitron(strings.NewReader(lines[0]))
	require.NoError(t, err)
	assert.Equal(t, "citron:doc", a.ID)
	assert.Equal(t, text, a.Doc.Text)
	require.NotEmpty(t, a.Claims)
	var speakers []string
	for _, c := range a.Claims {
		speakers = append(speakers, c.Speaker.Name)
	}
	assert.Contains(t, speakers, "Ana Ruiz", "the pronoun's coreference names the speaker: %s", lines[0])
	t.Logf("warnings: %v", warned)
}

func TestSpeakers(t *testing.T) {
	var s Speakers
	s.Add(analyse(t, "a", "“Prices will fall,” Ana Ruiz said. “Soon,” she added. Officials said it was fair."))
	s.Add(analyse(t, "b", "Ana Ruiz said the plan worked."))
	list := s.List()
	require.NotEmpty(t, list)
	assert.Equal(t, "Ana Ruiz", list[0].Name)
	assert.Equal(t, 2, list[0].Documents)
	assert.Equal(t, 3, len(list[0].Claims))
	var buf bytes.Buffer
	require.NoError(t, WriteSpeakers(&buf, list, FormatJSON))
	var back []SpeakerClaims
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	assert.Equal(t, list[0].Claims, back[0].Claims)
	buf.Reset()
	require.NoError(t, WriteSpeakers(&buf, list, FormatText))
	assert.Contains(t, buf.String(), "== Ana Ruiz: 3 claims in 2 documents")
	assert.Error(t, WriteSpeakers(&buf, list, FormatCSV))
	assert.ErrorContains(t, WriteSpeakers(&failWriter{err: errors.New("full")}, list, FormatText), "full")
}
