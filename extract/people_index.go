package extract

import "unicode/utf8"

// clusterIndex finds the cluster a mention joins (P3 to P5) without
// scanning every cluster, so clustering is linear in the mentions of a
// document however many people it names.
//
// Every rule asks for the most recently mentioned cluster (the largest
// lastEntity) among those that have some last name, or whose fullest
// mention has some first name, and whose P5 gender (p5Gender) does not
// contradict the mention's. The index keeps one stack per such question
// (an indexKey); after a cluster takes a mention it is pushed, stamped with
// its new lastEntity, onto the stack of every key it now answers. Stacks
// are thus in lastEntity order, an entry whose stamp is not its cluster's
// lastEntity is stale (the cluster has moved on, perhaps to other keys), and
// the top entry that is not stale is the answer. Stale entries are popped
// as they surface, so each push is popped at most once.
//
// The stacks are linked lists in one slice of nodes (tops holds the index
// of each key's top node, -1 when the stack is empty), so a push allocates
// nothing but the slice's growth.
type clusterIndex struct {
	tops  map[indexKey]int32
	nodes []indexNode
}

// indexNode is one entry of a stack and the index of the entry below it
// (-1 at the bottom).
type indexNode struct {
	indexEntry
	below int32
}

// clusterFinder is what clusterPeople asks for the cluster a mention
// joins: clusterIndex, or in tests the plain scan over every cluster that
// it replaced (and must agree with).
type clusterFinder interface {
	// find returns the cluster of clusters that m joins, or -1.
	find(clusters []*cluster, m mention) int
	// add records that clusters[c] has just taken a mention.
	add(clusters []*cluster, c int)
}

// indexKey is one question the index answers. kind selects the fields used.
type indexKey struct {
	kind  indexKind
	g     Gender // the cluster's p5Gender
	name  string // a last name, or for byFirst the first name of the fullest mention
	first string // byLastFirst: the first name of the fullest mention
	r     rune   // byLastRune, byLastInitial: the first rune of that first name
}

type indexKind uint8

const (
	byLast        indexKind = iota // clusters with a mention of last name name
	byLastNoFirst                  // ... whose fullest mention has no first name
	byLastFirst                    // ... whose fullest mention has first name first
	byLastRune                     // ... whose fullest mention's first name starts with r
	byLastInitial                  // ... whose fullest mention's first name is the one rune r
	byFirst                        // clusters whose fullest mention has first name name
)

type indexEntry struct{ cluster, lastEntity int }

// p5Gender returns the gender that P5 holds against a mention joining c:
// its honorifics', else that of the first name of its fullest mention.
func (c *cluster) p5Gender() Gender {
	g := c.honorificGender()
	if full := c.mentions[c.best]; g == Unknown && full.first != "" {
		g = full.anyGender()
	}
	return g
}

// add records that cluster c has just taken a mention (its lastEntity,
// best, votes and lasts are up to date).
func (x *clusterIndex) add(clusters []*cluster, c int) {
	cl := clusters[c]
	e := indexEntry{c, cl.lastEntity}
	g := cl.p5Gender()
	full := cl.mentions[cl.best]
	r, _ := utf8.DecodeRuneInString(full.first)
	initial := utf8.RuneCountInString(full.first) == 1
	for _, last := range cl.lasts {
		x.push(indexKey{kind: byLast, g: g, name: last}, e)
		if full.first == "" {
			x.push(indexKey{kind: byLastNoFirst, g: g, name: last}, e)
			continue
		}
		x.push(indexKey{kind: byLastFirst, g: g, name: last, first: full.first}, e)
		x.push(indexKey{kind: byLastRune, g: g, name: last, r: r}, e)
		if initial {
			x.push(indexKey{kind: byLastInitial, g: g, name: last, r: r}, e)
		}
	}
	if full.first != "" {
		x.push(indexKey{kind: byFirst, g: g, name: full.first}, e)
	}
}

func (x *clusterIndex) push(k indexKey, e indexEntry) {
	if x.tops == nil {
		x.tops = make(map[indexKey]int32)
	}
	below, ok := x.tops[k]
	if !ok {
		below = -1
	}
	x.nodes = append(x.nodes, indexNode{e, below})
	x.tops[k] = int32(len(x.nodes) - 1)
}

// top returns the most recent cluster that answers k, or -1.
func (x *clusterIndex) top(clusters []*cluster, k indexKey) int {
	i, ok := x.tops[k]
	if !ok {
		return -1
	}
	n := i
	for n >= 0 && clusters[x.nodes[n].cluster].lastEntity != x.nodes[n].lastEntity {
		n = x.nodes[n].below
	}
	if n != i {
		x.tops[k] = n
	}
	if n < 0 {
		return -1
	}
	return x.nodes[n].cluster
}

// find returns the cluster mention m joins (P3 to P5), or -1.
func (x *clusterIndex) find(clusters []*cluster, m mention) int {
	all := [...]Gender{Unknown, Male, Female}
	genders := all[:]
	if mg := m.anyGender(); mg != Unknown { // P5: the same gender or none
		genders = []Gender{Unknown, mg}
	}
	best := -1
	pick := func(k indexKey) {
		if c := x.top(clusters, k); c >= 0 && (best < 0 || clusters[c].lastEntity > clusters[best].lastEntity) {
			best = c
		}
	}
	r, _ := utf8.DecodeRuneInString(m.first)
	for _, g := range genders {
		switch {
		case m.first != "": // P3: the last name, and no or an agreeing first name
			pick(indexKey{kind: byLastNoFirst, g: g, name: m.last})
			if utf8.RuneCountInString(m.first) == 1 {
				pick(indexKey{kind: byLastRune, g: g, name: m.last, r: r})
			} else {
				pick(indexKey{kind: byLastFirst, g: g, name: m.last, first: m.first})
				pick(indexKey{kind: byLastInitial, g: g, name: m.last, r: r})
			}
		default: // no first name ("von der Leyen"), or P4: the last name
			pick(indexKey{kind: byLast, g: g, name: m.last})
		}
	}
	if best >= 0 || m.first != "" || len(m.words) > 1 {
		return best
	}
	for _, g := range genders { // P4: failing the last name, the first name
		pick(indexKey{kind: byFirst, g: g, name: m.last})
	}
	return best
}

// firstsAgree reports whether two lower-cased first names can name the same
// person: equal, or one is the initial of the other.
func firstsAgree(a, b string) bool {
	if a == b {
		return true
	}
	if utf8.RuneCountInString(a) == 1 || utf8.RuneCountInString(b) == 1 {
		ra, _ := utf8.DecodeRuneInString(a)
		rb, _ := utf8.DecodeRuneInString(b)
		return ra == rb
	}
	return false
}

// appositiveStarters are the lower-case words that may open an appositive
// description besides titles (D1).
var appositiveStarters = map[string]bool{
	"a": true, "an": true, "the": true, "another": true, "one": true,
	"his": true, "her": true, "their": true, "its": true, "our": true,
	"former": true, "ex": true, "then": true, "longtime": true, "long-time": true,
	"veteran": true, "senior": true, "junior": true, "deputy": true, "acting": true,
	"retired": true, "top": true, "chief": true, "head": true, "lead": true,
	"fellow": true, "founder": true, "co-founder": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "leader": true, "member": true,
	"editor": true, "author": true, "analyst": true, "expert": true,
	"professor": true, "director": true, "chairman": true, "chairwoman": true,
	"president": true, "secretary": true, "minister": true, "ambassador": true,
	"head-of-state": true, "assistant": true, "associate": true, "executive": true,
}
