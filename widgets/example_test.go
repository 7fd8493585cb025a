package widgets_test

import (
	"fmt"
	"math"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/widgets"
)

func ExampleNewFloatSlider() {
	x0 := widgets.NewFloatSlider("x₀", -2, 2, 0.1, 0.5)
	x0.Observe(func(v float64) { fmt.Println("moved to", v) })
	x0.SetValue(1.25)
	x0.SetValue(3) // clamped to the slider's range
	fmt.Println(x0.Value())
	fmt.Println(x0)
	// Output:
	// moved to 1.25
	// moved to 2
	// 2
	// FloatSlider(description="x₀", value=2, min=-2, max=2, step=0.1)
}

func ExampleInteract() {
	n := widgets.NewIntSlider("degree", 0, 8, 1, 1)
	// The Taylor polynomial of exp at 0, evaluated at 1.
	taylor := widgets.Interact(func(n int) string {
		sum, term := 0.0, 1.0
		for k := 0; k <= n; k++ {
			sum += term
			term /= float64(k + 1)
		}
		return fmt.Sprintf("T%d(1) = %.6f, e - T%d(1) = %.1e", n, sum, n, math.E-sum)
	}, n)
	show := func() { fmt.Println(taylor.Output().Outputs()[0]["data"].(map[string]any)["text/plain"]) }
	show()
	n.SetValue(6) // as the frontend does when the slider moves
	show()
	// Output:
	// T1(1) = 2.000000, e - T1(1) = 7.2e-01
	// T6(1) = 2.718056, e - T6(1) = 2.3e-04
}

func ExampleButton_OnClick() {
	clicks := 0
	b := widgets.NewButton("again")
	b.OnClick(func() { clicks++ })
	b.Click() // as a click in the frontend does
	fmt.Println(clicks)
	// Output:
	// 1
}

func ExampleOutput_Capture() {
	out := widgets.NewOutput()
	out.Capture(func() { display.HTML("<b>inside</b>") })
	out.Print("text")
	for _, o := range out.Outputs() {
		fmt.Println(o["output_type"])
	}
	// Output:
	// display_data
	// stream
}

func ExampleNewHBox() {
	a := widgets.NewFloatSlider("a", 0, 1, 0.1, 0.5)
	row := widgets.NewHBox(a, widgets.NewLabel("a is the slope"))
	d, _ := row.Render()
	fmt.Println(d.Data[widgets.ViewMIME].(map[string]any)["model_id"] == row.ModelID())
	fmt.Println(d.Data["text/plain"])
	// Output:
	// true
	// HBox(FloatSlider(description="a", value=0.5, min=0, max=1, step=0.1), Label(value="a is the slope"))
}
