package plotting

import (
	"strings"
	"testing"
)

func TestMathLayout(t *testing.T) {
	tests := []struct {
		in   string
		want []glyphRun // s, italic and the sign of y (size ignored)
	}{
		{`$x_0$`, []glyphRun{{s: "x", italic: true}, {s: "0", y: -1}}},
		{`$f^{(2)}$`, []glyphRun{{s: "f", italic: true}, {s: "(", y: 1}, {s: "2", y: 1}, {s: ")", y: 1}}},
		{`$e^{-x^2}$`, []glyphRun{{s: "e", italic: true}, {s: "−", y: 1}, {s: "x", italic: true, y: 1}, {s: "2", y: 1}}},
		{`$\epsilon$ = 0.1`, []glyphRun{{s: "ϵ", italic: true}, {s: " = 0.1"}}},
		{`$\sin(x) \leq 1$`, []glyphRun{{s: "sin"}, {s: "("}, {s: "x", italic: true}, {s: ")"}, {s: "≤"}, {s: "1"}}},
		{`$\mathrm{d}x$`, []glyphRun{{s: "d"}, {s: "x", italic: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			l, err := layoutLabel(tt.in, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(l.runs) != len(tt.want) {
				t.Fatalf("runs %+v, want %+v", l.runs, tt.want)
			}
			sign := func(y float64) float64 {
				switch {
				case y > 1e-9:
					return 1
				case y < -1e-9:
					return -1
				}
				return 0
			}
			for i, r := range l.runs {
				w := tt.want[i]
				if r.s != w.s || r.italic != w.italic || sign(r.y) != w.y {
					t.Errorf("run %d = %q italic %v y %.2f, want %q italic %v y sign %v", i, r.s, r.italic, r.y, w.s, w.italic, w.y)
				}
				if i > 0 && r.x < l.runs[i-1].x {
					t.Errorf("run %d starts left of run %d", i, i-1)
				}
			}
		})
	}
	// Scripts are smaller; the second level smaller still.
	l, _ := layoutLabel(`$e^{-x^2}$`, 10)
	if l.runs[1].size != 7 || l.runs[3].size >= 7 {
		t.Errorf("script sizes %v and %v, want 7 and 4.9", l.runs[1].size, l.runs[3].size)
	}
}

func TestMathErrors(t *testing.T) {
	for in, want := range map[string]string{
		`$x^$`:      "^ needs an argument",
		`$x^{2$`:    "missing }",
		`$x}$`:      "unmatched }",
		`$x^2^3$`:   "double superscript",
		`$\nope$`:   `unknown command \nope`,
		`$a$ and $`: "odd number of $",
	} {
		_, err := layoutLabel(in, 10)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", in, err, want)
		}
	}
}
