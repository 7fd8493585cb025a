package main

import "fmt"

// m[nil], with a map whose keys are pointers, channels or functions:
// yaegi failed to use the untyped nil as a key ("reflect.Value.MapIndex:
// value of type interface {} is not assignable to type *struct { Xx int
// }").

func main() {
	type T struct{ x int }
	type P *T
	mp := make(map[P]int)
	mp[nil] = 1
	mp[&T{7}] = 2
	type C chan int
	mc := map[C]string{}
	mc[nil] = "nil chan"
	mq := make(map[*int]bool)
	mq[nil] = true
	v, ok := mq[nil]
	delete(mp, P(nil))
	fmt.Println(len(mp), mc[nil], len(mc), v, ok)
}

// Output:
// 1 nil chan 1 true true
