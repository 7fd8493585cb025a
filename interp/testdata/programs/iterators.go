// Go 1.23's iterators: the standard library's iterator functions, iter.Seq,
// range over functions and over integers, in functions and at top level.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func count(seq iter.Seq[int]) int {
	n := 0
	for range seq {
		n++
	}
	return n
}

func pairs(n int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := range n {
			if !yield(i, i*i) {
				return
			}
		}
	}
}

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Println(slices.Sorted(maps.Keys(m)), slices.Sorted(maps.Values(m)))
	for i, v := range slices.All([]string{"x", "y"}) {
		fmt.Println(i, v)
	}
	for l := range strings.Lines("a\nb\n") {
		fmt.Printf("%q ", l)
	}
	fmt.Println(count(slices.Values([]int{4, 5, 6})))
	for i, sq := range pairs(4) {
		if sq > 4 {
			break
		}
		fmt.Print(i, ":", sq, " ")
	}
	fmt.Println(slices.Collect(maps.Keys(map[int]bool{7: true})))
	n := 3
	for i := range n {
		fmt.Print(i)
	}
	fmt.Println()
}

// Output:
// [a b c] [1 2 3]
// 0 x
// 1 y
// "a\n" "b\n" 3
// 0:0 1:1 2:4 [7]
// 012
