package main

import "fmt"

// x[k] op= f() calls f before it evaluates x[k], as compiled Go does:
// yaegi read the element of the map x held before the call, and stored
// the result into the map the call had put in x.

type Counts map[string]int

func main() {
	one := map[int]int{0: 1}
	two := map[int]int{0: 2}
	x := one
	x[0] += func() int {
		x = two
		return 10
	}()
	fmt.Println(one[0], two[0])

	a, b := Counts{"k": 1}, Counts{"k": 5}
	c := a
	swap := func() int {
		c = b
		return 3
	}
	c["k"] *= swap()
	fmt.Println(a["k"], b["k"])

	m := map[int]float64{}
	m[0] += func() float64 {
		m[0] = 5
		return 10
	}()
	s := []int{0}
	s[0] -= func() int {
		s[0] = 5
		return 1
	}()
	fmt.Println(m, s)
}

// Output:
// 1 12
// 1 15
// map[0:15] [4]
