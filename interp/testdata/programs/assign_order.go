// Assignments evaluate every call, and the indices and pointers on their
// left, before they assign; a range with = assigns its variables.
package main

import "fmt"

func main() {
	var a, b, c int
	f := func() int { b--; return -b }
	a, b, c = f(), f(), f()
	fmt.Println(a, b, c)

	k := 0
	m := map[int]int{42: 0}
	for k = range m {
		delete(m, k)
	}
	idx := -1
	for idx = range []int{7} {
	}
	var s string
	var r rune
	for _, r = range "héllo" {
		s += string(r)
	}
	counts := map[string]int{}
	for counts["x"] = range "foo" {
	}
	fmt.Println(k, idx, s, r, counts["x"])

	i := 0
	xs := []int{1, 2, 3}
	i, xs[i] = 1, 100
	xs[i], i = 200, 2
	ys := xs
	g := func(j int) int { return ys[j] }
	xs[0], ys[1] = g(1), g(0)
	p, q := &xs[0], &xs[1]
	*p, *q = xs[1], ys[0]
	mm := map[int]int{0: 1}
	i = 0
	i, mm[i] = 1, 2
	var np *int
	func() {
		defer func() { fmt.Println(recover() != nil, mm[5]) }()
		mm[5], *np = 5, 6
	}()
	fmt.Println(i, xs, mm[0])
}

// Output:
// 1 2 3
// 42 0 héllo 111 2
// true 5
// 1 [100 200 3] 2
