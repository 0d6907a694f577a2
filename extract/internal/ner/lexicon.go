package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// CaseStats counts, per lower-cased word, how often it is written in lower
// case and how often capitalized inside a sentence. The trainer fills it
// from unlabelled text; the model keeps only a bucket per word.
type CaseStats struct {
	lower, title map[uint64]uint32
}

// NewCaseStats returns empty statistics.
func NewCaseStats() *CaseStats {
	return &CaseStats{lower: make(map[uint64]uint32), title: make(map[uint64]uint32)}
}

// AddSentence counts the tokens of one sentence, skipping its first token
// (whose case says nothing) and sentences without lower-case letters.
func (c *CaseStats) AddSentence(toks []string) {
	ws := make([]word, len(toks))
	lower := false
	for i, t := range toks {
		ws[i] = newWord(t, nil)
		if ws[i].flags&fHasLower != 0 {
			lower = true
		}
	}
	if !lower {
		return
	}
	for i := 1; i < len(ws); i++ {
		w := &ws[i]
		switch {
		case w.flags&fHasLetter == 0:
		case w.flags&(fInitCap|fAllCap) == 0:
			c.lower[w.title]++
		case w.flags&fInitCap != 0 && w.flags&fHasLower != 0 && !isQuoteOrBracket(ws[i-1].text):
			c.title[w.title]++
		}
	}
}

// buckets turns the counts into case buckets (1 + share of capitalized
// uses in fifths) for words seen at least minCount times.
func (c *CaseStats) buckets(minCount uint32) map[uint64]uint8 {
	out := make(map[uint64]uint8)
	add := func(k uint64) {
		lo, ti := c.lower[k], c.title[k]
		if lo+ti < minCount {
			return
		}
		share := float64(ti) / float64(lo+ti)
		b := uint8(1)
		switch {
		case share == 0:
			b = 1
		case share < 0.2:
			b = 2
		case share < 0.5:
			b = 3
		case share < 0.8:
			b = 4
		case share < 1:
			b = 5
		default:
			b = 6
		}
		out[k] = b
	}
	for k := range c.lower {
		add(k)
	}
	for k := range c.title {
		if _, ok := c.lower[k]; !ok {
			add(k)
		}
	}
	return out
}

// Gazetteer maps lower-cased multi-token entries to gazetteer type masks.
type Gazetteer struct {
	entries map[uint64]uint16
	max     int
}

// NewGazetteer returns an empty gazetteer.
func NewGazetteer() *Gazetteer { return &Gazetteer{entries: make(map[uint64]uint16)} }

// GazetteerType returns the type number for a gazetteer file name stem:
// "country", "demonym", "city", "female", "male", "org", "title", "event",
// "lochead", "wnper", "wnloc", "wnorg" or "wnmisc".
func GazetteerType(name string) (int, bool) {
	switch name {
	case "country":
		return gzCountry, true
	case "demonym":
		return gzDemonym, true
	case "city":
		return gzCity, true
	case "female":
		return gzFemale, true
	case "male":
		return gzMale, true
	case "org":
		return gzOrg, true
	case "title":
		return gzTitle, true
	case "event":
		return gzEvent, true
	case "lochead":
		return gzLocHead, true
	case "wnper":
		return gzWnPer, true
	case "wnloc":
		return gzWnLoc, true
	case "wnorg":
		return gzWnOrg, true
	case "wnmisc":
		return gzWnMisc, true
	}
	return 0, false
}

// Read adds the entries of a list (one per line; blank lines and lines
// starting with # are skipped) under type typ. Entries are split into
// tokens at spaces. A line "entry<TAB>tag" (the names package's TSV files)
// is kept only when keep(tag) is true; keep may be nil to take every line.
func (g *Gazetteer) Read(in io.Reader, typ int, keep func(tag string) bool) error {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		line, tag, _ := strings.Cut(line, "\t")
		if keep != nil && !keep(tag) {
			continue
		}
		toks := strings.Fields(line)
		if len(toks) > 8 {
			continue
		}
		h := uint64(fnvOffset)
		for k, t := range toks {
			if k > 0 {
				g.entries[fin(h)] |= gzPrefix
				h = hbyte(h, ' ')
			}
			h = hstr(h, fold(strings.ToLower(normalize(t))))
		}
		g.entries[fin(h)] |= 1 << typ
		g.max = max(g.max, len(toks))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ner: reading gazetteer: %w", err)
	}
	return nil
}
