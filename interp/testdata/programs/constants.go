// Constants are computed exactly, as Go computes them.
package main

import (
	"fmt"
	"math"
	"time"
)

const (
	zero = 0.0
	huge = 1 << 100
)

const fhuge float64 = 1 << 100

const bad = string(1 << 100)

func isPow10(x uint64) bool {
	switch x {
	case 1e0, 1e1, 1e19:
		return true
	}
	return false
}

func main() {
	var x, y uint64 = 0, 1 << 63
	z := -zero
	var f float64 = huge
	fmt.Println(y, math.Signbit(z), f == fhuge, huge > huge-1, huge>>98)
	fmt.Println(isPow10(10000000000000000000), isPow10(10), time.Second*2, x, bad == "\uFFFD")
}

// Output:
// 9223372036854775808 false true true 4
// true true 2s 0 true
