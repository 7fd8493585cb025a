package main

import (
	"fmt"
	"strings"
)

// A generic linked list with methods, a String method printed by fmt,
// and a panic in a generic method recovered with its message.
type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Push(v T) *List[T] {
	l.head = &node[T]{v, l.head}
	l.size++
	return l
}

func (l *List[T]) Each(f func(T)) {
	for n := l.head; n != nil; n = n.next {
		f(n.val)
	}
}

func (l *List[T]) Reverse() *List[T] {
	r := &List[T]{}
	l.Each(func(v T) { r.Push(v) })
	return r
}

func (l List[T]) String() string {
	var parts []string
	l.Each(func(v T) { parts = append(parts, fmt.Sprint(v)) })
	return "(" + strings.Join(parts, " ") + ")"
}

func (l *List[T]) At(i int) T {
	n := l.head
	for ; i > 0 && n != nil; i-- {
		n = n.next
	}
	if n == nil {
		panic(fmt.Sprintf("At: no element %d in a list of %d", i, l.size))
	}
	return n.val
}

type Point struct{ X, Y int }

func main() {
	var l List[int]
	l.Push(1).Push(2).Push(3)
	fmt.Println(l, l.size, *l.Reverse())
	fmt.Printf("%v %T %T\n", l, l, &l)
	ps := (&List[Point]{}).Push(Point{1, 2}).Push(Point{3, 4})
	fmt.Println(*ps, ps.At(1).X)
	words := &List[string]{}
	for _, w := range strings.Fields("a generic list") {
		words.Push(w)
	}
	fmt.Println(words.Reverse().String(), words.At(0))
	defer func() { fmt.Println("recovered:", recover()) }()
	l.At(5)
}

// Output:
// (3 2 1) 3 (1 2 3)
// (3 2 1) main.List[int] *main.List[int]
// ({3 4} {1 2}) 1
// (a generic list) list
// recovered: At: no element 2 in a list of 3
