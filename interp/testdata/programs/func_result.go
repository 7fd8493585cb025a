package main

import "fmt"

// A function of the program returned by name (return g): yaegi returned
// its node, not a function ("reflect.Set: value of type *interp.node is
// not assignable to type func()").

var calls []string

func g() { calls = append(calls, "g") }

func sum(base int, xs ...int) (int, error) {
	for _, x := range xs {
		base += x
	}
	return base, nil
}

func pick() func()                                  { calls = append(calls, "pick"); return g }
func paren() func()                                 { return (g) }
func two() (func(int, ...int) (int, error), string) { return sum, "sum" }

func main() {
	pick()()
	paren()()
	f, name := two()
	n, err := f(1, 2, 3)
	fmt.Println(calls, name, n, err)
}

// Output:
// [pick g g] sum 6 <nil>
