// A select statement evaluates its channels and the values it sends once,
// in the order they are written, before it chooses a case.
package main

import "fmt"

var order []string

func ch(name string, c chan int) chan int {
	order = append(order, name)
	return c
}

func val(name string, v int) int {
	order = append(order, name)
	return v
}

func main() {
	c := make(chan int, 1)
	x := 0
	makec := func(p *int) chan bool {
		*p = 42
		return make(chan bool)
	}
	select {
	case c <- x:
	case <-makec(&x):
	}
	fmt.Println("sent", <-c, "x is", x)

	a, b := make(chan int), make(chan int, 1)
	b <- 7
	select {
	case ch("a", a) <- val("1", 1):
		fmt.Println("sent on a")
	case v := <-ch("b", b):
		fmt.Println("received", v)
	}
	fmt.Println(order)

	var nilch chan int
	d := make(chan int)
	closeIt := func() int {
		close(d)
		d = nil
		return 0
	}
	select {
	case _, ok := <-d:
		fmt.Println("closed channel received, ok =", ok)
	case nilch <- closeIt():
	}

	// The left of a receive's assignment is evaluated only when its case
	// is chosen.
	var y struct{ a int }
	e, never := make(chan int, 1), make(chan int)
	e <- 5
	select {
	case *newInt("f") = <-never:
	case y.a = <-e:
	}
	fmt.Println(y.a, order)
}

func newInt(name string) *int {
	order = append(order, name)
	return new(int)
}

// Output:
// sent 0 x is 42
// received 7
// [a 1 b]
// closed channel received, ok = false
// 5 [a 1 b]
