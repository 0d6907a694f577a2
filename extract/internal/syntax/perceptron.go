package syntax

import (
	"cmp"
	"math"
	"slices"
)

// The averaged perceptron (Collins 2002) with lazy averaging: each weight
// keeps the sum of its values over the steps seen so far (tot) and the
// step of its last change (ts), so an update costs O(features) and the
// average is tot/steps at the end. Weights are quantized to int16 in one
// unit per table (1/32000 of the largest averaged weight); argmax does not
// care about the unit.

func averaged(w float32, tot float64, ts, step int32) float64 {
	if step == 0 {
		return 0
	}
	return (tot + float64(step-ts)*float64(w)) / float64(step)
}

// denseTrainer trains a classifier whose features have a weight for every
// one of k classes.
type denseTrainer struct {
	k     int
	index map[uint64]int32
	w     []float32 // k per row
	tot   []float64
	ts    []int32
	step  int32
}

func newDenseTrainer(k int) *denseTrainer { return &denseTrainer{k: k, index: map[uint64]int32{}} }

// scores sets s (k long) to the summed weights of fs.
func (t *denseTrainer) scores(fs []uint64, s []float32) {
	clear(s)
	for _, f := range fs {
		if r, ok := t.index[f]; ok {
			w := t.w[int(r)*t.k : int(r)*t.k+t.k]
			for c, x := range w {
				s[c] += x
			}
		}
	}
}

// update moves the weights of fs toward class good and away from bad.
func (t *denseTrainer) update(fs []uint64, good, bad int, v float32) {
	for _, f := range fs {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.w) / t.k)
			t.index[f] = r
			for range t.k {
				t.w = append(t.w, 0)
				t.tot = append(t.tot, 0)
				t.ts = append(t.ts, 0)
			}
		}
		t.bump(int(r)*t.k+good, v)
		t.bump(int(r)*t.k+bad, -v)
	}
}

func (t *denseTrainer) bump(i int, v float32) {
	t.tot[i] += float64(t.step-t.ts[i]) * float64(t.w[i])
	t.ts[i] = t.step
	t.w[i] += v
}

// tick counts one training example.
func (t *denseTrainer) tick() { t.step++ }

// quantized is one feature's row ready for a table.
type quantized struct {
	f    uint64
	row  []int16
	norm int64 // sum of absolute weights: which features a full bucket keeps
}

// quantize returns the averaged rows quantized, features sorted by hash,
// rows whose weights are all below prune units left out.
func (t *denseTrainer) quantize(prune float64) []quantized {
	avg := make([]float64, len(t.w))
	big := 0.0
	for i := range t.w {
		avg[i] = averaged(t.w[i], t.tot[i], t.ts[i], t.step)
		big = max(big, math.Abs(avg[i]))
	}
	unit := 1.0
	if big > 0 {
		unit = big / 32000
	}
	var out []quantized
	for _, f := range sortedKeys(t.index) {
		r := int(t.index[f])
		q := quantized{f: f, row: make([]int16, t.k)}
		keep := false
		for c := range t.k {
			x := max(-32767, min(32767, math.Round(avg[r*t.k+c]/unit)))
			q.row[c] = int16(x)
			q.norm += int64(math.Abs(x))
			keep = keep || math.Abs(x) >= max(prune, 1)
		}
		if keep {
			out = append(out, q)
		}
	}
	return out
}

// directSlots returns the number of slots (a power of two, about three
// per feature) and the shift of a direct-mapped table for n features, and
// the order in which features claim their slot: strongest first.
func directSlots(qs []quantized) (size int, shift uint, order []int) {
	bits := 1
	for 1<<bits < 3*len(qs) {
		bits++
	}
	order = make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(qs[b].norm, qs[a].norm) })
	return 1 << bits, uint(64 - bits), order
}

// buildVar returns the run-time table of t, rows of k weights.
func (t *denseTrainer) buildVar(prune float64) *varTable { return newVarTable(t.quantize(prune)) }

// newVarTable lays out quantized rows in a varTable.
func newVarTable(qs []quantized) *varTable {
	size, shift, order := directSlots(qs)
	vt := &varTable{slots: make([]uint64, size), data: make([]int16, 64), shift: shift}
	for _, i := range order {
		q := qs[i]
		j := q.f >> shift
		if vt.slots[j] != 0 {
			continue
		}
		vt.slots[j] = transKey(q.f) | uint64(len(vt.data))<<16
		vt.data = append(vt.data, q.row...)
	}
	return vt.padded()
}

// padded returns t with rowPad zeros after its data (the decoder adds them
// too), so that a row can be read rowPad weights wide anywhere.
func (t *varTable) padded() *varTable {
	t.data = append(t.data, make([]int16, rowPad)...)
	t.data = t.data[:len(t.data)-rowPad]
	t.data = t.data[:len(t.data)+rowPad]
	return t
}

// buildTrans returns the run-time transition tables of t (k = 3): the
// direct features of layout in a dense array, the others hashed.
func (t *denseTrainer) buildTrans(prune float64, layout *directLayout) (*transTable, dirTable) {
	qs := t.quantize(0) // direct features keep every weight; hashed ones are pruned below
	dir := dirTable{w: new([dirSlots]uint64)}
	for i := range dir.w {
		dir.w[i] = packDir(0, 0, 0)
	}
	var hashed []quantized
	for _, q := range qs {
		if q.f>>32 == 0xFFFFFFFF {
			if i := uint32(q.f); i < layout.size {
				dir.w[i] = packDir(q.row[0], q.row[1], q.row[2])
			}
			continue
		}
		keep := false
		for _, x := range q.row {
			keep = keep || math.Abs(float64(x)) >= max(prune, 1)
		}
		if keep {
			hashed = append(hashed, q)
		}
	}
	_, _, order := directSlots(hashed)
	tt := &transTable{slots: new([transSlots]uint64)}
	for _, i := range order {
		q := hashed[i]
		j := q.f >> (64 - transBits)
		if tt.slots[j] != 0 {
			continue
		}
		tt.slots[j] = packTrans(q.f, q.row[0], q.row[1], q.row[2])
	}
	return tt, dir
}

// tEntry is one class weight of a sparse training row.
type tEntry struct {
	cls uint16
	w   float32
	tot float64
	ts  int32
}

// sparseTrainer trains a classifier whose features each belong to a group
// of classes (the XPOS tags of one UPOS, the relations of one pair of
// tags): class indices are positions in the feature's group, and a row
// gets weights only for the classes it was updated with.
type sparseTrainer struct {
	index map[uint64]int32
	rows  [][]tEntry
	width []uint8 // per row: its group's size
	step  int32
}

func newSparseTrainer() *sparseTrainer { return &sparseTrainer{index: map[uint64]int32{}} }

// scores sets s (the group's size long) to the summed weights of fs.
func (t *sparseTrainer) scores(fs []uint64, s []float32) {
	clear(s)
	for _, f := range fs {
		if r, ok := t.index[f]; ok {
			for _, e := range t.rows[r] {
				s[e.cls] += e.w
			}
		}
	}
}

// update moves the weights of fs (features of a group of width classes)
// toward class good and away from bad.
func (t *sparseTrainer) update(fs []uint64, width, good, bad int, v float32) {
	for _, f := range fs {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, nil)
			t.width = append(t.width, uint8(width))
		}
		t.rows[r] = t.bump(t.rows[r], good, v)
		t.rows[r] = t.bump(t.rows[r], bad, -v)
	}
}

func (t *sparseTrainer) bump(row []tEntry, cls int, v float32) []tEntry {
	for i := range row {
		if int(row[i].cls) == cls {
			e := &row[i]
			e.tot += float64(t.step-e.ts) * float64(e.w)
			e.ts = t.step
			e.w += v
			return row
		}
	}
	return append(row, tEntry{cls: uint16(cls), w: v, ts: t.step})
}

func (t *sparseTrainer) tick() { t.step++ }

// buildVar returns the run-time table of t: rows of their group's width,
// averaged, quantized, pruned as denseTrainer.quantize does.
func (t *sparseTrainer) buildVar(prune float64) *varTable {
	big := 0.0
	for _, row := range t.rows {
		for _, e := range row {
			big = max(big, math.Abs(averaged(e.w, e.tot, e.ts, t.step)))
		}
	}
	unit := 1.0
	if big > 0 {
		unit = big / 32000
	}
	var qs []quantized
	for _, f := range sortedKeys(t.index) {
		r := t.index[f]
		q := quantized{f: f, row: make([]int16, t.width[r])}
		keep := false
		for _, e := range t.rows[r] {
			x := max(-32767, min(32767, math.Round(averaged(e.w, e.tot, e.ts, t.step)/unit)))
			q.row[e.cls] = int16(x)
			q.norm += int64(math.Abs(x))
			keep = keep || math.Abs(x) >= max(prune, 1)
		}
		if keep {
			qs = append(qs, q)
		}
	}
	return newVarTable(qs)
}
