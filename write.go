package saywho

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

// Format is an output format of Results. The zero value is FormatText.
type Format uint8

// Output formats. To add one, add a constant here and its row to formats.
const (
	FormatText   Format = iota // a readable table per document
	FormatJSON                 // one indented JSON array of Results
	FormatJSONL                // one Result per line (JSON Lines)
	FormatCSV                  // one row per claim, with a header row
	FormatCitron               // one Citron annotation document per line
	FormatHTML                 // a self-contained who-said-what page (see html.go)
	FormatCoNLLU               // CoNLL-U: tokens, tags and trees (needs Result.Document)
)

// formats describes every Format: its name (for -format and String), one
// line of help, and how to build its Writer.
var formats = [...]struct {
	name, help string
	new        func(io.Writer, WriteOptions) Writer
}{
	FormatText:   {"text", "readable tables per document: people, entities, who said what", newTextWriter},
	FormatJSON:   {"json", "one indented JSON array of result objects", newJSONWriter},
	FormatJSONL:  {"jsonl", "one result object per line (JSON Lines)", newJSONLWriter},
	FormatCSV:    {"csv", "one row per claim: id, claim, kind, speaker, source, cue, content, offsets, confidence, …", newCSVWriter},
	FormatCitron: {"citron", "one BBC Citron annotation document per line (character offsets)", newCitronWriter},
	FormatHTML:   {"html", "a self-contained page to open in a browser: each article highlighted, its claims by speaker", newHTMLWriter},
	FormatCoNLLU: {"conllu", "CoNLL-U: per sentence its tokens, tags and dependency tree, TokenRange=START:END in MISC", newCoNLLUWriter},
}

// NeedsDocument reports whether the format writes layers a Result does
// not carry (tokens, tags, trees), so that its Results must come from an
// Analyzer built WithDocuments.
func (f Format) NeedsDocument() bool { return f == FormatCoNLLU }

// conlluWriter writes each Result's document as CoNLL-U
// (corpus.WriteCoNLLU): "# newdoc id" per document, "# sent_id" and
// "# text" per sentence, ten columns per token, byte offsets in MISC.
type conlluWriter struct {
	w   io.Writer
	buf bytes.Buffer
}

func newCoNLLUWriter(w io.Writer, _ WriteOptions) Writer { return &conlluWriter{w: w} }

func (c *conlluWriter) Write(r Result) error {
	d := r.Document()
	if d == nil {
		return fmt.Errorf("saywho: %s: %w", r.ID, ErrNoDocument)
	}
	c.buf.Reset()
	if err := corpus.WriteCoNLLU(&c.buf, r.ID, d); err != nil {
		return fmt.Errorf("saywho: encoding CoNLL-U for %s: %w", r.ID, err)
	}
	if _, err := c.w.Write(c.buf.Bytes()); err != nil {
		return writeErr(FormatCoNLLU, r.ID, err)
	}
	return nil
}

func (c *conlluWriter) Close() error { return nil }

// Formats returns every output format, in the order of the constants.
func Formats() []Format {
	out := make([]Format, len(formats))
	for i := range formats {
		out[i] = Format(i)
	}
	return out
}

// String returns the format's name: "text", "json", "jsonl", "csv",
// "citron", "html".
func (f Format) String() string {
	if int(f) < len(formats) {
		return formats[f].name
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Help returns one line describing the format.
func (f Format) Help() string {
	if int(f) < len(formats) {
		return formats[f].help
	}
	return ""
}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	names := make([]string, len(formats))
	for i, spec := range formats {
		if spec.name == s {
			return Format(i), nil
		}
		names[i] = spec.name
	}
	return FormatText, fmt.Errorf("saywho: unknown format %q (want %s)", s, strings.Join(names, ", "))
}

// WriteOptions configure a Writer.
type WriteOptions struct {
	// Offsets is the unit of the offsets written (Bytes by default). The
	// Citron format always counts characters, as Citron does; the text
	// format shows no offsets.
	Offsets Offsets
	// Warn, when not nil, is told of what a format cannot hold and leaves
	// out (Citron has no place for a claim without a cue).
	Warn func(msg string)
}

// Writer writes Results in one format. Write writes one Result at once,
// in one Write call on the underlying writer where the format allows, so
// output streams as documents are done; Close finishes the output (the
// closing bracket of a JSON array) and must be called once after the last
// Write. Every error of the underlying writer is returned, wrapped with the
// format and the document; after one, the output is incomplete. A Writer
// is not safe for concurrent use.
type Writer interface {
	Write(r Result) error
	Close() error
}

// NewWriter returns a Writer of format f on w. An unknown format gives a
// writer whose every call fails.
func NewWriter(w io.Writer, f Format, opts WriteOptions) Writer {
	if int(f) >= len(formats) {
		return errWriter{fmt.Errorf("saywho: unknown format %v", f)}
	}
	return formats[f].new(w, opts)
}

type errWriter struct{ err error }

func (e errWriter) Write(Result) error { return e.err }
func (e errWriter) Close() error       { return e.err }

// writeErr wraps an error of the underlying writer.
func writeErr(f Format, id string, err error) error {
	if id == "" {
		return fmt.Errorf("saywho: writing %s output: %w", f, err)
	}
	return fmt.Errorf("saywho: writing %s output for %s: %w", f, id, err)
}

// inUnit returns r with offsets in unit u.
func inUnit(r Result, u Offsets) (Result, error) {
	c, err := r.WithOffsets(u)
	if err != nil {
		return r, fmt.Errorf("saywho: %s: %w", r.ID, err)
	}
	return c, nil
}

// jsonlWriter writes one compact Result per line.
type jsonlWriter struct {
	w    io.Writer
	opts WriteOptions
	buf  bytes.Buffer
}

func newJSONLWriter(w io.Writer, opts WriteOptions) Writer { return &jsonlWriter{w: w, opts: opts} }

func (j *jsonlWriter) Write(r Result) error {
	r, err := inUnit(r, j.opts.Offsets)
	if err != nil {
		return err
	}
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	// Without extra fields, the wire form directly: Result.MarshalJSON
	// would encode it into a buffer of its own for enc to check again.
	var v any = r
	if len(r.Extra) == 0 {
		v = newWire(&r)
	}
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("saywho: encoding %s: %w", r.ID, err)
	}
	if _, err := j.w.Write(j.buf.Bytes()); err != nil {
		return writeErr(FormatJSONL, r.ID, err)
	}
	return nil
}

func (j *jsonlWriter) Close() error { return nil }

// jsonWriter writes one indented array, element by element.
type jsonWriter struct {
	w    io.Writer
	opts WriteOptions
	n    int
	buf  bytes.Buffer
}

func newJSONWriter(w io.Writer, opts WriteOptions) Writer { return &jsonWriter{w: w, opts: opts} }

func (j *jsonWriter) Write(r Result) error {
	r, err := inUnit(r, j.opts.Offsets)
	if err != nil {
		return err
	}
	j.buf.Reset()
	if j.n == 0 {
		j.buf.WriteString("[\n  ")
	} else {
		j.buf.WriteString(",\n  ")
	}
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("saywho: encoding %s: %w", r.ID, err)
	}
	j.buf.Truncate(j.buf.Len() - 1) // the encoder's newline
	j.n++
	if _, err := j.w.Write(j.buf.Bytes()); err != nil {
		return writeErr(FormatJSON, r.ID, err)
	}
	return nil
}

func (j *jsonWriter) Close() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	if _, err := io.WriteString(j.w, end); err != nil {
		return writeErr(FormatJSON, "", err)
	}
	return nil
}

// csvColumns are the columns of the CSV format, one row per claim.
var csvColumns = []string{"id", "claim", "kind", "speaker", "person", "source", "source_start", "source_end",
	"cue", "cue_start", "cue_end", "content", "content_start", "content_end", "confidence",
	"paragraph", "sentence", "continuation", "offsets"}

// csvWriter writes one row per claim. content joins the content pieces
// with " … "; content_start and content_end are the start of the first
// piece and the end of the last. Absent roles and speakers are empty cells.
type csvWriter struct {
	w      *csv.Writer
	opts   WriteOptions
	header bool
}

func newCSVWriter(w io.Writer, opts WriteOptions) Writer {
	return &csvWriter{w: csv.NewWriter(w), opts: opts}
}

func (c *csvWriter) Write(r Result) error {
	r, err := inUnit(r, c.opts.Offsets)
	if err != nil {
		return err
	}
	if !c.header {
		c.header = true
		if err := c.w.Write(csvColumns); err != nil {
			return writeErr(FormatCSV, r.ID, err)
		}
	}
	span := func(s *Span) (string, string, string) {
		if s == nil {
			return "", "", ""
		}
		return s.Text, strconv.Itoa(s.Start), strconv.Itoa(s.End)
	}
	for i, cl := range r.Claims {
		speaker, person := "", ""
		if cl.Speaker != nil {
			speaker, person = cl.Speaker.Name, strconv.Itoa(cl.Speaker.Person)
		}
		src, srcS, srcE := span(cl.Source)
		cue, cueS, cueE := span(cl.Cue)
		var parts []string
		contS, contE := "", ""
		for _, s := range cl.Content {
			parts = append(parts, s.Text)
		}
		if n := len(cl.Content); n > 0 {
			contS, contE = strconv.Itoa(cl.Content[0].Start), strconv.Itoa(cl.Content[n-1].End)
		}
		row := []string{r.ID, strconv.Itoa(i), cl.Kind.String(), speaker, person, src, srcS, srcE, cue, cueS, cueE,
			strings.Join(parts, " … "), contS, contE, strconv.FormatFloat(cl.Confidence, 'f', -1, 64),
			strconv.Itoa(cl.Paragraph), strconv.Itoa(cl.Sentence), strconv.FormatBool(cl.Continuation), r.Offsets.String()}
		if err := c.w.Write(row); err != nil {
			return writeErr(FormatCSV, r.ID, err)
		}
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return writeErr(FormatCSV, r.ID, err)
	}
	return nil
}

func (c *csvWriter) Close() error {
	if !c.header { // no document at all: still a header
		c.header = true
		if err := c.w.Write(csvColumns); err != nil {
			return writeErr(FormatCSV, "", err)
		}
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return writeErr(FormatCSV, "", err)
	}
	return nil
}

// citronWriter writes one Citron annotation document per line, as
// corpus.EncodeCitron writes it (character offsets, the text included, a
// cue on every quote, coreferences naming the speaker's fullest mention).
// A claim without a cue cannot be written (Citron has one quote per cue)
// and is reported to WriteOptions.Warn.
type citronWriter struct {
	w    io.Writer
	opts WriteOptions
	buf  bytes.Buffer
	out  bytes.Buffer
}

func newCitronWriter(w io.Writer, opts WriteOptions) Writer { return &citronWriter{w: w, opts: opts} }

func (c *citronWriter) Write(r Result) error {
	a, err := articleOf(r)
	if err != nil {
		return err
	}
	kept := a.Claims[:0:0]
	for _, cl := range a.Claims {
		if cl.Cue.IsEmpty() {
			continue
		}
		kept = append(kept, cl)
	}
	if n := len(a.Claims) - len(kept); n > 0 && c.opts.Warn != nil {
		c.opts.Warn(fmt.Sprintf("%s: %d claims without a cue left out of the Citron output (Citron's format needs a cue)", r.ID, n))
	}
	a.Claims = kept
	c.buf.Reset()
	if err := corpus.EncodeCitron(&c.buf, a); err != nil {
		return err
	}
	c.out.Reset()
	if err := json.Compact(&c.out, c.buf.Bytes()); err != nil {
		return fmt.Errorf("saywho: encoding Citron JSON for %s: %w", r.ID, err)
	}
	c.out.WriteByte('\n')
	if _, err := c.w.Write(c.out.Bytes()); err != nil {
		return writeErr(FormatCitron, r.ID, err)
	}
	return nil
}

func (c *citronWriter) Close() error { return nil }

// articleOf rebuilds the document and claims of r, with byte offsets, as a
// corpus.Article with ID "citron:"+r.ID.
func articleOf(r Result) (corpus.Article, error) {
	r, err := inUnit(r, Bytes)
	if err != nil {
		return corpus.Article{}, err
	}
	text, ok := r.Text()
	if !ok {
		return corpus.Article{}, fmt.Errorf("saywho: %s: %w", r.ID, ErrNoText)
	}
	span := func(s *Span) extract.Span {
		if s == nil {
			return extract.Span{}
		}
		return extract.Span{Start: s.Start, End: s.End, Text: s.Text}
	}
	doc := &extract.Document{Text: text}
	for _, e := range r.Entities {
		doc.Entities = append(doc.Entities, extract.Entity{Span: extract.Span{Start: e.Start, End: e.End, Text: e.Text}, Label: e.Label, Person: e.Person})
	}
	for _, p := range r.People {
		doc.People = append(doc.People, extract.Person{Name: p.Name, Mentions: p.Mentions, Titles: p.Titles, Description: span(p.Description)})
	}
	a := corpus.Article{ID: "citron:" + r.ID, Source: "saywho", Doc: doc, Layers: corpus.LayerEntities | corpus.LayerPeople | corpus.LayerClaims}
	for _, c := range r.Claims {
		cl := claims.Claim{Kind: c.Kind, Cue: span(c.Cue), Source: span(c.Source), Confidence: c.Confidence,
			Paragraph: c.Paragraph, Sentence: c.Sentence, Rule: c.Rule,
			Speaker: claims.Speaker{Person: -1, Entity: -1}}
		for i := range c.Content {
			cl.Content = append(cl.Content, span(&c.Content[i]))
		}
		if s := c.Speaker; s != nil {
			cl.Speaker = claims.Speaker{Kind: s.Kind, Name: s.Name, Person: s.Person, Entity: s.Entity, Rule: s.Rule}
		}
		a.Claims = append(a.Claims, cl)
	}
	return a, nil
}

// textWriter prints each document as readable tables: people, other
// entities, then who said what. Each document is one Write call.
type textWriter struct {
	w   io.Writer
	buf bytes.Buffer
}

func newTextWriter(w io.Writer, _ WriteOptions) Writer { return &textWriter{w: w} }

func (t *textWriter) Write(r Result) error {
	t.buf.Reset()
	writeText(&t.buf, r)
	if _, err := t.w.Write(t.buf.Bytes()); err != nil {
		return writeErr(FormatText, r.ID, err)
	}
	return nil
}

func (t *textWriter) Close() error { return nil }

func writeText(w *bytes.Buffer, d Result) {
	fmt.Fprintf(w, "== %s\n", d.ID)
	fmt.Fprintf(w, "\nPeople (%d)\n", len(d.People))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, p := range d.People {
		desc := ""
		if p.Description != nil {
			desc = shorten(p.Description.Text, 60)
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%d mentions\t%s\n", i, p.Name, p.Gender, len(p.Mentions), desc)
	}
	tw.Flush()

	byLabel := map[extract.Label][]string{}
	seen := map[string]bool{}
	for _, e := range d.Entities {
		key := e.Label.String() + "\x00" + e.Text
		if e.Label == extract.PER || seen[key] {
			continue
		}
		seen[key] = true
		byLabel[e.Label] = append(byLabel[e.Label], e.Text)
	}
	fmt.Fprintf(w, "\nEntities (%d)\n", len(d.Entities))
	for _, l := range []extract.Label{extract.ORG, extract.LOC, extract.MISC} {
		if len(byLabel[l]) > 0 {
			fmt.Fprintf(w, "  %-5s %s\n", l, strings.Join(byLabel[l], "; "))
		}
	}

	fmt.Fprintf(w, "\nWho said what (%d claims)\n", len(d.Claims))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  SPEAKER\tSOURCE\tCUE\tKIND\tCONF\tCONTENT\n")
	for _, c := range d.Claims {
		speaker, source, cue := "?", "-", "-"
		if c.Speaker != nil {
			speaker = c.Speaker.Name
		}
		if c.Source != nil {
			source = shorten(c.Source.Text, 24)
		}
		if c.Cue != nil {
			cue = shorten(c.Cue.Text, 16)
		}
		var parts []string
		for _, s := range c.Content {
			parts = append(parts, s.Text)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%.2f\t%s\n", speaker, source, cue, c.Kind, c.Confidence, shorten(strings.Join(parts, " … "), 70))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// shorten cuts s to at most n runes, on one line, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
