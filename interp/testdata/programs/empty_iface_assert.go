package main

import "fmt"

// x.(I), with x of an empty interface type and I an interface of the
// program's own: yaegi failed on every such assertion that held.

type Getter interface{ Get() byte }

type GetPutter interface {
	Get() byte
	Put(byte)
}

type Empty interface{}

type S struct{ i byte }

func (s S) Get() byte { return s.i }

type C int

func (c C) Get() byte   { return byte(c) }
func (c *C) Put(b byte) { *c = C(b) }

type W struct{ a, b int }

func (W) Get() byte { return 'w' }
func (W) Other()    {}

var g Getter
var ok bool

func main() {
	s := S{'D'}
	var e any = s
	x, ok1 := e.(Getter)
	fmt.Println(x.Get(), ok1)
	y := e.(Getter)
	fmt.Println(y.Get())
	g, ok = e.(Getter)
	fmt.Println(g.Get(), ok)

	c := C(3)
	var em Empty = &c
	if gp, ok := em.(GetPutter); ok {
		gp.Put(9)
		fmt.Println(gp.Get(), c)
	}
	_, ok = em.(GetPutter)
	fmt.Println(ok)
	_, ok = e.(GetPutter)
	fmt.Println(ok)

	wv := W{1, 2}
	var w any = wv
	_, ok = w.(GetPutter)
	fmt.Println(ok)
	a, ok2 := w.(interface{ Other() })
	fmt.Println(a != nil, ok2)

	var none any
	n, ok3 := none.(Getter)
	fmt.Println(n == nil, ok3)

	type Local interface{ Get() byte }
	l, ok4 := e.(Local)
	fmt.Println(l.Get(), ok4)

	defer func() { fmt.Println("recovered:", recover() != nil) }()
	_ = none.(Getter)
}

// Output:
// 68 true
// 68
// 68 true
// 9 9
// true
// false
// false
// true true
// true false
// 68 true
// recovered: true
