package serve_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/serve"
)

// startServe runs h.Serve on a loopback port until the returned cancel is
// called; done gets Serve's result.
func startServe(t *testing.T, h *serve.Handler, grace time.Duration) (url string, cancel context.CancelFunc, done chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- h.Serve(ctx, ln, grace) }()
	t.Cleanup(cancel)
	return "http://" + ln.Addr().String(), cancel, done
}

// TestServeShutsDownGracefully checks that a request in flight when the
// server is told to stop is answered, that health says so meanwhile, and
// that new connections are refused after.
func TestServeShutsDownGracefully(t *testing.T) {
	h, err := serve.New(serve.Config{})
	require.NoError(t, err)
	url, stop, done := startServe(t, h, 10*time.Second)
	require.Equal(t, http.StatusOK, call(t, "GET", url+"/v1/health", nil).status)

	pr, pw := io.Pipe()
	held := make(chan response, 1)
	go func() { held <- call(t, "POST", url+"/v1/analyze", pr, "Content-Type", "text/plain") }()
	require.Eventually(t, func() bool { return h.Stats().InFlight == 1 }, 5*time.Second, time.Millisecond)

	stop()
	// Shutdown has begun: the listener is closed, the request goes on.
	require.Eventually(t, func() bool {
		_, err := net.DialTimeout("tcp", strings.TrimPrefix(url, "http://"), 100*time.Millisecond)
		return err != nil
	}, 5*time.Second, 10*time.Millisecond, "the listener still accepts after shutdown began")
	select {
	case err := <-done:
		t.Fatalf("Serve returned %v with a request in flight", err)
	default:
	}
	_, err = io.WriteString(pw, "“We will rebuild the bridge,” Mayor Ana Ruiz said.")
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	res := <-held
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	assert.Contains(t, string(res.body), `"name":"Ana Ruiz"`)
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its last request")
	}
}

// TestServeGraceRunsOut checks that a request still running after the
// grace period does not hold the server: Serve returns soon after it.
func TestServeGraceRunsOut(t *testing.T) {
	h, err := serve.New(serve.Config{})
	require.NoError(t, err)
	url, stop, done := startServe(t, h, 100*time.Millisecond)
	pr, pw := io.Pipe()
	defer pw.Close()
	held := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("POST", url+"/v1/analyze", pr)
		req.Header.Set("Content-Type", "text/plain")
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		held <- err
	}()
	require.Eventually(t, func() bool { return h.Stats().InFlight == 1 }, 5*time.Second, time.Millisecond)
	start := time.Now()
	stop()
	select {
	case err := <-done:
		assert.NoError(t, err)
		assert.Less(t, time.Since(start), 5*time.Second)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve waited for a stuck request past its grace")
	}
	pw.Close()
	<-held // the client saw the connection end or an answer; either way it is not left hanging
}
