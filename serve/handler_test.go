package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/internal/page"
	"github.com/saywho/saywho/seeds"
	"github.com/saywho/saywho/serve"
)

// seedText is the embedded seed article.
func seedText(t testing.TB) string {
	t.Helper()
	s, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	return s
}

// syncBuffer is a bytes.Buffer safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newServer starts a Handler for cfg on a loopback httptest server.
func newServer(t testing.TB, cfg serve.Config) (*httptest.Server, *serve.Handler) {
	t.Helper()
	h, err := serve.New(cfg)
	require.NoError(t, err)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, h
}

// response is what a test request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

// call sends one request; header is pairs of names and values.
func call(t testing.TB, method, url string, body io.Reader, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return response{res.StatusCode, res.Header, b}
}

// libraryJSON is what the library itself gives for the document: the
// Result the server must return unchanged.
func libraryJSON(t testing.TB, id, text string, u saywho.Offsets, extra ...saywho.Field) []byte {
	t.Helper()
	r, err := saywho.Default().Analyze(context.Background(), id, text)
	require.NoError(t, err)
	r.Extra = extra
	r, err = r.WithOffsets(u)
	require.NoError(t, err)
	b, err := r.MarshalJSON()
	require.NoError(t, err)
	return append(b, '\n')
}

func TestAnalyzeReturnsTheLibrarysResult(t *testing.T) {
	ts, _ := newServer(t, serve.Config{})
	text := seedText(t)
	body, err := json.Marshal(map[string]any{"id": "seed", "text": text})
	require.NoError(t, err)
	for _, tc := range []struct {
		name, query string
		unit        saywho.Offsets
	}{{"default bytes", "", saywho.Bytes}, {"bytes", "?offsets=bytes", saywho.Bytes}, {"chars", "?offsets=chars", saywho.Chars}} {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, "POST", ts.URL+"/v1/analyze"+tc.query, bytes.NewReader(body), "Content-Type", "application/json")
			require.Equal(t, http.StatusOK, res.status, string(res.body))
			assert.Equal(t, "application/json; charset=utf-8", res.header.Get("Content-Type"))
			assert.Equal(t, string(libraryJSON(t, "seed", text, tc.unit)), string(res.body))
			var r saywho.Result
			require.NoError(t, json.Unmarshal(res.body, &r))
			assert.Equal(t, tc.unit, r.Offsets)
			assert.NotEmpty(t, r.Claims)
			cps := []rune(text)
			for _, c := range r.Claims {
				for _, s := range c.Content {
					if tc.unit == saywho.Chars {
						assert.Equal(t, string(cps[s.Start:s.End]), s.Text)
					} else {
						assert.Equal(t, text[s.Start:s.End], s.Text)
					}
				}
			}
		})
	}
}

func TestAnalyzeJSONFields(t *testing.T) {
	ts, _ := newServer(t, serve.Config{})
	text := "“It works,” she said."
	for _, tc := range []struct {
		name, body, wantID string
		extra              []saywho.Field
	}{
		{"string id, extra field kept after id", `{"id": "a", "text": "“It works,” she said.", "source": {"wire": true}}`, "a",
			[]saywho.Field{{Key: "source", Value: json.RawMessage(`{"wire":true}`)}}},
		{"number id", `{"id": 17, "text": "“It works,” she said."}`, "17", nil},
		{"no id", "{\n  \"text\": \"“It works,” she said.\"\n}\n", "request", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader(tc.body), "Content-Type", "application/json; charset=utf-8")
			require.Equal(t, http.StatusOK, res.status, string(res.body))
			assert.Equal(t, string(libraryJSON(t, tc.wantID, text, saywho.Bytes, tc.extra...)), string(res.body))
		})
	}
}

func TestAnalyzeText(t *testing.T) {
	ts, _ := newServer(t, serve.Config{})
	text := "“It works,” she said."
	res := call(t, "POST", ts.URL+"/v1/analyze?id=note-1", strings.NewReader(text), "Content-Type", "text/plain; charset=UTF-8")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	assert.Equal(t, string(libraryJSON(t, "note-1", text, saywho.Bytes)), string(res.body))

	// UTF-16 with a byte order mark is decoded, with a warning, as the command does.
	u := utf16.Encode([]rune(text))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	res = call(t, "POST", ts.URL+"/v1/analyze", bytes.NewReader(b), "Content-Type", "text/plain")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	var r saywho.Result
	require.NoError(t, json.Unmarshal(res.body, &r))
	assert.Equal(t, "request", r.ID)
	require.NotEmpty(t, r.Warnings)
	assert.Contains(t, r.Warnings[0], "UTF-16LE")
	require.NotEmpty(t, r.Claims)
	assert.Equal(t, "she", r.Claims[0].Source.Text)
}

// TestErrors covers every error of every route: its status, its JSON
// body, and the headers that go with it.
func TestErrors(t *testing.T) {
	ts, _ := newServer(t, serve.Config{MaxBytes: 64})
	big := strings.Repeat("x", 65)
	for _, tc := range []struct {
		name, method, path, ct, body string
		chunked                      bool // send the body without a Content-Length
		status                       int
		want                         string // in the error message
		header                       map[string]string
	}{
		{"analyze GET", "GET", "/v1/analyze", "", "", false, 405, "method GET not allowed", map[string]string{"Allow": "POST, OPTIONS"}},
		{"analyze no content type", "POST", "/v1/analyze", "", "{}", false, 415, "want application/json or text/plain", nil},
		{"analyze form", "POST", "/v1/analyze", "application/x-www-form-urlencoded", "text=a", false, 415, "application/x-www-form-urlencoded", nil},
		{"analyze latin-1", "POST", "/v1/analyze", "text/plain; charset=iso-8859-1", "a", false, 415, "want UTF-8", nil},
		{"analyze bad JSON", "POST", "/v1/analyze", "application/json", `{"text": `, false, 400, "bad JSON body", nil},
		{"analyze not an object", "POST", "/v1/analyze", "application/json", `["a"]`, false, 400, "not a JSON object", nil},
		{"analyze no text", "POST", "/v1/analyze", "application/json", `{"id": "a"}`, false, 400, `no "text" string field`, nil},
		{"analyze text not a string", "POST", "/v1/analyze", "application/json", `{"text": 3}`, false, 400, `"text" is a number`, nil},
		{"analyze id an object", "POST", "/v1/analyze", "application/json", `{"id": {}, "text": ""}`, false, 400, `"id" is an object`, nil},
		{"analyze two objects", "POST", "/v1/analyze", "application/json", `{"text": ""} {"text": ""}`, false, 400, "bad JSON body", nil},
		{"analyze empty JSON", "POST", "/v1/analyze", "application/json", ``, false, 400, "bad JSON body", nil},
		{"analyze bad offsets", "POST", "/v1/analyze?offsets=furlongs", "text/plain", "a", false, 400, "want bytes or chars", nil},
		{"analyze too large", "POST", "/v1/analyze", "text/plain", big, false, 413, "over the limit of 64 bytes", nil},
		{"analyze too large, chunked", "POST", "/v1/analyze", "text/plain", big, true, 413, "over the limit of 64 bytes", nil},
		{"batch GET", "GET", "/v1/analyze/batch", "", "", false, 405, "not allowed", map[string]string{"Allow": "POST, OPTIONS"}},
		{"batch wrong type", "POST", "/v1/analyze/batch", "text/csv", "a", false, 415, "want application/x-ndjson", nil},
		{"batch bad offsets", "POST", "/v1/analyze/batch?offsets=x", "application/x-ndjson", "", false, 400, "want bytes or chars", nil},
		{"health POST", "POST", "/v1/health", "text/plain", "", false, 405, "not allowed", map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
		{"page POST", "POST", "/", "text/plain", "", false, 405, "not allowed", map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
		{"asset DELETE", "DELETE", "/assets/app.js", "", "", false, 405, "not allowed", nil},
		{"unknown route", "GET", "/v2/analyze", "", "", false, 404, "no such route: /v2/analyze", nil},
		{"unknown asset", "GET", "/assets/nope.js", "", "", false, 404, "no such asset", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader = strings.NewReader(tc.body)
			if tc.chunked {
				body = io.MultiReader(body) // hides the length
			}
			hdr := []string{}
			if tc.ct != "" {
				hdr = append(hdr, "Content-Type", tc.ct)
			}
			res := call(t, tc.method, ts.URL+tc.path, body, hdr...)
			require.Equal(t, tc.status, res.status, string(res.body))
			assert.Equal(t, "application/json; charset=utf-8", res.header.Get("Content-Type"))
			var e struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			require.NoError(t, json.Unmarshal(res.body, &e), string(res.body))
			assert.Contains(t, e.Error, tc.want)
			assert.Equal(t, tc.status, e.Status)
			for k, v := range tc.header {
				assert.Equal(t, v, res.header.Get(k), k)
			}
			assert.Equal(t, "nosniff", res.header.Get("X-Content-Type-Options"))
		})
	}
}

// TestBusy checks the concurrency limit: with every slot taken a request
// is answered 503 with Retry-After at once, and served again when a slot
// is free.
func TestBusy(t *testing.T) {
	ts, h := newServer(t, serve.Config{MaxInFlight: 1, RetryAfter: 1500 * time.Millisecond})
	// Hold the only slot: a request whose body has not finished arriving.
	pr, pw := io.Pipe()
	held := make(chan response, 1)
	go func() {
		held <- call(t, "POST", ts.URL+"/v1/analyze?id=held", pr, "Content-Type", "text/plain")
	}()
	require.Eventually(t, func() bool { return h.Stats().InFlight == 1 }, 5*time.Second, time.Millisecond)

	for _, path := range []string{"/v1/analyze", "/v1/analyze/batch"} {
		ct := map[string]string{"/v1/analyze": "text/plain", "/v1/analyze/batch": "application/x-ndjson"}[path]
		res := call(t, "POST", ts.URL+path, strings.NewReader(`{"text": "a"}`), "Content-Type", ct)
		require.Equal(t, http.StatusServiceUnavailable, res.status, string(res.body))
		assert.Equal(t, "2", res.header.Get("Retry-After"), "1.5 s rounded up")
		assert.Contains(t, string(res.body), "busy")
	}
	// Health and the page are not limited.
	assert.Equal(t, http.StatusOK, call(t, "GET", ts.URL+"/v1/health", nil).status)
	assert.Equal(t, int64(2), h.Stats().Rejected)

	_, err := pw.Write([]byte("“Fine,” he said."))
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	res := <-held
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res = call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader("a"), "Content-Type", "text/plain")
	assert.Equal(t, http.StatusOK, res.status, "a slot is free again")
	assert.Equal(t, 1, h.Stats().MaxInFlight)
}

// TestDeadline checks that the request's deadline reaches the analysis:
// an analysis whose context is over answers 503 and names the deadline.
func TestDeadline(t *testing.T) {
	h, err := serve.New(serve.Config{Timeout: time.Nanosecond})
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "http://localhost/v1/analyze", strings.NewReader(seedText(t)))
	req.Header.Set("Content-Type", "text/plain")
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "took longer than the 1ns deadline")
	assert.Empty(t, rec.Header().Get("Retry-After"), "retrying will not help")

	// A body that does not arrive in time is answered 408.
	ts, _ := newServer(t, serve.Config{Timeout: 200 * time.Millisecond})
	pr, pw := io.Pipe()
	defer pw.Close()
	res := call(t, "POST", ts.URL+"/v1/analyze", pr, "Content-Type", "text/plain")
	assert.Equal(t, http.StatusRequestTimeout, res.status, string(res.body))
	assert.Contains(t, string(res.body), "did not arrive within 200ms")
}

func TestCrossOrigin(t *testing.T) {
	body := `{"text": "“Fine,” he said."}`
	t.Run("refused by default", func(t *testing.T) {
		ts, _ := newServer(t, serve.Config{})
		res := call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader(body), "Content-Type", "text/plain",
			"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		require.Equal(t, http.StatusForbidden, res.status, string(res.body))
		assert.Contains(t, string(res.body), "cross-origin request refused")
		assert.Empty(t, res.header.Get("Access-Control-Allow-Origin"))
		res = call(t, "OPTIONS", ts.URL+"/v1/analyze", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
		assert.Equal(t, http.StatusForbidden, res.status)
		assert.Empty(t, res.header.Get("Access-Control-Allow-Origin"))
		// The page's own requests are same-origin.
		res = call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader(body), "Content-Type", "application/json",
			"Origin", ts.URL, "Sec-Fetch-Site", "same-origin")
		assert.Equal(t, http.StatusOK, res.status, string(res.body))
	})
	t.Run("allowed origin", func(t *testing.T) {
		ts, _ := newServer(t, serve.Config{AllowOrigins: []string{"https://news.example"}})
		res := call(t, "OPTIONS", ts.URL+"/v1/analyze", nil, "Origin", "https://news.example", "Access-Control-Request-Method", "POST")
		require.Equal(t, http.StatusNoContent, res.status)
		assert.Equal(t, "https://news.example", res.header.Get("Access-Control-Allow-Origin"))
		assert.Equal(t, "GET, POST", res.header.Get("Access-Control-Allow-Methods"))
		assert.Equal(t, "Content-Type", res.header.Get("Access-Control-Allow-Headers"))
		res = call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader(body), "Content-Type", "application/json",
			"Origin", "https://news.example", "Sec-Fetch-Site", "cross-site")
		require.Equal(t, http.StatusOK, res.status, string(res.body))
		assert.Equal(t, "https://news.example", res.header.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, res.header.Values("Vary"), "Origin")
		res = call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader(body), "Content-Type", "application/json",
			"Origin", "https://other.example", "Sec-Fetch-Site", "cross-site")
		assert.Equal(t, http.StatusForbidden, res.status)
	})
	_, err := serve.New(serve.Config{AllowOrigins: []string{"news.example/path"}})
	assert.ErrorContains(t, err, "want scheme://host[:port]")
}

func TestPageAndAssets(t *testing.T) {
	ts, _ := newServer(t, serve.Config{})
	res := call(t, "GET", ts.URL+"/", nil)
	require.Equal(t, http.StatusOK, res.status)
	assert.Equal(t, "text/html; charset=utf-8", res.header.Get("Content-Type"))
	assert.Equal(t, page.ServerCSP, res.header.Get("Content-Security-Policy"))
	assert.Contains(t, res.header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
	assert.Equal(t, "DENY", res.header.Get("X-Frame-Options"))
	assert.Equal(t, "no-referrer", res.header.Get("Referrer-Policy"))
	assert.Equal(t, string(page.Interactive()), string(res.body))
	tag := res.header.Get("ETag")
	require.NotEmpty(t, tag)
	res = call(t, "GET", ts.URL+"/", nil, "If-None-Match", tag)
	assert.Equal(t, http.StatusNotModified, res.status)
	assert.Empty(t, res.body)
	res = call(t, "HEAD", ts.URL+"/", nil)
	assert.Equal(t, http.StatusOK, res.status)
	assert.Empty(t, res.body)

	for name, ct := range map[string]string{"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"} {
		res := call(t, "GET", ts.URL+"/assets/"+name, nil)
		require.Equal(t, http.StatusOK, res.status, name)
		assert.Equal(t, ct, res.header.Get("Content-Type"))
		want, _, _ := page.Asset(name)
		assert.Equal(t, want, res.body)
	}
	assert.Equal(t, http.StatusNoContent, call(t, "GET", ts.URL+"/favicon.ico", nil).status)
}

func TestHealth(t *testing.T) {
	ts, _ := newServer(t, serve.Config{MaxInFlight: 3})
	res := call(t, "GET", ts.URL+"/v1/health", nil)
	require.Equal(t, http.StatusOK, res.status)
	var hl struct {
		Status      string            `json:"status"`
		Models      map[string]string `json:"models"`
		Go          string            `json:"go"`
		InFlight    int               `json:"in_flight"`
		MaxInFlight int               `json:"max_in_flight"`
	}
	require.NoError(t, json.Unmarshal(res.body, &hl), string(res.body))
	assert.Equal(t, "ready", hl.Status)
	assert.Equal(t, extract.ModelVersion, hl.Models["ner"])
	assert.Equal(t, extract.SyntaxModelVersion, hl.Models["syntax"])
	assert.Equal(t, claims.ModelVersion, hl.Models["claims"])
	assert.NotEmpty(t, hl.Go)
	assert.Equal(t, 3, hl.MaxInFlight)
	assert.Equal(t, "no-store", res.header.Get("Cache-Control"))
}

// TestAccessLog checks one log line per request, with what it names.
func TestAccessLog(t *testing.T) {
	var logs syncBuffer
	ts, h := newServer(t, serve.Config{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	call(t, "GET", ts.URL+"/", nil)
	call(t, "GET", ts.URL+"/v1/health", nil)
	call(t, "POST", ts.URL+"/v1/analyze?id=x", strings.NewReader("“Fine,” he said."), "Content-Type", "text/plain")
	call(t, "POST", ts.URL+"/v1/analyze", strings.NewReader("a"), "Content-Type", "image/png")
	call(t, "GET", ts.URL+"/nowhere", nil)
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 5, logs.String())
	assert.Equal(t, int64(5), h.Stats().Requests)
	for i, want := range []string{"method=GET path=/ status=200", "method=GET path=/v1/health status=200",
		"method=POST path=/v1/analyze status=200", "method=POST path=/v1/analyze status=415", "method=GET path=/nowhere status=404"} {
		assert.Contains(t, lines[i], "msg=request "+want)
		assert.Contains(t, lines[i], "remote=127.0.0.1:")
		assert.Regexp(t, `bytes=\d+ dur=`, lines[i])
	}
}

// TestHost checks the DNS-rebinding guard: a request is served only when
// its Host names localhost, an IP address or an allowed host.
func TestHost(t *testing.T) {
	get := func(t *testing.T, ts *httptest.Server, host string) response {
		t.Helper()
		req, err := http.NewRequest("GET", ts.URL+"/v1/health", nil)
		require.NoError(t, err)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return response{status: res.StatusCode, header: res.Header, body: body}
	}
	ts, _ := newServer(t, serve.Config{AllowHosts: []string{"News.Example."}})
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "LOCALHOST", "app.localhost", "[::1]:8080", "10.0.0.7", "news.example", "news.example:443"} {
		assert.Equal(t, http.StatusOK, get(t, ts, host).status, host)
	}
	for _, host := range []string{"evil.example", "evil.example:8080", "localhost.evil.example", "news.example.evil", "127.0.0.1.nip.io"} {
		res := get(t, ts, host)
		assert.Equal(t, http.StatusMisdirectedRequest, res.status, host)
		assert.Contains(t, string(res.body), "-allow-host", host)
	}
	ts, _ = newServer(t, serve.Config{AllowHosts: []string{"*"}})
	assert.Equal(t, http.StatusOK, get(t, ts, "evil.example").status, "* allows every host")
	for _, bad := range []string{"news.example:443", "https://news.example", ""} {
		_, err := serve.New(serve.Config{AllowHosts: []string{bad}})
		assert.ErrorContains(t, err, "allowed host", bad)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []serve.Config{{MaxBytes: -1}, {MaxBatchBytes: -1}, {Timeout: -1}, {BatchTimeout: -time.Second}, {MaxInFlight: -1}, {BatchWorkers: -2}} {
		_, err := serve.New(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
	h, err := serve.New(serve.Config{MaxInFlight: 2, BatchWorkers: 8})
	require.NoError(t, err)
	c := h.Config()
	assert.Equal(t, 2, c.BatchWorkers, "a batch takes at most MaxInFlight workers")
	assert.Equal(t, int64(serve.DefaultMaxBytes), c.MaxBytes)
	assert.Equal(t, serve.DefaultTimeout, c.Timeout)
}
