// Assignments evaluate every call before they assign; a range with =
// assigns its variables.
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
}

// Output:
// 1 2 3
// 42 0 héllo 111 2
