// Shifts of untyped constants by variables take the type Go gives them.
package main

import "fmt"

func shift(x int) int { return 1 << (1 << (1 << (uint(x)))) }

func f1(v1 uint) uint { return v1 >> ((1 >> v1) + (1 >> v1)) }

func main() {
	var n uint = 2
	var a int64 = 1 << n
	k := 3
	k <<= 1.0
	var b [4]uint32
	for i := range b {
		b[i] = 1 << (uint(i) & 31)
	}
	fmt.Println(shift(2), f1(48), a, k<<(1+0i), b)
}

// Output:
// 65536 48 4 12 [1 2 4 8]
