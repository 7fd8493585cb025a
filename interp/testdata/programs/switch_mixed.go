// A switch whose cases are written with another type than its tag's.
package main

import "fmt"

func main() {
	ch1 := make(chan struct{})
	var ch2 <-chan struct{} = ch1
	switch ch1 {
	case ch2:
		fmt.Println("narrow case")
	default:
		fmt.Println("bad")
	}
	switch ch2 {
	case ch1:
		fmt.Println("narrow switch")
	default:
		fmt.Println("bad")
	}
}

// Output:
// narrow case
// narrow switch
