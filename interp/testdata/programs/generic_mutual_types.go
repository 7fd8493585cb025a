package main

import "fmt"

// Generic types that refer to each other, a generic type with several
// type parameters that refers to itself (yaegi's own generics recursed
// on both until the stack overflowed), and a generic type switch whose
// cases meet once instantiated.
type Tree[K any, V any] struct {
	root *Node[K, V]
	less func(a, b K) bool
}

type Node[K any, V any] struct {
	key         K
	val         V
	left, right *Node[K, V]
}

func (t *Tree[K, V]) Put(k K, v V) {
	t.root = put(t, t.root, k, v)
}

func put[K, V any](t *Tree[K, V], n *Node[K, V], k K, v V) *Node[K, V] {
	switch {
	case n == nil:
		return &Node[K, V]{key: k, val: v}
	case t.less(k, n.key):
		n.left = put(t, n.left, k, v)
	case t.less(n.key, k):
		n.right = put(t, n.right, k, v)
	default:
		n.val = v
	}
	return n
}

func (n *Node[K, V]) walk(f func(K, V)) {
	if n == nil {
		return
	}
	n.left.walk(f)
	f(n.key, n.val)
	n.right.walk(f)
}

type Even[T any] struct {
	v    T
	next *Odd[T]
}

type Odd[T any] struct {
	v    T
	next *Even[T]
}

func Count[T any](e *Even[T]) int {
	n := 0
	for e != nil {
		n++
		if e.next == nil {
			break
		}
		n++
		e = e.next.next
	}
	return n
}

func Kind[T any](x any) string {
	switch x.(type) {
	case T:
		return "T"
	case int, string:
		return "int or string"
	}
	return "other"
}

func main() {
	t := &Tree[string, int]{less: func(a, b string) bool { return a < b }}
	for i, w := range []string{"m", "c", "x", "a", "c"} {
		t.Put(w, i)
	}
	t.root.walk(func(k string, v int) { fmt.Print(k, "=", v, " ") })
	fmt.Println(t.root.left.key)
	e := &Even[int]{1, &Odd[int]{2, &Even[int]{3, nil}}}
	fmt.Println(Count(e), Count[string](nil), e.next.next.v)
	fmt.Println(Kind[int](1), Kind[string](2), Kind[float64]("s"), Kind[bool](1.5))
}

// Output:
// a=3 c=4 m=0 x=2 c
// 3 0 3
// T int or string int or string other
