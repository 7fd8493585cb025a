package main

import "fmt"

// A generic function instantiated with a type whose methods use a
// variable the program declares: the concrete copy is compiled after
// those methods.
type Room struct{ id int }

func (r Room) Next() Room { return rooms[r.id%2+1] }

var rooms = map[int]Room{1: {1}, 2: {2}}

type Nexter[T any] interface{ Next() T }

func Walk[T Nexter[T]](start T, n int) []T {
	out := []T{start}
	for i := 0; i < n; i++ {
		start = start.Next()
		out = append(out, start)
	}
	return out
}

func main() {
	fmt.Println(Walk(Room{1}, 3))
}

// Output:
// [{1} {2} {1} {2}]
