package front

import (
	"reflect"
	"strings"
	"testing"
)

// FuncSource gives the declarations of functions that stand on their
// own, with the session's functions they call, and refuses the others.
func TestFuncSource(t *testing.T) {
	cell := "type P struct{ X int }\nvar g = 3\nconst k = 2\n" +
		"func sq(x float64) float64 { return x * x }\n" +
		"func hyp(a, b float64) float64 { return math.Sqrt(sq(a) + sq(b)) }\n" +
		"func fact(n int) int { if n < 2 { return 1 }; return n * fact(n-1) }\n" +
		"func local(n int) int { type q struct{ v int }; return q{n}.v }\n" +
		"func global(n int) int { return n + g }\n" +
		"func konst(n int) int { return n * k }\n" +
		"func typed(p P) int { return p.X }\n" +
		"func lit(n int) int { return P{n}.X }\n" +
		"func method(p *P) { }\nfunc (p P) M() int { return p.X }\n" +
		"func gen[T any](v T) T { return v }\n"
	c := NewChecker(short)
	r := c.Check(1, pieces(cell), nil, nil, false)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	src, calls, imports, ok := r.FuncSource("hyp")
	if !ok || !strings.Contains(src, "func hyp(a, b float64) float64") || !reflect.DeepEqual(calls, []string{"sq"}) || imports["math"] != "math" {
		t.Errorf("hyp: %q %v %v %v", src, calls, imports, ok)
	}
	for _, name := range []string{"sq", "fact", "local"} {
		if _, calls, _, ok := r.FuncSource(name); !ok || len(calls) != 0 {
			t.Errorf("%s: %v %v", name, calls, ok)
		}
	}
	for _, name := range []string{"global", "konst", "typed", "lit", "method", "M", "gen", "nosuch"} {
		if src, _, _, ok := r.FuncSource(name); ok {
			t.Errorf("%s stands on its own: %q", name, src)
		}
	}
}
