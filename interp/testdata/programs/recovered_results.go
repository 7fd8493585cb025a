package main

import "fmt"

// Go evaluates every value of an assignment or a return statement before
// it assigns any: when a later value panics, and a deferred call recovers,
// the earlier values were not assigned. yaegi assigned them in turn.

var global int

func assign() (bad bool) {
	defer func() {
		recover()
	}()
	var p *int
	bad, _ = true, *p
	return
}

func assignGlobal(xs []int) {
	defer func() {
		recover()
	}()
	global, xs[0] = 5, xs[3]
}

func unnamed() (bool, int) {
	defer func() {
		recover()
	}()
	var p *int
	return true, *p
}

func blank() (_ bool, _ int) {
	defer func() {
		recover()
	}()
	var p *int
	return true, *p
}

func div(a, b int) (q int, s string) {
	defer func() {
		if recover() != nil {
			s = "recovered"
		}
	}()
	return 1, fmt.Sprint(a / b)
}

func main() {
	fmt.Println(assign())
	assignGlobal([]int{1})
	fmt.Println(global)
	for i := 0; i < 2; i++ {
		a, b := unnamed()
		c, d := blank()
		fmt.Println(a, b, c, d)
	}
	fmt.Println(div(6, 3))
	fmt.Println(div(6, 0))
}

// Output:
// false
// 0
// false 0 false 0
// false 0 false 0
// 1 2
// 0 recovered
