package interp

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestComplete(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type Point struct{ X, Y float64 }\nfunc (p Point) Norm() float64 { return math.Hypot(p.X, p.Y) }\npt := Point{3, 4}\nfig := plotting.New()\nmyCounter := 1\nxv := ad.NewTape().Var(1)")
	tests := []struct {
		code    string
		want    []string // all of these among the matches
		notWant string
		start   int
	}{
		{"strings.ToUp", []string{"ToUpper"}, "", 8},
		{"x := strings.ToUp", []string{"ToUpper"}, "", 13},
		{"math.Sq", []string{"Sqrt"}, "", 5},
		{"mat.NewD", []string{"NewDense"}, "", 4},
		{"slices.So", []string{"Sort", "SortFunc"}, "", 7},
		{"myC", []string{"myCounter"}, "", 0},
		{"fo", []string{"for"}, "", 0},
		{"pt.", []string{"X", "Y", "Norm"}, "", 3},
		{"pt.N", []string{"Norm"}, "X", 3},
		{"fig.Li", []string{"Line"}, "", 4},
		{"xv.Gr", []string{"Grad"}, "", 3},
		{"_gocalc", nil, "_gocalc_show", 0},
		{"plotting.New().XLabel(\"x\").Ti", []string{"Title"}, "", 27},
		{"fig.Title(\"t\").Li", []string{"Line"}, "", 15},
		{"undefinedThing().Fo", nil, "For", 17},
		{"s := \"héllo\"; strings.ToL", []string{"ToLower"}, "", 22},
	}
	for _, tt := range tests {
		c := in.Complete(tt.code, utf8.RuneCountInString(tt.code))
		for _, w := range tt.want {
			if !slices.Contains(c.Matches, w) {
				t.Errorf("%q: matches %v lack %q", tt.code, c.Matches, w)
			}
		}
		if tt.notWant != "" && slices.Contains(c.Matches, tt.notWant) {
			t.Errorf("%q: matches %v hold %q", tt.code, c.Matches, tt.notWant)
		}
		if c.Start != tt.start || c.End != utf8.RuneCountInString(tt.code) {
			t.Errorf("%q: range %d-%d, want %d-%d", tt.code, c.Start, c.End, tt.start, utf8.RuneCountInString(tt.code))
		}
		// Applying a match gives the completed name.
		if len(c.Matches) > 0 {
			r := []rune(tt.code)
			applied := string(r[:c.Start]) + c.Matches[0] + string(r[c.End:])
			if !strings.HasSuffix(applied, c.Matches[0]) {
				t.Errorf("%q: applying %q gives %q", tt.code, c.Matches[0], applied)
			}
		}
	}
}

func TestInspect(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "// Area is documented in the cell.\nfunc Area(r float64) float64 { return math.Pi * r * r }\nradius := 2.5\nm := mat.NewDense(1, 2, []float64{1, 2})\nfig := plotting.New()")
	tests := []struct {
		code   string
		cursor int
		want   []string
	}{
		{"strings.ToUpper(s)", 10, []string{"func ToUpper(s string) string", "ToUpper returns s with all Unicode letters mapped to their upper case."}},
		{"math", 2, []string{"package math", "basic constants and mathematical functions"}},
		{"mat.NewDense", 6, []string{"func NewDense(r, c int, data []float64) *Dense"}},
		{"m.Mul", 4, []string{"func (m *Dense) Mul(a, b Matrix)"}},
		{"fig.Line", 6, []string{"func (f *Figure) Line(xs, ys []float64, format, label string) *Figure"}},
		{"Area(1)", 2, []string{"// Area is documented in the cell.", "func Area(r float64) float64"}},
		{"radius", 3, []string{"radius: float64 = 2.5"}},
		{"append(xs, 1)", 2, []string{"func append(slice []Type, elems ...Type) []Type"}},
		// Inside a call's parentheses: the called function, from the type
		// checker, also while the call is unfinished.
		{"plotting.Plot(", 14, []string{"func Plot(", "Plot "}},
		{"x := strings.Repeat(\"ab\", ", 26, []string{"func Repeat(s string, count int) string"}},
		{"fmt.Println(strings.ToLower(\"A\"), ", 33, []string{"func Println(a ...any) (n int, err error)"}},
		{"fmt.Println(strings.ToLower(\"A\"", 31, []string{"func ToLower(s string) string"}},
		// Methods of an expression's type, with no variable holding it.
		{"plotting.New().XLabel", 18, []string{"func (f *Figure) XLabel("}},
		{"Area(", 5, []string{"func Area(r float64) float64"}},
	}
	for _, tt := range tests {
		d, ok := in.Inspect(tt.code, tt.cursor, 0)
		text, _ := d.Data["text/plain"].(string)
		for _, w := range tt.want {
			if !ok || !strings.Contains(text, w) {
				t.Errorf("%q@%d: got %v %q, want it to contain %q", tt.code, tt.cursor, ok, text, w)
			}
		}
	}
	if _, ok := in.Inspect("nothingHere", 3, 0); ok {
		t.Errorf("an unknown name: want found=false")
	}
}

// The embedded documentation covers every preloaded package; regenerate
// it with go generate ./interp/... when this fails.
func TestDocsCoverPreloads(t *testing.T) {
	for _, path := range preloadList() {
		if _, ok := docs()[path]; !ok {
			t.Errorf("no documentation for %s", path)
		}
	}
	if _, ok := docs()["fmt.Println"]; !ok {
		t.Errorf("no documentation for fmt.Println")
	}
}

// Completions after a dot come from the type checker: with signatures,
// and for names the cell being edited declares but has not run.
func TestCompleteTyped(t *testing.T) {
	in := newInterp(t)
	mustRun(t, in, "type Point struct{ X, Y float64 }\nfunc (p Point) Norm() float64 { return math.Hypot(p.X, p.Y) }")
	for _, tc := range []struct{ code, name, sig string }{
		{"strings.ToUp", "ToUpper", "func strings.ToUpper(s string) string"},
		{"q := Point{1, 2}\nq.No", "Norm", "func (Point).Norm() float64"},
		{"q := Point{1, 2}\nq.", "Y", "field Y float64"},
		{"fmt.Println(plotting.New().XLab", "XLabel", "func (*plotting.Figure).XLabel(s string) *plotting.Figure"},
		{"Poi", "Point", "type Point struct{X float64; Y float64}"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			c := in.Complete(tc.code, utf8.RuneCountInString(tc.code))
			types, _ := c.Metadata["_jupyter_types_experimental"].([]map[string]any)
			for _, m := range types {
				if m["text"] == tc.name {
					if m["signature"] != tc.sig {
						t.Errorf("signature %q, want %q", m["signature"], tc.sig)
					}
					return
				}
			}
			t.Errorf("no %q among %v", tc.name, c.Matches)
		})
	}
}
