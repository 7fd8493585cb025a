package main

import "fmt"

type Animal interface{ Sound() string }

type Base struct{ Name string }

func (b Base) Describe() string { return "I am " + b.Name }
func (b Base) Sound() string    { return "..." }

type Dog struct {
	Base
	Breed string
}

func (d Dog) Sound() string { return "woof" }

type Temp float64

func (t *Temp) String() string { return fmt.Sprintf("%.1f°", float64(*t)) }

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Line struct {
	A, B Point
	tag  string
}

func main() {
	d := Dog{Base{"rex"}, "lab"}
	var a Animal = d
	fmt.Println(d.Describe(), d.Sound(), a.Sound(), d.Base.Sound())
	t := Temp(21.5)
	fmt.Println(&t, t)
	l := Line{Point{1, 2}, Point{3, 4}, "x"}
	fmt.Println(l)
	fmt.Printf("%v|%+v|%8.2f|%-5s|%05d|%x|%q\n", l.A, l, 3.14159, "ab", 42, 255, "hi")
	m := map[string]Point{"o": {0, 0}, "p": {1, 1}}
	fmt.Println(m)
	ps := []*Point{{1, 1}}
	fmt.Println(len(ps), *ps[0], ps[0].X)
	var grid [3][3]int
	for i := range grid {
		grid[i][i] = 1
	}
	fmt.Println(grid)
}

// Output:
// I am rex woof woof ...
// 21.5° 21.5
// {(1,2) (3,4) x}
// (1,2)|{A:(1,2) B:(3,4) tag:x}|    3.14|ab   |00042|ff|"hi"
// map[o:(0,0) p:(1,1)]
// 1 (1,1) 1
// [[1 0 0] [0 1 0] [0 0 1]]
