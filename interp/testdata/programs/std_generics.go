package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

type Ints []int

func (s Ints) Sum() (t int) {
	for _, v := range s {
		t += v
	}
	return t
}

type Emp struct {
	Name, Dept string
	Pay        int
}

// Generic functions of the standard library that yaegi lacked or failed
// on, with named slice types kept.
func main() {
	s := Ints{3, 3, 1, 2, 2}
	c := slices.Compact(slices.Clone(s))
	fmt.Println(c, c.Sum())
	fmt.Println(slices.CompactFunc([]string{"a", "A", "b"}, strings.EqualFold))
	d := slices.Delete(Ints{1, 2, 3, 4}, 1, 3)
	fmt.Println(d, d.Sum())
	fmt.Println(slices.Concat([]int{1}, []int{2, 3}, nil), slices.Concat(s[:1], s[4:]).Sum())
	fmt.Println(slices.Replace([]int{1, 2, 3}, 0, 1, 7, 8), slices.Repeat([]string{"ab"}, 3))
	emps := []Emp{{"a", "x", 3}, {"b", "y", 1}, {"c", "x", 2}}
	slices.SortFunc(emps, func(a, b Emp) int {
		return cmp.Or(cmp.Compare(a.Dept, b.Dept), cmp.Compare(a.Pay, b.Pay))
	})
	fmt.Println(emps, cmp.Or("", "fallback"), cmp.Or(0, 0))
	calls := 0
	answer := sync.OnceValue(func() int { calls++; return 42 })
	fmt.Println(answer(), answer(), calls)
	pair := sync.OnceValues(func() (string, error) { return "v", nil })
	fmt.Println(pair())
}

// Output:
// [3 1 2] 6
// [a b]
// [1 4] 5
// [1 2 3] 5
// [7 8 2 3] [ab ab ab]
// [{c x 2} {a x 3} {b y 1}] fallback 0
// 42 42 1
// v <nil>
