package ner

import "math"

// viterbi writes into tags the best BILOU sequence for emission scores em
// (n x numTags) under transition weights trans ((numTags+1) x numTags, the
// last row for the start) and end weights; invalid transitions are never
// taken.
func viterbi(trans, end, em, score []float32, back []uint8, tags []uint8) {
	v := newLattice(trans, end)
	v.run(em, score, back, tags)
}

const nOpen = 1 + 2*(NumLabels-1) // tags that start fresh: O, B-x, U-x

// lattice holds a stage's transition weights rearranged for BILOU: an
// opener (O, B-x, U-x) follows a closer (O, L-x, U-x); I-x and L-x follow
// B-x or I-x of the same label. Fixed-size arrays let the compiler drop
// bounds checks in the inner loops.
type lattice struct {
	co    [nOpen][nOpen]float32     // [opener][closer]
	in    [NumLabels - 1][4]float32 // per label: B->I, I->I, B->L, I->L
	start [numTags]float32
	end   [numTags]float32
	// oWins is the lead of the previous O over every other closer past
	// which O is the best predecessor of every opener:
	// max over openers t and closers p != O of trans[p][t] - trans[O][t].
	oWins float32
}

func newLattice(trans, end []float32) *lattice {
	v := &lattice{}
	for i, t := range openers {
		for j, p := range closers {
			v.co[i][j] = trans[int(p)*numTags+int(t)]
		}
	}
	for l := range NumLabels - 1 {
		b, in, last := 1+4*l+posB, 1+4*l+posI, 1+4*l+posL
		v.in[l] = [4]float32{trans[b*numTags+in], trans[in*numTags+in], trans[b*numTags+last], trans[in*numTags+last]}
	}
	copy(v.start[:], trans[numTags*numTags:])
	copy(v.end[:], end)
	v.oWins = float32(math.Inf(-1))
	for i := range nOpen {
		for j := 1; j < nOpen; j++ {
			v.oWins = max(v.oWins, v.co[i][j]-v.co[i][0])
		}
	}
	return v
}

func (v *lattice) run(em, score []float32, back []uint8, tags []uint8) {
	n := len(tags)
	negInf := float32(math.Inf(-1))
	for t := 0; t < numTags; t++ {
		if validStart(t) {
			score[t] = em[t] + v.start[t]
		} else {
			score[t] = negInf
		}
	}
	co, in := &v.co, &v.in
	for i := 1; i < n; i++ {
		prev := (*[numTags]float32)(score[(i-1)*numTags:])
		cur := (*[numTags]float32)(score[i*numTags:])
		e := (*[numTags]float32)(em[i*numTags:])
		bk := (*[numTags]uint8)(back[i*numTags:])
		// Openers (O, B-x, U-x) follow a closer: O, L-x or U-x. O beats
		// every other closer as the predecessor of every opener when its
		// lead over each of them is at least oWins: the common case, a
		// token far from any entity. The eight tests are independent (no
		// chain of max through the closers), and fl(c0-x) is
		// non-increasing in x, so this is the same test as
		// c0 - max(closers) >= oWins, infinities included.
		c0, ow := prev[0], v.oWins
		if c0-prev[3] >= ow && c0-prev[4] >= ow && c0-prev[7] >= ow && c0-prev[8] >= ow &&
			c0-prev[11] >= ow && c0-prev[12] >= ow && c0-prev[15] >= ow && c0-prev[16] >= ow {
			cur[0], bk[0] = c0+co[0][0]+e[0], 0
			cur[1], bk[1] = c0+co[1][0]+e[1], 0
			cur[4], bk[4] = c0+co[2][0]+e[4], 0
			cur[5], bk[5] = c0+co[3][0]+e[5], 0
			cur[8], bk[8] = c0+co[4][0]+e[8], 0
			cur[9], bk[9] = c0+co[5][0]+e[9], 0
			cur[12], bk[12] = c0+co[6][0]+e[12], 0
			cur[13], bk[13] = c0+co[7][0]+e[13], 0
			cur[16], bk[16] = c0+co[8][0]+e[16], 0
		} else {
			cs := [nOpen]float32{prev[0], prev[3], prev[4], prev[7], prev[8], prev[11], prev[12], prev[15], prev[16]}
			bestOpeners(cur, bk, e, &cs, co)
		}
		// I-x and L-x follow B-x or I-x of the same label.
		if sb, si := prev[1]+in[0][0], prev[2]+in[0][1]; sb >= si {
			cur[2], bk[2] = sb+e[2], 1
		} else {
			cur[2], bk[2] = si+e[2], 2
		}
		if sb, si := prev[1]+in[0][2], prev[2]+in[0][3]; sb >= si {
			cur[3], bk[3] = sb+e[3], 1
		} else {
			cur[3], bk[3] = si+e[3], 2
		}
		if sb, si := prev[5]+in[1][0], prev[6]+in[1][1]; sb >= si {
			cur[6], bk[6] = sb+e[6], 5
		} else {
			cur[6], bk[6] = si+e[6], 6
		}
		if sb, si := prev[5]+in[1][2], prev[6]+in[1][3]; sb >= si {
			cur[7], bk[7] = sb+e[7], 5
		} else {
			cur[7], bk[7] = si+e[7], 6
		}
		if sb, si := prev[9]+in[2][0], prev[10]+in[2][1]; sb >= si {
			cur[10], bk[10] = sb+e[10], 9
		} else {
			cur[10], bk[10] = si+e[10], 10
		}
		if sb, si := prev[9]+in[2][2], prev[10]+in[2][3]; sb >= si {
			cur[11], bk[11] = sb+e[11], 9
		} else {
			cur[11], bk[11] = si+e[11], 10
		}
		if sb, si := prev[13]+in[3][0], prev[14]+in[3][1]; sb >= si {
			cur[14], bk[14] = sb+e[14], 13
		} else {
			cur[14], bk[14] = si+e[14], 14
		}
		if sb, si := prev[13]+in[3][2], prev[14]+in[3][3]; sb >= si {
			cur[15], bk[15] = sb+e[15], 13
		} else {
			cur[15], bk[15] = si+e[15], 14
		}
	}
	last := score[(n-1)*numTags : n*numTags]
	best, arg := negInf, 0
	for t := 0; t < numTags; t++ {
		if !validEnd(t) {
			continue
		}
		if s := last[t] + v.end[t]; s > best {
			best, arg = s, t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = uint8(arg)
		arg = int(back[i*numTags+arg])
	}
}

// bestOpeners sets the score and back pointer of every opener from the
// closers' scores cs (in the order of closers): the best closer plus the
// transition, the first in that order on ties. Unrolled by hand (see
// rows.go), for the tag layout that TestClosersLayout pins.
func bestOpeners(cur *[numTags]float32, bk *[numTags]uint8, e *[numTags]float32, cs *[nOpen]float32, co *[nOpen][nOpen]float32) {
	var best float32
	var arg uint8
	// opener 0
	best, arg = cs[0]+co[0][0], 0
	if s := cs[1] + co[0][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[0][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[0][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[0][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[0][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[0][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[0][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[0][8]; s > best {
		best, arg = s, 16
	}
	cur[0], bk[0] = best+e[0], arg
	// opener 1
	best, arg = cs[0]+co[1][0], 0
	if s := cs[1] + co[1][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[1][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[1][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[1][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[1][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[1][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[1][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[1][8]; s > best {
		best, arg = s, 16
	}
	cur[1], bk[1] = best+e[1], arg
	// opener 4
	best, arg = cs[0]+co[2][0], 0
	if s := cs[1] + co[2][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[2][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[2][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[2][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[2][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[2][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[2][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[2][8]; s > best {
		best, arg = s, 16
	}
	cur[4], bk[4] = best+e[4], arg
	// opener 5
	best, arg = cs[0]+co[3][0], 0
	if s := cs[1] + co[3][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[3][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[3][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[3][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[3][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[3][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[3][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[3][8]; s > best {
		best, arg = s, 16
	}
	cur[5], bk[5] = best+e[5], arg
	// opener 8
	best, arg = cs[0]+co[4][0], 0
	if s := cs[1] + co[4][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[4][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[4][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[4][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[4][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[4][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[4][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[4][8]; s > best {
		best, arg = s, 16
	}
	cur[8], bk[8] = best+e[8], arg
	// opener 9
	best, arg = cs[0]+co[5][0], 0
	if s := cs[1] + co[5][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[5][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[5][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[5][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[5][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[5][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[5][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[5][8]; s > best {
		best, arg = s, 16
	}
	cur[9], bk[9] = best+e[9], arg
	// opener 12
	best, arg = cs[0]+co[6][0], 0
	if s := cs[1] + co[6][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[6][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[6][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[6][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[6][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[6][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[6][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[6][8]; s > best {
		best, arg = s, 16
	}
	cur[12], bk[12] = best+e[12], arg
	// opener 13
	best, arg = cs[0]+co[7][0], 0
	if s := cs[1] + co[7][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[7][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[7][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[7][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[7][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[7][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[7][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[7][8]; s > best {
		best, arg = s, 16
	}
	cur[13], bk[13] = best+e[13], arg
	// opener 16
	best, arg = cs[0]+co[8][0], 0
	if s := cs[1] + co[8][1]; s > best {
		best, arg = s, 3
	}
	if s := cs[2] + co[8][2]; s > best {
		best, arg = s, 4
	}
	if s := cs[3] + co[8][3]; s > best {
		best, arg = s, 7
	}
	if s := cs[4] + co[8][4]; s > best {
		best, arg = s, 8
	}
	if s := cs[5] + co[8][5]; s > best {
		best, arg = s, 11
	}
	if s := cs[6] + co[8][6]; s > best {
		best, arg = s, 12
	}
	if s := cs[7] + co[8][7]; s > best {
		best, arg = s, 15
	}
	if s := cs[8] + co[8][8]; s > best {
		best, arg = s, 16
	}
	cur[16], bk[16] = best+e[16], arg
}

// openers are the tags that may follow a closed position (O, L-x, U-x):
// O, B-x and U-x; closers are the tags after which an entity is closed.
var openers, closers = func() (op, cl [nOpen]uint8) {
	op[0], cl[0] = 0, 0
	for l := 0; l < NumLabels-1; l++ {
		op[1+2*l], op[2+2*l] = uint8(1+4*l+posB), uint8(1+4*l+posU)
		cl[1+2*l], cl[2+2*l] = uint8(1+4*l+posL), uint8(1+4*l+posU)
	}
	return op, cl
}()
