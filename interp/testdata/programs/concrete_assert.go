package main

import "fmt"

// v, ok := x.(T), with T a type of the program that has methods: yaegi
// compared the values' Go types only, and T and U below are both strings.

type Stringer interface{ String() string }

type T string

func (t T) String() string { return "T:" + string(t) }

type U string

func (u U) String() string { return "U:" + string(u) }

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprint(p.X, ",", p.Y) }

type Pair struct{ X, Y int }

func (p Pair) Sum() int { return p.X + p.Y }

func kind(v interface{}) string {
	if t, ok := v.(T); ok {
		return "T " + string(t)
	}
	if u, ok := v.(U); ok {
		return "U " + string(u)
	}
	if p, ok := v.(Pair); ok {
		return fmt.Sprint("Pair ", p.Sum())
	}
	if p, ok := v.(Point); ok {
		return "Point " + p.String()
	}
	return "other"
}

var ok bool

func main() {
	t, u := T("a"), U("b")
	pt, pr := Point{1, 2}, Pair{3, 4}
	fmt.Println(kind(t), "|", kind(u), "|", kind(pt), "|", kind(pr), "|", kind("s"))
	var s Stringer = t
	_, ok = s.(U)
	fmt.Println(ok)
	x, ok2 := s.(T)
	fmt.Println(x, ok2)
	s = u
	y, ok3 := s.(T)
	fmt.Println(y == "", ok3)
}

// Output:
// T a | U b | Point 1,2 | Pair 7 | other
// false
// T:a true
// true false
