// v, ok := m[k] and v, ok := x.(T) give v the zero value when they fail,
// in a loop too, and so do the if and switch statements that start with
// them.
package main

import "fmt"

type named int

func main() {
	m := map[string]int{"a": 10}
	keys := []string{"a", "b", "a", "c"}
	for _, k := range keys {
		v, ok := m[k]
		fmt.Println(k, v, ok)
	}
	counts := map[string]int{}
	for _, k := range keys {
		n, _ := counts[k]
		counts[k] = n + 1
	}
	fmt.Println(counts)
	for _, k := range keys {
		if v, ok := m[k]; !ok {
			fmt.Println("missing", k, v)
		}
		switch v, ok := m[k]; {
		case ok:
			fmt.Println("found", k, v)
		default:
			fmt.Println("not found", k, v)
		}
	}
	xs := []any{1, "s", 2.5, 3}
	for _, x := range xs {
		i, ok := x.(int)
		s, _ := x.(string)
		fmt.Printf("%v %v %q\n", i, ok, s)
	}
	var total, last int
	var found bool
	for _, k := range keys {
		last, found = m[k]
		total += last
		fmt.Println(last, found)
	}
	fmt.Println(total)
	_ = named(0)
}

// Output:
// a 10 true
// b 0 false
// a 10 true
// c 0 false
// map[a:2 b:1 c:1]
// found a 10
// missing b 0
// not found b 0
// found a 10
// missing c 0
// not found c 0
// 1 true ""
// 0 false "s"
// 0 false ""
// 3 true ""
// 10 true
// 0 false
// 10 true
// 0 false
// 20
