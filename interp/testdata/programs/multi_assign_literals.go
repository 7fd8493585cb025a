package main

import "fmt"

// Assignments and declarations of several variables, one of whose values
// is a composite literal.

type S struct{ a int }

func main() {
	y := 7
	s, x := S{1}, 1
	fmt.Println(s, x)
	s, x = S{3}, y
	fmt.Println(s, x)
	n, t := 5, []int{1, 2}
	fmt.Println(n, t)
	var a, b, c = [2]int{1, 2}, "b", map[string]int{"k": 1}
	fmt.Println(a, b, c)
	var e, f error = nil, fmt.Errorf("f")
	fmt.Println(e, f)
	for i, w := 0, (S{4}); i < 1; i++ {
		fmt.Println(i, w)
	}
}

// Output:
// {1} 1
// {3} 7
// 5 [1 2]
// [1 2] b map[k:1]
// <nil> f
// 0 {4}
