// A case of a switch without tag matches when any of its expressions
// is true.
package main

import "fmt"

const alphanum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

func kind(b byte) string {
	switch {
	case '0' <= b && b <= '9', 'A' <= b && b <= 'Z':
		return "alnum"
	case b == ' ', b == '\t', b == '\n':
		return "space"
	}
	return "other"
}

func main() {
	fmt.Println(kind('7'), kind('Q'), kind('\t'), kind('#'), kind(alphanum[20]))
}

// Output:
// alnum alnum space other alnum
