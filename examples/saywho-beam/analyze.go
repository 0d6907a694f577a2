package main

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/extract"
)

// metricsNamespace is the namespace of the pipeline's counters.
const metricsNamespace = "saywho"

var (
	documents = beam.NewCounter(metricsNamespace, "documents")
	claimsN   = beam.NewCounter(metricsNamespace, "claims")
	warned    = beam.NewCounter(metricsNamespace, "documents_with_warnings")
	textBytes = beam.NewCounter(metricsNamespace, "bytes")
)

// analyzeFn analyses documents with the library's Analyzer, which Setup
// builds once per DoFn instance (the models are loaded there, never per
// element), and emits for each document its Result as the saywho
// command's JSONL line, and one speakerDoc per speaker of its claims.
type analyzeFn struct {
	NER      string // extract.ParseNER's name
	Offsets  string // saywho.ParseOffsets's name
	Examples int    // claims kept per speaker

	an      *saywho.Analyzer
	offsets saywho.Offsets
	buf     bytes.Buffer
	w       saywho.Writer
}

// Setup loads the models.
func (f *analyzeFn) Setup() error {
	ner, err := extract.ParseNER(f.NER)
	if err != nil {
		return err
	}
	if f.offsets, err = saywho.ParseOffsets(f.Offsets); err != nil {
		return err
	}
	if f.an, err = saywho.New(saywho.WithNER(ner)); err != nil {
		return err
	}
	f.w = saywho.NewWriter(&f.buf, saywho.FormatJSONL, saywho.WriteOptions{Offsets: f.offsets})
	return nil
}

// ProcessElement analyses d. Analysis never fails; the only error is the
// bundle's context ending, which fails the bundle for the runner to retry.
func (f *analyzeFn) ProcessElement(ctx context.Context, d document, emit func(row), perSpeaker func(string, speakerDoc), dead func(deadLetter)) error {
	r, err := f.an.Analyze(ctx, d.ID, d.Text)
	if err != nil {
		return err
	}
	r.Extra = d.fields()
	if d.Warning != "" {
		r.Warnings = append([]string{d.Warning}, r.Warnings...)
	}
	if r, err = r.WithOffsets(f.offsets); err != nil {
		return fmt.Errorf("%s: %w", d.ID, err) // a Result from Analyze knows its text: a bug
	}
	f.buf.Reset()
	if err := f.w.Write(r); err != nil { // into a bytes.Buffer: only encoding can fail
		sendDead(ctx, dead, deadLetter{Input: d.Input, Line: d.Line, ID: d.ID, Kind: failEncoding, Reason: fmt.Sprintf("encoding the result: %v", err)})
		return nil
	}
	emit(row{Line: string(bytes.TrimSuffix(f.buf.Bytes(), []byte("\n")))})

	documents.Inc(ctx, 1)
	claimsN.Inc(ctx, int64(len(r.Claims)))
	textBytes.Inc(ctx, int64(len(d.Text)))
	if len(r.Warnings) > 0 {
		warned.Inc(ctx, 1)
	}
	for _, sp := range speakersOf(r, f.Examples) {
		perSpeaker(sp.name, sp.doc)
	}
	return nil
}

// namedSpeakerDoc is a speakerDoc with its speaker.
type namedSpeakerDoc struct {
	name string
	doc  speakerDoc
}

// speakersOf groups the claims of r by saywho.SpeakerKey, as
// saywho.Speakers does, keeping the count and the best k claims of each
// speaker; speakers come in name order.
func speakersOf(r saywho.Result, k int) []namedSpeakerDoc {
	index := map[string]int{}
	var out []namedSpeakerDoc
	for _, c := range r.Claims {
		name := saywho.SpeakerKey(c)
		i, ok := index[name]
		if !ok {
			i = len(out)
			index[name] = i
			out = append(out, namedSpeakerDoc{name: name})
		}
		out[i].doc.Claims++
		out[i].doc.Examples = append(out[i].doc.Examples, saywho.NewSpeakerClaim(r.ID, c))
	}
	for i := range out {
		out[i].doc.Examples = topClaims(out[i].doc.Examples, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}
