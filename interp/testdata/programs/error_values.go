// A value of a type with a value-receiver Error method keeps its methods
// when a composite literal is assigned to an error, or converted to one.
package main

import "fmt"

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprint("code ", e.code) }

type embedded struct{ codeErr }

func main() {
	var err error = codeErr{1}
	fmt.Println(err, err.Error())
	err = codeErr{2}
	fmt.Println(err, err.Error())
	e := error(embedded{codeErr{3}})
	fmt.Println(e, e.Error())
	v := codeErr{4}
	err = error(v)
	fmt.Println(err)
	fmt.Println(error(nil) == nil)
}

// Output:
// code 1 code 1
// code 2 code 2
// code 3 code 3
// code 4
// true
