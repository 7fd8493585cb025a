// The kinds of programs issue 10 found failing: errors.As with an error type
// declared in the program, method expressions, methods on an array type
// through a pointer, %d of a named int with a String method, generic
// functions with several inferred type parameters, generic types, and
// slices.Clone beside slices.Equal.
package main

import (
	"errors"
	"fmt"
	"slices"
)

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type Acc struct{ n int }

func (a *Acc) Add(k int) { a.n += k }
func (a Acc) Get() int   { return a.n }

type Vec [3]float64

func (v *Vec) Scale(k float64) {
	for i := range v {
		v[i] *= k
	}
}

type Level int

func (l Level) String() string { return [...]string{"low", "high"}[l] }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s *Stack[T]) Pop() T {
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x
}

func find(k string) error { return fmt.Errorf("lookup: %w", &NotFound{k}) }

func main() {
	var nf *NotFound
	err := find("x")
	fmt.Println(errors.As(err, &nf), nf.Key)
	a := &Acc{}
	add := (*Acc).Add
	add(a, 3)
	get := Acc.Get
	fmt.Println(get(*a))
	v := Vec{1, 2, 3}
	v.Scale(2)
	fmt.Println(v)
	fmt.Printf("%d %v\n", Level(1), Level(1))
	fmt.Println(Map([]int{1, 2}, func(i int) float64 { return float64(i) / 2 }))
	var s Stack[string]
	s.Push("a")
	s.Push("b")
	fmt.Println(s.Pop(), len(s.items))
	xs := []int{3, 1, 2}
	ys := slices.Clone(xs)
	fmt.Println(slices.Equal(xs, ys))
}

// Output:
// true x
// 3
// [2 4 6]
// 1 high
// [0.5 1]
// b 1
// true
