// A variable of a compiled package can be assigned (yaegi took it for a
// constant).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	old := runtime.MemProfileRate
	runtime.MemProfileRate = 0
	fmt.Println(runtime.MemProfileRate)
	runtime.MemProfileRate++
	fmt.Println(runtime.MemProfileRate)
	runtime.MemProfileRate = old
	fmt.Println(runtime.MemProfileRate == old)
}

// Output:
// 0
// 1
// true
