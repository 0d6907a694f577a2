// Package inplace reads the arrays of an embedded model file in place: a
// section of little-endian numbers held in a string becomes a typed slice
// over the same bytes, so a process pays nothing to load a table it does
// not touch. On a big-endian host the section is decoded into a new slice.
package inplace

import "unsafe"

// LittleEndian reports whether this machine stores numbers as the model
// files do (little-endian), so that their arrays can be used in place.
var LittleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// Slice returns s as len(s)/size values of T, where size is T's size in
// bytes: s's own bytes on a little-endian host (the slice must never be
// written to, and s must be aligned for T), a new slice on others, each
// element byte-reversed as one number of size bytes (a T made of several
// smaller numbers must swap them afterwards). len(s) must be a multiple of
// size; an empty s gives nil. T must hold no pointers.
func Slice[T any](s string) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := len(s) / size
	if n == 0 {
		return nil
	}
	if LittleEndian {
		return unsafe.Slice((*T)(unsafe.Pointer(unsafe.StringData(s))), n)
	}
	out := make([]T, n)
	b := unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), n*size)
	for i := 0; i < n*size; i += size {
		for j := range size {
			b[i+j] = s[i+size-1-j]
		}
	}
	return out
}
