//go:build unix

package main

import (
	"io"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeStopsOnSignal sends the test process SIGTERM and SIGINT while
// `saywho serve` listens: each time the server shuts down and exits 0 (the
// signal is caught, the process goes on).
func TestServeStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			url, errw, status := startServeCmd(t, func(args []string, errw io.Writer, ready func(string)) int {
				return serveOnSignal(args, errw, ready)
			})
			code, _ := get(t, url+"/v1/health")
			require.Equal(t, http.StatusOK, code)
			require.NoError(t, syscall.Kill(syscall.Getpid(), sig))
			select {
			case st := <-status:
				assert.Equal(t, exitOK, st, errw.String())
			case <-time.After(30 * time.Second):
				t.Fatalf("saywho serve did not stop on %v", sig)
			}
			assert.Contains(t, errw.String(), "msg=stopped")
		})
	}
}
