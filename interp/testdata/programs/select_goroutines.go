// Goroutines that run one select statement at once, each on channels of
// its own, and the assignment forms of a receive clause.
package main

import (
	"fmt"
	"sync"
)

func relay(in <-chan int, out chan<- int, quit <-chan bool, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return
			}
			out <- v * 2
		case <-quit:
			return
		}
	}
}

func main() {
	var wg sync.WaitGroup
	const n = 8
	ins := make([]chan int, n)
	outs := make([]chan int, n)
	quit := make(chan bool)
	for i := range ins {
		ins[i] = make(chan int)
		outs[i] = make(chan int, 100)
		wg.Add(1)
		go relay(ins[i], outs[i], quit, &wg)
	}
	for k := 0; k < 50; k++ {
		for i := range ins {
			ins[i] <- i*1000 + k
		}
	}
	for i := range ins {
		close(ins[i])
	}
	wg.Wait()
	bad := 0
	for i := range outs {
		close(outs[i])
		k := 0
		for v := range outs[i] {
			if v != 2*(i*1000+k) {
				bad++
			}
			k++
		}
		if k != 50 {
			bad++
		}
	}
	fmt.Println("bad:", bad)
	var x float64
	c := make(chan float64, 1)
	select {
	case c <- 1:
	}
	select {
	case x = <-c:
	}
	fmt.Println(x)
	var p struct{ a [2]string }
	cs := make(chan [2]string, 1)
	cs <- [2]string{"a", "b"}
	select {
	case p.a = <-cs:
		fmt.Println(p.a)
	default:
		fmt.Println("none")
	}
	select {
	case _, ok := <-cs:
		fmt.Println("got", ok)
	default:
		fmt.Println("empty")
	}
}

// Output:
// bad: 0
// 1
// [a b]
// empty
