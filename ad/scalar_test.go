package ad

import (
	"os"
	"strings"
	"testing"
)

// TestDocConstraintMatchesScalar keeps the constraint text that notebook
// cells paste (in doc.go) identical to the compiled Scalar.
func TestDocConstraintMatchesScalar(t *testing.T) {
	body := func(file, prefix string) []string {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		in := false
		for _, l := range strings.Split(string(src), "\n") {
			l = strings.TrimSpace(strings.TrimPrefix(l, prefix))
			switch {
			case l == "type Scalar[T any] interface {":
				in = true
			case in && l == "}":
				return lines
			case in:
				lines = append(lines, l)
			}
		}
		t.Fatalf("%s: no Scalar interface found", file)
		return nil
	}
	doc, code := body("doc.go", "//"), body("scalar.go", "")
	if strings.Join(doc, "\n") != strings.Join(code, "\n") {
		t.Errorf("doc.go constraint:\n%s\n\nscalar.go:\n%s", strings.Join(doc, "\n"), strings.Join(code, "\n"))
	}
	if len(code) != 27 {
		t.Errorf("Scalar has %d methods; changing the set breaks notebooks that pasted it", len(code))
	}
}

// TestScalarSameResults runs one generic function on the three types.
func TestScalarSameResults(t *testing.T) {
	tp := NewTape()
	for _, x0 := range []float64{-0.7, 0.2, 1.9} {
		fl := scalarMix(Float(x0))
		du := scalarMix(Dual{V: x0, D: 1})
		x := tp.Var(x0)
		v := scalarMix(x)
		v.Backward()
		if float64(fl) != du.V || du.V != v.Value() || !near(du.D, x.Grad(), 1e-14) {
			t.Errorf("at %g: Float %v, Dual %v, Var %v and grad %g", x0, fl, du, v.Value(), x.Grad())
		}
	}
}

// scalarMix uses every method of Scalar.
func scalarMix[T Scalar[T]](x T) T {
	y := x.Add(x.Const(2)).Sub(x.Scale(0.5)).Mul(x.AddConst(1)).Div(x.Square().AddConst(3))
	y = y.Add(x.Neg().Exp().Expm1()).Add(x.Square().Log1p()).Add(x.Square().AddConst(1).Log().Sqrt())
	y = y.Add(x.Sin().Mul(x.Cos())).Add(x.Scale(0.3).Tan()).Add(x.Scale(0.4).Asin()).Add(x.Scale(0.4).Acos())
	y = y.Add(x.Atan()).Add(x.Sinh().Mul(x.Cosh())).Add(x.Tanh()).Add(x.Sigmoid()).Add(x.Abs().Pow(1.5))
	return y.Scale(y.Value())
}
