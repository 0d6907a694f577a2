package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// recorder remembers the status and size of a response for the access log.
// Unwrap lets http.ResponseController reach the connection (flushes,
// deadlines, full duplex).
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// statusClientGone is logged for a request whose client went away before
// the answer (nginx's 499); nothing is sent.
const statusClientGone = 499

// accessLog logs one line per request, after it is answered.
func (h *Handler) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.requests.Add(1)
		if h.cfg.Log == nil {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
			if r.Context().Err() != nil {
				status = statusClientGone
			}
		}
		h.cfg.Log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", status),
			slog.Int64("bytes", rec.bytes), slog.Duration("dur", time.Since(start)), slog.String("remote", r.RemoteAddr))
	})
}

// headers sets the security headers of every response. The page replaces
// the Content-Security-Policy with its own.
func (h *Handler) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if len(h.origins) == 0 {
			hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		}
		next.ServeHTTP(w, r)
	})
}

// checkHost refuses a request whose Host header names neither a loopback
// name, an IP address nor one of Config.AllowHosts, with 421 Misdirected
// Request. Without it a page on any domain that resolves to 127.0.0.1 could
// read the API of a server on the reader's machine (DNS rebinding).
func (h *Handler) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.hosts == nil || hostAllowed(r.Host, h.hosts) {
			next.ServeHTTP(w, r)
			return
		}
		h.fail(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not served here: this server answers to localhost and IP addresses (saywho serve -allow-host allows a host name)", r.Host))
	})
}

// hostAllowed reports whether hostport (a Host header) names localhost, a
// name under .localhost, an IP address or one of allowed.
func hostAllowed(hostport string, allowed map[string]bool) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || allowed[host] {
		return true
	}
	_, err := netip.ParseAddr(host)
	return err == nil
}

// cors answers preflight requests and sets the CORS headers for the
// allowed origins. Without allowed origins it sends no CORS header, and a
// preflight gets 403.
func (h *Handler) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !strings.HasPrefix(r.URL.Path, "/v1/") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Origin")
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if !h.origins[origin] {
			if preflight {
				h.fail(w, http.StatusForbidden, fmt.Sprintf("cross-origin requests from %s are not allowed (saywho serve -allow-origin allows an origin)", origin))
				return
			}
			next.ServeHTTP(w, r) // same-origin, or refused by CrossOriginProtection
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", origin)
		if preflight {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Access-Control-Expose-Headers", "Retry-After")
		next.ServeHTTP(w, r)
	})
}

// apiError is the body of every error response.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// fail answers with status and a JSON error message.
func (h *Handler) fail(w http.ResponseWriter, status int, msg string) {
	h.writeJSON(w, status, apiError{Error: msg, Status: status})
}

// writeJSON answers with status and v as JSON (not HTML-escaped: the
// Content-Type is JSON and nosniff is set).
func (h *Handler) writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		b, _ := json.Marshal(apiError{Error: "encoding the answer: " + err.Error(), Status: status})
		buf.Write(append(b, '\n'))
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", fmt.Sprint(buf.Len()))
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
