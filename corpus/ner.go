package corpus

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/saywho/saywho/extract"
)

// NERBreakdown says where a recognizer's entity errors are: a confusion
// table of types over exact spans, the boundary errors, and the scores of
// entities seen and unseen in a reference set (the training data). The
// zero value is ready to use; it is not safe for concurrent use.
type NERBreakdown struct {
	// Confusion counts entities by gold label (row) and predicted label
	// (column) over the same span: the diagonal holds the right ones.
	// Row NoLabel counts predictions with no gold entity of the same span
	// (spurious), column NoLabel gold entities with no prediction of the
	// same span (missed).
	Confusion [5][5]int
	// Boundary counts the gold entities that a prediction overlaps
	// without having the same span (they are also in column NoLabel).
	Boundary int
	// Seen and Unseen split the exact span-and-type counts by whether the
	// entity's text occurs as an entity in the reference set: TP and FN
	// by the gold entity's text, FP by the prediction's.
	Seen, Unseen Counts
}

// EntityTexts returns the set of entity texts (white space collapsed to
// one space) of the articles' gold entities: the reference set for
// NERBreakdown.Add.
func EntityTexts(arts []Article) map[string]bool {
	set := map[string]bool{}
	for _, a := range arts {
		for _, e := range a.Doc.Entities {
			if e.Label != extract.NoLabel {
				set[entityKey(e.Text)] = true
			}
		}
	}
	return set
}

func entityKey(s string) string { return strings.Join(strings.Fields(s), " ") }

// Add counts the entities of one document. seen is the reference set
// (EntityTexts); nil counts every entity unseen.
func (b *NERBreakdown) Add(gold, pred []extract.Entity, seen map[string]bool) {
	type span struct{ start, end int }
	byGold := make(map[span]int, len(gold))
	for i, e := range gold {
		if e.Label != extract.NoLabel {
			byGold[span{e.Start, e.End}] = i
		}
	}
	matched := make(map[int]bool, len(gold))
	for _, p := range pred {
		if p.Label == extract.NoLabel || int(p.Label) >= len(b.Confusion) {
			continue
		}
		if i, ok := byGold[span{p.Start, p.End}]; ok && !matched[i] {
			matched[i] = true
			g := gold[i]
			b.Confusion[g.Label][p.Label]++
			if g.Label == p.Label {
				b.counts(g.Text, seen).TP++
				continue
			}
			b.counts(g.Text, seen).FN++
			b.counts(p.Text, seen).FP++
			continue
		}
		b.Confusion[extract.NoLabel][p.Label]++
		b.counts(p.Text, seen).FP++
	}
	for i, g := range gold {
		if g.Label == extract.NoLabel || int(g.Label) >= len(b.Confusion) || matched[i] {
			continue
		}
		b.Confusion[g.Label][extract.NoLabel]++
		b.counts(g.Text, seen).FN++
		for _, p := range pred {
			if p.Label != extract.NoLabel && p.Start < g.End && g.Start < p.End {
				b.Boundary++
				break
			}
		}
	}
}

func (b *NERBreakdown) counts(text string, seen map[string]bool) *Counts {
	if seen[entityKey(text)] {
		return &b.Seen
	}
	return &b.Unseen
}

// Merge adds the counts of c to b.
func (b *NERBreakdown) Merge(c NERBreakdown) {
	for g := range b.Confusion {
		for p := range b.Confusion[g] {
			b.Confusion[g][p] += c.Confusion[g][p]
		}
	}
	b.Boundary += c.Boundary
	b.Seen = b.Seen.Add(c.Seen)
	b.Unseen = b.Unseen.Add(c.Unseen)
}

// Write prints the breakdown: the confusion table (rows gold, columns
// predicted, "-" for no entity of that span), the boundary errors, and
// the seen and unseen scores when withSeen.
func (b *NERBreakdown) Write(w io.Writer, withSeen bool) error {
	labels := []extract.Label{extract.PER, extract.ORG, extract.LOC, extract.MISC, extract.NoLabel}
	name := func(l extract.Label) string {
		if l == extract.NoLabel {
			return "-"
		}
		return l.String()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "gold \\ predicted\t")
	for _, p := range labels {
		fmt.Fprintf(tw, "%s\t", name(p))
	}
	fmt.Fprintln(tw)
	for _, g := range labels {
		fmt.Fprintf(tw, "%s\t", name(g))
		for _, p := range labels {
			if g == extract.NoLabel && p == extract.NoLabel {
				fmt.Fprint(tw, "\t")
				continue
			}
			fmt.Fprintf(tw, "%d\t", b.Confusion[g][p])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	wrong := 0
	for _, g := range labels[:4] {
		for _, p := range labels[:4] {
			if g != p {
				wrong += b.Confusion[g][p]
			}
		}
	}
	if _, err := fmt.Fprintf(w, "right span, wrong type: %d; gold entities overlapped by a prediction of another span: %d\n", wrong, b.Boundary); err != nil {
		return err
	}
	if withSeen {
		for _, x := range []struct {
			name string
			c    Counts
		}{{"seen   (an entity of the reference set)", b.Seen}, {"unseen (no entity of the reference set)", b.Unseen}} {
			if _, err := fmt.Fprintf(w, "%s: P %.3f R %.3f F1 %.3f (%d/%d/%d), %d gold\n",
				x.name, x.c.P(), x.c.R(), x.c.F1(), x.c.TP, x.c.FP, x.c.FN, x.c.TP+x.c.FN); err != nil {
				return err
			}
		}
	}
	return nil
}
