// A package variable with a literal value, used by the methods of a type
// that an earlier variable's initializer converts to an interface.
package main

import "fmt"

type shape interface{ area() int }

type square int

func (s square) area() int { return check(int(s) * int(s)) }

var shapes = []shape{square(2), square(3)}

func main() {
	for _, s := range shapes {
		fmt.Println(s.area())
	}
	fmt.Println(calls, label)
}

var calls = 0
var label = "checked"

func check(v int) int {
	calls++
	return v
}

// Output:
// 4
// 9
// 2 checked
