package saywho

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAll reads every document and every line error of input.
func readAll(t *testing.T, r *JSONLReader) ([]Document, []*LineError) {
	t.Helper()
	var docs []Document
	var bad []*LineError
	for {
		d, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, bad
		}
		var le *LineError
		if errors.As(err, &le) {
			bad = append(bad, le)
			continue
		}
		require.NoError(t, err)
		docs = append(docs, d)
	}
}

func TestJSONLReader(t *testing.T) {
	input := strings.Join([]string{
		`{"id": "a", "text": "One.", "source": "wire", "tags": ["x"]}`,
		``,
		`{"text": "No id.", "id": 17}`,
		`not json`,
		`{"id": "c"}`,
		`{"id": ["x"], "text": "t"}`,
		`{"text": 5}`,
		`{"text": "two"} {"text": "values"}`,
		"{\"text\": \"crlf \u201cquoted\u201d\"}\r",
		`{"text": "no newline at the end"}`,
	}, "\n")
	docs, bad := readAll(t, NewJSONLReader(strings.NewReader(input), "c.jsonl"))
	require.Len(t, docs, 4)
	assert.Equal(t, Document{ID: "a", Text: "One.", Line: 1, Extra: []Field{{"source", []byte(`"wire"`)}, {"tags", []byte(`["x"]`)}}}, docs[0])
	assert.Equal(t, "17", docs[1].ID, "a number id keeps its digits")
	assert.Equal(t, 3, docs[1].Line)
	assert.Equal(t, "crlf “quoted”", docs[2].Text)
	assert.Equal(t, "c.jsonl:9", docs[2].ID, "no id: name and line")
	assert.Equal(t, "no newline at the end", docs[3].Text)
	var msgs []string
	for _, e := range bad {
		msgs = append(msgs, e.Error())
	}
	assert.Equal(t, []string{
		`c.jsonl:4: not a JSON object (want {"id": …, "text": …} on each line)`,
		`c.jsonl:5: no "text" string field`,
		`c.jsonl:6: "id" is an array, want a string or a number`,
		`c.jsonl:7: "text" is a number, want a string`,
		`c.jsonl:8: more than one JSON value on the line`,
	}, msgs)
}

func TestJSONLReaderLongLines(t *testing.T) {
	long := `{"text": "` + strings.Repeat("x", 200_000) + `"}`
	input := `{"text": "short"}` + "\n" + long + "\n" + `{"text": "after"}` + "\n" + long
	r := NewJSONLReader(iotest.HalfReader(strings.NewReader(input)), "in")
	r.MaxBytes = 100_000
	docs, bad := readAll(t, r)
	require.Len(t, docs, 2)
	assert.Equal(t, "after", docs[1].Text)
	assert.Equal(t, 3, docs[1].Line)
	require.Len(t, bad, 2)
	assert.Equal(t, "in:2: line longer than 100000 bytes (the -max-bytes limit): skipped", bad[0].Error())
	assert.Equal(t, 4, bad[1].Line, "a long last line without a line break")
	assert.LessOrEqual(t, cap(r.buf), 200_000, "the long lines were not held")

	r = NewJSONLReader(strings.NewReader(long), "in")
	docs, bad = readAll(t, r)
	assert.Len(t, docs, 1, "the default limit is far above 200 KB")
	assert.Empty(t, bad)
}

func TestJSONLReaderInputError(t *testing.T) {
	r := NewJSONLReader(iotest.TimeoutReader(strings.NewReader(`{"text": "a"}`+"\n"+strings.Repeat(" ", 70_000))), "in")
	_, err := r.Read()
	require.NoError(t, err)
	_, err = r.Read()
	require.Error(t, err)
	var le *LineError
	assert.False(t, errors.As(err, &le), "an input error is final, not a bad line")
	assert.ErrorContains(t, err, "reading in at line 2")
}

// FuzzJSONLReader checks that any input gives documents or line errors,
// never a panic, that line numbers only grow, and that an error names its
// line.
func FuzzJSONLReader(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add([]byte(`{"id": "a", "text": "One.", "x": [1, {"y": null}]}` + "\n\n" + `{"text": 3}` + "\nnot json\n"))
	f.Add([]byte("{\"text\": \"\\u201c\xff\"}\r\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewJSONLReader(bytes.NewReader(data), "f")
		r.MaxBytes = 64
		last := 0
		for range len(data) + 2 {
			d, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			var le *LineError
			switch {
			case errors.As(err, &le):
				if le.Line <= last {
					t.Fatalf("line %d after line %d", le.Line, last)
				}
				last = le.Line
				if !strings.HasPrefix(le.Error(), "f:") {
					t.Fatalf("error %q does not name the input", le)
				}
			case err != nil:
				t.Fatalf("Read: %v", err)
			default:
				if d.Line <= last || d.ID == "" {
					t.Fatalf("document %+v after line %d", d, last)
				}
				last = d.Line
			}
		}
		t.Fatalf("Read did not reach the end of %d bytes", len(data))
	})
}
