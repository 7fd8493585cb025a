package main

import (
	"fmt"
	"sort"
)

// A range over a slice, array or map of channels, with a value variable:
// yaegi took it for a range over a channel ("reflect: call of
// reflect.Value.Len on int Value").

type pipe chan int

func main() {
	chans := []chan int{make(chan int, 2), make(chan int, 2)}
	for i, c := range chans {
		c <- i * 10
	}
	for _, c := range chans {
		c <- 1
	}
	sum := 0
	for _, c := range chans {
		sum += <-c
	}
	fmt.Println(sum, len(chans[0]), len(chans[1]))

	var arr [3]pipe
	for i := range arr {
		arr[i] = make(pipe, 1)
	}
	n := 0
	for i, p := range &arr {
		p <- i + 100
		n++
	}
	fmt.Println(n, <-arr[2])

	m := map[string]chan string{"a": make(chan string, 1), "b": make(chan string, 1)}
	for k, c := range m {
		c <- k + k
	}
	var keys []string
	var k string
	var c chan string
	for k, c = range m {
		keys = append(keys, k+"="+<-c)
	}
	sort.Strings(keys)
	fmt.Println(keys, k != "", c != nil)

	// Each iteration has its own variables.
	var fs []func() int
outer:
	for i, c := range chans {
		c <- i
		fs = append(fs, func() int { return <-c })
		if i == 5 {
			continue outer
		}
	}
	fmt.Println(fs[0](), fs[1]())
}

// Output:
// 10 1 1
// 3 102
// [a=aa b=bb] true true
// 1 1
