// A select case sends a constant as the channel's element type.
package main

import "fmt"

func main() {
	c32 := make(chan int32, 1)
	cu := make(chan uint64, 1)
	cf := make(chan float32, 1)
	select {
	case c32 <- 123:
	default:
		fmt.Println("blocked")
	}
	select {
	case cu <- 1 << 63:
	default:
	}
	select {
	case cf <- 2.5:
	default:
	}
	fmt.Println(<-c32, <-cu, <-cf)
}

// Output:
// 123 9223372036854775808 2.5
