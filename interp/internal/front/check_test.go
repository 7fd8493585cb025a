package front

import (
	"strings"
	"testing"
)

var short = map[string]string{"iter": "iter", "sort": "sort", "fmt": "fmt", "math": "math", "rand": "math/rand", "slices": "slices", "maps": "maps", "cmp": "cmp", "strings": "strings", "mat": "gonum.org/v1/gonum/mat", "errors": "errors"}

// stmts makes a statement piece per line of src.
func pieces(src string) []Piece {
	var out []Piece
	for i, l := range strings.Split(src, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		k := Stmt
		switch {
		case strings.HasPrefix(l, "import"):
			k = Import
		case strings.HasPrefix(l, "func "), strings.HasPrefix(l, "type "), strings.HasPrefix(l, "const "):
			k = Decl
		case strings.HasPrefix(l, "var "):
			k = Var
		}
		out = append(out, Piece{Kind: k, Text: l, Line: i + 1, Col: 1})
	}
	return out
}

func live(cell int, src string) []Live {
	var out []Live
	for _, p := range pieces(src) {
		if p.Kind != Import {
			out = append(out, Live{Cell: cell, Piece: p})
		}
	}
	return out
}

func TestCheckErrors(t *testing.T) {
	for _, tc := range []struct {
		name, session, cell string
		want                []string // errors, "line:col: msg"
	}{
		{"valid", "", "x := 3\nfmt.Println(x + 1)", nil},
		{"last value shown", "", "x := 3\nx", nil},
		{"conversion shown", "", "float64(3)", nil},
		{"mismatch", "", "var s string = 3", []string{"1:16: cannot use 3 (untyped int constant) as string value in variable declaration"}},
		{"undefined", "", "fmt.Println(y)", []string{"1:13: undefined: y"}},
		{"not used mid-cell", "", "x := 1\nx\nfmt.Println()", []string{"2:1: x (variable of type int) is not used"}},
		{"declared and not used", "", "for i := 0; i < 3; i++ {\n}\nfunc f() { y := 2 }", []string{"3:12: declared and not used: y"}},
		{"unused import ok", "", "import \"os\"\nx := 1", nil},
		{"order of package vars", "", "var a = b + 1\nvar b = 2", nil},
		{"session var", "x := 2.5", "y := x * 2\nvar z string = y", []string{"2:16: cannot use y (variable of type float64) as string value in variable declaration"}},
		{"redefined type", "type T int", "type T string\nvar s string = string(T(\"a\"))", nil},
		{"own cmp", "", "func cmp(a, b int) int { return a - b }\nfmt.Println(cmp(1, 2))", nil},
		{"v2 import", "", "import \"math/rand/v2\"\nn := rand.IntN(3)", nil},
		{"v2 import wrong", "", "import \"math/rand/v2\"\nn := rand.Intn(3)", []string{"2:11: undefined: rand.Intn (but have IntN)"}},
		{"generic stdlib", "", "ks := slices.Sorted(maps.Keys(map[string]int{\"a\": 1}))\nvar s []string = ks", nil},
		{"gonum", "", "m := mat.NewDense(2, 2, nil)\nvar r int = m.At(0, 0)", []string{"2:13: cannot use m.At(0, 0) (value of type float64) as int value in variable declaration"}},
		{"generic inference", "func Map[T, U any](xs []T, f func(T) U) []U { return nil }", "ys := Map([]int{1, 2}, func(i int) float64 { return float64(i) })\nvar _ []float64 = ys", nil},
		{"unsafe", "", "import \"unsafe\"\nn := unsafe.Sizeof(int64(0))", nil},
		{"local shadows package name", "", "func f() int { rand := 3; return rand }", nil},
		{"literal of an earlier cell's struct", "type P struct{ v int }", "var p = P{1}\nvar _ int = p.v", nil},
		{"literal of an earlier cell's generic struct", "type Box[T any] struct{ v T }", "var b = Box[int]{1}", nil},
		{"error in a cell checked alone", "type P struct{ v int }", "var p = P{1, 2}", []string{"1:14: too many values in struct literal of type P"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewChecker(short)
			var sess []Live
			if tc.session != "" {
				r := c.Check(1, pieces(tc.session), nil, nil, true)
				if len(r.Errors) > 0 {
					t.Fatalf("session: %v", r.Errors)
				}
				sess = live(1, tc.session)
			}
			r := c.Check(2, pieces(tc.cell), sess, nil, true)
			if r.Skipped != "" {
				t.Fatalf("skipped: %s", r.Skipped)
			}
			var got []string
			for _, e := range r.Errors {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
