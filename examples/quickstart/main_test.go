package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstart(t *testing.T) {
	var b strings.Builder
	require.NoError(t, run(&b))
	quote := "“The previous pressure strategy has failed,”"
	start := strings.Index(article, quote)
	require.GreaterOrEqual(t, start, 0)
	// The quote is attributed through "she" to the woman named first, not to
	// the other woman in the sentence; the content includes the marks, as
	// PolNeAR marks a quotation.
	want := fmt.Sprintf("Tatyana Khomich [direct, bytes %d-%d]: %s\n", start, start+len(quote), quote)
	assert.Equal(t, want, b.String())
}
