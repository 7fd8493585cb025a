// Package-level declarations in any order, as in a Go file.
package main

import "fmt"

var a = b + 1
var b = f()

var x, y int = two()

var _ = f() + g()
var g = func() int { return 1 }

var p *int = &q
var q int = a * 10

func two() (int, int) { return 3, 4 }

func f() int { return 2 }

func main() {
	fmt.Println(a, b, x+y, T{5}.n, *p)
}

type T struct{ n int }

// Output:
// 3 2 7 5 30
