package extract

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUPOSNames(t *testing.T) {
	for p := NoPOS; int(p) < NumUPOS; p++ {
		got, err := ParseUPOS(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, got)
	}
	_, err := ParseUPOS("NOUNS")
	assert.ErrorContains(t, err, `"NOUNS"`)
	assert.Equal(t, "UPOS(99)", UPOS(99).String())
}

func TestPennTagNames(t *testing.T) {
	for p := NoTag; int(p) < NumPennTags; p++ {
		got, err := ParsePennTag(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, got)
	}
	assert.Equal(t, "PRP$", TagPRPS.String())
	assert.Equal(t, "-LRB-", TagLRB.String())
	_, err := ParsePennTag("NNN")
	assert.Error(t, err)
}

func TestDepRelNames(t *testing.T) {
	for r := NoDep; int(r) < NumDepRels; r++ {
		got, err := ParseDepRel(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, got)
		if u := r.Universal(); r != NoDep {
			assert.NotContains(t, u.String(), ":", "%v.Universal()", r)
			assert.True(t, strings.HasPrefix(r.String(), u.String()), "%v.Universal() = %v", r, u)
		}
	}
	assert.Equal(t, DepNSubj, DepNSubjPass.Universal())
	assert.Equal(t, DepACL, DepACLRelCl.Universal())
	assert.Equal(t, DepObj, DepObj.Universal())
	r, err := ParseDepRel("obl:tmod")
	assert.Error(t, err, "not an EWT 2.15 subtype")
	assert.Equal(t, DepObl, r, "but its universal type is known")
	r, err = ParseDepRel("subj")
	assert.Error(t, err)
	assert.Equal(t, NoDep, r)
}

// treeDoc builds "Anna Smith said it failed ." with a hand-made tree:
//
//	said(2) ← Smith(1) ← Anna(0); said → failed(4) ← it(3); said → .(5)
func treeDoc() *Document {
	text := "Anna Smith said it failed ."
	d := tokenizeSegment(text)
	heads := []int{1, 2, -1, 4, 2, 2}
	deps := []DepRel{DepFlat, DepNSubj, DepRoot, DepNSubj, DepCComp, DepPunct}
	for i := range d.Tokens {
		d.Tokens[i].Head, d.Tokens[i].Dep, d.Tokens[i].POS = heads[i], deps[i], NOUN
	}
	return d
}

func TestTreeHelpers(t *testing.T) {
	d := treeDoc()
	require.NoError(t, d.Validate())
	assert.True(t, d.HasSyntax())
	assert.Equal(t, 2, d.Root(0))
	assert.Equal(t, -1, d.Root(1))
	assert.Equal(t, []int{1, 4, 5}, slices.Collect(d.Children(2)))
	assert.Empty(t, slices.Collect(d.Children(0)))
	assert.Empty(t, slices.Collect(d.Children(99)))
	assert.Equal(t, 1, d.ChildrenWith(2, DepNSubj))
	assert.Equal(t, 4, d.ChildrenWith(2, DepCComp))
	assert.Equal(t, -1, d.ChildrenWith(2, DepObj))
	assert.Equal(t, Range{0, 2}, d.Subtree(1))
	assert.Equal(t, Range{3, 5}, d.Subtree(4))
	assert.Equal(t, Range{0, 6}, d.Subtree(2))
	assert.Equal(t, Range{}, d.Subtree(-1))
	assert.Equal(t, []int{1, 2}, slices.Collect(d.Ancestors(0)))
	assert.Empty(t, slices.Collect(d.Ancestors(2)))
	for range d.Children(2) {
		break // stopping early is fine
	}

	// A subtype counts for its universal type.
	d.Tokens[1].Dep = DepNSubjPass
	assert.Equal(t, 1, d.ChildrenWith(2, DepNSubj))

	// Without syntax the helpers answer "nothing".
	plain := tokenizeSegment("Anna said it .")
	assert.False(t, plain.HasSyntax())
	assert.Equal(t, -1, plain.Root(0))
	assert.Empty(t, slices.Collect(plain.Children(1)))
	assert.Equal(t, Range{1, 2}, plain.Subtree(1))
	require.NoError(t, plain.Validate())
}

func TestValidateTrees(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *Document)
		want   string
	}{
		{"two roots", func(d *Document) { d.Tokens[4].Head, d.Tokens[4].Dep = -1, DepRoot }, "2 roots"},
		{"root relation with a head", func(d *Document) { d.Tokens[4].Dep = DepRoot }, "relation root but head"},
		{"head outside", func(d *Document) { d.Tokens[0].Head = 17 }, "outside its sentence"},
		{"cycle", func(d *Document) { d.Tokens[0].Head, d.Tokens[1].Head = 1, 0 }, "cycle"},
		{"no relation", func(d *Document) { d.Tokens[3].Dep = NoDep }, "no relation"},
		{"headless non-root", func(d *Document) { d.Tokens[3].Head = -1 }, "not root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := treeDoc()
			tt.break_(d)
			assert.ErrorContains(t, d.Validate(), tt.want)
		})
	}
}

// TestSyntaxOptions: syntax on by default; tags only; off.
func TestSyntaxOptions(t *testing.T) {
	const text = "The mayor said on Tuesday that the bridge would reopen."
	full, err := New(WithNER(NERNone))
	require.NoError(t, err)
	d := full.Extract(text)
	require.True(t, d.HasSyntax())
	require.NoError(t, d.Validate())
	for _, tk := range d.Tokens {
		assert.NotEqual(t, NoPOS, tk.POS, "token %q", tk.Text)
		assert.NotEqual(t, NoTag, tk.Tag, "token %q", tk.Text)
	}

	tags, err := New(WithNER(NERNone), WithSyntax(SyntaxTags))
	require.NoError(t, err)
	d2 := tags.Extract(text)
	assert.False(t, d2.HasSyntax(), "no trees")
	for i, tk := range d2.Tokens {
		assert.Equal(t, d.Tokens[i].POS, tk.POS, "the same tagger")
		assert.Equal(t, NoDep, tk.Dep)
	}
	require.NoError(t, d2.Validate())

	off, err := New(WithNER(NERNone), WithSyntax(SyntaxNone))
	require.NoError(t, err)
	d3 := off.Extract(text)
	for _, tk := range d3.Tokens {
		assert.Equal(t, NoPOS, tk.POS)
	}
	require.NoError(t, d3.Validate())

	_, err = New(WithSyntax(Syntax(9)))
	assert.ErrorContains(t, err, "invalid syntax")
	s, err := ParseSyntax("tags")
	require.NoError(t, err)
	assert.Equal(t, SyntaxTags, s)
	assert.Equal(t, "tags", s.String())
	_, err = ParseSyntax("deep")
	assert.Error(t, err)
}

func TestSyntaxModelFSErrors(t *testing.T) {
	_, err := New(WithSyntaxModelFS(fstest.MapFS{}))
	assert.ErrorContains(t, err, SyntaxModelFile)
}

// TestSyntaxConcurrent: one Extractor from many goroutines gives the same
// trees as one at a time (run with -race).
func TestSyntaxConcurrent(t *testing.T) {
	e, err := New(WithNER(NERNone))
	require.NoError(t, err)
	texts := []string{segSeedText(t), "He said no.\nShe said yes.", "", "“Quote,” she said."}
	want := make([]*Document, len(texts))
	for i, s := range texts {
		want[i] = e.Extract(s)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 3 {
				i := (g + k) % len(texts)
				got := e.Extract(texts[i])
				if !slices.Equal(got.Tokens, want[i].Tokens) {
					t.Errorf("text %d: concurrent Extract gave other tokens or trees", i)
				}
			}
		}()
	}
	wg.Wait()
}

// TestSyntaxAllocs: the syntax stage allocates a few times per document
// once its scratch space is warm, not per token.
func TestSyntaxAllocs(t *testing.T) {
	if nerRace {
		t.Skip("the race detector makes sync.Pool drop items: allocation counts mean nothing")
	}
	a, err := loadAnalyzer(nil, true)
	require.NoError(t, err)
	d := tokenizeSegment(segSeedText(t))
	a.annotate(d)
	allocs := testing.AllocsPerRun(20, func() { a.annotate(d) })
	assert.LessOrEqual(t, allocs, 2.0, "allocations per document of %d tokens", len(d.Tokens))
}

// TestTreesOnCorpora: every document of the seed and of PolNeAR train and
// dev, analysed with syntax on, has one tree per sentence (Validate: one
// root, heads inside the sentence, no cycle) and a tag on every token.
func TestTreesOnCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("parses whole corpora; skipped with -short")
	}
	e, err := New(WithNER(NERNone))
	require.NoError(t, err)
	texts := []string{segSeedText(t)}
	for _, p := range segPolNeARTexts(t, "train", "dev") {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		texts = append(texts, string(b))
	}
	for i, text := range texts {
		d := e.Extract(text)
		require.NoError(t, d.Validate(), "document %d", i)
		for _, tk := range d.Tokens {
			if tk.POS == NoPOS || tk.Tag == NoTag || tk.Dep == NoDep {
				t.Fatalf("document %d: token %q has no tag or relation", i, tk.Text)
			}
		}
	}
}
