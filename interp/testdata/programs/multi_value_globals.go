// Global variables defined together from one multi-value call, in a
// program with main.
package main

import (
	"fmt"
	"time"
)

var calls int

func two() (int, time.Duration) { calls++; return 1, time.Second }

var c = b

var a, b = two()

func main() {
	fmt.Println(a, b, c, calls)
}

// Output:
// 1 1s 1s 1
