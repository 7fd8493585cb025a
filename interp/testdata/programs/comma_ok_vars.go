// var v, ok = x.(T), m[k] or <-c, also into interfaces.
package main

import "fmt"

var c = d
var d = e

var e, f any = any(nil).(bool)

func main() {
	m := map[string]int{"a": 1}
	var n, found = m["a"]
	ch := make(chan string, 1)
	ch <- "x"
	var s, open = <-ch
	fmt.Println(c, d, e, f, n, found, s, open)
}

// Output:
// false false false false 1 true x true
