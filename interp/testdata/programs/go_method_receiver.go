package main

import (
	"fmt"
	"sync"
)

// go v.M(x) and defer v.M(x) copy a value receiver at the statement, as
// they evaluate the arguments.

type S struct{ a int }

func (s S) M(x int, wg *sync.WaitGroup) {
	fmt.Println("M", s.a, x)
	if wg != nil {
		wg.Done()
	}
}

func (s *S) P(wg *sync.WaitGroup) {
	fmt.Println("P", s.a)
	wg.Done()
}

type I interface{ M(int, *sync.WaitGroup) }

func deferred() {
	s := S{10}
	defer s.M(1, nil)
	p := &s
	defer p.M(2, nil)
	s.a = 20
}

func main() {
	var wg sync.WaitGroup
	s, x := S{1}, 1
	wg.Add(1)
	go s.M(x, &wg)
	s.a, x = 2, 2
	wg.Wait()

	p := &S{3}
	wg.Add(1)
	go p.M(3, &wg)
	p.a = 4
	wg.Wait()

	wg.Add(1)
	go p.P(&wg)
	wg.Wait()

	var i I = S{5}
	wg.Add(1)
	go i.M(5, &wg)
	i = S{6}
	wg.Wait()

	deferred()
}

// Output:
// M 1 1
// M 3 3
// P 4
// M 5 5
// M 10 2
// M 10 1
