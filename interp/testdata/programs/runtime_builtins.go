// print and println write as Go's runtime does, and recover() hands a
// program the runtime.Error values that compiled Go raises.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

type Celsius float64

var sink any

func pair() (int16, string) { return -42, "x" }

func catch(f func()) (msg string, isRuntime bool) {
	defer func() {
		v := recover()
		_, isRuntime = v.(runtime.Error)
		if err, ok := v.(error); ok {
			msg = err.Error()
		}
	}()
	f()
	return
}

func main() {
	var p *int
	var xs []int
	var m map[string]int
	var e error
	var a *[3]int = &[3]int{7, 8, 9}
	print("a", 1, "b", 2.5, true, "\n")
	println(Celsius(1.5), p, xs, m, e, uint8(255), 1+2i, float32(0.1), time.Duration(5), a[1])
	print(pair())
	println(pair())
	defer println("deferred", 3)

	n, s := -1, []int{1, 2, 3}
	neg := -1
	report := func(msg string, isRuntime bool) {
		fmt.Println(isRuntime, strings.Contains(msg, "out of range") || strings.Contains(msg, "nil pointer") ||
			strings.Contains(msg, "interface conversion") || strings.Contains(msg, "cannot convert slice"))
	}
	report(catch(func() { sink = s[n+5] }))
	report(catch(func() { sink = s[1 : n+10] }))
	report(catch(func() { sink = make([]int, neg) }))
	report(catch(func() { sink = make(chan int, neg) }))
	report(catch(func() { sink = [4]int(s) }))
	report(catch(func() { var i interface{} = 1; sink = i.(string) }))
	report(catch(func() { var f func(); f() }))
}

// Output:
// a1b2.5true
// 1.5 0x0 [0/0]0x0 0x0 (0x0,0x0) 255 (1+2i) 0.1 5 8
// -42x-42 x
// true true
// true true
// true true
// true true
// true true
// true true
// true true
// deferred 3
