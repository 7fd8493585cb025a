// A type declared in a function may have the name of a package-level
// type.
package main

import "fmt"

func f1() {
	type T [2]int
	p := T{0, 1}
	switch p {
	case T{0, 0}:
		panic("wrong1")
	case T{0, 1}:
		fmt.Println("ok", len(p))
	default:
		panic("wrong2")
	}
	fmt.Printf("%T %v\n", p, p)
}

type T struct {
	V int
}

var X = T{}.V

func main() {
	f1()
	fmt.Printf("%T %+v %d\n", T{}, T{3}, X)
}

// Output:
// ok 2
// main.T [0 1]
// main.T {V:3} 0
