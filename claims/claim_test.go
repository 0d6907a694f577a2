package claims_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

func TestTrimMarks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"“We won.”", "We won."},
		{"“We won,”", "We won,"},
		{`"We won."`, "We won."},
		{"« oui »", "oui"},
		{"‘Tell it straight,’", "Tell it straight,"},
		{"“He said ‘never’ twice.”", "He said ‘never’ twice."},
		{"“He told me “no” twice.”", "He told me “no” twice."}, // nested marks of the same class
		{"“First part.", "First part."},                        // a paragraph of a longer quotation
		{"They are wrong,”", "They are wrong,"},                // a dropped opening mark (Q9)
		{"the plan was “dead”", "the plan was “dead”"},         // the marks do not enclose the span
		{"“A” and “B”", "“A” and “B”"},
		{"“don’t go”", "don’t go"}, // an apostrophe inside
		{"no marks at all", "no marks at all"},
		{"“", ""},
		{"", ""},
	}
	for _, tt := range tests {
		text := "x " + tt.in + " y"
		s := extract.SpanOf(text, 2, 2+len(tt.in))
		got := claims.TrimMarks(s)
		assert.Equal(t, tt.want, got.Text, "TrimMarks(%q)", tt.in)
		assert.Equal(t, got.Text, text[got.Start:got.End], "TrimMarks(%q) is a span of the text", tt.in)
	}
}

func TestContentText(t *testing.T) {
	doc := extract.Parse("“The bridge will reopen,” the mayor said, “but not before the spring.”")
	cs := claims.Attribute(doc)
	require.Len(t, cs, 1)
	assert.Equal(t, "The bridge will reopen, … but not before the spring.", cs[0].ContentText())
	assert.Equal(t, "“The bridge will reopen,”", cs[0].Content[0].Text, "the span keeps its marks")
	var empty claims.Claim
	assert.Equal(t, "", empty.ContentText())
}

func TestEnumsRoundTrip(t *testing.T) {
	for _, k := range []claims.Kind{claims.Direct, claims.Indirect, claims.Mixed} {
		got, err := claims.ParseKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	for k := claims.UnknownSpeaker; k <= claims.GroupSpeaker; k++ {
		got, err := claims.ParseSpeakerKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, got)
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back claims.SpeakerKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	_, err := claims.ParseSpeakerKind("alien")
	assert.ErrorContains(t, err, `unknown speaker kind "alien"`)
	seen := map[string]bool{}
	for r := claims.NoRule; ; r++ {
		id := r.String()
		if strings.HasPrefix(id, "Rule(") {
			break
		}
		assert.False(t, seen[id], "rule ID %q twice", id)
		seen[id] = true
		got, err := claims.ParseRule(id)
		require.NoError(t, err)
		assert.Equal(t, r, got)
		assert.NotEmpty(t, r.Describe())
		var back claims.Rule
		b, _ := r.MarshalText()
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back)
	}
	assert.Greater(t, len(seen), 30, "the rules of the package")
	_, err = claims.ParseRule("Z9")
	assert.ErrorContains(t, err, `unknown rule "Z9"`)
}
