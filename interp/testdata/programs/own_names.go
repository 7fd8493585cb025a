// A program's own cmp, slices and rand mean its own.
package main

import "fmt"

func cmp(a, b int) int { return a - b }

type slices []int

var rand = 4

func main() {
	fmt.Println(cmp(1, 3), len(slices{1, 2}), rand)
}

// Output:
// -2 2 4
