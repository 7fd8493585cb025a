package main

import "fmt"

// A method that uses a variable declared below a var declaration that
// needs the method: the interpreter declares the variable's users right
// after it, and compiled var list = []Shape{...} without the methods
// ("cannot use type main.Square as type main.Shape"). Variables with
// literal values are declared first.

type Shape interface{ Area() int }

type Square int

func (s Square) Area() int { return area(int(s) * int(s)) }

type Rect struct{ w, h int }

func (r Rect) Area() int { return area(r.w * r.h) }

var shapes = []Shape{Square(2), Rect{2, 3}}

var total = 0

var label, scale = "total", 1

func area(a int) int {
	total += a * scale
	return a
}

func main() {
	for _, s := range shapes {
		fmt.Println(s.Area())
	}
	fmt.Println(label, total)
}

// Output:
// 4
// 6
// total 10
