// A generic function called with constant arguments gets the type
// arguments Go infers from them.
package main

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

func Fact[T Number](n T) T {
	if n <= 1 {
		return 1
	}
	return n * Fact(n-1)
}

func Min[T Number](a, b T) T {
	if a < b {
		return a
	}
	return b
}

func main() {
	fmt.Println(Fact(5.0), Fact(5), Min(2.5, 3), Min(7, 3))
	fmt.Printf("%T %T\n", Fact(3.0), Min(1, 2))
}

// Output:
// 120 120 2.5 3
// float64 int
