package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

// A struct that embeds a compiled type is an io.Writer (or a sync.Locker)
// through the embedded field's methods.
type logBuf struct {
	bytes.Buffer
	lines int
}

type counter struct {
	sync.Mutex
	n int
}

func main() {
	var b logBuf
	fmt.Fprintf(&b, "x=%d\n", 1)
	io.Copy(&b, strings.NewReader("copied\n"))
	var w io.Writer = &b
	fmt.Fprint(w, "end")
	fmt.Printf("%q %d\n", b.String(), b.Len())
	var c counter
	var l sync.Locker = &c
	l.Lock()
	c.n++
	l.Unlock()
	fmt.Println(c.n)
}

// Output:
// "x=1\ncopied\nend" 14
// 1
