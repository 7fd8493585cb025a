package main

import "fmt"

// return <-c: yaegi failed to store the value received as the result
// ("reflect.Value.Set using unaddressable value").

type Conn chan int

func (c Conn) Accept() (int, string) {
	return <-c, "accepted"
}

func recv(c chan int) int {
	return <-c
}

func recvClosed(c chan string) (string, int) {
	return <-c, 7
}

// Builtins' calls among several results: yaegi failed on them too
// ("reflect: call of reflect.Value.SetInt on string Value").
func sizes(s []int) (string, int, int) {
	return "sizes", len(s), cap(s)
}

func grow(s []int, v int) (int, []int) {
	return v, append(s, v)
}

func fresh(n int) (*int, []int) {
	return new(int), make([]int, n)
}

func main() {
	c := make(chan int, 3)
	c <- 1
	c <- 2
	c <- 3
	fmt.Println(recv(c))
	fmt.Println(Conn(c).Accept())
	fmt.Println(func() int { return <-c }())
	s := make(chan string)
	close(s)
	v, n := recvClosed(s)
	fmt.Printf("%q %d\n", v, n)
	fmt.Println(sizes(make([]int, 2, 5)))
	fmt.Println(grow([]int{1}, 2))
	p, z := fresh(3)
	fmt.Println(*p, z)
}

// Output:
// 1
// 2 accepted
// 3
// "" 7
// sizes 2 5
// 2 [1 2]
// 0 [0 0 0]
