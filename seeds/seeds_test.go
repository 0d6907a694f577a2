package seeds_test

import (
	"io/fs"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/seeds"
)

func TestSeedIsEmbedded(t *testing.T) {
	require.Contains(t, seeds.Names(), seeds.Seed)
	text, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	assert.True(t, utf8.ValidString(text), "seed is valid UTF-8")
	// The seed keeps its noise: these spots must survive any editing.
	for _, s := range []string{"\nn\n", "country. “", "happen . ”", "BélarusPut", "Aleksandr G. Lukashenko"} {
		assert.Contains(t, text, s)
	}
}

func TestTextUnknown(t *testing.T) {
	_, err := seeds.Text("no-such-article")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"no-such-article"`)
}

func TestFS(t *testing.T) {
	b, err := fs.ReadFile(seeds.FS(), seeds.Seed+".txt")
	require.NoError(t, err)
	text, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	assert.Equal(t, text, string(b))
}
