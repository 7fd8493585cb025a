package main

import (
	"fmt"
	"strings"
)

// fmt inside generic code sees the values of the type arguments as Go
// does: %T and %v of type parameters, String methods, instances of
// generic types.
type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Box[T any] struct{ V T }

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s Stack[T]) String() string {
	parts := make([]string, len(s.items))
	for i, v := range s.items {
		parts[i] = fmt.Sprint(v)
	}
	return fmt.Sprintf("%T%v", s, parts)
}

func Describe[T any](xs ...T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%T=%v", x, x)
	}
	return strings.Join(parts, " ")
}

func main() {
	fmt.Println(Describe(Celsius(21.5), Celsius(-3)))
	fmt.Println(Describe(Box[Celsius]{4}), Describe[any](6, "s"))
	var s Stack[Celsius]
	s.Push(1)
	s.Push(2.25)
	fmt.Println(s)
	fmt.Printf("%v|%+v|%T\n", Box[Stack[Celsius]]{s}, Box[[]int]{[]int{1}}, &s)
}

// Output:
// main.Celsius=21.5°C main.Celsius=-3.0°C
// main.Box[main.Celsius]={4.0°C} int=6 string=s
// main.Stack[main.Celsius][1.0°C 2.2°C]
// {main.Stack[main.Celsius][1.0°C 2.2°C]}|{V:[1]}|*main.Stack[main.Celsius]
