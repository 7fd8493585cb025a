// A range over an array or a pointer to one, with one iteration variable
// at most, does not evaluate the array: a nil pointer ranges fine.
package main

import "fmt"

type Vec [3]float64

func main() {
	var p *[4]int
	n := 0
	for i := range p {
		n += i
	}
	for range p {
		n++
	}
	var v Vec
	for i, _ := range v {
		n += i
	}
	k := -1
	for k = range p {
	}
	fmt.Println(n, k)
}

// Output:
// 13 3
