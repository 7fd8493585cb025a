// Conversions of constants to type parameters are values in generic code:
// equal once the type arguments are known, they are no duplicate map keys
// (the later key wins).
package main

import "fmt"

func F[T, U ~int](n int) map[any]int {
	return map[any]int{int(0): 1, T(0): 2, U(0): n, int(1): 4}
}

func main() {
	fmt.Println(F[int, int](3))
	m := F[int, int](5)
	fmt.Println(len(m), m[0], m[1])
}

// Output:
// map[0:3 1:4]
// 2 5 4
