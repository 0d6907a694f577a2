package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/seeds"
)

// lockedBuffer collects the server's standard error from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServeCmd runs serve with args in a goroutine through start (one of
// serveUntil's wrappers) and returns the address once it listens, and a
// channel with its exit status.
func startServeCmd(t *testing.T, start func(args []string, errw io.Writer, ready func(string)) int, args ...string) (string, *lockedBuffer, chan int) {
	t.Helper()
	var errw lockedBuffer
	addr := make(chan string, 1)
	status := make(chan int, 1)
	go func() {
		status <- start(append([]string{"-addr", "127.0.0.1:0"}, args...), &errw, func(a string) { addr <- a })
	}()
	select {
	case a := <-addr:
		return "http://" + a, &errw, status
	case st := <-status:
		t.Fatalf("saywho serve exited with %d before listening: %s", st, errw.String())
	case <-time.After(30 * time.Second):
		t.Fatal("saywho serve did not listen within 30 s")
	}
	return "", nil, nil
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

// TestServeCommand runs `saywho serve`: the page, the API, the access log
// and a clean exit when its context ends.
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, errw, status := startServeCmd(t, func(args []string, errw io.Writer, ready func(string)) int {
		return serveUntil(ctx, args, errw, ready)
	}, "-max-inflight", "3")

	code, body := get(t, url+"/")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `<form id="input"`)
	code, body = get(t, url+"/v1/health")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `"status":"ready"`)
	assert.Contains(t, body, `"max_in_flight":3`)

	text, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	res, err := http.Post(url+"/v1/analyze?id=seed&offsets=chars", "text/plain; charset=utf-8", strings.NewReader(text))
	require.NoError(t, err)
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, string(b))
	var r saywho.Result
	require.NoError(t, json.Unmarshal(b, &r))
	assert.Equal(t, "seed", r.ID)
	assert.Equal(t, saywho.Chars, r.Offsets)
	assert.NotEmpty(t, r.Claims)

	cancel()
	select {
	case st := <-status:
		assert.Equal(t, exitOK, st, errw.String())
	case <-time.After(30 * time.Second):
		t.Fatal("saywho serve did not stop when its context ended")
	}
	log := errw.String()
	assert.Contains(t, log, "msg=listening url="+url+"/")
	assert.Len(t, regexp.MustCompile(`msg=request `).FindAllString(log, -1), 3, log)
	assert.Contains(t, log, "method=POST path=/v1/analyze status=200")
	assert.Contains(t, log, "msg=stopped")
}

func TestServeFlags(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	for _, tc := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"-max-bytes", "0"}, exitUsage, "must be positive"},
		{[]string{"-timeout", "-1s"}, exitUsage, "must be positive"},
		{[]string{"-allow-origin", "news.example"}, exitUsage, "want scheme://host[:port]"},
		{[]string{"-allow-host", "news.example:443"}, exitUsage, "want a host name without scheme or port"},
		{[]string{"-ner", "bert"}, exitUsage, "bert"},
		{[]string{"extra"}, exitUsage, "serve takes flags only"},
		{[]string{"-nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"-addr", ln.Addr().String()}, exitInput, "address already in use"},
	} {
		var errw strings.Builder
		st := serveUntil(context.Background(), tc.args, &errw, nil)
		assert.Equal(t, tc.status, st, "%v: %s", tc.args, errw.String())
		assert.Contains(t, errw.String(), tc.want, "%v", tc.args)
	}
	status, out, _ := runCLI(t, nil, "help", "serve")
	assert.Equal(t, exitOK, status)
	for _, want := range []string{"POST /v1/analyze/batch", "-allow-origin", "-allow-host", "-max-inflight", "-grace", "-timeout"} {
		assert.Contains(t, out, want)
	}
}

// TestHTMLFormat checks saywho -format html: one page holding each
// document's text and its Result (character offsets), as the library gives
// it, with the script and style sheet inline.
func TestHTMLFormat(t *testing.T) {
	in := "“It works,” said <b>Jane Doe</b> & co. </script><script>alert(1)</script>"
	status, out, errs := runCLI(t, &in, "-format", "html")
	require.Equal(t, 0, status, errs)
	assert.True(t, strings.HasPrefix(out, "<!doctype html>"), out[:40])
	assert.Contains(t, out, `<meta http-equiv="Content-Security-Policy"`)
	assert.NotContains(t, out, `<script src=`, "nothing is fetched")
	m := regexp.MustCompile(`(?s)<script type="application/json" class="saywho-doc">(.*?)</script>`).FindAllStringSubmatch(out, -1)
	require.Len(t, m, 1)
	var doc struct {
		Text   string          `json:"text"`
		Result json.RawMessage `json:"result"`
	}
	require.NoError(t, json.Unmarshal([]byte(m[0][1]), &doc))
	assert.Equal(t, in, doc.Text)
	r, err := saywho.Default().Analyze(context.Background(), "stdin", in)
	require.NoError(t, err)
	r, err = r.WithOffsets(saywho.Chars)
	require.NoError(t, err)
	want, err := r.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(doc.Result))
}
