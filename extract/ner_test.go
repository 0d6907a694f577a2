package extract

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/extract/internal/ner"
	"github.com/saywho/saywho/extract/internal/ner/model"
)

// Invariants checked on every recognizer output (checkNEREntities): entities
// are sorted and do not overlap, each covers whole tokens inside one
// sentence, its Span is exactly the text from its first token's start to its
// last token's end, its label is PER/ORG/LOC/MISC, and Person is -1 (people
// clustering sets it later). Document.Validate passes on the whole document.

// nerSharedDir returns ../shared/data relative to the repository root, or
// skips the test when the shared data directory is absent.
func nerSharedDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(filepath.Dir(segRepoRoot(tb)), "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared data not found at %s (it holds CoNLL-2003 and PolNeAR, which the repository does not ship): %v", dir, err)
	}
	return dir
}

func embeddedNER(tb testing.TB) modelRecognizer {
	tb.Helper()
	r, err := loadModelRecognizer(nil)
	require.NoError(tb, err)
	return r.(modelRecognizer)
}

// nerDoc tokenizes and segments text, without running any recognizer.
func nerDoc(text string) *Document {
	d := &Document{Text: text}
	d.Tokens = appendTokens(make([]Token, 0, len(text)/5+1), text) // sized as Extract does
	d.Sentences, d.Paragraphs = segment(text, d.Tokens)
	return d
}

func checkNEREntities(t *testing.T, d *Document, ents []Entity) {
	t.Helper()
	prevEnd, prevHi := 0, 0
	for i, e := range ents {
		require.Greater(t, e.Tokens.Hi, e.Tokens.Lo, "entity %d %q: empty token range", i, e.Text)
		require.GreaterOrEqual(t, e.Tokens.Lo, prevHi, "entity %d %q overlaps the previous one", i, e.Text)
		require.GreaterOrEqual(t, e.Start, prevEnd, "entity %d %q is out of order", i, e.Text)
		require.Equal(t, d.TokenSpan(e.Tokens), e.Span, "entity %d: span is not its tokens' span", i)
		require.Equal(t, d.SentenceOf(e.Tokens.Lo), d.SentenceOf(e.Tokens.Hi-1), "entity %d %q crosses a sentence boundary", i, e.Text)
		require.Contains(t, []Label{PER, ORG, LOC, MISC}, e.Label, "entity %d %q", i, e.Text)
		require.Equal(t, -1, e.Person, "entity %d %q: recognizer must leave Person at -1", i, e.Text)
		prevEnd, prevHi = e.End, e.Tokens.Hi
	}
	d.Entities = ents
	require.NoError(t, d.Validate())
}

// TestNERConllDev scores the embedded model on CoNLL-2003 dev (eng.testa):
// exact span-and-type micro F1 over maximal IOB1 spans, tagging the CoNLL
// tokens and sentences directly. The floors sit just under the figures
// measured when the model was trained (see extract/internal/ner/doc.go).
func TestNERConllDev(t *testing.T) {
	if testing.Short() {
		t.Skip("CoNLL dev scoring takes a few seconds; skipped with -short")
	}
	path := filepath.Join(nerSharedDir(t), "conll2003", "dev.txt")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	dev, err := ner.ReadCoNLL(f)
	require.NoError(t, err)
	require.Len(t, dev, 216, "dev documents")
	// The embedded model is trained on train and dev: score the train-only
	// model (same settings, chosen by cross-validation on train).
	mf, err := os.Open(filepath.Join("internal", "ner", "model", "trainonly", ModelFile))
	require.NoError(t, err)
	defer mf.Close()
	m, err := ner.Decode(mf)
	require.NoError(t, err)
	sc := ner.Evaluate(m, dev)
	t.Logf("CoNLL-2003 dev, train-only model of %s:\n%s", ModelVersion, sc)
	floors := map[ner.Label]float64{ner.None: 0.930, ner.PER: 0.950, ner.ORG: 0.890, ner.LOC: 0.950, ner.MISC: 0.880}
	for l, floor := range floors {
		assert.GreaterOrEqual(t, sc[l].F(), floor, "dev F1 of %v", l)
	}
}

// TestNERSeedPeople checks the people and non-people of the seed article
// (a machine-translated New York Times story, so unlike Reuters 1996).
func TestNERSeedPeople(t *testing.T) {
	text := segSeedText(t)
	d := nerDoc(text)
	ents := embeddedNER(t).recognize(d)
	checkNEREntities(t, d, ents)
	inPerson := func(name string) bool {
		for _, e := range ents {
			if e.Label == PER && strings.Contains(e.Text, name) {
				return true
			}
		}
		return false
	}
	for _, name := range []string{"Lukashenko", "Trump", "Putin", "Smith", "Tur", "Viacorka", "Tikhanovskaya",
		"Khomich", "Kolesnikova", "Biden", "Shraibman", "Rice", "Krawczyk"} {
		assert.True(t, inPerson(name), "%s is not inside any PERSON entity", name)
	}
	// "Viasna, a group of human rights that ..." is ORG by rule R2
	// (appositive head noun), which the tagger alone tags PERSON.
	for _, name := range []string{"State Department", "Embassy", "Vilnius", "Minsk", "Kremlin", "Viasna", "Carnegie"} {
		assert.False(t, inPerson(name), "%s is inside a PERSON entity", name)
	}
}

func TestNERSentences(t *testing.T) {
	type ent struct {
		Text  string
		Label Label
	}
	tests := []struct {
		name string
		text string
		want []ent
	}{
		{"honorifics stay outside", "Mr. Smith met Ms. Khomich and President Trump in Minsk on Monday.",
			[]ent{{"Smith", PER}, {"Khomich", PER}, {"Trump", PER}, {"Minsk", LOC}}},
		{"organisation and place", "The European Commission said on Thursday it disagreed with German advice.",
			[]ent{{"European Commission", ORG}, {"German", MISC}}},
		{"all-caps headline", "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
			[]ent{{"JAPAN", LOC}, {"CHINA", LOC}}},
		{"rule R2: appositive names an organisation", "Viasna, a group of human rights that keeps a list of prisoners, put the number at 1,226.",
			[]ent{{"Viasna", ORG}}},
		{"rule R3: a person's administration", "Barack Obama spoke. The Obama administration said it disagreed.",
			[]ent{{"Barack Obama", PER}, {"Obama", PER}}},
		{"curly quotes", "“We are grateful,” said Svetlana Tikhanovskaya, the opposition leader.",
			[]ent{{"Svetlana Tikhanovskaya", PER}}},
	}
	r := embeddedNER(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := nerDoc(tt.text)
			ents := r.recognize(d)
			checkNEREntities(t, d, ents)
			var got []ent
			for _, e := range ents {
				got = append(got, ent{e.Text, e.Label})
			}
			assert.Equal(t, tt.want, got, "recognize(%q)", tt.text)
		})
	}
}

// TestNERInvariants runs the recognizer on odd inputs and checks only the
// invariants.
func TestNERInvariants(t *testing.T) {
	inputs := []string{
		"",
		" \n\t ",
		"\xff\xfe Mr. Smith \xc3 went to Washington.\xe2\x80",
		"BELARUS FREES PRISONERS AFTER U.S. VISIT\n\nMINSK 1996-08-22",
		strings.Repeat("Lukashenko ", 300),
		"a\n\n\nb “ ” ‘ ’ « » — – … #Hashtag @handle https://example.com/x?y=1 press@example.org",
		"McDonald's O'Brien al-Assad van der Berg J.P. Morgan & Co. Inc.",
	}
	r := embeddedNER(t)
	for i, text := range inputs {
		d := nerDoc(text)
		if len(d.Tokens) == 0 {
			continue
		}
		t.Run(string(rune('a'+i)), func(t *testing.T) { checkNEREntities(t, d, r.recognize(d)) })
	}
}

// TestNERPolNeARInvariants checks the invariants on every PolNeAR dev text.
func TestNERPolNeARInvariants(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short")
	}
	r := embeddedNER(t)
	for _, p := range segPolNeARTexts(t, "dev") {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		d := nerDoc(string(b))
		checkNEREntities(t, d, r.recognize(d))
	}
}

// TestNERConcurrent tags the seed from several goroutines at once (run it
// with -race) and expects the serial result from each.
func TestNERConcurrent(t *testing.T) {
	text := segSeedText(t)
	r := embeddedNER(t)
	want := r.recognize(nerDoc(text))
	var wg sync.WaitGroup
	got := make([][]Entity, 4)
	for g := range got {
		wg.Go(func() { got[g] = r.recognize(nerDoc(text)) })
	}
	wg.Wait()
	for g := range got {
		assert.Equal(t, want, got[g], "goroutine %d", g)
	}
}

func TestModelFS(t *testing.T) {
	good := []byte(model.Data())
	tests := []struct {
		name    string
		fsys    fs.FS
		wantErr string
	}{
		{"copy of the embedded model", fstest.MapFS{ModelFile: {Data: good}}, ""},
		{"missing file", fstest.MapFS{}, "opening " + ModelFile},
		{"not gzip", fstest.MapFS{ModelFile: {Data: []byte("hello, world")}}, ModelFile},
		{"truncated", fstest.MapFS{ModelFile: {Data: good[:len(good)/2]}}, ModelFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(WithModelFS(tt.fsys))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			d := e.Extract("Mr. Smith flew to Minsk.")
			assert.True(t, slices.ContainsFunc(d.Entities, func(e Entity) bool { return e.Text == "Minsk" }), "entities %v", d.Entities)
		})
	}
}

// TestModelRoundTrip re-encodes the embedded model and checks it decodes to
// a model that tags the seed the same way.
func TestModelRoundTrip(t *testing.T) {
	r := embeddedNER(t)
	var buf bytes.Buffer
	require.NoError(t, r.m.Encode(&buf))
	m2, err := ner.Decode(&buf)
	require.NoError(t, err)
	d := nerDoc(segSeedText(t))
	assert.Equal(t, r.recognize(d), modelRecognizer{m2}.recognize(d))
}

// TestNERAllocs checks that tagging a document allocates little once the
// tagger's pooled state is warm: per call, a few words' strings, the
// mentions and the entities, far fewer than one allocation per token.
func TestNERAllocs(t *testing.T) {
	if testing.Short() || nerRace {
		t.Skip("skipped with -short and under the race detector")
	}
	r := embeddedNER(t)
	d := nerDoc(segSeedText(t))
	r.recognize(d)
	allocs := testing.AllocsPerRun(20, func() { r.recognize(d) })
	t.Logf("recognize on the seed (%d tokens): %.0f allocations", len(d.Tokens), allocs)
	assert.Less(t, allocs, float64(len(d.Tokens))/4, "allocations per recognize call")
}

// FuzzNER checks the recognizer's invariants (see checkNEREntities) on
// arbitrary text.
func FuzzNER(f *testing.F) {
	if testing.Short() {
		f.Skip("skipped with -short")
	}
	f.Add(segSeedText(f))
	for _, s := range []string{"", "Mr. Smith went to Washington.", "SOCCER - JAPAN GET LUCKY WIN .", "\xff\xfe “Quote” — Bélarus’s"} {
		f.Add(s)
	}
	r := embeddedNER(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := nerDoc(text)
		if len(d.Tokens) == 0 {
			return
		}
		checkNEREntities(t, d, r.recognize(d))
	})
}
