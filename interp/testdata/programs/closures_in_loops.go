package main

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
)

// Closures made in a loop are freed with their iteration (yaegi kept
// every one alive through the next), and each still sees its own
// iteration's variables.
func main() {
	var before, after runtime.MemStats
	s := []int{3, 1, 2}
	var wg sync.WaitGroup
	sum := make(chan int, 1)
	sum <- 0
	for i := 0; i < 20000; i++ {
		if i == 1000 {
			runtime.GC()
			runtime.ReadMemStats(&before)
		}
		sort.Slice(s, func(a, b int) bool { return s[a] < s[b] })
		c := make(chan int, 1)
		c <- i
		wg.Add(1)
		go func() {
			defer wg.Done()
			sum <- <-sum + <-c
		}()
		if i%100 == 0 {
			wg.Wait()
		}
	}
	wg.Wait()
	runtime.GC()
	runtime.ReadMemStats(&after)
	growth := int(after.HeapObjects) - int(before.HeapObjects)
	fmt.Println(s, <-sum, growth < 2000)

	var fs []func() int
	for i := 0; i < 3; i++ {
		x := i * 10
		fs = append(fs, func() int { return x + i })
		x++
	}
	// A loop variable the body assigns is still one per iteration,
	// carried over to the next (continue included).
	for j := 0; j < 9; j++ {
		fs = append(fs, func() int { return j })
		if j%4 == 0 {
			j++
			continue
		}
		for k := 0; k < 3; k++ {
			if k == 1 {
				continue
			}
			j += k
		}
	}
	var ps []*int
	for k := 0; k < 6; k += 2 {
		ps = append(ps, &k)
		k++
	}
	for _, f := range fs {
		fmt.Print(f(), ";")
	}
	for _, p := range ps {
		fmt.Print(*p, ",")
	}
	fmt.Println()
}

// Output:
// [1 2 3] 199990000 true
// 1;12;23;1;4;7;9;1,4,
