// new(v) with a value (Go 1.26) points to a copy of v.
package main

import "fmt"

var global = new(0)

func main() {
	p := new(123)
	x := [2]int{1, 2}
	q := new(x)
	x[0] = 9
	var i int
	b := new(i > 0)
	fmt.Println(*p, *q, *b, *global)
}

// Output:
// 123 [1 2] false 0
