// A deferred call's arguments are evaluated at the defer statement: a
// variable changed afterwards, or by the next iteration of a loop, does
// not change what the deferred call is given.
package main

import (
	"fmt"
	"strings"
)

var out string

func record(args ...any) { out += fmt.Sprint(args...) + " " }

func one(x int) { out += fmt.Sprint(x) + " " }

func sum() {
	v := 0.0
	for i := 0; i < 3; i++ {
		v += 0.5
		defer record(v)
	}
}

func main() {
	sum()
	fmt.Println(strings.TrimSpace(out))
	out = ""
	func() {
		n := 1
		defer one(n)
		const k = 7
		defer one(k)
		n = 2
		s := "a"
		defer record(s, n)
		s = "b"
	}()
	fmt.Println(strings.TrimSpace(out))
}

// Output:
// 1.5 1 0.5
// a2 7 1
