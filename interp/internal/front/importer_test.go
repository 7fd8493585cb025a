package front

import (
	"go/token"
	"testing"
)

func TestImporter(t *testing.T) {
	im := NewImporter(token.NewFileSet())
	for _, tc := range []struct{ path, name, obj, want string }{
		{"fmt", "fmt", "Println", "func fmt.Println(a ...any) (n int, err error)"},
		{"slices", "slices", "Sorted", "func slices.Sorted[E cmp.Ordered](seq iter.Seq[E]) []E"},
		{"math/rand/v2", "rand", "IntN", "func math/rand/v2.IntN(n int) int"},
		{"gonum.org/v1/gonum/mat", "mat", "NewDense", "func gonum.org/v1/gonum/mat.NewDense(r int, c int, data []float64) *gonum.org/v1/gonum/mat.Dense"},
		{"github.com/gocalc/gocalc/ad", "ad", "Grad", ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			p, err := im.Import(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if p.Name() != tc.name {
				t.Errorf("name %q, want %q", p.Name(), tc.name)
			}
			o := p.Scope().Lookup(tc.obj)
			if o == nil {
				t.Fatalf("%s.%s missing", tc.path, tc.obj)
			}
			if tc.want != "" && o.String() != tc.want {
				t.Errorf("got %s, want %s", o, tc.want)
			}
		})
	}
	// A package first seen as a dependency is completed by its own import.
	if _, err := im.Import("io"); err != nil {
		t.Fatal(err)
	}
	if io, _ := im.Import("io"); io.Scope().Lookup("Pipe") == nil || !io.Complete() {
		t.Errorf("io incomplete after its own import")
	}
	if _, err := im.Import("no/such/pkg"); err == nil {
		t.Errorf("no error for a missing package")
	}
	if !Has("unsafe") || !Has("os/exec") || Has("internal/abi") {
		t.Errorf("Has: unsafe %v os/exec %v internal/abi %v", Has("unsafe"), Has("os/exec"), Has("internal/abi"))
	}
}
