// A method that reads a package variable is declared before the
// functions that call it through an embedded field.
package main

import "fmt"

type Base struct{ n int }

var gVal = 1

func (s *Base) Do() *int {
	s.n++
	return &gVal
}

type Sub struct {
	*Base
}

func main() {
	a := Sub{new(Base)}
	fmt.Println(*a.Do(), a.n)
}

// Output:
// 1 1
