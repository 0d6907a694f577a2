package extract

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Invariants checked here: prose entities aligned back to the text satisfy
// Document.Validate (spans are slices of the text on token boundaries,
// sorted, non-overlapping), and the people built on them do too.

func TestProseAlignWords(t *testing.T) {
	anywhere := func(int) bool { return true }
	tests := []struct {
		name       string
		text       string
		from       int
		words      []string
		start, end int
		ok         bool
	}{
		{"plain", "Mr. Smith met Mr. Jones.", 0, []string{"Mr.", "Jones"}, 14, 23, true},
		{"from the cursor", "Smith and Smith", 1, []string{"Smith"}, 10, 15, true},
		{"curly quotes folded", "Europe” – said", 0, []string{"Europe", `"`, "–"}, 0, 13, true},
		{"no space between prose tokens", "it can't be", 0, []string{"ca", "n't"}, 3, 8, true},
		{"line break between words", "Igor\nTur", 0, []string{"Igor", "Tur"}, 0, 8, true},
		{"first occurrence fails, second fits", "New York and New Jersey", 0, []string{"New", "Jersey"}, 13, 23, true},
		{"missing", "Smith", 0, []string{"Jones"}, 0, 0, false},
		{"cursor past the end", "Smith", 9, []string{"Smith"}, 0, 0, false},
		{"no words", "Smith", 0, nil, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, ok := alignWords(tt.text, tt.from, tt.words, anywhere)
			assert.Equal(t, []any{tt.start, tt.end, tt.ok}, []any{start, end, ok},
				"alignWords(%q, %d, %q)", tt.text, tt.from, tt.words)
		})
	}
}

func TestProseAlignWordsTokenStart(t *testing.T) {
	text := "Belarussia and Russia"
	start, end, ok := alignWords(text, 0, []string{"Russia"}, func(off int) bool { return off == 0 || text[off-1] == ' ' })
	require.True(t, ok)
	assert.Equal(t, "Russia", text[start:end])
	assert.Equal(t, 15, start)
}

func TestProseLabel(t *testing.T) {
	for in, want := range map[string]Label{
		"PERSON": PER, "ORGANIZATION": ORG, "GPE": LOC, "GSP": LOC,
		"LOCATION": LOC, "FACILITY": LOC, "EVENT": MISC,
	} {
		assert.Equal(t, want, proseLabel(in), "proseLabel(%q)", in)
	}
}

func TestProseEmptyAndOdd(t *testing.T) {
	x, err := New(WithNER(NERProse))
	require.NoError(t, err)
	for _, text := range []string{"", " \n ", "\xff\xfe Smith \xff", "“”‘’", "Mr. Smith’s “quote” ends here"} {
		d := x.Extract(text)
		require.NoError(t, d.Validate(), "Extract(%q)", text)
	}
}

// TestProseSeed runs prose on the seed article. prose loads its model on
// each call, so this test takes about a second.
func TestProseSeed(t *testing.T) {
	if testing.Short() {
		t.Skip("prose model load is slow; skipped with -short")
	}
	text, g := seedGold(t)
	x, err := New(WithNER(NERProse))
	require.NoError(t, err)
	d := x.Extract(text)
	require.NoError(t, d.Validate())
	checkPeopleOrder(t, d)

	per := 0
	for _, e := range d.Entities {
		if e.Label == PER {
			per++
		}
	}
	assert.Greater(t, per, 20, "prose finds PERSON entities on the seed")

	// Exact-span agreement with the gold PERSON entities, for the record.
	gold := map[[2]int]bool{}
	for _, e := range g.Entities {
		if e.Label == "PERSON" {
			gold[[2]int{e.Start, e.End}] = true
		}
	}
	tp := 0
	for _, e := range d.Entities {
		if e.Label == PER && gold[[2]int{e.Start, e.End}] {
			tp++
		}
	}
	var names []string
	for _, p := range d.People {
		names = append(names, p.Name)
	}
	s := scorePeople(t, d, g)
	t.Logf("prose on seed: %d entities, %d PERSON, %d of %d gold PERSON spans exact; %d people: %s",
		len(d.Entities), per, tp, len(gold), len(d.People), strings.Join(names, " | "))
	t.Logf("prose people vs gold: %d gold, %d found, %d names, %d mention sets, %d genders, %d descriptions, %d extra",
		s.gold, s.found, s.names, s.mentionSets, s.genders, s.descriptions, s.extraPeople)
}

// FuzzProseAlignWords checks that alignment never panics and returns a
// span inside the text at or after the cursor.
func FuzzProseAlignWords(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	f.Add("Europe” – said", 0, `Europe " –`)
	f.Add("it can't be", 2, "ca n't")
	f.Add("\xff\xfe", 0, "\xff")
	f.Fuzz(func(t *testing.T, text string, from int, words string) {
		if from < 0 || from > len(text) {
			return
		}
		start, end, ok := alignWords(text, from, strings.Fields(words), func(int) bool { return true })
		if ok && (start < from || end < start || end > len(text)) {
			t.Fatalf("alignWords(%q, %d, %q) = %d, %d", text, from, words, start, end)
		}
	})
}
