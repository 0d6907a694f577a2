package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/claims"
)

func TestDecodeBrat(t *testing.T) {
	// Offsets count characters: “ is one character but three bytes.
	const text = "“We will win,” she said.\nThe ministry said the vote was fair, “clean” and open."
	ann := "T1\tSource 15 18\tshe\n" +
		"T2\tCue 19 23\tsaid\n" +
		"T3\tContent 0 14\t“We will win,”\n" +
		"T4\tAttribution 19 23\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 \n" + // trailing space, as in PolNeAR
		"#1\tAnnotatorNotes T3\ta note\n" +
		"T5\tContent 43 55;62 78\tthe vote was “clean” and open\n" +
		"T6\tCue 38 42\tsaid\n" +
		"T7\tAttribution 38 42\tsaid\n" +
		"T8\tSource 25 37\tThe ministry\n" +
		"E2\tAttribution:T7 Cue:T6 Content:T5 Source:T8\n" +
		"T9\tContent 0 3\t“We\n" +
		"E3\tAttribution-no-source:T9 Content:T9\n" +
		"\n"
	var errs ErrorList
	a := DecodeBrat("x.ann", []byte(ann), text, &errs)
	require.Empty(t, errs)
	require.Len(t, a.Claims, 3)
	require.Len(t, a.Pieces, 3)
	c := a.Claims[0]
	assert.Equal(t, claims.Direct, c.Kind)
	assert.Equal(t, "“We will win,”", c.Content[0].Text, "direct content keeps its marks, as annotated")
	assert.Equal(t, "“We will win,”", a.Pieces[0].Content[0].Text, "pieces are kept as annotated")
	assert.Equal(t, "she", c.Source.Text)
	assert.Equal(t, len("“We will win,” "), c.Source.Start, "byte offset")
	assert.Equal(t, "said", c.Cue.Text)
	assert.Equal(t, claims.UnknownSpeaker, c.Speaker.Kind)
	assert.Equal(t, -1, c.Speaker.Person)

	assert.Equal(t, claims.Direct, a.Claims[1].Kind, "E3 comes second in text order")
	assert.True(t, a.Claims[1].Source.IsEmpty())

	c = a.Claims[2]
	assert.Equal(t, claims.Mixed, c.Kind)
	require.Len(t, c.Content, 2)
	assert.Equal(t, "the vote was", c.Content[0].Text)
	assert.Equal(t, "“clean” and open", c.Content[1].Text)
	assert.Equal(t, "The ministry", c.Source.Text)
}

func TestDecodeBratErrors(t *testing.T) {
	const text = "Ünal said no.\n"
	tests := []struct {
		name, ann, want string
		line            int
	}{
		{"truncated line", "T1\tSource 0 4", "want 3 tab-separated fields", 1},
		{"offset past end", "T1\tSource 0 40\tÜnal", "past the end of the text (14 characters)", 1},
		{"text differs", "T1\tSource 0 5\tÜnal", "differs from the article text", 1},
		{"bad label", "T1\tSpeaker 0 4\tÜnal", `unknown label "Speaker"`, 1},
		{"reversed", "T1\tSource 4 0\t", "reversed", 1},
		{"bad number", "T1\tSource 0 x\tÜnal", "bad offsets", 1},
		{"stray line", "T1\tSource 0 4\tÜnal\nhello", "unexpected line", 2},
		{"undefined ref", "T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Cue:T1 Content:T9", "T9, which is not defined", 2},
		{"no content", "T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Cue:T1", "has no content", 2},
		{"wrong role", "T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Content:T1", "labelled Cue", 2},
		{"bad event type", "E1\tRelation:T1", "unknown type", 1},
		{"bad argument", "T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Speaker:T1", "bad argument", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs ErrorList
			DecodeBrat("x.ann", []byte(tt.ann), text, &errs)
			require.NotEmpty(t, errs, "DecodeBrat(%q) gave no error", tt.ann)
			assert.Contains(t, errs[0].Error(), tt.want)
			assert.Equal(t, tt.line, errs[0].Line)
			assert.True(t, strings.HasPrefix(errs[0].Error(), "x.ann:"), errs[0].Error())
			assert.True(t, errors.Is(errs.Err(), ErrFormat))
		})
	}
}

func TestDecodeBratMultiLineText(t *testing.T) {
	// A piece holding a paragraph break continues its text field on the
	// next lines of the file, as in three PolNeAR train files.
	const text = "He said: “One.\n\n“Two.”"
	ann := "T1\tContent 9 22\t“One.\n\n“Two.”\nT2\tCue 3 7\tsaid\nT3\tSource 0 2\tHe\nE1\tAttribution:T2 Source:T3 Cue:T2 Content:T1\n"
	var errs ErrorList
	a := DecodeBrat("x.ann", []byte(ann), text, &errs)
	require.Empty(t, errs)
	require.Len(t, a.Claims, 1)
	c := a.Claims[0]
	assert.Equal(t, claims.Direct, c.Kind)
	assert.Equal(t, "“One.\n\n“Two.”", c.Content[0].Text)
}

func TestLoadPolNeARDev(t *testing.T) {
	dir := sharedDir(t, "polnear")
	arts, err := LoadPolNeAR(dir, "dev")
	var el ErrorList
	if err != nil {
		require.ErrorAs(t, err, &el, "only annotation errors are expected")
	}
	// dev holds one event with no content (an annotator slip); it is
	// reported and skipped.
	assert.Len(t, el, 1)
	require.Len(t, arts, 84)
	n, direct := 0, 0
	for i := range arts {
		a := &arts[i]
		assert.True(t, strings.HasPrefix(a.ID, "polnear:"))
		require.Len(t, a.Pieces, len(a.Claims))
		for _, c := range a.Claims {
			n++
			if c.Kind != claims.Indirect {
				direct++
			}
			for _, s := range c.Content {
				require.Equal(t, a.Doc.Text[s.Start:s.End], s.Text)
			}
		}
	}
	assert.Equal(t, 2192, n)
	// SOURCE.md: about 28% of dev contents contain quotation marks.
	assert.InDelta(t, 0.28, float64(direct)/float64(n), 0.01)
}

func TestLoadPolNeARChoicesAndMissingText(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, "dev", name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	write("text/a.txt", "He said no.")
	// Two annotators of a: the lexicographically first (4b22) is used.
	write("attributions/a_ef2d.ann", "T1\tSource 0 2\tHe\n")
	write("attributions/a_4b22.ann", "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 10\tno\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
	write("attributions/b_4e07.ann", "") // no b.txt
	arts, err := LoadPolNeAR(dir, "dev")
	require.Error(t, err)
	var el ErrorList
	require.ErrorAs(t, err, &el)
	require.Len(t, el, 1)
	assert.Contains(t, el[0].Error(), "b_4e07.ann: no text for this annotation")
	require.Len(t, arts, 1, "a is loaded although b failed")
	assert.Equal(t, "polnear:a", arts[0].ID)
	assert.Contains(t, arts[0].Source, "annotator 4b22")
	require.Len(t, arts[0].Claims, 1)
	assert.Equal(t, "no", arts[0].Claims[0].Content[0].Text)

	_, err = LoadPolNeAR(dir, "test")
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrFormat), "a missing split is an I/O error: %v", err)
}

// TestLoadPolNeARTrain pins the malformed annotations of the train split:
// 36 events with no content and 2 events whose argument has another label.
// Every text-bound annotation matches its text (3 of them continue over
// several lines of their .ann file).
func TestLoadPolNeARTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole train split; skipped with -short")
	}
	arts, err := LoadPolNeAR(sharedDir(t, "polnear"), "train")
	var el ErrorList
	require.ErrorAs(t, err, &el)
	noContent, label := 0, 0
	for _, e := range el {
		switch {
		case strings.HasSuffix(e.Msg, "has no content"):
			noContent++
		case strings.Contains(e.Msg, "is labelled"):
			label++
		default:
			t.Errorf("unexpected error: %v", e)
		}
	}
	assert.Equal(t, 36, noContent)
	assert.Equal(t, 2, label)
	assert.Len(t, arts, 840)
	n := 0
	for _, a := range arts {
		n += len(a.Claims)
	}
	assert.Equal(t, 19830, n)
}
