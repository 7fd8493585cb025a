// Methods that read package variables are declared after them, each as
// early as it can: a variable initialized from one of them comes after.
package main

import "fmt"

type T int

func (r T) Method1() int { return a }
func (r T) Method2() int { return b }

var dummy1 = T(0).Method1()
var dummy2 = T.Method2(0)

var a = identity(1)
var b = identity(2)

func identity(a int) int { return a }

func main() {
	fmt.Println(dummy1, dummy2)
}

// Output:
// 1 2
