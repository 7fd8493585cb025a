// Variables without initializers exist, zero, before any initializer
// runs, wherever they are declared.
package main

import "fmt"

var order []string

func f(name string, _ ...interface{}) int {
	order = append(order, name)
	return 0
}

var a = f("a", x)
var b = f("b", y)
var e = f("e")

var x int
var y int = 42

func main() {
	fmt.Println(order, x, y)
}

// Output:
// [e a b] 0 42
