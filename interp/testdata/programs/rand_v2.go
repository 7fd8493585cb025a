// An explicit import of math/rand/v2 means v2 in that cell.
package main

import (
	"fmt"
	"math/rand/v2"
)

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	n := r.IntN(10)
	fmt.Println(n >= 0 && n < 10)
}

// Output:
// true
