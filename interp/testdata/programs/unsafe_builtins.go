// unsafe.String, StringData, Slice and SliceData, which yaegi lacks, with
// the runtime errors of their checks; unsafe.Add with a length of any
// integer type.
package main

import (
	"fmt"
	"unsafe"
)

type P struct{ x, y int }

func mustPanic(f func()) {
	defer func() {
		r := recover()
		fmt.Println("panicked:", r)
	}()
	f()
}

func main() {
	b := []byte("hello")
	fmt.Println(unsafe.String(&b[0], uint64(3)), unsafe.String(nil, 0) == "")
	s := "moshi"
	fmt.Println(string(unsafe.Slice(unsafe.StringData(s), len(s))))
	ps := []P{{1, 2}, {3, 4}}
	q := unsafe.SliceData(ps)
	fmt.Println(q.y, unsafe.Slice(q, 2)[1].x)
	fmt.Println(unsafe.Slice((*int)(nil), 0) == nil, unsafe.SliceData([]int(nil)) == nil)
	neg := -1
	mustPanic(func() { _ = unsafe.Slice(new(byte), neg) })
	mustPanic(func() { _ = unsafe.Slice((*int)(nil), 1) })
	mustPanic(func() { _ = unsafe.String(nil, 1) })
	var one uint8 = 1
	fmt.Println(*(*byte)(unsafe.Add(unsafe.Pointer(&b[0]), one)) == 'e')
}

// Output:
// hel true
// moshi
// 2 3
// true true
// panicked: runtime error: unsafe.Slice: len out of range
// panicked: runtime error: unsafe.Slice: ptr is nil and len is not zero
// panicked: runtime error: unsafe.String: ptr is nil and len is not zero
// true
