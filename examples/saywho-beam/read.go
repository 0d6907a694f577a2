package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/saywho/saywho"
)

// document is one document to analyse, as it travels between stages.
type document struct {
	ID   string // the path of a text file; the "id" of a JSONL line
	Text string // as read, byte for byte (invalid UTF-8 included), UTF-16 decoded
	// Extra are the other fields of the JSONL line, in order, each value
	// as written (raw JSON), carried to the Result.
	Extra   []field
	Input   string // the file it was read from
	Line    int    // 1-based line of a JSONL file, 0 for a text file
	Warning string // what decoding did (UTF-16), for Result.Warnings
}

// field is a saywho.Field whose raw JSON value is a string, which Beam's
// coders carry as it is.
type field struct{ Key, Value string }

// failure says why an input went to the dead letter.
type failure uint8

// Failures.
const (
	failUnreadable failure = iota // a file could not be opened or read
	failNoMatch                   // the glob matched no file
	failTooLarge                  // a file or JSONL line over --max-bytes
	failBadLine                   // a JSONL line that is not a document
	failEncoding                  // a Result that could not be encoded as JSON
)

var failureNames = [...]string{failUnreadable: "unreadable", failNoMatch: "no_match", failTooLarge: "too_large", failBadLine: "bad_line", failEncoding: "encoding"}

// String returns "unreadable", "no_match", "too_large", "bad_line" or
// "encoding".
func (f failure) String() string {
	if int(f) < len(failureNames) {
		return failureNames[f]
	}
	return fmt.Sprintf("failure(%d)", int(f))
}

// parseFailure returns the failure named s.
func parseFailure(s string) (failure, error) {
	for i, n := range failureNames {
		if n == s {
			return failure(i), nil
		}
	}
	return 0, fmt.Errorf("unknown failure %q (want one of %s)", s, strings.Join(failureNames[:], ", "))
}

// MarshalText implements encoding.TextMarshaler.
func (f failure) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with parseFailure.
func (f *failure) UnmarshalText(b []byte) error {
	v, err := parseFailure(string(b))
	*f = v
	return err
}

// deadLetter is one input that could not be analysed: a line of
// deadletter.jsonl.
type deadLetter struct {
	Input  string  `json:"input"`          // the file, or the glob that matched nothing
	Line   int     `json:"line,omitempty"` // 1-based line of a JSONL file
	ID     string  `json:"id,omitempty"`   // the document's id, when it was read
	Kind   failure `json:"kind"`
	Reason string  `json:"reason"`
}

var failures = beam.NewCounter(metricsNamespace, "failures")

// sendDead counts d and emits it to the dead letter.
func sendDead(ctx context.Context, emit func(deadLetter), d deadLetter) {
	failures.Inc(ctx, 1)
	emit(d)
}

// matchFn lists the files of a glob, with their sizes. Unlike
// fileio.MatchFiles, which fails the whole job when one matched file
// cannot be read, a file whose size cannot be read goes to the dead letter;
// a glob that matches nothing does too.
type matchFn struct{}

// ProcessElement lists glob. Only a file system that cannot be reached
// fails the job (the runner retries it).
func (matchFn) ProcessElement(ctx context.Context, glob string, emit func(fileio.FileMetadata), dead func(deadLetter)) error {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return fmt.Errorf("opening the file system of %s: %w", glob, err)
	}
	defer fs.Close()
	paths, err := fs.List(ctx, glob)
	if err != nil {
		return fmt.Errorf("listing %s: %w", glob, err)
	}
	if len(paths) == 0 {
		sendDead(ctx, dead, deadLetter{Input: glob, Kind: failNoMatch, Reason: "no file matches the pattern"})
		return nil
	}
	sort.Strings(paths)
	for _, p := range paths {
		if isDir(p) {
			sendDead(ctx, dead, deadLetter{Input: p, Kind: failUnreadable, Reason: fmt.Sprintf("%s is a directory, not a file: the pattern should match files (a directory's files are not read)", p)})
			continue
		}
		size, err := fs.Size(ctx, p)
		if err != nil {
			sendDead(ctx, dead, deadLetter{Input: p, Kind: failUnreadable, Reason: fmt.Sprintf("cannot read %s: %v", p, err)})
			continue
		}
		emit(fileio.FileMetadata{Path: p, Size: size})
	}
	return nil
}

// isDir reports whether p names a directory: an object name ending in a
// slash (how object stores mark folders), or a local directory.
func isDir(p string) bool {
	if strings.HasSuffix(p, "/") {
		return true
	}
	if strings.Contains(p, "://") {
		return false
	}
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// readFn reads the documents of a file: the file itself (text), or one per
// line (JSONL, read by the library's JSONLReader, as the saywho command
// reads -in jsonl). Files ending in .gz are decompressed.
type readFn struct {
	Format   string // auto, text or jsonl
	MaxBytes int64
}

// isJSONL reports whether the file at p holds JSON Lines under format.
func isJSONL(format, p string) bool {
	switch format {
	case "jsonl":
		return true
	case "text":
		return false
	}
	p = strings.TrimSuffix(strings.ToLower(p), ".gz")
	return strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".ndjson")
}

// ProcessElement reads the file of md. Every problem goes to the dead
// letter; it never fails.
func (f *readFn) ProcessElement(ctx context.Context, md fileio.FileMetadata, emit func(document), dead func(deadLetter)) error {
	unreadable := func(err error) {
		sendDead(ctx, dead, deadLetter{Input: md.Path, Kind: failUnreadable, Reason: fmt.Sprintf("cannot read %s: %v", md.Path, err)})
	}
	tooLarge := func(n int64) {
		sendDead(ctx, dead, deadLetter{Input: md.Path, Kind: failTooLarge,
			Reason: fmt.Sprintf("%d bytes or more, over the --max-bytes limit of %d: skipped (raise --max-bytes to analyse it)", n, f.MaxBytes)})
	}
	jsonl := isJSONL(f.Format, md.Path)
	compressed := strings.HasSuffix(strings.ToLower(md.Path), ".gz")
	if !jsonl && !compressed && md.Size > f.MaxBytes {
		tooLarge(md.Size)
		return nil
	}
	rc, err := fileio.ReadableFile{Metadata: md}.Open(ctx) // decompresses by extension
	if err != nil {
		unreadable(err)
		return nil
	}
	defer rc.Close()
	if !jsonl {
		b, err := io.ReadAll(io.LimitReader(rc, f.MaxBytes+1))
		if err != nil {
			unreadable(err)
			return nil
		}
		if int64(len(b)) > f.MaxBytes {
			tooLarge(int64(len(b)))
			return nil
		}
		text, warn := saywho.DecodeText(b)
		emit(document{ID: md.Path, Text: text, Input: md.Path, Warning: warn})
		return nil
	}
	jr := saywho.NewJSONLReader(rc, md.Path)
	jr.MaxBytes = int(min(f.MaxBytes, int64(^uint(0)>>1)))
	for {
		d, err := jr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var le *saywho.LineError
		switch {
		case errors.As(err, &le):
			kind := failBadLine
			if strings.HasPrefix(le.Msg, "line longer than") {
				kind = failTooLarge
			}
			sendDead(ctx, dead, deadLetter{Input: md.Path, Line: le.Line, Kind: kind, Reason: le.Error()})
			continue
		case err != nil: // the file's own error: the rest of it cannot be read
			unreadable(err)
			return nil
		}
		if int64(len(d.Text)) > f.MaxBytes {
			sendDead(ctx, dead, deadLetter{Input: md.Path, Line: d.Line, ID: d.ID, Kind: failTooLarge,
				Reason: fmt.Sprintf("%s:%d: %s: text of %d bytes, over the --max-bytes limit of %d: skipped", md.Path, d.Line, d.ID, len(d.Text), f.MaxBytes)})
			continue
		}
		doc := document{ID: d.ID, Text: d.Text, Input: md.Path, Line: d.Line}
		for _, x := range d.Extra {
			doc.Extra = append(doc.Extra, field{Key: x.Key, Value: string(x.Value)})
		}
		emit(doc)
	}
}

// fields returns d's extra fields as the library's.
func (d document) fields() []saywho.Field {
	if len(d.Extra) == 0 {
		return nil
	}
	out := make([]saywho.Field, len(d.Extra))
	for i, x := range d.Extra {
		out[i] = saywho.Field{Key: x.Key, Value: json.RawMessage(x.Value)}
	}
	return out
}
