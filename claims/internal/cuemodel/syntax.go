package cuemodel

import (
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/internal/wordvec"
)

// syntaxWindow bounds how far from a token its children are looked for,
// so the syntax features cost constant time per scored token.
const syntaxWindow = 48

// kidRels are the relations of a candidate's children that the features
// name: what makes a word report speech or thought is mostly what it
// governs (a clausal complement, a subject, an agent, a that-clause).
var kidRels = [...]extract.DepRel{
	extract.DepCComp, extract.DepXComp, extract.DepParataxis, extract.DepNSubj,
	extract.DepNSubjPass, extract.DepObj, extract.DepIObj, extract.DepOblAgent,
	extract.DepObl, extract.DepACL, extract.DepAdvCl, extract.DepAuxPass, extract.DepMark,
	extract.DepCSubj, extract.DepNModPoss, extract.DepDet,
}

// syntaxFeatures adds the features of token i read from the dependency
// parse (cuemodel/3): its tag and relation, the relations of its
// children, the kind of its subject, whether its clausal complement opens
// with "that", its head, and its GloVe cluster. A document without trees
// gives only the cluster features.
func syntaxFeatures(c *Context, f func(uint32), b string) {
	d, i := c.Doc, c.I
	t := d.Tokens[i]
	if cl := clusterOf(c.lowerAt(i)); cl != 0 {
		f(tmpl(40).u(wordvec.Prefix(cl, wordvec.Medium)).idx())
		f(tmpl(41).u(wordvec.Prefix(cl, wordvec.Coarse)).str(b).idx())
	}
	if t.Dep == extract.NoDep {
		return
	}
	pos := t.POS.String()
	dep := t.Dep.String()
	f(tmpl(22).str(pos).str(c.Stem).idx())
	f(tmpl(23).str(dep).str(pos).idx())
	f(tmpl(24).str(dep).str(c.Stem).idx())
	f(tmpl(25).str(dep).str(b).idx())
	// The children of i, in a bounded window of its sentence.
	var kids uint64
	subj, comp := -1, -1
	lo, hi := max(c.Lo, i-syntaxWindow), min(c.Hi, i+syntaxWindow)
	for k := lo; k < hi; k++ {
		if d.Tokens[k].Head != i {
			continue
		}
		r := d.Tokens[k].Dep
		kids |= 1 << uint(r)
		switch r {
		case extract.DepNSubj, extract.DepNSubjPass:
			if subj < 0 {
				subj = k
			}
		case extract.DepCComp, extract.DepParataxis, extract.DepACL:
			if comp < 0 {
				comp = k
			}
		}
	}
	n := 0
	for _, r := range kidRels {
		if kids&(1<<uint(r)) != 0 {
			f(tmpl(26).str(r.String()).str(pos).idx())
			f(tmpl(27).str(r.String()).str(b).idx())
			n++
		}
	}
	if n == 0 {
		f(tmpl(26).str("none").str(pos).idx())
	}
	clausal := "0"
	if kids&(1<<uint(extract.DepCComp)|1<<uint(extract.DepParataxis)|1<<uint(extract.DepXComp)) != 0 {
		clausal = "1"
	}
	f(tmpl(28).str(c.Stem).str(clausal).idx())
	// The subject: a pronoun (which one), a proper noun, a noun. Its
	// name is hashed in parts, as if joined ("pron:" + "he" + ":pass"),
	// without building the string.
	sk := [3]string{"none"}
	if subj >= 0 {
		switch st := d.Tokens[subj]; st.POS {
		case extract.PRON:
			sk[0], sk[1] = "pron:", c.lowerAt(subj)
		case extract.PROPN:
			sk[0] = "propn"
		case extract.NOUN:
			sk[0] = "noun"
		default:
			sk[0] = st.POS.String()
		}
		if d.Tokens[subj].Dep == extract.DepNSubjPass {
			sk[2] = ":pass"
		}
	}
	f(tmpl(29).strs(sk).str(clausal).idx())
	f(tmpl(30).strs(sk).str(b).idx())
	// The clausal complement's marker ("that", "whether", "if").
	mark := [3]string{"none"}
	if comp >= 0 {
		mark[0] = d.Tokens[comp].Dep.String()
		for k := max(c.Lo, comp-syntaxWindow); k < comp; k++ {
			if d.Tokens[k].Head == comp && d.Tokens[k].Dep == extract.DepMark {
				mark[1], mark[2] = ":", c.lowerAt(k)
				break
			}
		}
	}
	f(tmpl(31).strs(mark).str(pos).idx())
	f(tmpl(32).strs(mark).str(c.Stem).idx())
	// The head: its relation and word ("according to" under obl, a noun
	// cue as the object of "issued", a verb as the conjunct of "said").
	if h := t.Head; h >= 0 && h < len(d.Tokens) {
		f(tmpl(33).str(dep).str(c.lowerAt(h)).idx())
		f(tmpl(34).str(dep).str(d.Tokens[h].POS.String()).str(d.Tokens[h].Dep.String()).idx())
	} else {
		f(tmpl(33).str("root").idx())
	}
}

// clusterOf returns the GloVe cluster of word w, or 0 when the table does
// not have it.
func clusterOf(w string) uint32 {
	t := wordvec.Embedded()
	r := t.Lookup(w)
	if r < 0 {
		return 0
	}
	return t.Cluster(r)
}

func (h hasher) u(x uint32) hasher {
	for k := 0; k < 4; k++ {
		h ^= hasher(byte(x >> (8 * k)))
		h *= prime32
	}
	return h
}

// lowerAt returns the lower-cased text of token k.
func (c *Context) lowerAt(k int) string {
	if c.Lower != nil {
		return c.Lower(k)
	}
	return c.Doc.Tokens[k].Lower()
}

// maxDepth bounds a walk up the tree in the span features.
const maxDepth = 32

// complementWindow bounds how far after the cue head complementEnd looks,
// so the span features cost constant time per candidate.
const complementWindow = EndSpan + StartSpan + 8

// under reports whether token j lies in the subtree of token i, walking at
// most maxDepth heads inside [lo, hi).
func under(d *extract.Document, j, i, lo, hi int) bool {
	for n := 0; n < maxDepth; n++ {
		if j == i {
			return true
		}
		h := d.Tokens[j].Head
		if h < lo || h >= hi {
			return false
		}
		j = h
	}
	return false
}

// complementEnd returns the end (exclusive) of the subtree of the cue
// head's clausal complement (ccomp, xcomp or parataxis after the head)
// inside [lo, hi), and the complement's first token; -1, -1 when the head
// has none or the document has no trees.
func complementEnd(d *extract.Document, head, lo, hi int) (end, first int) {
	if head < 0 || head >= len(d.Tokens) || d.Tokens[head].Dep == extract.NoDep {
		return -1, -1
	}
	hi = min(hi, head+complementWindow)
	comp := -1
	for k := head + 1; k < hi; k++ {
		if d.Tokens[k].Head == head {
			switch d.Tokens[k].Dep {
			case extract.DepCComp, extract.DepXComp, extract.DepParataxis:
				comp = k
			}
			if comp >= 0 {
				break
			}
		}
	}
	if comp < 0 {
		return -1, -1
	}
	end, first = comp+1, comp
	for j := head + 1; j < hi; j++ {
		if under(d, j, comp, lo, hi) {
			end, first = max(end, j+1), min(first, j)
		}
	}
	return end, first
}

// side names where token k's head lies relative to a content [b, k):
// "cue" (the cue head), "in" (inside the content), "r" (right of k) or
// "o" (elsewhere), with k's relation: a token that hangs on the cue after
// the content ("in a statement") marks its end. The name comes in parts,
// hashed as if joined ("cue" + ":" + "obl").
func side(d *extract.Document, k, b, head, end int) [3]string {
	if k >= end || k >= len(d.Tokens) || d.Tokens[k].Dep == extract.NoDep {
		return [3]string{"E"}
	}
	t := d.Tokens[k]
	s := "o"
	switch h := t.Head; {
	case h == head:
		s = "cue"
	case h >= b && h < k:
		s = "in"
	case h > k:
		s = "r"
	}
	return [3]string{s, ":", t.Dep.Universal().String()}
}

// strs hashes the parts of p as str hashes their concatenation.
func (h hasher) strs(p [3]string) hasher {
	for _, s := range p {
		h = h.bytes(s)
	}
	return h.end()
}
