// Method expressions of interface types, and array lengths written as
// constant expressions.
package main

import (
	"errors"
	"fmt"
)

type I interface{ m() int }

type T struct{}

func (T) m() int { return 3 }

var ret = I.m(T{})

var b [1e1]int

func main() {
	err := errors.New("foo")
	f := interface{ m() int }.m
	fmt.Println(error.Error(err), ret, f(T{}), len(b))
}

// Output:
// foo 3 3 10
