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
}

// Output:
// 1
// 2 accepted
// 3
// "" 7
