package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/saywho/saywho"
)

// speakerDoc is what one document says of one speaker: the input of the
// combiner.
type speakerDoc struct {
	Claims   int                   // the speaker's claims in the document
	Examples []saywho.SpeakerClaim // the best of them, at most Examples, in topClaims order
}

// speakerAcc is the combiner's accumulator for one speaker: it stays the
// same size however many documents quote the speaker.
type speakerAcc struct {
	Claims, Documents int
	Examples          []saywho.SpeakerClaim
}

// aggregate is one speaker across the corpus: a line of speakers.jsonl.
// Name, Claims and Documents are those of `saywho speakers` (the name is
// saywho.SpeakerKey, "" for the unknown speaker; documents count the
// documents with a claim of the speaker); Examples are the most confident
// of the claims, as saywho.NewSpeakerClaim gives them.
type aggregate struct {
	Name      string                `json:"name"`
	Claims    int                   `json:"claims"`
	Documents int                   `json:"documents"`
	Examples  []saywho.SpeakerClaim `json:"examples"`
}

// speakerCombineFn sums, per speaker, the claims and documents and keeps
// the best Examples claims. Its operations are associative and
// commutative, and topClaims is a total order, so the output does not
// depend on how the runner splits and merges the work.
type speakerCombineFn struct {
	Examples int
}

// CreateAccumulator returns an empty accumulator.
func (f *speakerCombineFn) CreateAccumulator() speakerAcc { return speakerAcc{} }

// AddInput adds one document's claims of the speaker.
func (f *speakerCombineFn) AddInput(a speakerAcc, d speakerDoc) speakerAcc {
	a.Claims += d.Claims
	a.Documents++
	a.Examples = topClaims(slices.Concat(a.Examples, d.Examples), f.Examples)
	return a
}

// MergeAccumulators merges two partial sums.
func (f *speakerCombineFn) MergeAccumulators(a, b speakerAcc) speakerAcc {
	return speakerAcc{Claims: a.Claims + b.Claims, Documents: a.Documents + b.Documents,
		Examples: topClaims(slices.Concat(a.Examples, b.Examples), f.Examples)}
}

// ExtractOutput returns the aggregate, without its name (the key).
func (f *speakerCombineFn) ExtractOutput(a speakerAcc) aggregate {
	ex := a.Examples
	if ex == nil {
		ex = []saywho.SpeakerClaim{}
	}
	return aggregate{Claims: a.Claims, Documents: a.Documents, Examples: ex}
}

// compareClaims orders claims best first: the most confident, then by
// document id, start, end and the rest of their fields, so that no two
// different claims tie.
func compareClaims(a, b saywho.SpeakerClaim) int {
	return cmp.Or(
		cmp.Compare(b.Confidence, a.Confidence),
		cmp.Compare(a.ID, b.ID),
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Content, b.Content),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Cue, b.Cue),
	)
}

// topClaims sorts cs by compareClaims and returns the first k. It may
// reorder cs.
func topClaims(cs []saywho.SpeakerClaim, k int) []saywho.SpeakerClaim {
	slices.SortFunc(cs, compareClaims)
	return slices.Clip(cs[:min(k, len(cs))])
}

// speakerRow makes the speakers.jsonl line of one speaker. Its Order puts
// the lines in the order of `saywho speakers`: most claims first, then by
// name, the unknown speaker last.
func speakerRow(name string, a aggregate) (row, error) {
	a.Name = name
	line, err := marshalLine(a)
	if err != nil {
		return row{}, fmt.Errorf("encoding the aggregate of speaker %q: %w", name, err)
	}
	unknown := 0
	if name == "" {
		unknown = 1
	}
	return row{Order: fmt.Sprintf("%d%020d%s", unknown, math.MaxInt64-int64(a.Claims), name), Line: line}, nil
}

// marshalLine encodes v as one line of JSON, without HTML escaping (as the
// saywho command writes).
func marshalLine(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}
