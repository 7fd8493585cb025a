package main

import "fmt"

// A function's named results start at their zero values on every call:
// yaegi ran the function with its results in the caller's slots (the
// variable the call is assigned to, or the call's own slot in a loop),
// which held their last values, so r = append(r, v) appended to them.

type Stringer interface{ String() string }

type num int

func (n num) String() string { return fmt.Sprint(int(n)) }

func collect(s []int) (r []int) {
	for _, v := range s {
		r = append(r, v)
	}
	return r
}

func sum(n int) (total int) {
	total += n
	return
}

func strs[T Stringer](s []T) (ret []string) {
	for _, v := range s {
		ret = append(ret, v.String())
	}
	return ret
}

var global []int

func blank(fail bool) (_ int, _ string) {
	if fail {
		return
	}
	return 7, "seven"
}

func main() {
	x := []int{1, 2}
	got := collect(x)
	got = collect(x)
	fmt.Println(got)
	a := sum(1)
	a = sum(1)
	fmt.Println(a)
	global = collect(x)
	global = collect(x)
	fmt.Println(global)
	for i := 0; i < 3; i++ {
		fmt.Println(collect(x), sum(i))
	}
	s := strs([]num{3, 4})
	s = strs([]num{3, 4})
	fmt.Println(s)
	f := func(n int) (out []int) {
		out = append(out, n)
		return
	}
	o := f(1)
	o = f(2)
	fmt.Println(o)
	n, w := blank(false)
	n, w = blank(true)
	fmt.Printf("%d %q\n", n, w)
}

// Output:
// [1 2]
// 1
// [1 2]
// [1 2] 0
// [1 2] 1
// [1 2] 2
// [3 4]
// [2]
// 0 ""
