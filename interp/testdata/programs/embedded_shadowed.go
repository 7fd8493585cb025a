package main

import "fmt"

type embedded string

func (s embedded) val() string { return string(s) }

type A struct{ embedded }

type B struct {
	A
	embedded
}

type C struct {
	*B
	name string
}

func main() {
	b := &B{A: A{embedded: "a"}, embedded: "b"}
	fmt.Println(b.val(), b.A.val())
	f := b.val
	c := C{b, "c"}
	fmt.Println(f(), c.val(), c.A.val())
}

// Output:
// b a
// b b a
