// make of a slice checks its length and capacity as Go's runtime does.
package main

import "fmt"

type T []int

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Println(name, err)
			return
		}
		fmt.Println(name, "no panic", r)
	}()
	f()
}

func main() {
	n, big := -1, 1<<62
	var huge uint64 = 1<<64 - 1
	try("make(T, n)", func() { _ = make(T, n) })
	try("make(T, 0, n)", func() { _ = make(T, 0, n) })
	try("make(T, big)", func() { _ = make(T, big) })
	try("make([]byte, huge)", func() { _ = make([]byte, huge) })
	try("make(T, 0, huge)", func() { _ = make(T, 0, huge) })
	try("make(T, 2, 1+n)", func() { m := 1 + n; _ = make(T, 2, m) })
	try("make(T, 2, 3)", func() { s := make(T, 2, 3+n+1); fmt.Print(len(s), cap(s), " ") })
}

// Output:
// make(T, n) runtime error: makeslice: len out of range
// make(T, 0, n) runtime error: makeslice: cap out of range
// make(T, big) runtime error: makeslice: len out of range
// make([]byte, huge) runtime error: makeslice: len out of range
// make(T, 0, huge) runtime error: makeslice: cap out of range
// make(T, 2, 1+n) runtime error: makeslice: cap out of range
// 2 3 make(T, 2, 3) no panic <nil>
