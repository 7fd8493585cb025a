package interp

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gocalc/gocalc/engine"
)

// TestDebugBreakLines checks, line by line, that a breakpoint is accepted
// only where a run of the cell stops (every line of these cells runs),
// and on the lines a learner expects to stop at.
func TestDebugBreakLines(t *testing.T) {
	cells := map[string]string{
		"declarations": "type T struct{ X int }\n\nimport \"strings\"\n\n// Get returns X.\nfunc (t T) Get() int {\n\treturn t.X\n}\nconst k = 3\nvar (\n\tp = 1\n\tq int\n)\n_ = p + q + k + len(strings.ToUpper(\"a\")) + T{}.Get()\n",
		"literals":     "type T struct{ X int }\ne := T{\n\tX: 1,\n}\nxs := []int{\n\t1,\n\t2,\n}\nfmt.Println(\n\te.X,\n\tlen(xs),\n\tstrings.Repeat(\"a\", 2),\n)\n",
		"control":      "x := 1\nif x > 0 {\n\tx++\n}\nswitch x {\ncase 2:\n\tx++\n}\nfor i := 0; i < 1; i++ {\n\tx += i\n}\nouter:\nfor range 1 {\n\tbreak outer\n}\n",
		"loops":        "xs := []float64{1, 2}\nm := map[string]int{\"a\": 1}\ns := 0.0\nfor _, v := range xs {\n\ts += v\n}\nfor k, v := range m {\n\t_ = k\n\ts += float64(v)\n}\nfor i := range 2 {\n\ts += float64(i)\n}\nn := 0\nfor n < 2 {\n\tn++\n}\nfor {\n\tif n > 0 {\n\t\tbreak\n\t}\n}\n",
		"switches":     "s := 1.0\nswitch {\ncase s > 0:\n\ts = -s\n}\nvar y any = s\nswitch v := y.(type) {\ncase float64:\n\ts = v\n}\n",
		"goroutines":   "n := 0\nfunc() {\n\tdefer func() {\n\t\tn++\n\t}()\n}()\nch := make(chan int, 1)\ngo func() {\n\tch <- 1\n}()\n<-ch\n",
		"functions":    "func twice(f func(int) int, v int) int {\n\treturn f(f(v))\n}\nfunc inc(v int) int {\n\tv++\n\treturn v\n}\nfunc run() int {\n\tadd := func(v int) int {\n\t\treturn v + 2\n\t}\n\treturn twice(add, 1) + twice(inc, 0)\n}\nr := run()\n",
	}
	// Lines a learner expects to stop at, which must be accepted.
	mustStop := map[string][]int{
		"declarations": {7, 9, 11, 14},
		"literals":     {2, 5, 9, 11, 12},
		"control":      {1, 2, 3, 7, 9, 10},
		"loops":        {1, 5, 8, 9, 12, 14, 15, 16, 19},
		"functions":    {2, 5, 6, 10, 12, 14},
	}
	for name, code := range cells {
		t.Run(name, func(t *testing.T) {
			in := newInterp(t)
			stops := make(chan engine.Stop, 1)
			in.OnStop(func(s engine.Stop) { stops <- s })
			lines := strings.Split(strings.TrimSuffix(code, "\n"), "\n")
			var wrong, refused []string
			for l := 1; l <= len(lines); l++ {
				ok := in.SetBreakpoints(code, []int{l})[0]
				stopped, err := runStopping(in, code, stops)
				if err != nil {
					t.Fatalf("line %d: %v", l, err)
				}
				switch {
				case ok && !stopped:
					wrong = append(wrong, fmt.Sprintf("%d: %s", l, lines[l-1]))
				case !ok && stopped:
					refused = append(refused, fmt.Sprintf("%d: %s", l, lines[l-1]))
				}
			}
			if len(wrong) > 0 {
				t.Errorf("breakpoints accepted on lines where the cell never stops:\n%s", strings.Join(wrong, "\n"))
			}
			if len(refused) > 0 {
				t.Logf("refused, though the cell stops there:\n%s", strings.Join(refused, "\n"))
			}
			for _, l := range mustStop[name] {
				if !in.SetBreakpoints(code, []int{l})[0] {
					t.Errorf("a breakpoint on line %d (%s) is refused", l, lines[l-1])
				}
			}
		})
	}
}

// runStopping runs code, resuming every stop, and tells whether it stopped.
func runStopping(in *Interpreter, code string, stops chan engine.Stop) (bool, error) {
	done := make(chan error, 1)
	go func() {
		_, err := in.Execute(context.Background(), code, &recorder{})
		done <- err
	}()
	stopped := false
	for {
		select {
		case s := <-stops:
			stopped = true
			if err := in.Resume(s.Thread, engine.Continue); err != nil {
				return stopped, err
			}
		case err := <-done:
			return stopped, err
		case <-time.After(10 * time.Second):
			return stopped, fmt.Errorf("the cell does not end")
		}
	}
}
