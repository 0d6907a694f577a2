package corpus

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
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
