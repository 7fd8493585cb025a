package interp

import (
	"errors"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/engine"
)

// Cells mean what they mean in a Go file: each row is a fresh session,
// cells run in order, and the last cell's value and output are checked.
// Each row failed before the go/types front end.
func TestGoSemantics(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cells  []string
		value  string
		stdout string
	}{
		{"package vars in any order", []string{"var a = b + 1\nvar b = 2\na"}, "3", ""},
		{"several vars from one call, function below", []string{"var x, y int = two()\nfunc two() (int, int) { return 3, 4 }\nx + y"}, "7", ""},
		{"pasted program, type below main", []string{"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"main runs\", T{3}.n)\n}\n\ntype T struct{ n int }\n"}, "", "main runs 3\n"},
		{"main called by the cell runs once", []string{"func main() { fmt.Println(\"once\") }\nmain()"}, "", "once\n"},
		{"statements between vars keep their order", []string{"xm := 2\nfmt.Println(xm)\nvar sym int\nsym = xm + 1\nsym"}, "3", "2\n"},
		{"own names", []string{"func cmp(a, b int) int { return a - b }\ntype slices []int\nvar rand = 4\ncmp(1, 3) + len(slices{1}) + rand"}, "3", ""},
		{"each cell its own imports", []string{"import \"math/rand/v2\"\nr2 := rand.New(rand.NewPCG(1, 2))", "rand.New(rand.NewSource(1)).Intn(1) + r2.IntN(1)"}, "0", ""},
		{"fmt of a type from an earlier cell", []string{"type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }", "xs := []Celsius{1, 2.5}", "fmt.Println(xs)\nxs"}, "[1.0°C 2.5°C]", "[1.0°C 2.5°C]\n"},
		{"variable of a redefined type", []string{"type T struct{ A int }\nv := T{1}", "type T struct{ A, B int }", "v.B + v.A"}, "0", ""}, // reset: its fields changed
		{"a cell's own type T and E", []string{"type T [2]int\nfunc F(t *T) int { return t[0] }\ntype E struct{ n int }\nfunc (e *E) Get() int { return e.n }\nF(&T{4, 5}) + (&E{3}).Get() + min(1, 2)"}, "8", ""},
		{"a second := assigns the names already declared", []string{"a, err := strconv.Atoi(\"1\")\nb, err := strconv.Atoi(\"2\")\nfmt.Println(err)\na + b"}, "3", "<nil>\n"},
		{"dot imports", []string{"import . \"math\"\nx := struct{ Pi float64 }{Pi: 2}\nSqrt(16) + x.Pi"}, "6", ""},
		{"a program's own //line directives", []string{"//line foo/bar.y:4\nx := 1\n//line foo/bar.y:60\nx + 1"}, "2", ""},
		{"a field named like a global", []string{"var c chan complex128\nvar f struct {\n\tc complex128\n}\nf.c = 3\nf.c"}, "(3+0i)", ""},
		{"a var group", []string{"var (\n\tzero = 2\n\tfour, five = 4, 5\n\tnilmap map[string]int = nil\n\tcopyZero = zero\n)\nzero + four + five + copyZero + len(nilmap)"}, "13", ""},
		{"x := v runs where it is written, also beside a var", []string{"n := 0\nn++\nvar y any = 1.5\nswitch y.(type) {\ncase float64:\n\tn += 10\n}\nn"}, "11", ""},
		{"main called again later", []string{"func main() { fmt.Println(\"run\") }", "main()"}, "", "run\n"},
		{"%T of an interface holding a cell's type", []string{"type C float64\nfunc (c C) String() string { return \"c\" }\ntype P struct{ N int }\nfunc (p *P) Get() int { return p.N }", "var x any = C(1)\nvar y any = &P{1}\nvar n any\nfmt.Printf(\"%T %T %T %T %v\\n\", x, y, n, 2.5, x)"}, "", "main.C *main.P <nil> float64 c\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := newInterp(t)
			for _, c := range tc.cells[:len(tc.cells)-1] {
				mustRun(t, in, c)
			}
			got, rec := mustRun(t, in, tc.cells[len(tc.cells)-1])
			if got != tc.value || rec.stream("stdout") != tc.stdout {
				t.Errorf("got value %q stdout %q, want %q %q", got, rec.stream("stdout"), tc.value, tc.stdout)
			}
		})
	}
}

// Go's compile errors, in the Go compiler's words, at the cell's lines;
// nothing of the cell runs.
func TestGoCompileErrors(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"fmt.Println(\"ran\")\nvar s string = 3", "2:16: cannot use 3 (untyped int constant) as string value in variable declaration"},
		{"x := 1\nx\nfmt.Println(\"ran\")", "2:1: x (variable of type int) is not used"},
		{"func f() { y := 2 }\nfmt.Println(\"ran\")", "1:12: declared and not used: y"},
		{"import \"math/rand/v2\"\nfmt.Println(\"ran\", rand.Intn(3))", "2:25: undefined: rand.Intn (but have IntN)"},
		{"m := map[string]int{}\nfmt.Println(\"ran\")\nvar n string = m[\"a\"]", "3:16: cannot use m[\"a\"] (map index expression of type int) as string value in variable declaration"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			in := newInterp(t)
			_, rec, err := run(t, in, tc.code)
			var e *engine.Error
			if !errors.As(err, &e) || e.Name != ErrCompile || e.Value != tc.want {
				t.Errorf("got %v, want CompileError %s", err, tc.want)
			}
			if s := rec.stream("stdout"); s != "" {
				t.Errorf("the cell ran: stdout %q", s)
			}
		})
	}
}

// Runtime panics carry the Go runtime's messages, without the
// interpreter's positions or reflect's wording. (For an index out of
// range, reflect does not say which index and length: the message is
// the start of Go's.)
func TestRuntimePanicMessages(t *testing.T) {
	for _, tc := range []struct{ code, goMsg string }{
		{"var m map[string]int\nm[\"a\"] = 1", "assignment to entry in nil map"},
		{"type P struct{ X int }\nvar p *P\nfmt.Println(p.X)", "runtime error: invalid memory address or nil pointer dereference"},
		{"var a any = \"s\"\nn := a.(int)\nn", "interface conversion: interface {} is string, not int"},
		{"xs := []int{1, 2, 3}\ni := 5\nfmt.Println(xs[i])", "runtime error: index out of range [5] with length 3"},
	} {
		t.Run(tc.goMsg, func(t *testing.T) {
			in := newInterp(t)
			_, _, err := run(t, in, tc.code)
			var e *engine.Error
			if !errors.As(err, &e) || e.Name != ErrPanic || e.Value == "" || !strings.HasPrefix(tc.goMsg, e.Value) {
				t.Errorf("got %v, want a panic with Go's message %q", err, tc.goMsg)
			}
		})
	}
}
