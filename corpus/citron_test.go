package corpus

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Offsets count characters: “ is one character.
const citronDoc1 = `{"id": "t1", "text": "“We will win,” she said. Officials said it was fair.",
 "quotes": [
  {"cue": {"start": 19, "end": 23, "text": "said"}, "sources": [{"start": 15, "end": 18, "text": "she"}],
   "contents": [{"start": 0, "end": 14, "text": "“We will win,”"}], "confidence": 0.9},
  {"cue": {"start": 35, "end": 39, "text": "said"}, "sources": [{"start": 25, "end": 34, "text": "Officials"}],
   "contents": [{"start": 40, "end": 51, "text": "it was fair"}]}
 ],
 "coreferences": []}`

func TestCitronRoundTrip(t *testing.T) {
	a, err := DecodeCitron(strings.NewReader(citronDoc1))
	require.NoError(t, err)
	assert.Equal(t, "citron:t1", a.ID)
	require.Len(t, a.Claims, 2)
	c := a.Claims[0]
	assert.Equal(t, claims.Direct, c.Kind)
	assert.Equal(t, "“We will win,”", c.Content[0].Text, "the marks stay")
	assert.Equal(t, "she", c.Source.Text)
	assert.Equal(t, len("“We will win,” "), c.Source.Start, "byte offsets")
	assert.Equal(t, 0.9, c.Confidence)
	assert.Equal(t, claims.Indirect, a.Claims[1].Kind)

	var buf bytes.Buffer
	require.NoError(t, EncodeCitron(&buf, a))
	b, err := DecodeCitron(&buf)
	require.NoError(t, err)
	assert.Equal(t, a.Claims, b.Claims)
	assert.Equal(t, a.Pieces, b.Pieces)
}

func TestCitronExportOfGold(t *testing.T) {
	a, err := Decode(strings.NewReader(goodGold))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, EncodeCitron(&buf, a))
	assert.Contains(t, buf.String(), `"start": 1,`, "content “We… starts at character 1, byte 3")
	b, err := DecodeCitron(&buf)
	require.NoError(t, err)
	require.Len(t, b.Claims, 1)
	assert.Equal(t, a.Claims[0].Content, b.Claims[0].Content)
	assert.Equal(t, a.Claims[0].Source, b.Claims[0].Source)
}

func TestDecodeCitronErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not JSON", `{"text": "a", "quotes": [`, "not Citron JSON"},
		{"no text", `{"quotes": []}`, `no "text"`},
		{"past end", `{"text": "ab", "quotes": [{"contents": [{"start": 0, "end": 9, "text": "ab"}]}]}`, "outside the text of 2 characters"},
		{"text differs", `{"text": "ab", "quotes": [{"contents": [{"start": 0, "end": 1, "text": "b"}]}]}`, "differs"},
		{"no content", `{"text": "ab", "quotes": [{"contents": []}]}`, "has no content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeCitron(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/citron/" + name)
	require.NoError(t, err)
	return string(b)
}

// TestDecodeCitronAnnotationFixture reads a document in Citron's documented
// annotation format: character offsets over non-ASCII text, a string
// confidence, coreferences and coreference groups.
func TestDecodeCitronAnnotationFixture(t *testing.T) {
	a, err := DecodeCitron(strings.NewReader(readFixture(t, "annotation.json")))
	require.NoError(t, err)
	assert.Equal(t, "citron:humpty", a.ID)
	require.Len(t, a.Claims, 2)
	text := a.Doc.Text
	c := a.Claims[0]
	assert.Equal(t, claims.Direct, c.Kind)
	assert.Equal(t, "he", c.Source.Text)
	assert.Equal(t, strings.Index(text, "he said"), c.Source.Start, "a byte offset, not the character offset")
	assert.Equal(t, claims.Speaker{Kind: claims.PersonSpeaker, Name: "Humpty Dumpty", Person: -1, Entity: -1}, c.Speaker, "from the quote's coreferences")
	assert.InDelta(t, 0.7612, c.Confidence, 1e-9, "a string confidence")
	require.Len(t, c.Content, 2)
	assert.Equal(t, "“When I use a word,”", c.Content[0].Text, "contents keep their marks")
	assert.Equal(t, "“it means just what I choose it to mean.”", c.Content[1].Text)
	o := a.Claims[1]
	assert.Equal(t, "Officials", o.Source.Text)
	assert.Equal(t, claims.UnknownSpeaker, o.Speaker.Kind, "no coreference, no group")
	assert.Equal(t, 1.0, o.Confidence)
	for _, c := range a.Claims {
		for _, s := range append([]extract.Span{c.Cue, c.Source}, c.Content...) {
			assert.Equal(t, text[s.Start:s.End], s.Text)
		}
	}

	// The coreference group names the speaker when the quote does not.
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(readFixture(t, "annotation.json")), &doc))
	delete(doc["quotes"].([]any)[0].(map[string]any), "coreferences")
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	a, err = DecodeCitron(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, "Humpty Dumpty", a.Claims[0].Speaker.Name)
}

// TestDecodeCitronOutputFixture reads what citron-extract prints: no text,
// token offsets, string confidences, resolved sources swapped with the
// sources as written.
func TestDecodeCitronOutputFixture(t *testing.T) {
	text := readFixture(t, "output.txt")
	out := readFixture(t, "output.json")
	_, err := DecodeCitron(strings.NewReader(out))
	require.ErrorContains(t, err, "DecodeCitronOutput", "the annotation reader says what to use")

	a, err := DecodeCitronOutput(strings.NewReader(out), text)
	require.NoError(t, err)
	require.Len(t, a.Claims, 2)
	first, second := strings.Index(text, "said"), strings.LastIndex(text, "said")
	c := a.Claims[0]
	assert.Equal(t, extract.SpanOf(text, strings.Index(text, "he said"), strings.Index(text, "he said")+2), c.Source)
	assert.Equal(t, "Humpty Dumpty", c.Speaker.Name)
	assert.Equal(t, first, c.Cue.Start, "token 18 is the first said")
	assert.InDelta(t, 0.7612, c.Confidence, 1e-9)
	assert.Equal(t, claims.Direct, c.Kind)
	require.Len(t, c.Content, 2)
	assert.Equal(t, "“When I use a word,”", c.Content[0].Text)
	o := a.Claims[1]
	assert.Equal(t, second, o.Cue.Start, "token 33 is the second said")
	assert.Equal(t, "Officials", o.Source.Text)
	assert.Equal(t, "Officials", o.Speaker.Name)
	assert.Equal(t, claims.Indirect, o.Kind)
	assert.InDelta(t, 0.5521, o.Confidence, 1e-9)

	_, err = DecodeCitronOutput(strings.NewReader(out), "some other text")
	require.ErrorContains(t, err, "does not occur in the text")
}

// TestEncodeCitronForCitronsReader checks what Citron's reader
// (CitronParser.parse) needs of our export: the text, a cue object on
// every quote (never null), span offsets in characters inside the text
// with end > start, coreferences naming the speaker; and that our reader
// gives the claims back.
func TestEncodeCitronForCitronsReader(t *testing.T) {
	a, err := DecodeCitron(strings.NewReader(readFixture(t, "annotation.json")))
	require.NoError(t, err)
	// Give the first claim's speaker a person, as the pipeline does, and
	// add a claim without a cue, which Citron cannot hold.
	text := a.Doc.Text
	hd := extract.SpanOf(text, 0, len("Humpty Dumpty"))
	he := a.Claims[0].Source
	a.Doc.Entities = []extract.Entity{{Span: hd, Label: extract.PER, Person: 0}}
	a.Doc.People = []extract.Person{{Name: "Humpty Dumpty", Mentions: []int{0}}}
	a.Claims[0].Speaker = claims.Speaker{Kind: claims.PersonSpeaker, Name: "Humpty Dumpty", Person: 0, Entity: 0}
	a.Claims = append(a.Claims, claims.Claim{Kind: claims.Direct, Content: []extract.Span{a.Claims[1].Content[0]}, Speaker: claims.Speaker{Person: -1, Entity: -1}, Confidence: 0.5})
	a.Pieces = append(a.Pieces, SpansOf(a.Claims[2]))

	var buf bytes.Buffer
	require.NoError(t, EncodeCitron(&buf, a))
	assert.NotContains(t, buf.String(), `"cue": null`)
	var doc struct {
		Text   string `json:"text"`
		Quotes []struct {
			Cue          map[string]any   `json:"cue"`
			Sources      []map[string]any `json:"sources"`
			Contents     []map[string]any `json:"contents"`
			Coreferences []map[string]any `json:"coreferences"`
		} `json:"quotes"`
	}
	raw := buf.String()
	require.NoError(t, json.Unmarshal([]byte(raw), &doc))
	assert.Equal(t, text, doc.Text)
	require.Len(t, doc.Quotes, 2, "the claim without a cue is left out")
	runes := []rune(text)
	for _, q := range doc.Quotes {
		require.NotNil(t, q.Cue)
		s, e := int(q.Cue["start"].(float64)), int(q.Cue["end"].(float64))
		require.True(t, 0 <= s && s < e && e <= len(runes))
		assert.Equal(t, q.Cue["text"], string(runes[s:e]), "character offsets")
	}
	assert.Contains(t, raw, `"coreferences": [`)
	assert.Contains(t, raw, `"coreference_groups": [`)

	b, err := DecodeCitron(strings.NewReader(raw))
	require.NoError(t, err)
	require.Len(t, b.Claims, 2)
	assert.Equal(t, he, b.Claims[0].Source)
	assert.Equal(t, "Humpty Dumpty", b.Claims[0].Speaker.Name, "the coreference we wrote names the speaker")
	assert.Equal(t, a.Claims[0].Content, b.Claims[0].Content)
	assert.Equal(t, a.Claims[1].Cue, b.Claims[1].Cue)
}

func FuzzDecodeCitronOutput(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add([]byte(`{"quotes": [{"sources": [{"start": 0, "end": 1, "text": "a"}], "cue": {"start": 1, "end": 2, "text": "b"}, "contents": [{"start": 2, "end": 3, "text": "c"}], "confidence": "0.5"}]}`), "a b c")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		a, err := DecodeCitronOutput(bytes.NewReader(data), text)
		if err != nil {
			if el, ok := err.(ErrorList); ok {
				checkErrors(t, el)
			}
		}
		checkArticle(t, a)
	})
}
