package saywho

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Document is one document to analyse: its id, its text and, when it came
// from a JSONL line, the line's other fields and its number.
type Document struct {
	ID    string
	Text  string
	Extra []Field // the line's fields other than "id" and "text", in order
	Line  int     // 1-based line number in the JSONL input, 0 otherwise
}

// LineError is a JSONL line that could not be read as a document. The
// reader has skipped it and can go on. It renders as
//
//	corpus.jsonl:17: no "text" string field
type LineError struct {
	Name string // the input's name, as given to NewJSONLReader
	Line int    // 1-based line number
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg) }

// JSONLReader reads documents from JSON Lines, the way corpora are
// shipped: one object per line with a string "text" and an "id" (a string
// or a number; when absent the id is NAME:LINE). Other fields are kept in
// Document.Extra and carried through to the Result. Blank lines are
// skipped. It reads one line at a time, so memory stays flat however long
// the input; a line longer than MaxBytes is skipped without being held in
// memory.
type JSONLReader struct {
	// MaxBytes is the longest line accepted, in bytes, without its line
	// break; DefaultMaxBytes when 0.
	MaxBytes int

	r    *bufio.Reader
	name string
	line int
	buf  []byte
}

// NewJSONLReader returns a reader of r; name (a path, "stdin") prefixes
// its errors.
func NewJSONLReader(r io.Reader, name string) *JSONLReader {
	return &JSONLReader{r: bufio.NewReaderSize(r, 64<<10), name: name}
}

// Read returns the next document. At the end of the input it returns
// io.EOF. A line that is not a document gives a *LineError and Read can be
// called again for the next line; any other error is the input's and is
// final.
func (r *JSONLReader) Read() (Document, error) {
	for {
		line, tooLong, err := r.readLine()
		if err != nil && !(errors.Is(err, io.EOF) && (len(line) > 0 || tooLong)) {
			if !errors.Is(err, io.EOF) {
				err = fmt.Errorf("saywho: reading %s at line %d: %w", r.name, r.line, err)
			}
			return Document{}, err
		}
		if tooLong {
			return Document{}, &LineError{r.name, r.line, fmt.Sprintf("line longer than %d bytes (the -max-bytes limit): skipped", r.maxBytes())}
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		d, msg := r.parse(line)
		if msg != "" {
			return Document{}, &LineError{r.name, r.line, msg}
		}
		return d, nil
	}
}

func (r *JSONLReader) maxBytes() int {
	if r.MaxBytes > 0 {
		return r.MaxBytes
	}
	return DefaultMaxBytes
}

// readLine returns the next line without its line break, reusing r.buf.
// A line over the limit is read to its end and dropped (tooLong). err is
// io.EOF at the end of the input, also after a last line without a line
// break.
func (r *JSONLReader) readLine() (line []byte, tooLong bool, err error) {
	r.line++
	r.buf = r.buf[:0]
	for {
		chunk, err := r.r.ReadSlice('\n')
		if !tooLong {
			if len(r.buf)+len(chunk) > r.maxBytes()+2 { // +2: the line break
				tooLong = true
				r.buf = r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimRight(r.buf, "\r\n")
		if !tooLong && len(line) > r.maxBytes() {
			tooLong = true
		}
		return line, tooLong, err
	}
}

// parse decodes one non-blank line; msg says what is wrong with it.
func (r *JSONLReader) parse(line []byte) (d Document, msg string) {
	if line[0] != '{' {
		return d, "not a JSON object (want {\"id\": …, \"text\": …} on each line)"
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return d, "bad JSON: " + err.Error()
	}
	hasText := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return d, "bad JSON: " + err.Error()
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return d, fmt.Sprintf("bad JSON in field %q: %v", key, err)
		}
		switch key {
		case "text":
			if err := json.Unmarshal(raw, &d.Text); err != nil {
				return d, fmt.Sprintf("\"text\" is %s, want a string", jsonKind(raw))
			}
			hasText = true
		case "id":
			var n json.Number
			if err := json.Unmarshal(raw, &d.ID); err == nil {
				break
			}
			if err := json.Unmarshal(raw, &n); err == nil {
				d.ID = n.String()
				break
			}
			return d, fmt.Sprintf("\"id\" is %s, want a string or a number", jsonKind(raw))
		default:
			d.Extra = append(d.Extra, Field{Key: key, Value: raw})
		}
	}
	if _, err := dec.Token(); err != nil {
		return d, "bad JSON: " + err.Error()
	}
	if dec.More() {
		return d, "more than one JSON value on the line"
	}
	if _, err := dec.Token(); err != io.EOF {
		return d, "more than one JSON value on the line"
	}
	if !hasText {
		return d, "no \"text\" string field"
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s:%d", r.name, r.line)
	}
	d.Line = r.line
	return d, ""
}

// jsonKind names the kind of a JSON value for an error message.
func jsonKind(raw json.RawMessage) string {
	switch b := bytes.TrimSpace(raw); {
	case len(b) == 0:
		return "empty"
	case b[0] == '"':
		return "a string"
	case b[0] == '{':
		return "an object"
	case b[0] == '[':
		return "an array"
	case bytes.Equal(b, []byte("null")):
		return "null"
	case bytes.Equal(b, []byte("true")), bytes.Equal(b, []byte("false")):
		return "a boolean"
	}
	return "a number"
}
