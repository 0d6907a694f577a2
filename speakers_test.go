package saywho_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/claims"
)

func TestSpeakerKey(t *testing.T) {
	tests := []struct {
		name    string
		speaker *saywho.Speaker
		want    string
	}{
		{"unknown", nil, ""},
		{"plain", &saywho.Speaker{Name: "Ana Ruiz"}, "Ana Ruiz"},
		{"white space runs", &saywho.Speaker{Name: " Ana\t\n Ruiz  "}, "Ana Ruiz"},
		{"organisation", &saywho.Speaker{Name: "the Interior Ministry", Person: -1}, "the Interior Ministry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := saywho.SpeakerKey(saywho.Claim{Speaker: tt.speaker}); got != tt.want {
				t.Errorf("SpeakerKey(speaker %+v) = %q, want %q", tt.speaker, got, tt.want)
			}
		})
	}
}

func TestNewSpeakerClaim(t *testing.T) {
	c := saywho.Claim{
		Kind:       claims.Mixed,
		Content:    []saywho.Span{{Text: "prices", Start: 10, End: 16}, {Text: "will fall", Start: 30, End: 39}},
		Cue:        &saywho.Span{Text: "said", Start: 20, End: 24},
		Source:     &saywho.Span{Text: "she", Start: 16, End: 19},
		Confidence: 0.75,
	}
	want := saywho.SpeakerClaim{ID: "doc", Kind: claims.Mixed, Content: "prices … will fall", Start: 10, End: 39,
		Source: "she", Cue: "said", Confidence: 0.75}
	assert.Equal(t, want, saywho.NewSpeakerClaim("doc", c))
	assert.Equal(t, saywho.SpeakerClaim{ID: "doc"}, saywho.NewSpeakerClaim("doc", saywho.Claim{}), "no content, cue or source")
}

// Speakers groups by SpeakerKey and lists NewSpeakerClaim of each claim, in
// the order added: the definitions an aggregate computed elsewhere reuses.
func TestSpeakersUsesKeyAndClaim(t *testing.T) {
	an, err := saywho.New()
	require.NoError(t, err)
	var sp saywho.Speakers
	want := map[string][]saywho.SpeakerClaim{}
	for i, text := range []string{
		"“Prices will fall,” Ana Ruiz said. “Soon,” she added. Officials said it was fair.",
		"Ana Ruiz said the plan worked. The ministry said nothing had changed.",
	} {
		r, err := an.Analyze(context.Background(), []string{"a", "b"}[i], text)
		require.NoError(t, err)
		sp.Add(r)
		for _, c := range r.Claims {
			k := saywho.SpeakerKey(c)
			want[k] = append(want[k], saywho.NewSpeakerClaim(r.ID, c))
		}
	}
	got := map[string][]saywho.SpeakerClaim{}
	for _, sc := range sp.List() {
		got[sc.Name] = sc.Claims
	}
	require.NotEmpty(t, want)
	assert.Equal(t, want, got)
}
