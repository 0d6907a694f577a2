package serve_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/serve"
)

// lines splits JSON Lines output.
func lines(b []byte) []string {
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// TestBatch checks that a batch gives one line per non-blank input line,
// in input order: the library's Result for a document, the line number and
// the reader's message for a bad line.
func TestBatch(t *testing.T) {
	ts, _ := newServer(t, serve.Config{BatchWorkers: 2})
	a, b := "“It works,” she said.", "Officials said the plan had failed."
	in := fmt.Sprintf(`{"id": "a", "text": %q, "source": "wire"}
not json

{"id": "b", "text": %q}
{"id": "c"}
{"id": "d", "text": ""}
`, a, b)
	res := call(t, "POST", ts.URL+"/v1/analyze/batch?offsets=chars", strings.NewReader(in), "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	assert.Equal(t, "application/x-ndjson; charset=utf-8", res.header.Get("Content-Type"))
	out := lines(res.body)
	require.Len(t, out, 5, string(res.body))
	assert.Equal(t, string(libraryJSON(t, "a", a, saywho.Chars, saywho.Field{Key: "source", Value: json.RawMessage(`"wire"`)})), out[0]+"\n")
	assert.JSONEq(t, `{"line": 2, "error": "not a JSON object (want {\"id\": …, \"text\": …} on each line)"}`, out[1])
	assert.Equal(t, string(libraryJSON(t, "b", b, saywho.Chars)), out[2]+"\n")
	assert.JSONEq(t, `{"line": 5, "error": "no \"text\" string field"}`, out[3])
	var r saywho.Result
	require.NoError(t, json.Unmarshal([]byte(out[4]), &r))
	assert.Equal(t, "d", r.ID)
	assert.Contains(t, r.Warnings, "empty input: no text to analyse")

	// An empty batch is an empty answer.
	res = call(t, "POST", ts.URL+"/v1/analyze/batch", strings.NewReader(""), "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, res.status)
	assert.Empty(t, res.body)
}

// TestBatchStreams checks that results are flushed as they are done: the
// first result arrives while the client has not sent the second line.
func TestBatchStreams(t *testing.T) {
	ts, _ := newServer(t, serve.Config{})
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", ts.URL+"/v1/analyze/batch", pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-ndjson")
	type answer struct {
		res *http.Response
		err error
	}
	got := make(chan answer, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		got <- answer{res, err}
	}()
	_, err = io.WriteString(pw, `{"id": "first", "text": "“One,” she said."}`+"\n")
	require.NoError(t, err)
	var ans answer
	select {
	case ans = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("no response headers while the batch is open")
	}
	require.NoError(t, ans.err)
	defer ans.res.Body.Close()
	require.Equal(t, http.StatusOK, ans.res.StatusCode)
	rd := bufio.NewReader(ans.res.Body)
	line, err := rd.ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, line, `"id":"first"`, "the first result came before the second line was sent")

	_, err = io.WriteString(pw, `{"id": "second", "text": "“Two,” he said."}`+"\n")
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	rest, err := io.ReadAll(rd)
	require.NoError(t, err)
	require.Len(t, lines(rest), 1)
	assert.Contains(t, string(rest), `"id":"second"`)
}

// TestBatchLimits checks the body limit (413 when the length is known,
// in-band when it is found out while reading) and the line limit.
func TestBatchLimits(t *testing.T) {
	ts, _ := newServer(t, serve.Config{MaxBytes: 100, MaxBatchBytes: 300})
	doc := `{"id": "x", "text": "“Fine,” he said."}` + "\n" // 44 bytes
	long := `{"id": "long", "text": "` + strings.Repeat("a", 120) + `"}` + "\n"

	res := call(t, "POST", ts.URL+"/v1/analyze/batch", strings.NewReader(strings.Repeat(doc, 8)), "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusRequestEntityTooLarge, res.status, string(res.body))
	assert.Contains(t, string(res.body), "over the limit of 300 bytes")

	// Without a Content-Length: the documents up to the limit, then a last
	// line saying why the rest was not read.
	res = call(t, "POST", ts.URL+"/v1/analyze/batch", io.MultiReader(strings.NewReader(strings.Repeat(doc, 8))), "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	out := lines(res.body)
	require.GreaterOrEqual(t, len(out), 2)
	for _, l := range out[:len(out)-1] {
		assert.Contains(t, l, `"id":"x"`)
	}
	var last struct {
		Line  int    `json:"line"`
		Error string `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(out[len(out)-1]), &last))
	assert.Contains(t, last.Error, "over the limit of 300 bytes")
	assert.Equal(t, len(out), last.Line)

	res = call(t, "POST", ts.URL+"/v1/analyze/batch", strings.NewReader(doc+long+doc), "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	out = lines(res.body)
	require.Len(t, out, 3)
	assert.JSONEq(t, `{"line": 2, "error": "line longer than 100 bytes (the -max-bytes limit): skipped"}`, out[1])
	assert.Contains(t, out[2], `"id":"x"`)
}
