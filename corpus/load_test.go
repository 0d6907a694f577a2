package corpus

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

const goodGold = `{
  "format": "saywho-gold/1",
  "id": "test:good",
  "source": "hand-made",
  "text": "“We will win,” said Ms. Tatyana Khomich in Minsk. Khomich left.",
  "layers": ["entities", "people", "claims"],
  "entities": [
    {"start": 54, "end": 61, "text": "Khomich", "label": "PERSON"},
    {"start": 28, "end": 43, "text": "Tatyana Khomich", "label": "PERSON"},
    {"start": 47, "end": 52, "text": "Minsk", "label": "LOC"}
  ],
  "people": [
    {"name": "Tatyana Khomich", "gender": "female", "description": null,
     "mentions": [{"start": 28, "end": 43, "text": "Tatyana Khomich"}, {"start": 54, "end": 61, "text": "Khomich"}]}
  ],
  "claims": [
    {"kind": "direct", "content": [{"start": 3, "end": 15, "text": "We will win,"}],
     "cue": {"start": 19, "end": 23, "text": "said"}, "source": {"start": 24, "end": 43, "text": "Ms. Tatyana Khomich"},
     "speaker": "Tatyana Khomich"}
  ]
}
`

func TestDecodeGood(t *testing.T) {
	a, err := Decode(strings.NewReader(goodGold))
	require.NoError(t, err)
	require.NoError(t, a.Doc.Validate())
	assert.Equal(t, "test:good", a.ID)
	assert.Equal(t, Layers(LayerEntities|LayerPeople|LayerClaims), a.Layers)
	require.Len(t, a.Doc.Entities, 3)
	assert.Equal(t, "Tatyana Khomich", a.Doc.Entities[0].Text, "entities are sorted")
	require.Len(t, a.Doc.People, 1)
	assert.Equal(t, []int{0, 2}, a.Doc.People[0].Mentions)
	assert.Equal(t, extract.Female, a.Doc.People[0].Gender)
	assert.Equal(t, 0, a.Doc.Entities[2].Person)
	assert.Equal(t, -1, a.Doc.Entities[1].Person)
	require.Len(t, a.Claims, 1)
	c := a.Claims[0]
	assert.Equal(t, claims.Direct, c.Kind)
	assert.Equal(t, 0, c.Speaker.Person, "speaker resolved to the gold person")
	assert.Equal(t, claims.PersonSpeaker, c.Speaker.Kind)
	assert.Equal(t, "Ms. Tatyana Khomich", c.Source.Text)
}

func TestEncodeRoundTrip(t *testing.T) {
	a, err := Decode(strings.NewReader(goodGold))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, a))
	first := buf.String()
	b, err := Decode(&buf)
	require.NoError(t, err, first)
	assert.Equal(t, a, b)
	var again bytes.Buffer
	require.NoError(t, Encode(&again, b))
	assert.Equal(t, first, again.String(), "Encode is stable")
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, edit, with string // replace edit by with in goodGold
		want             string
		line             int
	}{
		{"truncated", goodGold[200:], "", "unexpected end of JSON", 0},
		{"bad format", `"saywho-gold/1"`, `"saywho-gold/9"`, `want "saywho-gold/1"`, 2},
		{"offset past end", `"start": 47, "end": 52`, `"start": 47, "end": 520`, "outside the text of 67 bytes", 10},
		{"not a character boundary", `{"start": 3, "end": 15`, `{"start": 2, "end": 15`, "character boundary", 17},
		{"text differs", `"end": 52, "text": "Minsk"`, `"end": 52, "text": "Minks"`, `differs from text[47:52] "Minsk"`, 10},
		{"char offsets", `{"start": 47, "end": 52,`, `{"start": 43, "end": 48,`, "look like character offsets: bytes would be [47,52)", 10},
		{"bad label", `"label": "LOC"`, `"label": "PLACE"`, `unknown label "PLACE"`, 10},
		{"overlap", `{"start": 47, "end": 52, "text": "Minsk", "label": "LOC"}`, `{"start": 36, "end": 52, "text": "Khomich in Minsk", "label": "LOC"}`, "overlaps", 10},
		{"mention not an entity", `"mentions": [{"start": 28, "end": 43, "text": "Tatyana Khomich"}, `, `"mentions": [{"start": 36, "end": 43, "text": "Khomich"}, `, "is not an entity", 13},
		{"bad kind", `"kind": "direct"`, `"kind": "quote"`, `kind "quote"`, 17},
		{"no content", `"content": [{"start": 3, "end": 15, "text": "We will win,"}]`, `"content": []`, "has no content", 17},
		{"unknown field", `"source": "hand-made",`, `"sauce": "hand-made",`, `unknown field "sauce"`, 4},
		{"unknown claim field", `"speaker": "Tatyana Khomich"}`, `"speaker": "Tatyana Khomich", "who": 1}`, `unknown field "who"`, 17},
		{"wrong type", `"start": 54`, `"start": "54"`, `JSON string where int is wanted`, 8},
		{"layer not listed", `["entities", "people", "claims"]`, `["entities", "people"]`, `"claims" given but not listed`, 16},
		{"unknown layer", `["entities", "people", "claims"]`, `["entities", "people", "claims", "quotes"]`, `unknown layer "quotes"`, 6},
		{"no text", `"text": "“We will win,” said Ms. Tatyana Khomich in Minsk. Khomich left.",`, ``, `no "text" field`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goodGold[:200]
			if tt.name != "truncated" {
				require.Contains(t, goodGold, tt.edit, "test bug")
				in = strings.Replace(goodGold, tt.edit, tt.with, 1)
			}
			_, err := Decode(strings.NewReader(in))
			require.Error(t, err)
			var el ErrorList
			require.ErrorAs(t, err, &el)
			assert.True(t, errors.Is(err, ErrFormat))
			found := false
			for _, e := range el {
				if strings.Contains(e.Msg, tt.want) {
					found = true
					if tt.line > 0 {
						assert.Equal(t, tt.line, e.Line, "%v", e)
					}
				}
			}
			assert.True(t, found, "Decode(%s) = %v, want an error containing %q", tt.name, el.Errors(), tt.want)
		})
	}
}

func TestLoadSiblingTextAndPartialFailure(t *testing.T) {
	noText := strings.Replace(goodGold, `"text": "“We will win,” said Ms. Tatyana Khomich in Minsk. Khomich left.",`, "", 1)
	text := "“We will win,” said Ms. Tatyana Khomich in Minsk. Khomich left."
	fsys := fstest.MapFS{
		"a.gold.json": {Data: []byte(noText)},
		"a.txt":       {Data: []byte(text)},
		"b.gold.json": {Data: []byte(strings.Replace(goodGold, `"label": "LOC"`, `"label": "X"`, 1))},
		"c.gold.json": {Data: []byte(noText)}, // no c.txt
		"d.gold.json": {Data: []byte(goodGold)},
		"notes.md":    {Data: []byte("skipped")},
	}
	arts, err := Load(fsys, "*")
	require.Error(t, err)
	var el ErrorList
	require.ErrorAs(t, err, &el)
	require.Len(t, el, 2, el.Errors())
	assert.Equal(t, "b.gold.json", el[0].File)
	assert.Equal(t, "c.gold.json", el[1].File)
	assert.Contains(t, el[1].Msg, "no sibling text file")
	require.Len(t, arts, 2, "the good files are still loaded")
	assert.Equal(t, text, arts[0].Doc.Text)
}

// TestLoadGoldSets loads every gold file we ship: the seeds and the
// hand-written documents in testdata/gold. All must load without error and
// give valid documents whose claims point into the text.
func TestLoadGoldSets(t *testing.T) {
	sets := map[string]func() ([]Article, error){
		"seeds":         func() ([]Article, error) { return Load(seeds.FS(), "*.gold.json") },
		"testdata/gold": func() ([]Article, error) { return Load(os.DirFS("testdata/gold"), "*.gold.json") },
	}
	for name, load := range sets {
		t.Run(name, func(t *testing.T) {
			arts, err := load()
			if err != nil {
				t.Fatalf("loading %s:\n%s", name, errorLines(err))
			}
			if len(arts) == 0 {
				t.Skipf("no gold files in %s yet", name)
			}
			for _, a := range arts {
				require.NoError(t, a.Doc.Validate(), a.ID)
				assert.True(t, a.Layers.Has(LayerClaims), a.ID)
				var buf bytes.Buffer
				require.NoError(t, Encode(&buf, a))
				b, err := Decode(&buf)
				require.NoError(t, err, a.ID)
				assert.Equal(t, a.Claims, b.Claims, a.ID)
				assert.Equal(t, a.Doc.Entities, b.Doc.Entities, a.ID)
				assert.Equal(t, a.Doc.People, b.Doc.People, a.ID)
			}
		})
	}
}

func errorLines(err error) string {
	var el ErrorList
	if errors.As(err, &el) {
		return el.Errors()
	}
	return err.Error()
}

func TestLoadErrorWithSource(t *testing.T) {
	src := []byte("T1\tSource 0 2\tHe\nT2\tSpeaker 3 7\tsaid\n")
	var errs ErrorList
	DecodeBrat("x.ann", src, "He said.", &errs)
	require.Len(t, errs, 1)
	got := errs[0].WithSource(src)
	want := "x.ann:2: unknown label \"Speaker\": want Source, Cue, Content, Attribution, Attribution-no-source, Discard or Discuss\n" +
		"    2 | T2\tSpeaker 3 7\tsaid\n" +
		"      | ^"
	assert.Equal(t, want, got)
	unknown := &LoadError{File: "f", Line: 1, Offset: -1, Msg: "m"}
	assert.Equal(t, "f:1: m", unknown.WithSource(src), "no offset, no source line")
}
