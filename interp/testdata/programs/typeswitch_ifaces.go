package main

import "fmt"

type I interface{ Foo() int }
type J interface {
	I
	Bar()
}

type myint int

func (x myint) Foo() int { return int(x) }

type myint32 int32

func (x myint32) Foo() int { return int(x) }
func (x myint32) Bar()     {}

// Without a binding, on an empty interface: an interface case, any, an
// unnamed struct type and nil.
func kind(x any) string {
	switch x.(type) {
	case I:
		return "I"
	case int:
		return "int"
	case struct{ a, b float64 }:
		return "struct"
	case any:
		return "any"
	default:
		return "nil"
	}
}

// On an interface with methods: its own type, a wider one, a concrete one.
func onI(i I) string {
	switch v := i.(type) {
	case J:
		return fmt.Sprint("J ", v.Foo())
	case myint:
		return fmt.Sprint("myint ", v.Foo())
	case nil:
		return "nil"
	case I:
		return fmt.Sprint("I ", v.Foo())
	}
	return "none"
}

// Generic: T is an interface in some instances, and a type that cannot
// implement I in another.
func gen[T any](i I) string {
	switch x := i.(type) {
	case T:
		return fmt.Sprint("T ", x)
	case myint:
		return fmt.Sprint("myint ", x.Foo())
	default:
		return "other"
	}
}

func labeled(i I) (n int) {
L:
	switch i.(type) {
	case J:
		for {
			n++
			break L
		}
	default:
		n = -1
	}
	return n
}

func main() {
	fmt.Println(kind(myint32(1)), kind(myint(2)), kind(3), kind(struct{ a, b float64 }{1, 2}), kind("s"), kind(nil))
	fmt.Println(onI(myint(1)), onI(myint32(2)), onI(nil))
	fmt.Println(gen[I](myint(1)), gen[J](myint32(2)), gen[J](myint(3)), gen[myint32](myint32(4)), gen[any](nil), gen[string](myint(5)))
	fmt.Println(labeled(myint32(1)), labeled(myint(1)))
}

// Output:
// I I int struct any nil
// myint 1 J 2 nil
// T 1 T 2 myint 3 T 4 other myint 5
// 1 -1
