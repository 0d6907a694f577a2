package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/internal/page"
)

// Defaults of Config's zero fields.
const (
	DefaultMaxBytes      = 1 << 20          // 1 MiB: a long news article is 50 KB
	DefaultMaxBatchBytes = 64 << 20         // 64 MiB of JSON Lines per batch request
	DefaultTimeout       = 30 * time.Second // per document; the seed article takes about 5 ms
	DefaultBatchTimeout  = 10 * time.Minute // per batch request
	DefaultRetryAfter    = 1 * time.Second
)

// Config configures a Handler. Zero fields take the defaults above; the
// zero Config serves the default Analyzer with no access log.
type Config struct {
	// Analyzer analyses every document; saywho.Default() when nil.
	Analyzer *saywho.Analyzer
	// MaxBytes is the largest body of POST /v1/analyze, and the largest
	// line of a batch, in bytes (DefaultMaxBytes when 0).
	MaxBytes int64
	// MaxBatchBytes is the largest body of POST /v1/analyze/batch
	// (DefaultMaxBatchBytes when 0).
	MaxBatchBytes int64
	// Timeout is the deadline of one document: reading the body of
	// /v1/analyze and analysing it, or analysing one line of a batch
	// (DefaultTimeout when 0).
	Timeout time.Duration
	// BatchTimeout is the deadline of a whole batch request
	// (DefaultBatchTimeout when 0).
	BatchTimeout time.Duration
	// MaxInFlight is the number of documents analysed at once; a request
	// beyond it gets 503 and Retry-After (4 × GOMAXPROCS when 0).
	MaxInFlight int
	// BatchWorkers is the number of documents of one batch analysed at
	// once, each taking one of MaxInFlight (GOMAXPROCS when 0; at most
	// MaxInFlight). A batch takes the workers that are free, at least one.
	BatchWorkers int
	// RetryAfter is the Retry-After of a 503 for a full server, rounded up
	// to seconds (DefaultRetryAfter when 0).
	RetryAfter time.Duration
	// AllowOrigins are the browser origins ("https://news.example",
	// scheme://host[:port]) allowed to call the API from their pages. By
	// default none: cross-origin requests are refused.
	AllowOrigins []string
	// AllowHosts are the host names (without port) the server answers to,
	// besides localhost, names under .localhost and IP addresses, which it
	// always answers to. A request naming another Host gets 421: a page on
	// an attacker's domain that resolves to 127.0.0.1 (DNS rebinding) cannot
	// read the API. "*" allows every host, for a server behind a proxy that
	// checks Host itself.
	AllowHosts []string
	// Log gets one line per request (and the server's own errors); nil
	// logs nothing.
	Log *slog.Logger
}

// Handler serves the API and the page. Build it with New.
type Handler struct {
	cfg     Config
	an      *saywho.Analyzer
	mux     *http.ServeMux
	root    http.Handler
	lim     limiter
	origins map[string]bool
	hosts   map[string]bool // nil: any host
	health  healthInfo
	etags   map[string]string

	requests, rejected atomic.Int64
	draining           atomic.Bool
}

// New returns a Handler for cfg, or an error naming a bad setting.
func New(cfg Config) (*Handler, error) {
	if cfg.Analyzer == nil {
		cfg.Analyzer = saywho.Default()
	}
	def := func(v *int64, d int64, name string) error {
		if *v < 0 {
			return fmt.Errorf("serve: %s %d: want a positive number of bytes", name, *v)
		}
		if *v == 0 {
			*v = d
		}
		return nil
	}
	if err := def(&cfg.MaxBytes, DefaultMaxBytes, "MaxBytes"); err != nil {
		return nil, err
	}
	if err := def(&cfg.MaxBatchBytes, DefaultMaxBatchBytes, "MaxBatchBytes"); err != nil {
		return nil, err
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
		nm  string
	}{{&cfg.Timeout, DefaultTimeout, "Timeout"}, {&cfg.BatchTimeout, DefaultBatchTimeout, "BatchTimeout"}, {&cfg.RetryAfter, DefaultRetryAfter, "RetryAfter"}} {
		if *d.v < 0 {
			return nil, fmt.Errorf("serve: %s %v: want a positive duration", d.nm, *d.v)
		}
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	if cfg.MaxInFlight < 0 || cfg.BatchWorkers < 0 {
		return nil, fmt.Errorf("serve: MaxInFlight %d, BatchWorkers %d: want positive numbers", cfg.MaxInFlight, cfg.BatchWorkers)
	}
	if cfg.MaxInFlight == 0 {
		cfg.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.BatchWorkers == 0 {
		cfg.BatchWorkers = runtime.GOMAXPROCS(0)
	}
	cfg.BatchWorkers = min(cfg.BatchWorkers, cfg.MaxInFlight)
	h := &Handler{cfg: cfg, an: cfg.Analyzer, origins: map[string]bool{}, lim: limiter{max: cfg.MaxInFlight}}
	cop := http.NewCrossOriginProtection()
	for _, o := range cfg.AllowOrigins {
		u, err := url.Parse(o)
		if err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" || u.RawQuery != "" {
			return nil, fmt.Errorf("serve: allowed origin %q: want scheme://host[:port], as a browser's Origin header", o)
		}
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("serve: allowed origin %q: %w", o, err)
		}
		h.origins[o] = true
	}
	h.hosts = map[string]bool{}
	for _, host := range cfg.AllowHosts {
		if host == "*" {
			h.hosts = nil
			break
		}
		if host == "" || strings.ContainsAny(host, ":/ ") {
			return nil, fmt.Errorf("serve: allowed host %q: want a host name without scheme or port (news.example), or *", host)
		}
		h.hosts[strings.ToLower(strings.TrimSuffix(host, "."))] = true
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, http.StatusForbidden, "cross-origin request refused: this server accepts requests from its own pages only (saywho serve -allow-origin allows an origin)")
	}))
	h.health = newHealth()
	h.etags = map[string]string{"/": etag(page.Interactive())}
	for _, name := range []string{"app.js", "app.css"} {
		b, _, _ := page.Asset(name)
		h.etags["/assets/"+name] = etag(b)
	}

	h.mux = http.NewServeMux()
	h.mux.HandleFunc("/v1/analyze", h.analyze)
	h.mux.HandleFunc("/v1/analyze/batch", h.batch)
	h.mux.HandleFunc("/v1/health", h.healthz)
	h.mux.HandleFunc("/assets/", h.asset)
	h.mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h.mux.HandleFunc("/", h.page)
	h.root = h.accessLog(h.headers(h.checkHost(h.cors(cop.Handler(h.mux)))))
	return h, nil
}

// ServeHTTP serves one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.root.ServeHTTP(w, r) }

// Stats are the counters of a Handler since New.
type Stats struct {
	Requests    int64 // requests served (any route)
	Rejected    int64 // answered 503 because MaxInFlight documents were being analysed
	InFlight    int   // documents being analysed now
	MaxInFlight int   // the most documents analysed at once so far
	Limit       int   // Config.MaxInFlight
}

// Stats returns the Handler's counters.
func (h *Handler) Stats() Stats {
	used, peak := h.lim.state()
	return Stats{Requests: h.requests.Load(), Rejected: h.rejected.Load(), InFlight: used, MaxInFlight: peak, Limit: h.cfg.MaxInFlight}
}

// Config returns the Handler's configuration, with the defaults filled in.
func (h *Handler) Config() Config { return h.cfg }

// limiter counts the documents being analysed; tryAcquire never waits.
type limiter struct {
	mu              sync.Mutex
	used, max, peak int
}

// tryAcquire takes up to n slots, at least one, and returns how many it
// took: 0 when all are in use.
func (l *limiter) tryAcquire(n int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := min(n, l.max-l.used)
	if k <= 0 {
		return 0
	}
	l.used += k
	l.peak = max(l.peak, l.used)
	return k
}

func (l *limiter) release(n int) {
	l.mu.Lock()
	l.used -= n
	l.mu.Unlock()
}

func (l *limiter) state() (used, peak int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.used, l.peak
}

// acquire takes up to n analysis slots for a request, or answers 503 with
// Retry-After and returns 0.
func (h *Handler) acquire(w http.ResponseWriter, n int) int {
	k := h.lim.tryAcquire(n)
	if k == 0 {
		h.rejected.Add(1)
		secs := int((h.cfg.RetryAfter + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", fmt.Sprint(secs))
		h.fail(w, http.StatusServiceUnavailable, fmt.Sprintf("busy: %d documents are being analysed, the most this server takes at once; retry after %d s", h.cfg.MaxInFlight, secs))
	}
	return k
}

// allow reports whether r's method is one of methods, and answers 405 with
// Allow otherwise (204 with Allow to OPTIONS).
func (h *Handler) allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m || r.Method == http.MethodHead && m == http.MethodGet {
			return true
		}
	}
	allow := strings.Join(methods, ", ")
	if strings.Contains(allow, http.MethodGet) {
		allow += ", " + http.MethodHead
	}
	w.Header().Set("Allow", allow+", "+http.MethodOptions)
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return false
	}
	h.fail(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow))
	return false
}

// page serves the interactive page at / and 404 for every other path the
// other routes do not take.
func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		h.fail(w, http.StatusNotFound, fmt.Sprintf("no such route: %s (see GET / for the page, /v1/analyze, /v1/analyze/batch, /v1/health)", r.URL.Path))
		return
	}
	if !h.allow(w, r, http.MethodGet) {
		return
	}
	w.Header().Set("Content-Security-Policy", page.ServerCSP)
	h.static(w, r, page.Interactive(), "text/html; charset=utf-8", h.etags["/"])
}

// asset serves the page's script and style sheet.
func (h *Handler) asset(w http.ResponseWriter, r *http.Request) {
	b, ct, ok := page.Asset(strings.TrimPrefix(r.URL.Path, "/assets/"))
	if !ok {
		h.fail(w, http.StatusNotFound, fmt.Sprintf("no such asset: %s", r.URL.Path))
		return
	}
	if !h.allow(w, r, http.MethodGet) {
		return
	}
	h.static(w, r, b, ct, h.etags[r.URL.Path])
}

// static writes embedded content with its ETag; the browser revalidates
// (no-cache), and gets 304 while the build is the same.
func (h *Handler) static(w http.ResponseWriter, r *http.Request, b []byte, contentType, tag string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", tag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == tag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(b)
}

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// healthInfo is the constant part of GET /v1/health.
type healthInfo struct {
	Version  string            `json:"version"`
	Revision string            `json:"revision,omitempty"`
	Modified bool              `json:"modified,omitempty"`
	Go       string            `json:"go"`
	Models   map[string]string `json:"models"`
}

func newHealth() healthInfo {
	hi := healthInfo{Version: "(devel)", Go: runtime.Version(), Models: map[string]string{
		"ner":    extract.ModelVersion,
		"syntax": extract.SyntaxModelVersion,
		"claims": claims.ModelVersion,
	}}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			hi.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				hi.Revision = s.Value
			case "vcs.modified":
				hi.Modified = s.Value == "true"
			}
		}
	}
	return hi
}

// healthz answers GET /v1/health: ready, or 503 while shutting down.
func (h *Handler) healthz(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, http.MethodGet) {
		return
	}
	st := h.Stats()
	status, code := "ready", http.StatusOK
	if h.draining.Load() {
		status, code = "shutting down", http.StatusServiceUnavailable
	}
	h.writeJSON(w, code, struct {
		Status string `json:"status"`
		healthInfo
		InFlight    int `json:"in_flight"`
		MaxInFlight int `json:"max_in_flight"`
	}{status, h.health, st.InFlight, st.Limit})
}

// errShuttingDown is the cause of the base context's end when a shutdown
// runs out of grace.
var errShuttingDown = errors.New("the server is shutting down")
