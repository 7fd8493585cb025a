package interp

import (
	"errors"
	"reflect"
	"testing"

	"github.com/gocalc/gocalc/engine"
)

func TestVariables(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, `type Point struct {
	X, Y float64
	label string
}
x := 3.5
n := 2
s := "hé"
xs := []float64{1, 2, 3}
p := Point{1, 2, "a"}
pp := &p
m := map[string]int{"b": 2, "a": 1}
pf := new(float64)
var e error
var a any = p
d := ad.Dual{V: 2, D: 1}
var nilp *Point
big := make([]int, 1000)
v := ad.NewTape().Var(3)
`)
	cases := []struct {
		name string
		path []string
		want []engine.Variable
	}{
		{"session", nil, []engine.Variable{
			{Name: "a", Type: "any", Value: "{1 2 a}", Parts: 3},
			{Name: "big", Type: "[]int", Value: "[0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 …] (len 1000)", Parts: maxParts},
			{Name: "d", Type: "ad.Dual", Value: "2+1ε", Parts: 2},
			{Name: "e", Type: "error", Value: "nil"},
			{Name: "m", Type: "map[string]int", Value: "map[a:1 b:2]", Parts: 2},
			{Name: "n", Type: "int", Value: "2"},
			{Name: "nilp", Type: "*Point", Value: "nil"},
			{Name: "p", Type: "Point", Value: "{1 2 a}", Parts: 3},
			{Name: "pf", Type: "*float64", Value: "&0", Parts: 1},
			{Name: "pp", Type: "*Point", Value: "&{1 2 a}", Parts: 3},
			{Name: "s", Type: "string", Value: `"hé"`},
			{Name: "v", Type: "*ad.Var", Value: "3 (grad 0)", Parts: 2},
			{Name: "x", Type: "float64", Value: "3.5"},
			{Name: "xs", Type: "[]float64", Value: "[1 2 3]", Parts: 3},
		}},
		{"struct fields", []string{"p"}, []engine.Variable{
			{Name: "X", Type: "float64", Value: "1"},
			{Name: "Y", Type: "float64", Value: "2"},
			{Name: "label", Type: "string", Value: `"a"`},
		}},
		{"through a pointer", []string{"pp"}, []engine.Variable{
			{Name: "X", Type: "float64", Value: "1"},
			{Name: "Y", Type: "float64", Value: "2"},
			{Name: "label", Type: "string", Value: `"a"`},
		}},
		{"a pointer to a number", []string{"pf"}, []engine.Variable{
			{Name: "*", Type: "float64", Value: "0"},
		}},
		{"slice elements", []string{"xs"}, []engine.Variable{
			{Name: "0", Type: "float64", Value: "1"},
			{Name: "1", Type: "float64", Value: "2"},
			{Name: "2", Type: "float64", Value: "3"},
		}},
		{"map entries sorted", []string{"m"}, []engine.Variable{
			{Name: `"a"`, Type: "int", Value: "1"},
			{Name: `"b"`, Type: "int", Value: "2"},
		}},
		{"compiled struct", []string{"d"}, []engine.Variable{
			{Name: "V", Type: "float64", Value: "2"},
			{Name: "D", Type: "float64", Value: "1"},
		}},
		{"an *ad.Var's value and gradient", []string{"v"}, []engine.Variable{
			{Name: "Value", Type: "float64", Value: "3"},
			{Name: "Grad", Type: "float64", Value: "0"},
		}},
		{"a part of a part", []string{"p", "label"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := in.Variables(tc.path)
			if err != nil {
				t.Fatalf("Variables(%q): %v", tc.path, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Variables(%q)\n got %+v\nwant %+v", tc.path, got, tc.want)
			}
		})
	}
	if _, err := in.Variables([]string{"nothing"}); err == nil {
		t.Errorf("Variables(nothing): no error")
	}
}

func TestVariablesWhileACellRuns(t *testing.T) {
	in := newInterp(t)
	in.mu.Lock() // as Execute holds it
	_, err := in.Variables(nil)
	in.mu.Unlock()
	if !errors.Is(err, engine.ErrBusy) {
		t.Errorf("Variables while a cell runs: %v, want ErrBusy", err)
	}
	if got, err := in.Variables(nil); err != nil || len(got) != 0 {
		t.Errorf("Variables of an empty session = %v, %v; want none", got, err)
	}
}

// Values are written within maxValueText bytes, whatever they hold.
func TestVariablesValueText(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, `type Big struct {
	Name string
	Data []float64
}
b := Big{"b", make([]float64, 1_000_000)}
mx := mat.NewDense(1000, 1000, nil)
ints := map[int]string{10: "ten", 2: "two", -1: "minus one"}
var nilm map[string]int
`)
	got, err := in.Variables(nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]engine.Variable{}
	for _, v := range got {
		rows[v.Name] = v
	}
	for _, name := range []string{"b", "mx"} {
		if v := rows[name]; len(v.Value) > maxValueText+10 || v.Value == "" {
			t.Errorf("%s: value of %d bytes, want at most about %d", name, len(v.Value), maxValueText)
		}
	}
	if v := rows["b"]; v.Value[:8] != "{b [0 0 " {
		t.Errorf("b = %.40q…, want {b [0 0 …", v.Value)
	}
	if got, want := rows["ints"].Value, `map[-1:minus one 2:two 10:ten]`; got != want {
		t.Errorf("ints = %q, want %q (keys in numeric order)", got, want)
	}
	if got := rows["nilm"]; got.Value != "nil" || got.Parts != 0 {
		t.Errorf("nilm = %+v, want nil without parts", got)
	}
	parts, err := in.Variables([]string{"ints"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range parts {
		names = append(names, p.Name)
	}
	if want := []string{"-1", "2", "10"}; !reflect.DeepEqual(names, want) {
		t.Errorf("parts of ints %v, want %v", names, want)
	}
}
