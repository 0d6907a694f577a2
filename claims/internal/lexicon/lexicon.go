// Package lexicon holds the embedded cue lexicon of package claims: the
// reporting-verb statistics learned from PolNeAR train (cues.tsv, written by
// claims/internal/cmd/claimtrain) and the hand-written core list (base.txt).
// See SOURCES.md for provenance.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/kljensen/snowball/english"
)

//go:embed cues.tsv base.txt
var files embed.FS

// Count is how often a form was seen in the role it is listed for (In) and
// how often it was seen at all in the matching context (Total).
type Count struct{ In, Total int }

// Ratio returns In/Total, or 0 when Total is 0.
func (c Count) Ratio() float64 {
	if c.Total == 0 {
		return 0
	}
	return float64(c.In) / float64(c.Total)
}

// Lexicon is the decoded cue lexicon. It is read-only after Load.
type Lexicon struct {
	// Heads maps a Snowball stem to how often a token of that stem heads a
	// PolNeAR Cue span, out of its occurrences in train.
	Heads map[string]Count
	// Tails maps a head stem to the lower-cased next words annotators
	// include in the cue ("accord" -> "to").
	Tails map[string]map[string]Count
	// Prefix maps a lower-cased auxiliary or adverb to how often it is
	// included in a cue when it stands right before the head.
	Prefix map[string]Count
	// Base is the set of stems of the hand-written reporting verbs.
	Base map[string]bool
	// Stems maps the most frequent lower-cased words of PolNeAR train to
	// their Snowball stems, so most tokens are stemmed by lookup.
	Stems map[string]string
	// prefixes holds every cue stem (less a final i or e), cut to maxPrefix
	// bytes; see MayBeCue.
	prefixes map[uint64]bool // prefixKey
	// first2 marks the first two bytes of every prefix, a fast reject.
	first2 *[1 << 16]bool
}

// maxPrefix bounds the prefixes MayBeCue compares.
const maxPrefix = 6

// MayBeCue reports whether the lower-cased word w can have the stem of a
// cue head that occurs at least minIn times with P(cue|stem) >= minRatio
// in PolNeAR train. Snowball only strips suffixes (and may turn a final y
// into i, or restore a final e), so a word starts with its stem (less a
// final i or e); a word that
// starts with no cue stem needs no stemming. It allocates nothing.
func (lx *Lexicon) MayBeCue(w string) bool {
	if len(w) < 2 || !lx.first2[uint16(w[0])<<8|uint16(w[1])] {
		return false // most words: one array lookup
	}
	key := uint64(w[0])<<8 | uint64(w[1])
	for k := 2; k <= maxPrefix && k <= len(w); k++ {
		if k > 2 {
			key = key<<8 | uint64(w[k-1])
		}
		if lx.prefixes[key|uint64(k)<<56] {
			return true
		}
	}
	return false
}

// prefixKey packs a prefix of 2 to maxPrefix bytes and its length into a
// map key, cheaper to hash than a string.
func prefixKey(p string) uint64 {
	var key uint64
	for i := 0; i < len(p); i++ {
		key = key<<8 | uint64(p[i])
	}
	return key | uint64(len(p))<<56
}

// Cue-stem filter thresholds for MayBeCue.
const (
	minIn    = 3
	minRatio = 0.01
)

// Load decodes the embedded lexicon files.
func Load() (*Lexicon, error) {
	b, err := files.ReadFile("cues.tsv")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return Parse(b)
}

// Parse decodes a cues.tsv file b written by claimtrain, with the embedded
// hand list base.txt.
func Parse(b []byte) (*Lexicon, error) {
	lx := &Lexicon{
		Heads:  map[string]Count{},
		Tails:  map[string]map[string]Count{},
		Prefix: map[string]Count{},
		Base:   map[string]bool{},
		Stems:  map[string]string{},
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		bad := func() error { return fmt.Errorf("lexicon: cues.tsv:%d: malformed line %q", line, s) }
		num := func(i int) (int, bool) {
			if i >= len(f) {
				return 0, false
			}
			n, err := strconv.Atoi(f[i])
			return n, err == nil
		}
		switch f[0] {
		case "head":
			in, ok1 := num(2)
			tot, ok2 := num(3)
			if len(f) != 4 || !ok1 || !ok2 {
				return nil, bad()
			}
			lx.Heads[f[1]] = Count{in, tot}
		case "tail":
			in, ok1 := num(3)
			tot, ok2 := num(4)
			if len(f) != 5 || !ok1 || !ok2 {
				return nil, bad()
			}
			m := lx.Tails[f[1]]
			if m == nil {
				m = map[string]Count{}
				lx.Tails[f[1]] = m
			}
			m[f[2]] = Count{in, tot}
		case "prefix":
			in, ok1 := num(2)
			tot, ok2 := num(3)
			if len(f) != 4 || !ok1 || !ok2 {
				return nil, bad()
			}
			lx.Prefix[f[1]] = Count{in, tot}
		case "stem":
			if len(f) != 3 {
				return nil, bad()
			}
			lx.Stems[f[1]] = f[2]
		default:
			return nil, bad()
		}
	}
	b, err := files.ReadFile("base.txt")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	for _, s := range strings.Split(string(b), "\n") {
		s = strings.TrimSpace(s)
		if s == "" || s[0] == '#' {
			continue
		}
		lx.Base[english.Stem(s, true)] = true
	}
	lx.prefixes = map[uint64]bool{}
	lx.first2 = new([1 << 16]bool)
	for stem, c := range lx.Heads {
		if c.In < minIn || float64(c.In) < minRatio*float64(c.Total+2) || len(stem) < 2 {
			continue
		}
		// Snowball keeps the stem as a prefix of the word, except that a
		// final y may become i ("deny" -> "deni") and step 1b may restore
		// a final e ("citing" -> "cite", "noting" -> "note").
		p := stem
		if c := p[len(p)-1]; (c == 'i' || c == 'e') && len(p) > 2 {
			p = p[:len(p)-1]
		}
		p = p[:min(len(p), maxPrefix)] // at least 2 bytes
		lx.prefixes[prefixKey(p)] = true
		lx.first2[uint16(p[0])<<8|uint16(p[1])] = true
	}
	return lx, nil
}
