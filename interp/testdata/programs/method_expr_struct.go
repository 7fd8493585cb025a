package main

import "fmt"

type T int

func (t T) m2() int { return int(t) + 1 }

func (t *T) inc() { *t++ }

type S struct{}

func (S) m1(s string) string { return "m1(" + s + ")" }

func main() {
	g := struct{ T }.m2
	fmt.Println(g(struct{ T }{3}), struct{ T }.m2(struct{ T }{5}))
	h := (*struct{ T }).m2
	v := struct{ T }{7}
	inc := (*struct{ T }).inc
	inc(&v)
	fmt.Println(h(&v), v.T)
	f := struct {
		S
		n int
	}.m1
	fmt.Println(f(struct {
		S
		n int
	}{}, "x"))
}

// Output:
// 4 6
// 9 8
// m1(x)
