package main

import (
	"fmt"
	"strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x, true
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func main() {
	xs := []int{1, 2, 3, 4, 5}
	sq := Map(xs, func(x int) int { return x * x })
	ev := Filter(sq, func(x int) bool { return x%2 == 0 })
	fmt.Println(sq, ev, Sum(sq), Sum([]float64{1.5, 2}))
	words := Map([]string{"go", "calc"}, strings.ToUpper)
	fmt.Println(words, len(Map(xs, func(x int) string { return fmt.Sprint(x) })))
	var s Stack[string]
	s.Push("a")
	s.Push("b")
	v, ok := s.Pop()
	fmt.Println(v, ok, len(s.items))
	p := Pair[string, int]{"x", 1}
	fmt.Printf("%v %+v\n", p, p)
}

// Output:
// [1 4 9 16 25] [4 16] 55 3.5
// [GO CALC] 5
// b true 1
// {x 1} {Key:x Val:1}
