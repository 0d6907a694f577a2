package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/corpus"
)

// article is a PolNeAR article as the trainer reads it: its text and, for
// each attribution in text order, every piece of its roles as annotated.
type article struct {
	Text         string
	Attributions []corpus.RoleSpans
	Claims       []claims.Claim // the gold claims, as corpus.ScoreClaims reads them
}

// loadSplit reads the PolNeAR split directory dir (holding text/ and
// attributions/, e.g. ../shared/data/polnear/train) with
// corpus.LoadPolNeAR. The problems the loader reports are printed to errw
// and skipped; only an error that stops the loading is returned.
func loadSplit(dir string, errw io.Writer) ([]article, error) {
	dir = filepath.Clean(dir)
	arts, err := corpus.LoadPolNeAR(filepath.Dir(dir), filepath.Base(dir))
	if err != nil {
		var el corpus.ErrorList
		if !errors.As(err, &el) {
			return nil, fmt.Errorf("loading %s: %w", dir, err)
		}
		for _, e := range el {
			fmt.Fprintln(errw, "claimtrain: warning:", e)
		}
	}
	out := make([]article, len(arts))
	for i := range arts {
		a := &arts[i]
		out[i].Text = a.Doc.Text
		out[i].Claims = a.Claims
		out[i].Attributions = make([]corpus.RoleSpans, len(a.Claims))
		for k := range a.Claims {
			out[i].Attributions[k] = a.ClaimSpans(k)
		}
	}
	return out, nil
}
