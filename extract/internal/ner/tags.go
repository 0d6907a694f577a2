package ner

// Label is an entity type, numbered like extract.Label: 0 is no entity.
type Label uint8

// Entity types of CoNLL-2003.
const (
	None Label = iota // not an entity
	PER               // people
	ORG               // organisations
	LOC               // locations
	MISC              // other names: nationalities, events, works
)

// NumLabels is the number of Label values, None included.
const NumLabels = 5

var labelNames = [NumLabels]string{"O", "PER", "ORG", "LOC", "MISC"}

// String returns the CoNLL name of l: "O", "PER", "ORG", "LOC" or "MISC".
func (l Label) String() string {
	if int(l) < NumLabels {
		return labelNames[l]
	}
	return "?"
}

// ParseLabel returns the label with CoNLL name s, or None and false.
func ParseLabel(s string) (Label, bool) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), true
		}
	}
	return None, false
}

// Tags are BILOU tags: O, then for each label Begin, Inside, Last, Unit.
// Tag t > 0 has label (t-1)/4+1 and position (t-1)%4.
const numTags = 1 + 4*(NumLabels-1)

const (
	posB = iota
	posI
	posL
	posU
)

func tagOf(l Label, pos int) int { return 1 + int(l-1)*4 + pos }
func tagLabel(t int) Label {
	if t == 0 {
		return None
	}
	return Label((t-1)/4 + 1)
}

// tagLabels is tagLabel as a table.
var tagLabels = func() (ls [numTags]Label) {
	for t := range ls {
		ls[t] = tagLabel(t)
	}
	return ls
}()

func tagPos(t int) int { return (t - 1) % 4 }

// validTrans reports whether tag b may follow tag a under BILOU.
func validTrans(a, b int) bool {
	aOpen := a != 0 && (tagPos(a) == posB || tagPos(a) == posI)
	bCont := b != 0 && (tagPos(b) == posI || tagPos(b) == posL)
	if aOpen {
		return bCont && tagLabel(a) == tagLabel(b)
	}
	return !bCont
}

func validStart(t int) bool { return t == 0 || tagPos(t) == posB || tagPos(t) == posU }
func validEnd(t int) bool   { return t == 0 || tagPos(t) == posL || tagPos(t) == posU }

// Mention is an entity found in (or given for) a token sequence: tokens
// [Lo, Hi) of the document and their label.
type Mention struct {
	Lo, Hi int
	Label  Label
}

// encodeTags writes the BILOU tags of mentions over n tokens into dst.
func encodeTags(dst []uint8, mentions []Mention) {
	clear(dst)
	for _, m := range mentions {
		if m.Hi-m.Lo == 1 {
			dst[m.Lo] = uint8(tagOf(m.Label, posU))
			continue
		}
		dst[m.Lo] = uint8(tagOf(m.Label, posB))
		for i := m.Lo + 1; i < m.Hi-1; i++ {
			dst[i] = uint8(tagOf(m.Label, posI))
		}
		dst[m.Hi-1] = uint8(tagOf(m.Label, posL))
	}
}

// decodeTags appends the mentions of a BILOU tag sequence whose first tag
// is token off of the document.
func decodeTags(dst []Mention, tags []uint8, off int) []Mention {
	start := -1
	for i, t := range tags {
		if t == 0 {
			start = -1
			continue
		}
		switch tagPos(int(t)) {
		case posU:
			dst = append(dst, Mention{off + i, off + i + 1, tagLabel(int(t))})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				dst = append(dst, Mention{off + start, off + i + 1, tagLabel(int(t))})
			}
			start = -1
		}
	}
	return dst
}
