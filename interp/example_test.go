package interp_test

import (
	"context"
	"fmt"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp"
)

// printer is an engine.Output that prints what a cell produces.
type printer struct{}

func (printer) Publish(d display.Data)   { fmt.Println("display:", d.Data["text/plain"]) }
func (printer) Update(d display.Data)    {}
func (printer) Clear(bool)               {}
func (printer) Stream(name, text string) { fmt.Printf("%s: %s", name, text) }
func (printer) Input(string, bool) (string, error) {
	return "", engine.ErrNoStdin
}

func ExampleInterpreter_Execute() {
	in, err := interp.New(interp.Options{})
	if err != nil {
		panic(err)
	}
	defer in.Close()
	ctx := context.Background()
	cells := []string{
		"func f(x float64) float64 { return x * x }\nfmt.Println(\"f(3) =\", f(3))",
		"for i := range 3 { total += f(float64(i)) }\ntotal := 0.0",
		"total := 0.0\nfor i := range 3 { total += f(float64(i)) }\ntotal",
		"ad.Derivative(func(x ad.Dual) ad.Dual { return x.Mul(x) }, 3)",
	}
	for _, c := range cells {
		d, err := in.Execute(ctx, c, printer{})
		switch {
		case err != nil:
			fmt.Println("error:", err)
		case d != nil:
			fmt.Println("result:", d.Data["text/plain"])
		}
	}
	// Output:
	// stdout: f(3) = 9
	// error: CompileError: 1:20: undefined: total
	// result: 5
	// result: 6
}

func ExampleInterpreter_Complete() {
	in, _ := interp.New(interp.Options{})
	defer in.Close()
	c := in.Complete("strings.ToUp", 12)
	fmt.Println(c.Matches, c.Start, c.End)
	// Output: [ToUpper ToUpperSpecial] 8 12
}

func ExampleInterpreter_IsComplete() {
	in, _ := interp.New(interp.Options{})
	defer in.Close()
	status, indent := in.IsComplete("for i := range 3 {")
	fmt.Printf("%s %q\n", status, indent)
	status, _ = in.IsComplete("x := )")
	fmt.Println(status)
	// Output:
	// incomplete "    "
	// invalid
}
