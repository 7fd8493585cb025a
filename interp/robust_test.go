package interp

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/engine"
)

// No input makes Execute, Complete, Inspect or IsComplete fail inside
// gocalc itself: bad code is a CompileError or UnsupportedError.
func TestOddInput(t *testing.T) {
	in := newInterp(t)
	inputs := []string{
		"}", "{", ")", "package main", "package main\nfunc main() { println(1) }", "func main() {}",
		"//line foo.go:1:1\nx := 1", "import (", "import ()", "\x00", "ü := 1\nü", "var", "type", "func",
		"x, y := 1", "a := []int{1,2,3}[5]", "go", "defer println(1)", "return", "break", "goto L",
		"L:\nfor { break L }", "select { default: }", "switch { }", "type T[X any] struct{ v X }\nT[int]{v: 1}",
		"var _ = 1", "_ = 1", "const (\n\ta = iota\n\tb\n)\nb", "func init() {}", "var x int = \"s\"",
		"x := 1; x := 2", strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200), "fmt.Println(",
		"struct{}{}", "nil", "interface{}(nil)", "map[string]int{}", "make(chan int)", "new(int)",
		"func() {}", "1/0", "x := 0\n1/x", "var m map[string]int\nm[\"a\"] = 1",
		"var p *struct{ X int }\np.X", "type E struct{}\nfunc (E) Error() string { return \"e\" }\nvar err error = E{}\nerr",
	}
	for _, code := range inputs {
		v, err := in.Execute(context.Background(), code, &recorder{})
		t.Logf("%q -> %v %v", code, v, err)
		var e *engine.Error
		if err != nil && (!errors.As(err, &e) || e.Name == ErrInternal) {
			t.Errorf("%q: %v", code, engine.TracebackText(err))
		}
		for i := 0; i <= len([]rune(code)); i++ {
			in.Complete(code, i)
			in.Inspect(code, i, 0)
		}
		in.IsComplete(code)
	}
	if got, _ := mustRun(t, in, "40 + 2"); got != "42" {
		t.Errorf("after odd input: got %q", got)
	}
}
