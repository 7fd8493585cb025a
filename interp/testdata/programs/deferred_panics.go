package main

import "fmt"

func try(g func(), deflt interface{}) (x interface{}) {
	defer func() {
		if v := recover(); v != nil {
			x = v
		}
	}()
	defer g()
	return deflt
}

func order() (s string) {
	defer func() { s += "1"; recover() }()
	defer func() { s += "2"; panic("two") }()
	defer func() { s += "3" }()
	panic("body")
}

func unnamed(n int) (int, error) {
	defer func() { recover() }()
	defer func() {}()
	if n > 0 {
		return n, nil
	}
	return -1, fmt.Errorf("neg")
}

func swap() (a, b int) {
	a, b = 1, 2
	defer func() {}()
	defer func() {}()
	return b, a
}

type I interface{ M() }
type T struct{ x int }

func (T) M() {}

func nilcall() (r int) {
	defer func() { recover() }()
	var pt *T
	var i I = pt
	defer i.M()
	r = 1
	return
}

// A deferred call that panics still lets the calls deferred before it
// run, recover included, and results keep their values.
func main() {
	fmt.Println(try(func() { panic(5) }, 55), try(func() {}, "hi"))
	fmt.Println(order())
	fmt.Println(unnamed(3))
	fmt.Println(unnamed(-3))
	fmt.Println(swap())
	fmt.Println(nilcall())
}

// Output:
// 5 hi
// 321
// 3 <nil>
// -1 neg
// 2 1
// 1
