package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho/corpus"
)

// TestFormatCoNLLU checks the -format conllu contract: # newdoc id per
// input, # sent_id and # text per sentence, ten columns, TokenRange in
// MISC pointing at the input's bytes, and trees that corpus reads back.
func TestFormatCoNLLU(t *testing.T) {
	in := "“We won’t stop,” said Anna Smith. She left.\nThe co-founder agreed."
	status, out, errw := runCLI(t, &in, "-format", "conllu")
	require.Equal(t, 0, status, errw)
	assert.True(t, strings.HasPrefix(out, "# newdoc id = stdin\n# newpar\n# sent_id = stdin-1\n# text = “We won’t stop,” said Anna Smith.\n"), out)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		require.Len(t, cols, 10, "line %q", line)
		misc := cols[9]
		i := strings.Index(misc, "TokenRange=")
		require.GreaterOrEqual(t, i, 0, "line %q", line)
		a, b, ok := strings.Cut(misc[i+len("TokenRange="):], ":")
		require.True(t, ok)
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		require.NoError(t, err1)
		require.NoError(t, err2)
		assert.Equal(t, in[start:end], cols[1], "TokenRange of %q", line)
	}
	var errs corpus.ErrorList
	sents := corpus.DecodeCoNLLU("out", []byte(out), &errs)
	require.Empty(t, errs, "the output is valid CoNLL-U with one tree per sentence")
	require.Len(t, sents, 3)
	assert.Equal(t, "She left.", sents[1].Text)
	assert.Equal(t, "stdin", sents[2].DocID)
}

func TestEvalCoNLLU(t *testing.T) {
	const treebank = `# newdoc id = d
# text = She left.
1	She	she	PRON	PRP	_	2	nsubj	_	_
2	left	leave	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

# text = He didn't.
1	He	he	PRON	PRP	_	2	nsubj	_	_
2-3	didn't	_	_	_	_	_	_	_	SpaceAfter=No
2	did	do	AUX	VBD	_	0	root	_	_
3	n't	not	PART	RB	_	2	advmod	_	_
4	.	.	PUNCT	.	_	2	punct	_	_
`
	path := filepath.Join(t.TempDir(), "tiny.conllu")
	require.NoError(t, os.WriteFile(path, []byte(treebank), 0o644))
	status, out, errw := runCLI(t, nil, "eval", "-conllu", path)
	require.Equal(t, 0, status, errw)
	for _, want := range []string{"UD tiny.conllu: 1 documents", "words", "UPOS", "XPOS", "UAS", "LAS"} {
		assert.Contains(t, out, want)
	}
	status, out, errw = runCLI(t, nil, "eval", "-json", "-conllu", path)
	require.Equal(t, 0, status, errw)
	var res []evalResult
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Len(t, res, 1)
	assert.Equal(t, 1.0, res[0].Metrics["ud.words.f1"], "every word of the two sentences is found")
	assert.Contains(t, res[0].Counts, "LAS")

	status, _, errw = runCLI(t, nil, "eval", "-conllu", filepath.Join(t.TempDir(), "missing.conllu"))
	assert.Equal(t, 1, status)
	assert.Contains(t, errw, "missing.conllu")
}
