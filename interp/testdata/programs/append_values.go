package main

import "fmt"

// append(s, a, b) evaluates all its values before it appends any: yaegi
// stored each value in turn, and a later value read from the slice's
// array (s[n-1]) saw what an earlier one had written there.

type Bytes []byte

func next(p *int) int {
	*p++
	return *p
}

func main() {
	s := make([]byte, 5, 6)
	copy(s, "12346")
	s = append(s[:len(s)-1], '5', s[len(s)-1])
	fmt.Println(string(s))

	b := make(Bytes, 3, 10)
	copy(b, "abc")
	b = append(b[:1], b[2], b[1], b[0])
	fmt.Printf("%s %T\n", b, b)

	n := 0
	xs := append([]int{0}, next(&n), next(&n), n)
	fmt.Println(xs)
}

// Output:
// 123456
// acba main.Bytes
// [0 1 2 2]
