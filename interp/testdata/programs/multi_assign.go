package main

import (
	"errors"
	"fmt"
)

type T struct{ x int }

func (t T) M() string { return fmt.Sprint("M", t.x) }

// Assignments of several variables with nil among the values, or with a
// value of an empty interface type (yaegi failed on both).
func parse(s string) (n int, err error) {
	if s == "" {
		n, err = 0, errors.New("empty")
		return
	}
	n, err = len(s), nil
	return
}

func main() {
	var _ T // declares nothing (yaegi refused it in a function)
	fmt.Println(parse("abc"))
	fmt.Println(parse(""))
	var s []int
	var m map[string]int
	s, m = nil, nil
	fmt.Println(s == nil, m == nil)
	var a, g any
	var z any = T{1}
	a, g = z, 2
	fmt.Println(a.(T).M(), g)
	var p *T
	var f func()
	p, f = nil, nil
	fmt.Println(p == nil, f == nil)
}

// Output:
// 3 <nil>
// 0 empty
// true true
// M1 2
// true true
