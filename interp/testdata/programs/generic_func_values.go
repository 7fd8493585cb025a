// A generic function used as a value takes its type arguments from
// where it goes.
package main

import "fmt"

func id[P any](x P) P { return x }

func zero[P, Q any](x P) Q {
	var q Q
	return q
}

func apply(f func(int) string, x int) string { return f(x) }

func none[T any]() {}

func main() {
	var f func(int) int
	f = id
	var g func(float64) float64 = id
	_ = none[int]
	fmt.Println(f(1), g(2.5), apply(zero, 3) == "", len(apply(zero[int, string], 4)))
}

// Output:
// 1 2.5 true 0
