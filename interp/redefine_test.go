package interp

import (
	"errors"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/engine"
)

// Plain yaegi keeps the first definition of a type or method, and
// functions compiled earlier keep calling the old body of a function.
func TestRedefinition(t *testing.T) {
	in := newInterp(t)
	steps := []struct{ code, want string }{
		{"func f() int { return 1 }\nfunc g() int { return f() * 10 }", ""},
		{"g()", "10"},
		{"func f() int { return 2 }", ""},
		{"g()", "20"},
		{"type P struct{ X int }\nfunc (p P) String() string { return \"old\" }\np := P{1}", ""},
		{"p", "old"},
		{"func (p P) String() string { return fmt.Sprint(\"new \", p.X) }", ""},
		{"p", "new 1"},
		{"type P struct{ X, Y int }", ""},
		{"P{1, 2}.Y", "2"},
		{"const c = 1", ""},
		{"const c = 2\nc", "2"},
		{"v := 5", ""},
		{"v := \"five\"\nv", `"five"`},
		{"total := 41", ""},
		{"func f() int { return 3 }\ntotal + 1", "42"},
	}
	for _, s := range steps {
		got, rec := mustRun(t, in, s.code)
		if got != s.want {
			t.Errorf("%q: got %q, want %q (stderr %q)", s.code, got, s.want, rec.stream("stderr"))
		}
	}
}

func TestRedefinitionReportsLostValues(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type Q struct{ A int }\nq := Q{7}\nkeep := 3.5")
	_, rec := mustRun(t, in, "type Q struct{ A, B int }")
	if !strings.Contains(rec.stream("stderr"), "reset to zero values: q") {
		t.Errorf("stderr %q: want a note that q was reset", rec.stream("stderr"))
	}
	if got, _ := mustRun(t, in, "fmt.Sprint(q.B, keep)"); got != `"0 3.5"` {
		t.Errorf("got %q, want 0 3.5", got)
	}
}

// Every compactEvery cells the session is rebuilt; values and
// definitions survive it silently.
func TestCompaction(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type Acc struct{ N int }\nfunc (a *Acc) Add() { a.N++ }\nacc := &Acc{}\nm := mat.NewDense(1, 1, []float64{2})")
	gen := in.gen
	for range compactEvery + 5 {
		if _, rec := mustRun(t, in, "acc.Add()"); rec.stream("stderr") != "" {
			t.Fatalf("stderr %q", rec.stream("stderr"))
		}
	}
	if in.gen == gen {
		t.Fatalf("no compaction after %d cells", compactEvery+5)
	}
	if got, _ := mustRun(t, in, "acc.N + int(m.At(0, 0))"); got != "507" {
		t.Errorf("after compaction: got %s, want 507", got)
	}
}

// A declaration that fails to compile leaves yaegi with a half-declared
// type (plain yaegi then ignores the corrected one); the session is
// rebuilt and keeps its values.
func TestFailedDeclarationIsForgotten(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "keep := 5")
	if _, _, err := run(t, in, "type Bad struct{ X undefinedT }"); err == nil {
		t.Fatal("want a compile error")
	}
	if got, _ := mustRun(t, in, "type Bad struct{ X, Y int }\nBad{1, 2}.Y + keep"); got != "7" {
		t.Errorf("got %q, want 7", got)
	}
}

// A cell that does not compile changes nothing: its redefinition of a
// type is not applied, and the value of that type keeps its fields.
func TestFailureAfterRedefinition(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type R struct{ A int }\nr := R{1}")
	_, rec, err := run(t, in, "type R struct{ A, B int }\nundefinedCall()")
	var e *engine.Error
	if !errors.As(err, &e) || e.Name != ErrCompile || e.Value != "2:1: undefined: undefinedCall" {
		t.Errorf("got %v, want CompileError 2:1: undefined: undefinedCall", err)
	}
	if s := rec.stream("stderr"); s != "" {
		t.Errorf("stderr %q: nothing ran, nothing was reset", s)
	}
	if got, _ := mustRun(t, in, "r.A"); got != "1" {
		t.Errorf("r.A = %q, want 1", got)
	}
	if _, _, err := run(t, in, "r.B"); err == nil {
		t.Errorf("r.B compiled: the failed cell's type was applied")
	}
}

// Redefining a function that uses session variables, or re-running a
// pasted program with package-level variables, keeps working: the
// rebuild declares the variables (with the types the front end gives
// them) before the functions that use them. Both failed before.
func TestRedefineFunctionUsingVariables(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "x := 5\ntype P struct{ A int }\np := P{2}")
	mustRun(t, in, "func f() int { return x + p.A }")
	if got, _ := mustRun(t, in, "func f() int { return x * p.A }\nf()"); got != "10" {
		t.Errorf("after redefining f: got %q, want 10", got)
	}
	prog := "var n = 3\nfunc main() { fmt.Println(n * 2) }"
	mustRun(t, in, prog)
	if _, rec := mustRun(t, in, prog); rec.stream("stdout") != "6\n" {
		t.Errorf("program run again: stdout %q, want 6", rec.stream("stdout"))
	}
}

// A generic declaration runs as concrete copies of it (front.Mono); a
// redefinition replaces the copies, those the session's functions use
// too, and a redefined generic type's copies get its new methods.
func TestRedefineGeneric(t *testing.T) {
	in := newInterp(t)
	steps := []struct{ code, want string }{
		{"func Twice[T any](x T) []T { return []T{x, x} }", ""},
		{"func Use() []int { return Twice(3) }\nfmt.Sprint(Twice(\"a\"), Use())", `"[a a] [3 3]"`},
		{"func Twice[T any](x T) []T { return []T{x, x, x} }", ""},
		{"fmt.Sprint(Twice(\"a\"), Use(), Twice(1.5))", `"[a a a] [3 3 3] [1.5 1.5 1.5]"`},
		{"type Box[T any] struct{ v T }\nfunc (b Box[T]) Get() T { return b.v }\nb := Box[int]{4}\nb.Get()", "4"},
		{"func (b Box[T]) Get() T { var zero T; return zero }", ""},
		{"Box[int]{5}.Get() + b.Get()", "0"},
		{"fmt.Sprintf(\"%T %v\", b, b)", `"main.Box[int] {4}"`},
		// A rebuild declares a variable of an instance with its copy's type.
		{"type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }", ""},
		{"st := &Stack[int]{}\nst.Push(4)\nfunc top() int { return st.items[len(st.items)-1] }", ""},
		{"func g() int { return 1 }", ""},
		{"func g() int { return 2 }", ""},
		{"st.Push(5)\nfmt.Sprint(top(), g(), len(st.items))", `"5 2 2"`},
	}
	for _, s := range steps {
		got, rec := mustRun(t, in, s.code)
		if got != s.want {
			t.Errorf("%q: got %q, want %q (stderr %q)", s.code, got, s.want, rec.stream("stderr"))
		}
	}
}

// A panic in a copy of a generic function points at the generic
// declaration's line, and names the instance as Go does.
func TestGenericCopyPanicLine(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func At[T any](xs []T, i int) T {\n\treturn xs[i]\n}")
	_, _, err := run(t, in, "x := 1\nAt([]int{1}, x+4)")
	tb := engine.TracebackText(err)
	if !strings.Contains(tb, "cell 1, line 2, column 9, in At[int]") {
		t.Errorf("traceback:\n%s", tb)
	}
}

// A copy of an earlier cell's generic declaration, with a type argument
// of an imported package, gets the lowering of its concrete code (the
// comma-ok assertion to a compiled interface).
func TestGenericCopyOfEarlierCell(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "func Str[T any](v T) string { if s, ok := any(v).(fmt.Stringer); ok { return \"S:\" + s.String() }; return fmt.Sprint(v) }")
	if got, _ := mustRun(t, in, "x := time.Second\nStr(x) + Str(1)"); got != `"S:1s1"` {
		t.Errorf("got %s", got)
	}
}

// Instances with a type declared in a function are left to yaegi's own
// generics, beside the concrete copies of the others.
func TestGenericLocalTypeArgs(t *testing.T) {
	in := newInterp(t)
	code := "type Box[T any] struct{ v T }\nfunc (b Box[T]) Get() T { return b.v }\nfunc Id[T any](x T) T { return x }\n" +
		"func run() string {\n\ttype pt struct{ x int }\n\tb := Box[pt]{pt{5}}\n\treturn fmt.Sprint(b.Get().x, Id(pt{7}).x, Id(3), Box[int]{4}.Get())\n}\nrun()"
	if got, _ := mustRun(t, in, code); got != `"5 7 3 4"` {
		t.Errorf("got %s", got)
	}
}
