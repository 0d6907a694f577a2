package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDatelines checks rules D1 to D3 (dateline.go): which paragraph
// openings are furniture lines, and the entities a placeline fixes.
func TestDatelines(t *testing.T) {
	type fixed struct {
		Text  string
		Label Label
	}
	tests := []struct {
		name      string
		text      string
		wantLines []string // Dateline texts
		wantKinds []LineKind
		wantFixed []fixed
	}{
		{"capitals and an em dash", "Headline here\n\nWASHINGTON — The Senate voted on Tuesday.",
			[]string{"WASHINGTON —"}, []LineKind{Placeline}, []fixed{{"WASHINGTON", LOC}}},
		{"two words and a hyphen", "BRANFORD - The new rail link between Branford and Elston is late.",
			[]string{"BRANFORD -"}, []LineKind{Placeline}, []fixed{{"BRANFORD", LOC}}},
		{"place, region and agency", "SAN JUAN, Puerto Rico (Reuters) - Rain fell all day.",
			[]string{"SAN JUAN, Puerto Rico (Reuters) -"}, []LineKind{Placeline},
			[]fixed{{"SAN JUAN", LOC}, {"Puerto Rico", LOC}, {"Reuters", ORG}}},
		{"capitalized place needs the agency", "London (Reuters) - Shares rose.",
			[]string{"London (Reuters) -"}, []LineKind{Placeline}, []fixed{{"London", LOC}, {"Reuters", ORG}}},
		{"agency alone", "(CNN) — The storm moved north.",
			[]string{"(CNN) —"}, []LineKind{Placeline}, []fixed{{"CNN", ORG}}},
		{"a name and a dash is no placeline", "Kelswick Rovers — knocked out again.", nil, nil, nil},
		{"headline in capitals", "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", nil, nil, nil},
		{"kicker word", "BREAKING — The minister resigned.", nil, nil, nil},
		{"dash only at the end", "WASHINGTON —", nil, nil, nil},
		{"byline", "Storm hits coast\n\nBy Jane Smith and Omar Haddad\n\nThe storm moved north.",
			[]string{"By Jane Smith and Omar Haddad"}, []LineKind{Byline}, nil},
		{"section label", "WORLD NEWS\n\nStorm hits coast\n\nThe storm moved north.",
			[]string{"WORLD NEWS"}, []LineKind{Section}, nil},
		{"a lone paragraph is no section label", "WORLD NEWS", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := nerDoc(tt.text)
			lines, fx := findDatelines(d)
			var gotLines []string
			var gotKinds []LineKind
			for _, l := range lines {
				assert.Equal(t, d.TokenSpan(l.Tokens), l.Span, "line span is its tokens' span")
				gotLines = append(gotLines, l.Text)
				gotKinds = append(gotKinds, l.Kind)
			}
			var gotFixed []fixed
			for _, f := range fx {
				gotFixed = append(gotFixed, fixed{d.TokenSpan(f.r).Text, f.label})
			}
			assert.Equal(t, tt.wantLines, gotLines, "findDatelines(%q) lines", tt.text)
			assert.Equal(t, tt.wantKinds, gotKinds, "findDatelines(%q) kinds", tt.text)
			assert.Equal(t, tt.wantFixed, gotFixed, "findDatelines(%q) fixed entities", tt.text)
		})
	}
}

// TestDatelineEntities checks that Extract sets Datelines and that a
// placeline's place and agency are entities of their fixed types, whatever
// the tagger thought, and that InDateline marks their tokens.
func TestDatelineEntities(t *testing.T) {
	d := Parse("Talks resume\n\nKELSWICK (AP) — Kelswick Rovers were knocked out, the club said.")
	require := assert.New(t)
	require.Len(d.Datelines, 1)
	require.Equal("KELSWICK (AP) —", d.Datelines[0].Text)
	require.NoError(d.Validate())
	found := map[string]Label{}
	for _, e := range d.Entities {
		found[e.Text] = e.Label
		require.Equal(d.Datelines[0].Tokens.Contains(e.Tokens.Lo), d.InDateline(e.Tokens.Lo), "InDateline of %q", e.Text)
	}
	require.Equal(LOC, found["KELSWICK"])
	require.Equal(ORG, found["AP"])
}

func TestLineKindString(t *testing.T) {
	for _, k := range []LineKind{Placeline, Byline, Section} {
		got, err := ParseLineKind(k.String())
		assert.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := ParseLineKind("headline")
	assert.ErrorContains(t, err, "unknown line kind")
	assert.Equal(t, "LineKind(9)", LineKind(9).String())
}
