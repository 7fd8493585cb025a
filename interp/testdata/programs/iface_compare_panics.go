package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		e := recover()
		_, ok := e.(error)
		fmt.Println(name, ok, e)
	}()
	f()
}

func main() {
	var (
		x interface{}
		p *int
		s []int
		l *interface{}
		r []*int
	)
	try("assert", func() { _ = x == x.(*int) })
	try("oob", func() { _ = x == s[1] })
	try("nil1", func() { _ = x == *p })
	try("nil2", func() { _ = *l == r[0] })
	try("nil3", func() { _ = *l == any(r[0]) })
}

// Output:
// assert true interface conversion: interface {} is nil, not *int
// oob true runtime error: index out of range [1] with length 0
// nil1 true runtime error: invalid memory address or nil pointer dereference
// nil2 true runtime error: index out of range [0] with length 0
// nil3 true runtime error: index out of range [0] with length 0
