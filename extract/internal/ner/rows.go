package ner

// The row helpers below are unrolled by hand for numTags = 17 (this
// fails to compile otherwise): Go does not unroll loops, and their loop
// control was as many instructions as the additions themselves.
var _ = [1]int{}[numTags-17]

// addRow32 adds w to v.
func addRow32(v, w *[numTags]int32) {
	v[0] += w[0]
	v[1] += w[1]
	v[2] += w[2]
	v[3] += w[3]
	v[4] += w[4]
	v[5] += w[5]
	v[6] += w[6]
	v[7] += w[7]
	v[8] += w[8]
	v[9] += w[9]
	v[10] += w[10]
	v[11] += w[11]
	v[12] += w[12]
	v[13] += w[13]
	v[14] += w[14]
	v[15] += w[15]
	v[16] += w[16]
}

// addRow16 adds w to v.
func addRow16(v *[numTags]int32, w *[numTags]int16) {
	v[0] += int32(w[0])
	v[1] += int32(w[1])
	v[2] += int32(w[2])
	v[3] += int32(w[3])
	v[4] += int32(w[4])
	v[5] += int32(w[5])
	v[6] += int32(w[6])
	v[7] += int32(w[7])
	v[8] += int32(w[8])
	v[9] += int32(w[9])
	v[10] += int32(w[10])
	v[11] += int32(w[11])
	v[12] += int32(w[12])
	v[13] += int32(w[13])
	v[14] += int32(w[14])
	v[15] += int32(w[15])
	v[16] += int32(w[16])
}

// toFloat32 sets e to v.
func toFloat32(e *[numTags]float32, v *[numTags]int32) {
	e[0] = float32(v[0])
	e[1] = float32(v[1])
	e[2] = float32(v[2])
	e[3] = float32(v[3])
	e[4] = float32(v[4])
	e[5] = float32(v[5])
	e[6] = float32(v[6])
	e[7] = float32(v[7])
	e[8] = float32(v[8])
	e[9] = float32(v[9])
	e[10] = float32(v[10])
	e[11] = float32(v[11])
	e[12] = float32(v[12])
	e[13] = float32(v[13])
	e[14] = float32(v[14])
	e[15] = float32(v[15])
	e[16] = float32(v[16])
}
