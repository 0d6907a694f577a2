package saywho

import (
	"bytes"
	"fmt"
	"io"

	"github.com/saywho/saywho/internal/page"
)

// htmlWriter writes a static who-said-what report: the page `saywho serve`
// shows, with its script and style sheet inline (allowed by hash in the
// page's own Content-Security-Policy) and each document embedded as JSON
// ({"text": …, "result": …}, the Result with character offsets, which the
// script needs whatever WriteOptions.Offsets says). Nothing is fetched when
// it is opened: it works offline. The head of the page goes out with the
// first document, each document in one Write as it comes, and the script
// at Close, so memory stays flat however many documents are written.
type htmlWriter struct {
	w    io.Writer
	buf  bytes.Buffer
	head bool
}

func newHTMLWriter(w io.Writer, _ WriteOptions) Writer { return &htmlWriter{w: w} }

// htmlDoc is one document of the report, as the page's script reads it.
type htmlDoc struct {
	Text   string `json:"text"`
	Result Result `json:"result"`
}

const htmlTitle = "saywho report: who said what"

func (h *htmlWriter) Write(r Result) error {
	text, ok := r.Text()
	if !ok {
		return fmt.Errorf("saywho: %s: %w", r.ID, ErrNoText)
	}
	c, err := inUnit(r, Chars)
	if err != nil {
		return err
	}
	h.buf.Reset()
	if !h.head {
		if err := page.WriteReportHead(&h.buf, htmlTitle); err != nil {
			return fmt.Errorf("saywho: html page: %w", err)
		}
	}
	if err := page.WriteReportDoc(&h.buf, htmlDoc{Text: text, Result: c}); err != nil {
		return fmt.Errorf("saywho: encoding %s for the html page: %w", r.ID, err)
	}
	h.head = true
	if _, err := h.w.Write(h.buf.Bytes()); err != nil {
		return writeErr(FormatHTML, r.ID, err)
	}
	return nil
}

func (h *htmlWriter) Close() error {
	h.buf.Reset()
	if !h.head {
		if err := page.WriteReportHead(&h.buf, htmlTitle); err != nil {
			return fmt.Errorf("saywho: html page: %w", err)
		}
		h.head = true
	}
	if err := page.WriteReportFoot(&h.buf); err != nil {
		return fmt.Errorf("saywho: html page: %w", err)
	}
	if _, err := h.w.Write(h.buf.Bytes()); err != nil {
		return writeErr(FormatHTML, "", err)
	}
	return nil
}
