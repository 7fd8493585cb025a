// Shifts of untyped constants by variables take the type Go gives them.
package main

import "fmt"

func shift(x int) int { return 1 << (1 << (1 << (uint(x)))) }

func f1(v1 uint) uint { return v1 >> ((1 >> v1) + (1 >> v1)) }

// f2 shifts by counts whose constants Go types as the count's other
// operand (uint16), not as the shifted value (int8).
func f2(a1 uint, a4 int8, a5 uint8) int8 {
	a3 := int8(1)
	a3 *= a4 << (a1 | a1) << (uint16(3) >> 2 & (1 - 0) & (uint16(1) << a5 << 3))
	a4 <<= uint16(3) & uint16(1) & uint16(a5+1)
	return a3 + a4
}

func main() {
	var n uint = 2
	var a int64 = 1 << n
	k := 3
	k <<= 1.0
	var b [4]uint32
	for i := range b {
		b[i] = 1 << (uint(i) & 31)
	}
	fmt.Println(shift(2), f1(48), a, k<<(1+0i), b, f2(0, 1, 0))
}

// Output:
// 65536 48 4 12 [1 2 4 8] 3
