// return b, a with named results a and b swaps them.
package main

import "fmt"

func swap() (a, b int) {
	a, b = 1, 2
	return b, a
}

func mixed() (x float64, n int) {
	n = 3
	return 1, n
}

func main() {
	fmt.Println(swap())
	fmt.Println(mixed())
	f := func() (p, q string) {
		p, q = "p", "q"
		return q, p
	}
	fmt.Println(f())
}

// Output:
// 2 1
// 1 3
// q p
