package corpus

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/extract"
)

func TestDecodeCoNLL(t *testing.T) {
	const data = "-DOCSTART- -X- O O\n\n" +
		"EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\n" +
		"Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nand CC O O\nJohn NNP I-NP I-PER\nSmith NNP I-NP I-PER\n" +
		"Mary NNP I-NP B-PER\n\n" +
		"-DOCSTART- -X- -X- O\n\nBRUSSELS NNP I-NP I-LOC\n1996-08-22 CD I-NP O\n\n\n"
	var errs ErrorList
	arts := DecodeCoNLL("x/dev.txt", []byte(data), &errs)
	require.Empty(t, errs)
	require.Len(t, arts, 2)
	a := arts[0]
	assert.Equal(t, "conll:dev:1", a.ID)
	assert.Equal(t, "EU rejects German call\nPeter Blackburn and John Smith Mary", a.Doc.Text)
	require.NoError(t, a.Doc.Validate())
	type ent struct {
		text  string
		label extract.Label
		lo    int
	}
	var got []ent
	for _, e := range a.Doc.Entities {
		got = append(got, ent{e.Text, e.Label, e.Tokens.Lo})
	}
	assert.Equal(t, []ent{
		{"EU", extract.ORG, 0}, {"German", extract.MISC, 2}, {"Peter Blackburn", extract.PER, 4},
		{"John Smith", extract.PER, 7}, {"Mary", extract.PER, 9},
	}, got)
	assert.Len(t, a.Doc.Sentences, 2)
	assert.True(t, a.Layers.Has(LayerTokens) && a.Layers.Has(LayerEntities) && !a.Layers.Has(LayerClaims))
	assert.Equal(t, "BRUSSELS 1996-08-22", arts[1].Doc.Text)
	assert.Equal(t, extract.Number, arts[1].Doc.Tokens[1].Kind)
}

func TestDecodeCoNLLErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
		line             int
	}{
		{"truncated line", "EU NNP I-NP I-ORG\nrejects\n", "has 1 column", 2},
		{"bad tag", "EU NNP I-NP I-ORGANIZATION\n", `bad NER tag "I-ORGANIZATION"`, 1},
		{"bad prefix", "EU NNP I-NP E-ORG\n", `bad NER tag "E-ORG"`, 1},
		{"invalid UTF-8", "E\xffU NNP I-NP O\n", "not valid UTF-8", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs ErrorList
			arts := DecodeCoNLL("x.txt", []byte(tt.data), &errs)
			require.NotEmpty(t, errs)
			assert.Contains(t, errs[0].Error(), tt.want)
			assert.Equal(t, tt.line, errs[0].Line)
			for _, a := range arts {
				require.NoError(t, a.Doc.Validate())
			}
		})
	}
}

func TestLoadCoNLL(t *testing.T) {
	dir := sharedDir(t, "conll2003")
	// The counts published with the shared task (and in SOURCE.md).
	tests := []struct {
		file                string
		docs, sents, toks   int
		per, org, loc, misc int
	}{
		{"dev.txt", 216, 3250, 51362, 1842, 1341, 1837, 922},
		{"train.txt", 946, 14041, 203621, 6600, 6321, 7140, 3438},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			arts, err := LoadCoNLL(filepath.Join(dir, tt.file))
			require.NoError(t, err)
			sents, toks := 0, 0
			byLabel := map[extract.Label]int{}
			for _, a := range arts {
				require.NoError(t, a.Doc.Validate(), a.ID)
				sents += len(a.Doc.Sentences)
				toks += len(a.Doc.Tokens)
				for _, e := range a.Doc.Entities {
					byLabel[e.Label]++
				}
			}
			assert.Len(t, arts, tt.docs)
			assert.Equal(t, tt.sents, sents)
			assert.Equal(t, tt.toks, toks)
			assert.Equal(t, map[extract.Label]int{extract.PER: tt.per, extract.ORG: tt.org, extract.LOC: tt.loc, extract.MISC: tt.misc}, byLabel)
		})
	}
}
