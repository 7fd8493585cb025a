// A method value binds a copy of its receiver when it is made.
package main

import "fmt"

type Func func() string

func (f Func) Call() string {
	if f != nil {
		return "call(" + f() + ")"
	}
	return "nil"
}

type Counter struct{ n int }

func (c Counter) Get() int { return c.n }

func (c *Counter) Inc() { c.n++ }

func main() {
	foo := Func(func() string { return "x" })
	foo = foo.Call
	fmt.Println(foo())
	c := Counter{1}
	get := c.Get
	inc := c.Inc
	inc()
	inc()
	fmt.Println(get(), c.n, c.Get())
}

// Output:
// call(x)
// 1 3 3
