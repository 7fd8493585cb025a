package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64        { return r.W * r.H }
func (r Rect) Perimeter() float64   { return 2 * (r.W + r.H) }
func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }

// Named embeds an interface: its methods are promoted from the field.
type Named struct {
	Shape
	Name string
}

type Labelled struct {
	*Named
}

func main() {
	n := Named{Rect{3, 4}, "box"}
	fmt.Println(n.Area(), n.Perimeter())
	area := n.Area
	l := Labelled{&Named{Circle{1}, "disc"}}
	fmt.Printf("%.3f %.3f %s\n", area()+l.Area(), l.Perimeter(), l.Name)
	shapes := []Shape{Rect{1, 1}, n, l.Named}
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
	}
	fmt.Printf("%.3f\n", total)
}

// Output:
// 12 14
// 15.142 6.283 disc
// 16.142
