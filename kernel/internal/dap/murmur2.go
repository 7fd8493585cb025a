package dap

import "encoding/binary"

// Murmur2 is Austin Appleby's 32-bit MurmurHash2 of s's UTF-8 bytes, the
// hash JupyterLab's debugger names as "Murmur2": a cell's source path is
// prefix + Murmur2(code, seed) in decimal + suffix, on both sides.
func Murmur2(s string, seed uint32) uint32 {
	const m = 0x5bd1e995
	data := []byte(s)
	h := seed ^ uint32(len(data))
	for len(data) >= 4 {
		k := binary.LittleEndian.Uint32(data)
		k *= m
		k ^= k >> 24
		k *= m
		h = h*m ^ k
		data = data[4:]
	}
	switch len(data) {
	case 3:
		h ^= uint32(data[2]) << 16
		fallthrough
	case 2:
		h ^= uint32(data[1]) << 8
		fallthrough
	case 1:
		h ^= uint32(data[0])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return h
}
