package main

import (
	"fmt"
	"runtime"
)

type T struct {
	a []int
}

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Println(name, r, isRuntime)
	}()
	f()
}

func main() {
	m := map[interface{}]int{1: 1}
	k := []int{}
	try("index", func() { _ = m[k] })
	try("comma-ok", func() { _, _ = m[k] })
	try("delete", func() { delete(m, k) })
	try("struct", func() { m[T{}] = 2 })
	try("ok", func() { fmt.Print(m[1], " ") })
	fmt.Println(len(m))
}

// Output:
// index runtime error: hash of unhashable type []int true
// comma-ok runtime error: hash of unhashable type []int true
// delete runtime error: hash of unhashable type []int true
// struct runtime error: hash of unhashable type main.T true
// 1 ok <nil> false
// 1
