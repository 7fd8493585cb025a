// copy, delete, complex and append take the results of a call.
package main

import "fmt"

func f(a []byte) ([]byte, []byte) { return a, []byte("abc") }

func g(a []byte) ([]byte, string) { return a, "xy" }

func h(m map[int]int) (map[int]int, int) { return m, 0 }

func parts() (float64, float64) { return 1, 2 }

func more(xs []int) ([]int, int) { return xs, 4 }

func main() {
	a := []byte{1, 2, 3}
	n := copy(f(a))
	fmt.Println(n, a)
	b := []byte{1, 2, 3}
	n = copy(g(b))
	fmt.Println(n, b)
	m := map[int]int{0: 0, 1: 1}
	delete(h(m))
	fmt.Println(len(m), complex(parts()), append(more([]int{3})))
}

// Output:
// 3 [97 98 99]
// 2 [120 121 3]
// 1 (1+2i) [3 4]
