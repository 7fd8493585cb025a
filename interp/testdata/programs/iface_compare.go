package main

import "fmt"

type fooer interface{ foo() }

type myint int

func (myint) foo() {}

type S struct{ a int }

func (S) foo() {}

type comparableFoo interface {
	comparable
	foo()
}

func g[T comparableFoo](i fooer) bool {
	var t T
	return i != t
}

func main() {
	var j fooer = myint(0)
	var u myint
	fmt.Println(j == u, j != u, j == fooer(u), fooer(u) == j)
	var k fooer = myint(1)
	fmt.Println(k == j, k != u)
	var s fooer = S{2}
	fmt.Println(s == S{2}, s == fooer(S{3}), s == j, s == nil, s != nil)
	var n fooer
	fmt.Println(n == nil, n == s)
	p := fooer(&S{1})
	q := p
	fmt.Println(p == q, p == fooer(&S{1}))
	fmt.Println(g[myint](myint(0)), g[myint](myint(3)))
	var a, b any = u, myint(0)
	var c interface{} = S{2}
	fmt.Println(u == a, a == b, a != u, c == S{2}, c == any(S{2}), a == c, c == s, a == nil)
	defer func() { fmt.Println("recovered:", recover() != nil) }()
	var f1, f2 interface{ foo() } = fn(nil), fn(nil)
	fmt.Println(f1 == f2)
}

type fn func()

func (fn) foo() {}

// Output:
// true false true true
// false true
// true false false false true
// true false
// true false
// false true
// true true false true true false true false
// recovered: true
