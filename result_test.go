package saywho

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/seeds"
)

// Invariants checked here: every span of a Result is the text it points
// to, in the unit its Offsets says; the JSON of a Result decodes back to
// it; converting offsets and back is the identity.

const multilingual = "“Wir schaffen das,” sagte Frau Merkel in Zürich. Ms. Ana Ruiz said prices would fall – 😀 – in Bogotá. “No,” she added."

func analyse(t testing.TB, id, text string) Result {
	t.Helper()
	r, err := Default().Analyze(context.Background(), id, text)
	require.NoError(t, err)
	return r
}

// analyseWithDocument is analyse with the document kept, so that every
// format can write the Result.
func analyseWithDocument(t testing.TB, id, text string) Result {
	t.Helper()
	an, err := docAnalyzer()
	require.NoError(t, err)
	r, err := an.Analyze(context.Background(), id, text)
	require.NoError(t, err)
	return r
}

var docAnalyzer = sync.OnceValues(func() (*Analyzer, error) { return New(WithDocuments()) })

func TestDocumentKeptOnlyWithDocuments(t *testing.T) {
	r, err := Default().Analyze(context.Background(), "d", "“Fine,” he said.")
	require.NoError(t, err)
	assert.Nil(t, r.Document(), "the default Analyzer drops the document")
	err = NewWriter(&bytes.Buffer{}, FormatCoNLLU, WriteOptions{}).Write(r)
	assert.ErrorIs(t, err, ErrNoDocument)

	r = analyseWithDocument(t, "d", "“Fine,” he said.")
	require.NotNil(t, r.Document())
	text, _ := r.Text()
	assert.Equal(t, text, r.Document().Text)
	var buf bytes.Buffer
	require.NoError(t, NewWriter(&buf, FormatCoNLLU, WriteOptions{}).Write(r))
	assert.Contains(t, buf.String(), "# newdoc id = d\n")
	assert.Contains(t, buf.String(), "TokenRange=0:3")
}

// spans returns every Span of r (entities as spans too), found by walking
// the Result type, so a layer added later is checked without being named.
func spans(r Result) []Span {
	var out []Span
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			if s, e, x := v.FieldByName("Start"), v.FieldByName("End"), v.FieldByName("Text"); s.IsValid() && e.IsValid() && x.IsValid() {
				out = append(out, Span{Text: x.String(), Start: int(s.Int()), End: int(e.Int())})
			}
			for i := range t.NumField() {
				if t.Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(r))
	return out
}

func TestWithOffsetsCoversEverySpan(t *testing.T) {
	seed, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	for name, text := range map[string]string{"multilingual": multilingual, "seed": seed, "invalid": "Caf\xe9 \xff “It is fine,” she said.", "empty": ""} {
		t.Run(name, func(t *testing.T) {
			r := analyse(t, name, text)
			all := spans(r)
			if name != "empty" {
				require.NotEmpty(t, all)
			}
			for _, s := range all {
				require.Equal(t, s.Text, text[s.Start:s.End], "byte span [%d,%d)", s.Start, s.End)
			}
			c, err := r.WithOffsets(Chars)
			require.NoError(t, err)
			assert.Equal(t, Chars, c.Offsets)
			runes := []rune(text) // invalid bytes are one U+FFFD each, one character
			cs := spans(c)
			require.Len(t, cs, len(all))
			for i, s := range cs {
				require.True(t, 0 <= s.Start && s.Start <= s.End && s.End <= len(runes), "char span [%d,%d)", s.Start, s.End)
				assert.Equal(t, strings.ToValidUTF8(all[i].Text, "\uFFFD"), strings.ToValidUTF8(string(runes[s.Start:s.End]), "\uFFFD"))
			}
			if name == "multilingual" {
				assert.NotEqual(t, all, cs, "characters differ from bytes here")
			}
			b, err := c.WithOffsets(Bytes)
			require.NoError(t, err)
			assert.Equal(t, r, b, "bytes -> chars -> bytes")
			assert.Equal(t, Bytes, r.Offsets, "the original is unchanged")
		})
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	r := analyse(t, "doc <1> & co", multilingual)
	r.Extra = []Field{{"source", json.RawMessage(`"wire"`)}, {"meta", json.RawMessage(`{"a":[1,2]}`)}, {"claims", json.RawMessage(`1`)}}
	b, err := marshalNoEscape(r)
	require.NoError(t, err)
	s := string(b)
	assert.True(t, strings.HasPrefix(s, `{"id":"doc <1> & co","source":"wire","meta":{"a":[1,2]},"offsets":"bytes","entities":[`), s)
	assert.NotContains(t, s, `\u003c`, "no HTML escaping")
	assert.Equal(t, 1, strings.Count(s, `"claims":`), "an extra field named like ours is not written")
	for _, key := range []string{`"people":[`, `"cue":`, `"source":{`, `"speaker":{`, `"continuation":false`} {
		assert.Contains(t, s, key)
	}
	var back Result
	require.NoError(t, json.Unmarshal(b, &back))
	_, hasText := back.Text()
	assert.False(t, hasText)
	want := r
	want.Extra = want.Extra[:2]
	want.text, want.hasText = "", false
	assert.Equal(t, want, back)
	_, err = back.WithOffsets(Chars)
	assert.ErrorIs(t, err, ErrNoText)

	empty := analyse(t, "e", "")
	b, err = json.Marshal(empty)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"entities":[],"people":[],"claims":[],"warnings":["empty input: no text to analyse"]`)
}

func TestAnalyzeStopsOnContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Default().Analyze(ctx, "x", multilingual)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, "analysing x")
	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err = Default().Analyze(ctx, "x", multilingual)
	assert.True(t, errors.Is(err, context.DeadlineExceeded))
}

func TestAnalyzerConcurrent(t *testing.T) {
	want := analyse(t, "m", multilingual)
	done := make(chan Result)
	for range 8 {
		go func() {
			r, _ := Default().Analyze(context.Background(), "m", multilingual)
			done <- r
		}()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}

func TestDecodeText(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE, 'H', 0, 'i', 0, 0x1C, 0x20, 0x3D, 0xD8, 0x00, 0xDE} // Hi“😀
	s, warn := DecodeText(utf16le)
	assert.Equal(t, "Hi“😀", s)
	assert.Contains(t, warn, "UTF-16LE")
	utf16be := []byte{0xFE, 0xFF, 0, 'H', 0, 'i', 0}
	s, warn = DecodeText(utf16be)
	assert.Equal(t, "Hi", s)
	assert.Contains(t, warn, "UTF-16BE")
	assert.Contains(t, warn, "odd last byte")
	s, warn = DecodeText([]byte("\xef\xbb\xbfplain \xff"))
	assert.Equal(t, "\xef\xbb\xbfplain \xff", s, "UTF-8 and invalid bytes pass through")
	assert.Empty(t, warn)
}

func TestParseOffsetsAndFormat(t *testing.T) {
	for _, u := range []Offsets{Bytes, Chars} {
		got, err := ParseOffsets(u.String())
		require.NoError(t, err)
		assert.Equal(t, u, got)
	}
	_, err := ParseOffsets("runes?")
	assert.ErrorContains(t, err, `"runes?"`)
	for _, f := range Formats() {
		got, err := ParseFormat(f.String())
		require.NoError(t, err)
		assert.Equal(t, f, got)
		assert.NotEmpty(t, f.Help())
	}
	_, err = ParseFormat("xml")
	assert.ErrorContains(t, err, "text, json, jsonl, csv, citron")
}
