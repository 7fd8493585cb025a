package main

import (
	"fmt"
	"reflect"
	"runtime/cgo"
)

// runtime/cgo's Incomplete is an empty struct: the interpreter has no
// runtime/cgo, and the front end writes the type as struct{}. Compiled Go
// keeps such values off the heap and the stack: these are globals.
type NIH struct {
	_ cgo.Incomplete
	x int
}

type Holder struct {
	n *NIH
	c *cgo.Incomplete
}

var a, b NIH

func main() {
	a.x = 3
	fmt.Println(a.x, reflect.DeepEqual(&a, &b))
	b.x = 3
	fmt.Println(reflect.DeepEqual(&a, &b))
	h := Holder{n: &a}
	fmt.Println(h.n.x, h.c == nil)
}

// Output:
// 3 false
// true
// 3 true
