// Receiving into existing variables, in select cases and outside, also
// when they are interfaces.
package main

import "fmt"

func main() {
	c := make(chan int, 1)
	select {
	case _ = <-c:
		fmt.Println("received from an empty channel")
	default:
		fmt.Println("empty")
	}
	c <- 7
	var i, ok any
	select {
	case i, ok = <-c:
	}
	fmt.Println(i, ok)
	c <- 8
	var n int
	var more bool
	select {
	case n, more = <-c:
	}
	fmt.Println(n, more)
	c <- 10
	select {
	case v, ok := (<-c):
		fmt.Println(v, ok)
	}
	c <- 9
	i, ok = <-c
	fmt.Println(i, ok)
	m := map[string]int{"a": 1}
	i, ok = m["a"]
	fmt.Println(i, ok)
	var x any = "s"
	i, ok = x.(string)
	fmt.Println(i, ok)
}

// Output:
// empty
// 7 true
// 8 true
// 10 true
// 9 true
// 1 true
// s true
