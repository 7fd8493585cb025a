package main

import (
	"fmt"
	"sort"
	"strconv"
)

// Map, Filter and Reduce with several inferred type parameters, a
// generic function calling generic functions, and generic constraints.
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

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Sum[N Number](xs []N) N {
	return Reduce(xs, N(0), func(a, x N) N { return a + x })
}

func Keys[K comparable, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

type Celsius float64

type Pair[A, B any] struct {
	First  A
	Second B
}

func Zip[A, B any](as []A, bs []B) []Pair[A, B] {
	return Map(as[:min(len(as), len(bs))], func(a A) Pair[A, B] {
		return Pair[A, B]{a, bs[len(Filter(as, func(x A) bool { return false }))]}
	})
}

func main() {
	xs := []int{1, 2, 3, 4, 5, 6}
	strs := Map(Filter(xs, func(x int) bool { return x%2 == 0 }), strconv.Itoa)
	fmt.Println(strs, len(strs))
	fmt.Println(Sum(xs), Sum([]Celsius{1.5, 2.25}), Sum(Map(xs, func(x int) float64 { return float64(x) / 4 })))
	total := Reduce(strs, "", func(acc string, s string) string { return acc + s })
	fmt.Printf("%q %T\n", total, Sum([]Celsius{1}))
	keys := Keys(map[string]int{"b": 2, "a": 1, "c": 3})
	sort.Strings(keys)
	fmt.Println(keys)
	z := Zip([]string{"x", "y"}, []int{7, 8, 9})
	fmt.Printf("%v %+v %T\n", z, z[1], z)
}

// Output:
// [2 4 6] 3
// 21 3.75 5.25
// "246" main.Celsius
// [a b c]
// [{x 7} {y 7}] {First:y Second:7} []main.Pair[string,int]
