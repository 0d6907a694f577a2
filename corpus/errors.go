package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrFormat is wrapped by every LoadError, so callers can tell a broken gold
// file from an I/O failure with errors.Is(err, ErrFormat).
var ErrFormat = errors.New("corpus: malformed annotation")

// LoadError is one problem found while loading an annotated file. It names
// the file, the 1-based line (0 when the whole file is at fault) and the
// byte offset into the file (from 0) where the problem is. It renders like
// a compiler message:
//
//	dev/attributions/x_4e07.ann:12: span [40,35) is reversed: end must not be before start
//	seeds/articles/a.gold.json:7: byte 5120: entity 3: text "Lukashenk" differs from text[10:20] "Lukashenko"
type LoadError struct {
	File   string // path of the file, as given to the loader
	Line   int    // 1-based line in File, or 0 when unknown
	Offset int    // byte offset in File, from 0, or -1 when unknown
	Msg    string // what is wrong and, where it helps, how to fix it
}

// Error returns "file:line: msg", with "byte N: " added when Offset is known
// and Line is not.
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Line <= 0 && e.Offset >= 0 {
		fmt.Fprintf(&b, "byte %d: ", e.Offset)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns ErrFormat.
func (e *LoadError) Unwrap() error { return ErrFormat }

// ErrorList is the list of problems a loader found, in file and line order
// (after Sort). Loaders collect every problem instead of stopping at the
// first, so a broken corpus can be fixed in one pass.
type ErrorList []*LoadError

// Add appends a LoadError built from its arguments.
func (l *ErrorList) Add(file string, line, offset int, format string, args ...any) {
	*l = append(*l, &LoadError{File: file, Line: line, Offset: offset, Msg: fmt.Sprintf(format, args...)})
}

// Len, Swap and Less implement sort.Interface, by file, line, then offset.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Offset < b.Offset
}

// Sort sorts the list by file, line and offset.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns the first error and the count of the others, as
// go/scanner.ErrorList does. Use Errors or range over the list for all.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Errors returns every error, one per line.
func (l ErrorList) Errors() string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Err returns nil when the list is empty and the sorted list otherwise. It
// is how loaders turn their list into an error result.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// lineStarts returns the byte offsets of the start of every line of data.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line holding byte offset off, given the line
// starts from lineStarts.
func lineOf(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// WithSource returns the error followed by the line of src (the content of
// e.File) that holds e.Offset, with a caret under the offending byte:
//
//	x.ann:2: unknown label "Speaker": want Source, Cue, Content, ...
//	    2 | T2	Speaker 3 7	said
//	      | ^
//
// It returns just e.Error() when the offset is unknown or outside src.
func (e *LoadError) WithSource(src []byte) string {
	if e.Offset < 0 || e.Offset > len(src) {
		return e.Error()
	}
	start := bytes.LastIndexByte(src[:e.Offset], '\n') + 1
	end := bytes.IndexByte(src[e.Offset:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += e.Offset
	}
	line := strings.TrimSuffix(string(src[start:end]), "\r")
	prefix := fmt.Sprintf("%3d | ", lineOf(lineStarts(src), e.Offset))
	// Pad with the same tabs as the line so the caret lines up.
	var pad strings.Builder
	for _, r := range string(src[start:e.Offset]) {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return fmt.Sprintf("%s\n  %s%s\n  %s%s^", e.Error(), prefix, line, strings.Repeat(" ", len(prefix)-2)+"| ", pad.String())
}
