// A switch on a value of an interface type compares it with cases of
// other types, and a switch without tag compares an interface case with
// true.
package main

import "fmt"

func kind(x any) string {
	s := "hello"
	switch x {
	case 42:
		return "forty-two"
	case s:
		return "hello"
	case 1.5:
		return "1.5"
	case int8(3):
		return "int8(3)"
	case nil:
		return "nil"
	}
	return "other"
}

func main() {
	for _, x := range []any{42, "hello", 1.5, int8(3), 3, nil, "bye"} {
		fmt.Println(x, kind(x))
	}
	for _, v := range []any{true, false, 1} {
		switch {
		case v:
			fmt.Println(v, "is true")
		default:
			fmt.Println(v, "is not true")
		}
	}
}

// Output:
// 42 forty-two
// hello hello
// 1.5 1.5
// 3 int8(3)
// 3 other
// <nil> nil
// bye other
// true is true
// false is not true
// 1 is not true
