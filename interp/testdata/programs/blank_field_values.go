// A struct literal without keys evaluates the values of its blank fields
// but leaves the fields zero.
package main

import (
	"fmt"
	"reflect"
)

var x = struct{ a, _, c int }{1, 2, 3}

type P struct {
	name string
	_    []int
	n    int
}

var calls int

func two() int {
	calls++
	return 2
}

func main() {
	fmt.Println(reflect.ValueOf(x).Field(1).Int(), x.a, x.c)
	p := P{"p", []int{two()}, two()}
	fmt.Println(reflect.ValueOf(p).Field(1).Len(), p.name, p.n, calls)
	fmt.Println(x == struct{ a, _, c int }{1, 5, 3})
}

// Output:
// 0 1 3
// 0 p 2 2
// true
