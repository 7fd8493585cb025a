// Index and slice expressions out of range, and negative shift counts,
// panic with Go's runtime errors, index and length included, in a
// program that recovers them.
package main

import "fmt"

type holder struct{ xs []int }

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Println(name, err)
			return
		}
		fmt.Println(name, "no panic", r)
	}()
	f()
}

func main() {
	s := []int{1, 2, 3}
	str := "abc"
	arr := [3]int{1, 2, 3}
	h := holder{xs: s[:2]}
	i, j, neg := 5, 1, -1
	var big uint64 = 1<<64 - 1
	try("s[i]", func() { _ = s[i] })
	try("s[neg]", func() { _ = s[neg] })
	try("s[big]", func() { _ = s[big] })
	try("str[i]", func() { _ = str[i] })
	try("arr[i]", func() { _ = arr[i] })
	try("h.xs[2]", func() { _ = h.xs[2] })
	try("s[2:j]", func() { _ = s[2:j] })
	try("str[2:j]", func() { _ = str[2:j] })
	try("s[:i]", func() { _ = s[:i] })
	try("s[i:]", func() { _ = s[i:] })
	try("s[neg:]", func() { _ = s[neg:] })
	try("arr[:i]", func() { _ = arr[:i] })
	try("s[0:j:i]", func() { _ = s[0:j:i] })
	try("s[0:2:j]", func() { _ = s[0:2:j] })
	try("s[2:j:3]", func() { _ = s[2:j:3] })
	try("h.xs[:3]", func() { fmt.Print(h.xs[:3], " ") })
	try("s[1:2]", func() { fmt.Print(s[1:2], " ") })
	try("1<<neg", func() { _ = 1 << neg })
	try("x>>=neg", func() { x := 8; x >>= neg })
	try("x>>j", func() { x := 8; fmt.Print(x>>j, " ") })
}

// Output:
// s[i] runtime error: index out of range [5] with length 3
// s[neg] runtime error: index out of range [-1]
// s[big] runtime error: index out of range [18446744073709551615] with length 3
// str[i] runtime error: index out of range [5] with length 3
// arr[i] runtime error: index out of range [5] with length 3
// h.xs[2] runtime error: index out of range [2] with length 2
// s[2:j] runtime error: slice bounds out of range [2:1]
// str[2:j] runtime error: slice bounds out of range [2:1]
// s[:i] runtime error: slice bounds out of range [:5] with capacity 3
// s[i:] runtime error: slice bounds out of range [5:3]
// s[neg:] runtime error: slice bounds out of range [-1:]
// arr[:i] runtime error: slice bounds out of range [:5] with length 3
// s[0:j:i] runtime error: slice bounds out of range [::5] with capacity 3
// s[0:2:j] runtime error: slice bounds out of range [:2:1]
// s[2:j:3] runtime error: slice bounds out of range [2:1:]
// [1 2 3] h.xs[:3] no panic <nil>
// [2] s[1:2] no panic <nil>
// 1<<neg runtime error: negative shift amount
// x>>=neg runtime error: negative shift amount
// 4 x>>j no panic <nil>
