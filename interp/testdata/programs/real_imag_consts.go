package main

import "fmt"

const (
	_     = real(0)
	Real0 = real(0)
	Imag1 = imag(2.5 + 1.5i)

	_ int     = real(1)
	_ float32 = imag('a')
	_ float64 = imag(3i)
)

var tests = []struct {
	got, want interface{}
}{
	{real(1), 1.0},
	{real('a'), float64('a')},
	{imag(2.1 + 3.1i), 3.1},
	{imag(3i), 3.0},
}

func main() {
	var i int = real(4)
	var f float32 = imag(3.5i)
	fmt.Println(Real0, Imag1, i, f)
	fmt.Printf("%T %T\n", Real0, Imag1)
	for _, t := range tests {
		fmt.Printf("%v %T %v\n", t.got, t.got, t.got == t.want)
	}
}

// Output:
// 0 1.5 4 3.5
// float64 float64
// 1 float64 true
// 97 float64 true
// 3.1 float64 true
// 3 float64 true
