// fmt prints values of types declared in a cell as Go does: String and
// Error methods inside slices, maps and pointers, field names, %T.
package main

import (
	"fmt"
	"strings"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Level int

func (l Level) String() string { return [...]string{"low", "high"}[l] }

type Item struct {
	name string
	N    int
}

type Node struct {
	V    int
	Next *Node
}

type E struct{ code int }

func (e *E) Error() string { return fmt.Sprintf("E%d", e.code) }

type Pair struct {
	T Celsius
	L []Level
}

func main() {
	fmt.Println([]Celsius{1, 2.5}, Celsius(3))
	fmt.Printf("%d|%v|%s|%x\n", Level(1), Level(1), []Level{0, 1}, Level(1))
	fmt.Printf("%+v|%T|%v|%#v\n", Item{"a", 1}, Item{}, &Item{"b", 2}, Item{"c", 3})
	fmt.Println(map[string]Celsius{"b": 2, "a": 1}, map[Level]int{1: 5, 0: 3})
	fmt.Printf("%v|%+v\n", Node{1, nil}, []Item{{"x", 1}})
	var e *E = &E{7}
	fmt.Println(e, []*E{e})
	fmt.Printf("%v|%T|%T\n", Pair{2, []Level{1}}, []Celsius{}, map[string]Item{})
	fmt.Println(fmt.Sprint(Pair{1, nil}), fmt.Sprintf("%6.2f|", []Celsius{1}), fmt.Sprintf("%5v|", Item{"z", 2}))
	var items [2]Item
	fmt.Println(strings.HasPrefix(fmt.Sprintf("%p", &items[0]), "0x"), fmt.Sprintf("%p", &items[0]) != fmt.Sprintf("%p", &items[1]))
}

// Output:
// [1.0°C 2.5°C] 3.0°C
// 1|high|[low high]|68696768
// {name:a N:1}|main.Item|&{b 2}|main.Item{name:"c", N:3}
// map[a:1.0°C b:2.0°C] map[low:3 high:5]
// {1 <nil>}|[{name:x N:1}]
// E7 [E7]
// {2.0°C [high]}|[]main.Celsius|map[string]main.Item
// {1.0°C []} [  1.00]| {    z     2}|
// true true
