// The results of one call assigned to map elements and through pointers:
// the index and pointer operands on the left are evaluated first, in
// order, then the call.
package main

import (
	"fmt"
	"strconv"
)

var trace string

func key() string { trace += "k"; return "abc" }

func ptr() *error { trace += "p"; var e error; return &e }

func num() string { trace += "n"; return "123" }

func pair() (int, string) { trace += "f"; return 7, "seven" }

func main() {
	m := map[string]int{}
	m[key()], *ptr() = strconv.Atoi(num())
	fmt.Println(m, trace)

	trace = ""
	names := map[int]string{}
	var n int
	p := &n
	*p, names[len(trace)] = pair()
	fmt.Println(n, names, trace)

	xs := make([]int, 2)
	xs[1], _ = pair()
	fmt.Println(xs)

	// The comma-ok forms, through a pointer.
	counts := map[string]int{"a": 1}
	var ok bool
	*p, ok = counts["b"]
	fmt.Println(n, ok)
	xs[0], ok = counts["a"]
	fmt.Println(xs, ok)

	// A constant index.
	var err error
	m["x"], err = strconv.Atoi("42")
	fmt.Println(m["x"], err)
}

// Output:
// map[abc:123] kpn
// 7 map[0:seven] f
// [0 7]
// 0 false
// [1 7] true
// 42 <nil>
