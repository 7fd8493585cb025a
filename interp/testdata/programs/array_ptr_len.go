package main

import "fmt"

// len and cap of a pointer to an array that a call or a receive gives:
// Go evaluates the pointer and gives the array's length, even for nil;
// yaegi read the array through the nil pointer.

var calls int

func none() *[40]int {
	calls++
	return nil
}

func some() *[4]string {
	calls++
	return &[4]string{"a"}
}

func main() {
	c := make(chan *[50]int, 2)
	c <- nil
	c <- new([50]int)
	n := len(none()) + cap(<-c)
	fmt.Println(n, len(some()), calls, len(c))
	// So does a range over such a pointer, or an array a call gives,
	// without a value variable.
	iters := 0
	for range none() {
		iters++
	}
	for i := range some() {
		iters += i
	}
	c <- nil
	for range <-c {
		iters++
	}
	fmt.Println(iters, calls)
	defer func() { fmt.Println("recovered:", recover() != nil) }()
	for range *none() {
	}
}

// Output:
// 90 4 2 1
// 96 4
// recovered: true
