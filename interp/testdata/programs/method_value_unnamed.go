package main

import "fmt"

// A method value of a method whose parameters have no names: yaegi wrote
// the call's results over the receiver's fields ("reflect.Set: value of
// type int is not assignable to type bool").

type S struct {
	m1Called, m2Called bool
	n                  int
}

func (s *S) M1(int) (int, int) {
	s.m1Called = true
	return 1, 2
}

func (s *S) M2(int, string, ...float64) int {
	s.m2Called = true
	s.n++
	return s.n
}

type Funcs struct{ calls []func(int) (int, int) }

func (c *Funcs) Add(fn func(int) (int, int)) *Funcs {
	c.calls = append(c.calls, fn)
	return c
}

func main() {
	s := &S{}
	f := s.M1
	a, b := f(0)
	g := s.M2
	fmt.Println(a, b, g(1, "x"), g(2, "y", 1.5))
	c := (&Funcs{}).Add(s.M1).Add(f)
	for _, fn := range c.calls {
		fn(0)
	}
	fmt.Println(s.m1Called, s.m2Called, s.n, len(c.calls))
}

// Output:
// 1 2 1 2
// true true 2 2
