package front

import (
	"strconv"
	"strings"
	"testing"
)

// The standard library's slices plays a generic module package here.
func TestInstances(t *testing.T) {
	c := NewChecker(short)
	src := `type P struct{ N int }
s := []int{3, 1}
slices.Sort(s)
slices.Sort(s)
ps := []P{{1}}
slices.SortFunc(ps, func(a, b P) int { return a.N - b.N })
i := slices.Index[[]int, int](s, 1)
m := map[string][]float64{}
n := len(slices.Collect(maps.Keys(m)))
func F[T any](xs []T) { slices.Reverse(xs) }`
	res := c.Check(1, pieces(src), nil, nil, true)
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	reps, insts := res.Instances(func(path string) bool { return path == "slices" })
	var got []string
	for _, in := range insts {
		got = append(got, in.Name+" = "+in.Expr)
	}
	want := []string{"slices.Sort[[]int, int] = p0.Sort[[]int, int]", "slices.Index[[]int, int] = p0.Index[[]int, int]", "slices.Collect[string] = p0.Collect[string]"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("instances:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Two uses of slices.Sort (one instance), the explicitly instantiated
	// Index with its type arguments, Collect; SortFunc with a cell's type
	// and Reverse with a type parameter stay.
	var spans []string
	for _, r := range reps {
		spans = append(spans, strings.TrimPrefix(r.Src, InstanceAlias(""))+" @"+strconv.Itoa(r.Line)+":"+strconv.Itoa(r.Col)+"-"+strconv.Itoa(r.EndCol))
	}
	wantSpans := []string{
		insts[0].Key + ".F @3:1-12", insts[0].Key + ".F @4:1-12",
		insts[1].Key + ".F @7:6-30", insts[2].Key + ".F @9:10-24",
	}
	if strings.Join(spans, "\n") != strings.Join(wantSpans, "\n") {
		t.Errorf("replacements:\n%s\nwant:\n%s", strings.Join(spans, "\n"), strings.Join(wantSpans, "\n"))
	}
	src2 := InstanceSource(insts[:2])
	for _, w := range []string{`i0p0 "slices"`, `Symbols["gocalc.inst/i` + insts[0].Key + `/inst"] = map[string]reflect.Value{"F": reflect.ValueOf(i0p0.Sort[[]int, int])}`, "reflect.ValueOf(i1p0.Index[[]int, int])"} {
		if !strings.Contains(src2, w) {
			t.Errorf("instance source lacks %s:\n%s", w, src2)
		}
	}
}
