package main

import "fmt"

// A switch on a slice, a map or a function, whose only cases can be nil:
// yaegi matched no case nil.

func kind[T any](s []T) string {
	switch s {
	case nil:
		return "nil slice"
	default:
		return fmt.Sprint("slice of ", len(s))
	}
}

func main() {
	fmt.Println(kind[int](nil), kind([]string{"a"}))
	var m map[string]int
	switch m {
	case nil:
		fmt.Println("nil map")
	}
	calls := 0
	get := func() func() {
		calls++
		return nil
	}
	switch get() {
	case nil:
		fmt.Println("nil func", calls)
	default:
		fmt.Println("FAIL")
	}
	switch f := func() {}; f {
	case nil:
		fmt.Println("FAIL")
	default:
		fmt.Println("func")
	}
}

// Output:
// nil slice slice of 1
// nil map
// nil func 1
// func
