package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/saywho/saywho"
)

// errDeadline is the cause of a request context's end at its deadline.
var errDeadline = errors.New("deadline")

// analyze answers POST /v1/analyze.
func (h *Handler) analyze(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, http.MethodPost) {
		return
	}
	unit, ok := h.offsets(w, r)
	if !ok {
		return
	}
	kind, ok := h.contentType(w, r, "application/json or text/plain", map[string]string{
		"application/json": "json", "text/plain": "text"})
	if !ok {
		return
	}
	if r.ContentLength > h.cfg.MaxBytes {
		h.tooLarge(w, r.ContentLength, h.cfg.MaxBytes, "document")
		return
	}
	if h.acquire(w, 1) == 0 {
		return
	}
	defer h.lim.release(1)

	ctx, cancel := context.WithTimeoutCause(r.Context(), h.cfg.Timeout, errDeadline)
	defer cancel()
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(h.cfg.Timeout)
	_ = rc.SetReadDeadline(deadline) // not supported under some test recorders: the context still bounds the analysis
	_ = rc.SetWriteDeadline(deadline.Add(10 * time.Second))

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBytes))
	if err != nil {
		h.readError(w, r, err, h.cfg.MaxBytes, "document")
		return
	}
	doc, warn, msg := h.document(kind, body, r)
	if msg != "" {
		h.fail(w, http.StatusBadRequest, msg)
		return
	}
	res, err := h.an.Analyze(ctx, doc.ID, doc.Text)
	if err != nil {
		h.contextError(w, r, ctx, doc.ID)
		return
	}
	res.Extra = doc.Extra
	if warn != "" {
		res.Warnings = append([]string{warn}, res.Warnings...)
	}
	if res, err = res.WithOffsets(unit); err != nil {
		h.fail(w, http.StatusInternalServerError, err.Error())
		return
	}
	h.writeJSON(w, http.StatusOK, res)
}

// document reads the document of a request body: a JSON object
// {"id", "text", …} (read by the library's JSONL reader, so that ids,
// extra fields and error messages are those of a batch line) or the text
// itself (id from ?id=). msg says what is wrong with it.
func (h *Handler) document(kind string, body []byte, r *http.Request) (d saywho.Document, warn, msg string) {
	if kind == "text" {
		d.ID = r.URL.Query().Get("id")
		if d.ID == "" {
			d.ID = "request"
		}
		d.Text, warn = saywho.DecodeText(body)
		return d, warn, ""
	}
	var line bytes.Buffer
	if err := json.Compact(&line, body); err != nil {
		return d, "", "bad JSON body: " + strings.TrimPrefix(err.Error(), "json: ") + ` (want {"id": …, "text": …})`
	}
	jr := saywho.NewJSONLReader(&line, "request")
	jr.MaxBytes = int(h.cfg.MaxBytes)
	d, err := jr.Read()
	var le *saywho.LineError
	switch {
	case errors.As(err, &le):
		return d, "", "bad JSON body: " + le.Msg
	case errors.Is(err, io.EOF):
		return d, "", `empty JSON body (want {"id": …, "text": …})`
	case err != nil:
		return d, "", "bad JSON body: " + err.Error()
	}
	var id struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &id) == nil && id.ID == nil {
		d.ID = "request" // not the reader's "request:1"
	}
	return d, "", ""
}

// offsets reads ?offsets=, bytes by default.
func (h *Handler) offsets(w http.ResponseWriter, r *http.Request) (saywho.Offsets, bool) {
	u, err := saywho.ParseOffsets(r.URL.Query().Get("offsets"))
	if err != nil {
		h.fail(w, http.StatusBadRequest, fmt.Sprintf("offsets=%q: want bytes or chars", r.URL.Query().Get("offsets")))
		return u, false
	}
	return u, true
}

// contentType checks the request's Content-Type against kinds (media type
// to what it stands for) and a UTF-8 charset, and answers 415 otherwise.
func (h *Handler) contentType(w http.ResponseWriter, r *http.Request, want string, kinds map[string]string) (string, bool) {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		h.fail(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: want %s", ct, want))
		return "", false
	}
	kind, ok := kinds[mt]
	if !ok {
		h.fail(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s: want %s", mt, want))
		return "", false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") && !(kind == "json" && strings.EqualFold(cs, "us-ascii")) {
		h.fail(w, http.StatusUnsupportedMediaType, fmt.Sprintf("charset %s: want UTF-8 (a text/plain body may also be UTF-16 with a byte order mark)", cs))
		return "", false
	}
	return kind, true
}

// tooLarge answers 413 for a body of n bytes or more, over limit.
func (h *Handler) tooLarge(w http.ResponseWriter, n, limit int64, what string) {
	w.Header().Set("Connection", "close")
	h.fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("%s of %d bytes or more, over the limit of %d bytes (saywho serve -max-bytes)", what, n, limit))
}

// readError answers for a body that could not be read: 413 over the
// limit, 408 too slow, else 400.
func (h *Handler) readError(w http.ResponseWriter, r *http.Request, err error, limit int64, what string) {
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mbe):
		h.tooLarge(w, mbe.Limit+1, limit, what)
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		w.Header().Set("Connection", "close")
		h.fail(w, http.StatusRequestTimeout, fmt.Sprintf("the request body did not arrive within %v (saywho serve -timeout)", h.cfg.Timeout))
	case r.Context().Err() != nil:
		w.WriteHeader(statusClientGone)
	default:
		h.fail(w, http.StatusBadRequest, "reading the request body: "+err.Error())
	}
}

// contextError answers for an analysis stopped by its context: the
// deadline or a shutdown (503), or the client gone (nothing to answer).
func (h *Handler) contextError(w http.ResponseWriter, r *http.Request, ctx context.Context, id string) {
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errDeadline):
		h.fail(w, http.StatusServiceUnavailable, fmt.Sprintf("analysing %s took longer than the %v deadline (saywho serve -timeout)", id, h.cfg.Timeout))
	case errors.Is(cause, errShuttingDown):
		w.Header().Set("Retry-After", "5")
		h.fail(w, http.StatusServiceUnavailable, "the server is shutting down; retry on another instance or later")
	default:
		w.WriteHeader(statusClientGone)
	}
}
