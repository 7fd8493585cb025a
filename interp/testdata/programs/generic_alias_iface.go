// An alias of a generic type's instance, declared before the instance's
// copy, has the copy's methods: its values implement an interface.
package main

import "fmt"

type AnyInt[X any] int

func (a AnyInt[X]) M() { fmt.Println("M", int(a)) }

type I interface{ M() }

type MyInt int
type U = AnyInt[MyInt]

var x = U(1)
var i I = x

func main() {
	x.M()
	U.M(x)
	i.M()
	I.M(U(2))
}

// Output:
// M 1
// M 1
// M 1
// M 2
