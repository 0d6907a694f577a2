package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/saywho/saywho"
)

// batchItem is one non-blank line of a batch: a document, or what is
// wrong with the line (a bad line, or the end of a body that could not be
// read to its end).
type batchItem struct {
	doc  saywho.Document
	line int
	err  string
}

// batchLine is an output line for an input line that gave no Result.
type batchLine struct {
	Line  int    `json:"line"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

// batch answers POST /v1/analyze/batch: JSON Lines in, JSON Lines out.
//
// The body is read through the library's JSONL reader and the documents
// go through its ordered worker pool (saywho.Ordered), so lines come out
// in input order, each as soon as it and those before it are done, and
// the response is flushed after each. One output line per non-blank input
// line: the Result, or {"line": N, "error": …} for a line that is not a
// document ("id" too when the document was read but not analysed). When
// the body cannot be read to its end (over MaxBatchBytes, too slow, the
// client gone) a last line says so. The request reads its body while it
// writes (full duplex), so a client may stream.
func (h *Handler) batch(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, http.MethodPost) {
		return
	}
	unit, ok := h.offsets(w, r)
	if !ok {
		return
	}
	want := "application/x-ndjson (JSON Lines: one {\"id\": …, \"text\": …} per line)"
	if _, ok := h.contentType(w, r, want, map[string]string{
		"application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/x-jsonlines": "jsonl",
		"application/jsonlines": "jsonl", "application/json": "jsonl", "text/plain": "jsonl"}); !ok {
		return
	}
	if r.ContentLength > h.cfg.MaxBatchBytes {
		h.tooLarge(w, r.ContentLength, h.cfg.MaxBatchBytes, "batch")
		return
	}
	workers := h.acquire(w, h.cfg.BatchWorkers)
	if workers == 0 {
		return
	}
	defer h.lim.release(workers)

	ctx, cancel := context.WithTimeoutCause(r.Context(), h.cfg.BatchTimeout, errDeadline)
	defer cancel()
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(h.cfg.BatchTimeout)
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline.Add(10 * time.Second))
	_ = rc.EnableFullDuplex() // HTTP/1: read the body while answering

	// nil ResponseWriter: the body is read in another goroutine while this
	// one writes, and MaxBytesReader would touch the response's headers.
	src := &eofReader{r: r.Body}
	body := http.MaxBytesReader(nil, io.NopCloser(src), h.cfg.MaxBatchBytes)
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_ = rc.Flush()

	emit := func(b []byte) error {
		if _, err := w.Write(b); err != nil {
			return err
		}
		return rc.Flush()
	}
	work := func(ctx context.Context, it batchItem) []byte {
		if it.err != "" {
			return encodeLine(batchLine{Line: it.line, Error: it.err})
		}
		dctx, cancel := context.WithTimeoutCause(ctx, h.cfg.Timeout, errDeadline)
		defer cancel()
		res, err := h.an.Analyze(dctx, it.doc.ID, it.doc.Text)
		if err != nil {
			msg := "not analysed: the request ended"
			switch cause := context.Cause(dctx); {
			case errors.Is(cause, errDeadline) && ctx.Err() == nil:
				msg = fmt.Sprintf("analysis took longer than the %v deadline (saywho serve -timeout)", h.cfg.Timeout)
			case errors.Is(cause, errDeadline):
				msg = fmt.Sprintf("not analysed: the batch took longer than its %v deadline (saywho serve -batch-timeout)", h.cfg.BatchTimeout)
			case errors.Is(cause, errShuttingDown):
				msg = "not analysed: the server is shutting down"
			}
			return encodeLine(batchLine{Line: it.line, ID: it.doc.ID, Error: msg})
		}
		res.Extra = it.doc.Extra
		if res, err = res.WithOffsets(unit); err != nil {
			return encodeLine(batchLine{Line: it.line, ID: it.doc.ID, Error: err.Error()})
		}
		b, err := res.MarshalJSON()
		if err != nil {
			return encodeLine(batchLine{Line: it.line, ID: it.doc.ID, Error: "encoding the result: " + err.Error()})
		}
		return append(b, '\n')
	}
	err := saywho.Ordered(ctx, workers, h.batchItems(r, body), work, emit)
	if err != nil && r.Context().Err() == nil {
		// The client is still there: say why the output stops.
		msg := "batch stopped: " + err.Error()
		if errors.Is(context.Cause(ctx), errDeadline) {
			msg = fmt.Sprintf("batch stopped: it took longer than its %v deadline (saywho serve -batch-timeout)", h.cfg.BatchTimeout)
		} else if errors.Is(context.Cause(ctx), errShuttingDown) {
			msg = "batch stopped: the server is shutting down"
		}
		_ = emit(encodeLine(batchLine{Error: msg}))
	}
	// Ordered has returned, so nothing reads the body any more. Close it
	// here, in the handler: with full duplex, net/http would otherwise
	// drain an unread body after the handler returns and start a second
	// read of the connection (panic "invalid concurrent Body.Read call",
	// golang/go#68560). A body left unread is drained for at most a second
	// (at most 256 KB; past that the connection is closed).
	if !src.eof {
		_ = rc.SetReadDeadline(time.Now().Add(time.Second))
	}
	_ = r.Body.Close()
}

// eofReader tells whether its reader has returned io.EOF.
type eofReader struct {
	r   io.Reader
	eof bool
}

func (e *eofReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		e.eof = true
	}
	return n, err
}

// batchItems yields the non-blank lines of body as documents or bad
// lines; a body that cannot be read to its end gives a last item saying
// why.
func (h *Handler) batchItems(r *http.Request, body io.Reader) iter.Seq[batchItem] {
	return func(yield func(batchItem) bool) {
		jr := saywho.NewJSONLReader(body, "batch")
		jr.MaxBytes = int(h.cfg.MaxBytes)
		last := 0 // the number of the last line read
		for {
			d, err := jr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			var le *saywho.LineError
			switch {
			case err == nil:
				last = d.Line
				if !yield(batchItem{doc: d, line: d.Line}) {
					return
				}
			case errors.As(err, &le):
				last = le.Line
				if !yield(batchItem{line: le.Line, err: le.Msg}) {
					return
				}
			default:
				if r.Context().Err() == nil {
					yield(batchItem{line: last + 1, err: h.bodyError(err)})
				}
				return
			}
		}
	}
}

// bodyError says why a batch body could not be read to its end.
func (h *Handler) bodyError(err error) string {
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mbe):
		return fmt.Sprintf("the batch is over the limit of %d bytes (saywho serve -max-batch-bytes): the rest was not read", h.cfg.MaxBatchBytes)
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("the batch did not arrive within %v (saywho serve -batch-timeout): the rest was not read", h.cfg.BatchTimeout)
	}
	return "reading the batch: " + err.Error() + ": the rest was not read"
}

// encodeLine encodes v as one JSON line.
func encodeLine(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(`{"error":"encoding an error line"}`)
	}
	return append(b, '\n')
}
