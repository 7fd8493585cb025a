// maps.Clone copies a map, keeping a named map type and its methods.
package main

import (
	"fmt"
	"maps"
)

type M map[string]int

func (m M) Sum() int {
	s := 0
	for _, v := range m {
		s += v
	}
	return s
}

func main() {
	m := map[string]struct{}{"a": {}}
	c := maps.Clone(m)
	c["b"] = struct{}{}
	fmt.Println(len(m), len(c))
	n := M{"a": 1, "b": 2}
	d := maps.Clone(n)
	d["c"] = 3
	fmt.Println(n.Sum(), d.Sum(), maps.Clone(map[int]int(nil)) == nil)
	fmt.Printf("%T\n", d)
}

// Output:
// 1 2
// 3 6 true
// main.M
