// Comparisons of operands whose types are written differently, and
// struct types with several blank fields.
package main

import "fmt"

type ID [2]any

func get(x int) [2]any { return [2]any{x} }

type T struct {
	x int
	_ string
	y float64
	_ float64
}

func main() {
	c := make(chan int)
	var r <-chan int = c
	var a ID = ID{1}
	var x any
	var y interface{}
	fmt.Println(c == r, r == c, a == get(1), a != get(2), &x == &y)
	t := T{x: 1, y: 2}
	var it interface{} = t
	fmt.Println(t == t, it == t, t)
}

// Output:
// true true true true false
// true true {1  2 0}
