// A select clause that ends in break L, continue or continue L leaves the
// loop or continues it, and case x := <-c declares a new x each time the
// select runs.
package main

import "fmt"

func main() {
	a := make(chan int, 1)
	var b chan int
	n := 0
loop:
	for {
		select {
		case a <- 1:
			n++
		case b <- 2:
			n += 100
		default:
			break loop
		}
		n += 10
	}
	fmt.Println("break from default:", n)

	c := make(chan int, 1)
	var seen []int
outer:
	for i := 0; i < 3; i++ {
		c <- i
		select {
		case v := <-c:
			seen = append(seen, v)
			continue outer
		}
		seen = append(seen, -1)
	}
	for i := 0; i < 3; i++ {
		c <- i
		select {
		case v := <-c:
			seen = append(seen, v*10)
			continue
		}
		seen = append(seen, -1)
	}
	fmt.Println("continue:", seen)

	n = 0
done:
	for {
		c <- 1
		select {
		case <-c:
			break done
		}
		n++
	}
	fmt.Println("break from a receive:", n)

	var ptrs [3]*int
	var oks []bool
	for i := range ptrs {
		c <- i
		select {
		case x, ok := <-c:
			ptrs[i] = &x
			oks = append(oks, ok)
		}
	}
	fmt.Println("fresh variables:", *ptrs[0], *ptrs[1], *ptrs[2], oks)
	close(c)
	select {
	case x, ok := <-c:
		fmt.Println("closed:", x, ok)
	}
}

// Output:
// break from default: 11
// continue: [0 1 2 0 10 20]
// break from a receive: 0
// fresh variables: 0 1 2 [true true true]
// closed: 0 false
