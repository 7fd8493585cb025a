// Panic values keep their dynamic types when recovered, and a panic
// during a panic, in a deferred call, replaces the first (panic(v)
// calls gocalc's helper _gocalc.Panicking first, for the debugger).
package main

import (
	"errors"
	"fmt"
)

func try(f func()) {
	defer func() {
		r := recover()
		_, isErr := r.(error)
		_, isInt := r.(int)
		_, isStr := r.(string)
		fmt.Printf("%v err=%v int=%v string=%v\n", r, isErr, isInt, isStr)
	}()
	f()
}

func twice() {
	defer func() { panic("second") }()
	panic("first")
}

func main() {
	try(func() { panic(42) })
	try(func() { panic("text") })
	try(func() { panic(3.5) })
	try(func() { panic(errors.New("plain")) })
	try(func() { panic(fmt.Errorf("code %d", 7)) })
	try(func() { var xs []int; i := 3; _ = xs[i] })
	try(func() { a, b := 7, 0; fmt.Println(a / b) })
	try(twice)
	try(func() {
		defer func() { fmt.Println("deferred ran") }()
		panic([]int{1, 2})
	})
}

// Output:
// 42 err=false int=true string=false
// text err=false int=false string=true
// 3.5 err=false int=false string=false
// plain err=true int=false string=false
// code 7 err=true int=false string=false
// runtime error: index out of range [3] with length 0 err=true int=false string=false
// runtime error: integer divide by zero err=true int=false string=false
// second err=false int=false string=true
// deferred ran
// [1 2] err=false int=false string=false
