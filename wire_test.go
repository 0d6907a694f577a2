package saywho

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// TestWireMatchesResult checks that the wire types list the JSON fields of
// the types they stand for, in order, and that a Result's JSON through
// them is the bytes encoding/json writes for the Result's own fields, on
// the seed articles and on hand-made Results (nil layers, enumeration
// values out of range, speakers with and without descriptions).
func TestWireMatchesResult(t *testing.T) {
	for _, pair := range [][2]any{{Result{}, wireResult{}}, {Entity{}, wireEntity{}}, {Claim{}, wireClaim{}}, {Speaker{}, wireSpeaker{}}} {
		if got, want := jsonTags(reflect.TypeOf(pair[1])), jsonTags(reflect.TypeOf(pair[0])); !reflect.DeepEqual(got, want) {
			t.Errorf("%T fields %q, want those of %T %q", pair[1], got, pair[0], want)
		}
	}
	var rs []Result
	for _, name := range seeds.Names() {
		text, err := seeds.Text(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Default().Analyze(context.Background(), name, text)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	d := &Span{Text: "a <b> & \u2028 \xff", Start: 1, End: 9}
	rs = append(rs, Result{}, Result{ID: "odd", Entities: []Entity{{Text: "X", Label: extract.Label(77), Person: -1}},
		Claims: []Claim{
			{Kind: claims.Kind(9), Rule: claims.Rule(250), Confidence: 1e-9, Content: []Span{}},
			{Speaker: &Speaker{Name: "n", Kind: claims.SpeakerKind(40), Description: d}, Cue: d},
			{Speaker: &Speaker{Name: "m", Person: -1, Entity: -1}},
		}, Warnings: []string{"w"}})
	for _, r := range rs {
		var want, got bytes.Buffer
		for buf, v := range map[*bytes.Buffer]any{&want: (*resultFields)(&r), &got: newWire(&r)} {
			enc := json.NewEncoder(buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
		}
		if got.String() != want.String() {
			t.Errorf("Result %q: wire JSON\n%s\nwant\n%s", r.ID, got.String(), want.String())
		}
	}
}

// jsonTags returns the json tags of t's fields that encoding/json writes.
func jsonTags(t reflect.Type) []string {
	var tags []string
	for f := range t.Fields() {
		if tag := f.Tag.Get("json"); f.IsExported() && tag != "-" {
			tags = append(tags, f.Name+":"+tag)
		}
	}
	return tags
}
