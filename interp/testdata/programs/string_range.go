package main

import "fmt"

type Name string

var calls int

func word() string { calls++; return "añb" }

func main() {
	s := "a\u0123b\xca\xfex\U0010FFFF"
	for i := range s {
		fmt.Print(" ", i)
	}
	fmt.Println()
	for i, c := range s {
		fmt.Print(" ", i, ":", c)
	}
	fmt.Println()
	var i int
	var c rune
	for i, c = range s {
	}
	fmt.Println("after", i, c)
	i, c = 7, 8
	for i, c = range "" {
	}
	fmt.Println("empty", i, c)
	n := 0
	for range s {
		n++
	}
	fmt.Println("runes", n)
	var fs []func() int
	for i, c := range Name("héllo") {
		if c == 'l' {
			continue
		}
		i := i * 10
		fs = append(fs, func() int { return i + int(c) })
	}
	for _, f := range fs {
		fmt.Print(" ", f())
	}
	fmt.Println()
outer:
	for _, a := range "ab" {
		for j, b := range "xé\xffz" {
			if b == 'z' {
				continue outer
			}
			if a == 'b' && j > 0 {
				break outer
			}
			fmt.Print(" ", string(a), j, b)
		}
	}
	fmt.Println()
	for j, r := range word() {
		fmt.Print(j, string(r))
	}
	fmt.Println(" calls", calls)
}

// Output:
//  0 1 3 4 5 6 7
//  0:97 1:291 3:98 4:65533 5:65533 6:120 7:1114111
// after 7 1114111
// empty 7 8
// runes 7
//  104 243 161
//  a0 120 a1 233 a3 65533 b0 120
// 0a1ñ3b calls 1
