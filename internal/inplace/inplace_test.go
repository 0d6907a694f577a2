package inplace

import (
	"encoding/binary"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

func TestSlice(t *testing.T) {
	buf := make([]uint64, 2) // 8-byte aligned backing store
	b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 16)
	binary.LittleEndian.PutUint32(b[0:], 0xdeadbeef)
	binary.LittleEndian.PutUint32(b[4:], 7)
	binary.LittleEndian.PutUint32(b[8:], 1<<31)
	binary.LittleEndian.PutUint32(b[12:], 0)
	s := unsafe.String(&b[0], len(b))

	assert.Equal(t, []uint32{0xdeadbeef, 7, 1 << 31, 0}, Slice[uint32](s))
	assert.Equal(t, []int16{-0x4111, -0x2153, 7, 0, 0, -0x8000, 0, 0}, Slice[int16](s))
	assert.Len(t, Slice[uint64](s), 2)
	assert.Nil(t, Slice[uint32](""))
	if LittleEndian {
		v := Slice[uint32](s)
		assert.Equal(t, unsafe.Pointer(unsafe.StringData(s)), unsafe.Pointer(&v[0]), "used in place, not copied")
	}
}
