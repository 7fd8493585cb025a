package main

import "fmt"

// A program may declare the predeclared names that zero values are
// written with (false, nil): the results of its functions still start at
// zero (the interpreter must not assign the function false to a result
// of type bool).

func false(ok bool) {
	if ok {
		panic("not false")
	}
}

type T string

func check(x any) (t T, ok bool) {
	if x == nil {
		return
	}
	t, ok = x.(T)
	return
}

func main() {
	t, ok := check(T("a"))
	fmt.Println(t, ok)
	t, ok = check(nil)
	false(ok)
	fmt.Printf("%q %v\n", t, ok)
}

// Output:
// a true
// "" false
