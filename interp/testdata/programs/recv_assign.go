package main

import "fmt"

// A variable given a received value, v := <-c: yaegi stored the value
// received as the variable itself, and a later v = x failed ("reflect:
// reflect.Value.Set using unaddressable value").

var c = make(chan int, 10)

var first = func() int { c <- 40; return 0 }()
var global = <-c

func five() int { return 5 }

func main() {
	for i := 1; i <= 6; i++ {
		c <- i
	}
	s := <-c
	s = five()
	var t = <-c
	t += 10
	var u int
	u = <-c
	u = u * 100
	v, w := <-c, <-c
	v, w = w, v
	x, ok := <-c
	x++
	sum := 0
	for i := 0; i < 3; i++ {
		c <- i
		n := <-c
		n = n * 2
		sum += n
	}
	global++
	fmt.Println(s, t, u, v, w, x, ok, sum, global, first)
}

// Output:
// 5 12 300 5 4 7 true 6 41 0
