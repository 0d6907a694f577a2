package serve_test

// The load test sends many documents at once to a server on loopback and
// checks the concurrency limit's promise: below it every request is
// answered 200; above it the excess is answered 503 with Retry-After at
// once, the documents analysed at once never exceed the limit, and memory
// does not grow with the load. TestLoad is short; BenchmarkLoad is the full
// run whose figures the README gives:
//
//	go test ./serve -run '^$' -bench Load -benchtime 1x -cpu 2
//
// The documents are PolNeAR dev's texts from ../shared (84 articles) or,
// when it is absent, the seed article's paragraphs.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/serve"
)

// loadDocs returns the documents to send and where they come from.
func loadDocs(tb testing.TB) ([][]byte, string) {
	tb.Helper()
	dir, err := os.Getwd()
	require.NoError(tb, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(tb, parent, dir, "no go.mod above the test")
		dir = parent
	}
	files, _ := filepath.Glob(filepath.Join(dir, "..", "shared", "data", "polnear", "dev", "text", "*.txt"))
	var docs [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(tb, err)
		docs = append(docs, b)
	}
	if len(docs) > 0 {
		return docs, fmt.Sprintf("PolNeAR dev (%d texts)", len(docs))
	}
	for _, p := range strings.Split(seedText(tb), "\n") {
		if strings.TrimSpace(p) != "" {
			docs = append(docs, []byte(p))
		}
	}
	return docs, fmt.Sprintf("the seed's paragraphs (%d; ../shared/data/polnear is absent)", len(docs))
}

// loadRun is what one load run measured.
type loadRun struct {
	ok, busy, other int
	otherMsg        string
	missingRetry    int // 503s without Retry-After
	lat             []time.Duration
	elapsed         time.Duration
	bytes           int64
	peakHeap        uint64 // the most heap memory in objects seen during the run
}

func (r loadRun) quantile(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	s := slices.Clone(r.lat)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// heapBytes is the memory of live and not yet swept heap objects.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// runLoad sends requests documents (cycling through docs) from clients
// concurrent clients to POST url/v1/analyze, and measures.
func runLoad(tb testing.TB, url string, docs [][]byte, requests, clients int) loadRun {
	tb.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	var (
		next  atomic.Int64
		mu    sync.Mutex
		run   loadRun
		wg    sync.WaitGroup
		peak  atomic.Uint64
		stop  = make(chan struct{})
		probe sync.WaitGroup
	)
	probe.Add(1)
	go func() { // sample the heap while the load runs
		defer probe.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if h := heapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= requests {
					return
				}
				doc := docs[i%len(docs)]
				t0 := time.Now()
				res, err := client.Post(fmt.Sprintf("%s/v1/analyze?id=d%d", url, i), "text/plain; charset=utf-8", bytes.NewReader(doc))
				var status int
				var retry string
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					status, retry = res.StatusCode, res.Header.Get("Retry-After")
				}
				d := time.Since(t0)
				mu.Lock()
				switch {
				case err != nil:
					run.other++
					run.otherMsg = err.Error()
				case status == http.StatusOK:
					run.ok++
					run.lat = append(run.lat, d)
					run.bytes += int64(len(doc))
				case status == http.StatusServiceUnavailable:
					run.busy++
					if retry == "" {
						run.missingRetry++
					}
				default:
					run.other++
					run.otherMsg = fmt.Sprintf("status %d", status)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	run.elapsed = time.Since(start)
	close(stop)
	probe.Wait()
	run.peakHeap = peak.Load()
	return run
}

func TestLoad(t *testing.T) {
	docs, from := loadDocs(t)
	requests, clients := 200, 16
	if testing.Short() {
		requests = 48
	}
	t.Logf("documents: %s", from)
	_, err := saywho.Default().Analyze(context.Background(), "warm-up", string(docs[0])) // load the models
	require.NoError(t, err)
	runtime.GC()
	base := heapBytes()

	t.Run("below the limit", func(t *testing.T) {
		ts, h := newServer(t, serve.Config{MaxInFlight: clients})
		run := runLoad(t, ts.URL, docs, requests, clients)
		assert.Equal(t, requests, run.ok, "every request answered 200 (%d busy, %d other: %s)", run.busy, run.other, run.otherMsg)
		assert.LessOrEqual(t, h.Stats().MaxInFlight, clients)
		t.Logf("%d requests from %d clients: %.0f req/s, p50 %v, p99 %v, peak heap %.0f MB (%.0f MB before)",
			requests, clients, float64(run.ok)/run.elapsed.Seconds(), run.quantile(.5), run.quantile(.99), float64(run.peakHeap)/1e6, float64(base)/1e6)
	})

	t.Run("above the limit", func(t *testing.T) {
		const limit = 2
		ts, h := newServer(t, serve.Config{MaxInFlight: limit})
		run := runLoad(t, ts.URL, docs, requests, clients)
		assert.Zero(t, run.other, "only 200s and 503s (%s)", run.otherMsg)
		assert.Equal(t, requests, run.ok+run.busy)
		assert.Positive(t, run.busy, "16 clients on a limit of 2 get 503s")
		assert.Zero(t, run.missingRetry, "every 503 has Retry-After")
		assert.LessOrEqual(t, h.Stats().MaxInFlight, limit, "never more than the limit analysed at once")
		assert.Equal(t, int64(run.busy), h.Stats().Rejected)
		// The excess is refused, not queued: memory is the limit's, not the
		// load's. Two news articles in analysis take a few MB; the rest is
		// the collector's headroom over the models.
		assert.Less(t, run.peakHeap, 2*base+128<<20, "peak heap %d MiB over a base of %d MiB", run.peakHeap>>20, base>>20)
		t.Logf("%d requests from %d clients on a limit of %d: %d answered, %d refused with 503, peak heap %.0f MB",
			requests, clients, limit, run.ok, run.busy, float64(run.peakHeap)/1e6)
	})
}

// BenchmarkLoad is the full load run: 2,000 requests from 16 concurrent
// clients, within the limit (16, one slot per client) and above it (2,
// one per core here). One op is one run; use
// -benchtime 1x. Metrics: requests/s, p50 and p99 latency of the answered
// requests, the share refused with 503, and the peak heap.
func BenchmarkLoad(b *testing.B) {
	docs, from := loadDocs(b)
	b.Logf("documents: %s", from)
	for _, bc := range []struct {
		name                     string
		limit, requests, clients int
	}{{"within-limit-16", 16, 2000, 16}, {"above-limit-2", 2, 2000, 16}, {"one-client", 16, 500, 1}} {
		requests, clients := bc.requests, bc.clients
		b.Run(bc.name, func(b *testing.B) {
			ts, _ := newServer(b, serve.Config{MaxInFlight: bc.limit})
			runLoad(b, ts.URL, docs[:min(len(docs), 16)], 64, clients) // warm up
			runtime.GC()
			before := heapBytes()
			var run loadRun
			b.ReportAllocs()
			for b.Loop() {
				run = runLoad(b, ts.URL, docs, requests, clients)
			}
			if run.other > 0 {
				b.Fatalf("%d requests failed (not 200 or 503): %s", run.other, run.otherMsg)
			}
			if bc.limit >= clients && run.busy > 0 {
				b.Fatalf("%d requests refused below the limit", run.busy)
			}
			runtime.GC()
			after := heapBytes()
			b.SetBytes(run.bytes)
			b.ReportMetric(float64(run.ok)/run.elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(run.quantile(.5).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(run.quantile(.99).Microseconds())/1000, "p99-ms")
			b.ReportMetric(100*float64(run.busy)/float64(requests), "%503")
			b.ReportMetric(float64(run.peakHeap)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(after)/(1<<20)-float64(before)/(1<<20), "heap-growth-MiB")
		})
	}
}
