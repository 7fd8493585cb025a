// A comparison returned as an interface, or assigned to _, is a bool.
package main

import "fmt"

type B bool

func greater(x, y interface{}) interface{} { return x.(float64) > y.(float64) }

func not(b B) any { return !b }

func main() {
	calls := 0
	f := func() (r [4]int) {
		calls++
		return
	}
	_ = f() == f()
	var i, j any = 1, 2
	_ = i == j
	fmt.Println(greater(1.0, 2.0), not(true), calls)
	fmt.Printf("%T\n", greater(2.0, 1.0))
}

// Output:
// false false 2
// bool
