// Package brat reads the brat standoff annotations of PolNeAR (Newell et
// al., LREC 2018) just far enough for the claims trainer and tests: text-bound
// Source, Cue and Content spans and the events that join them. Offsets in the
// files count code points; Read converts them to byte offsets.
//
// The corpus package has the full loader with error lists; this reader exists
// so that the trainer, which the claims package builds on, does not depend on
// corpus (corpus imports claims).
package brat

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of the article text.
type Span struct{ Start, End int }

// Attribution is one attribution relation. Each role holds the pieces of
// its (possibly discontinuous) span in text order; a missing role is nil.
type Attribution struct {
	Source, Cue, Content []Span
}

// Article is a PolNeAR article with the attributions of one annotator.
type Article struct {
	Name         string
	Text         string
	Attributions []Attribution
}

// ReadSplit reads every article of dir (a PolNeAR split directory holding
// text/ and attributions/). When an article has several annotation files
// the lexicographically first is used. Malformed lines are skipped.
func ReadSplit(dir string) ([]Article, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("brat: listing %s: %w", dir, err)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var out []Article
	for _, ann := range anns {
		base := filepath.Base(ann)
		base = base[:strings.LastIndexByte(base, '_')]
		if seen[base] {
			continue
		}
		seen[base] = true
		b, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			return nil, fmt.Errorf("brat: %w", err)
		}
		a := Article{Name: base, Text: string(b)}
		a.Attributions, err = readAnn(ann, a.Text)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func readAnn(path, text string) ([]Attribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("brat: %w", err)
	}
	defer f.Close()
	// byteOff[i] is the byte offset of code point i.
	byteOff := make([]int, 0, len(text)+1)
	for i := range text {
		byteOff = append(byteOff, i)
	}
	byteOff = append(byteOff, len(text))
	conv := func(cp int) (int, bool) {
		if cp < 0 || cp >= len(byteOff) {
			return 0, false
		}
		return byteOff[cp], true
	}
	spans := map[string][]Span{}
	var events [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(p[0], "T"):
			lab, rest, ok := strings.Cut(p[1], " ")
			if !ok || (lab != "Source" && lab != "Cue" && lab != "Content") {
				continue
			}
			var ss []Span
			good := true
			for _, piece := range strings.Split(rest, ";") {
				f := strings.Fields(piece)
				if len(f) != 2 {
					good = false
					break
				}
				a, e1 := strconv.Atoi(f[0])
				b, e2 := strconv.Atoi(f[1])
				s, ok1 := conv(a)
				e, ok2 := conv(b)
				if e1 != nil || e2 != nil || !ok1 || !ok2 || e < s {
					good = false
					break
				}
				ss = append(ss, Span{s, e})
			}
			if good {
				spans[p[0]] = ss
			}
		case strings.HasPrefix(p[0], "E"):
			events = append(events, strings.Fields(p[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("brat: reading %s: %w", path, err)
	}
	var out []Attribution
	for _, ev := range events {
		var a Attribution
		for _, arg := range ev[1:] {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			switch role {
			case "Source":
				a.Source = spans[id]
			case "Cue":
				a.Cue = spans[id]
			case "Content":
				a.Content = spans[id]
			}
		}
		if a.Content == nil && a.Cue == nil {
			continue
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return first(out[i]) < first(out[j]) })
	return out, nil
}

func first(a Attribution) int {
	m := int(^uint(0) >> 1)
	for _, r := range [][]Span{a.Source, a.Cue, a.Content} {
		if len(r) > 0 && r[0].Start < m {
			m = r[0].Start
		}
	}
	return m
}

// ValidUTF8 reports whether the article text is valid UTF-8.
func (a *Article) ValidUTF8() bool { return utf8.ValidString(a.Text) }
