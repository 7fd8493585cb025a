// Declarations named _ are checked and never used; a var _ is computed.
package main

import "fmt"

type _ int

type _ struct{ a, b int }

func _() { panic("never called") }

type T struct{}

func (T) _() {}

const _ = 3

const (
	_ = iota
	One
	Two
)

var calls int

func count() int { calls++; return calls }

var _ = count()

func main() {
	_ = count()
	fmt.Println(One, Two, calls)
}

// Output:
// 1 2 2
