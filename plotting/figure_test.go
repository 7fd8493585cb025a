package plotting

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math"
	"strings"
	"testing"
)

// chapterLine returns the chapter's 2D figure: 3x^4 - 4x^3 - 12x^2 on
// arange(-2, 3, 0.01).
func chapterLine() *Figure {
	xs := Arange(-2, 3, 0.01)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 3*math.Pow(x, 4) - 4*math.Pow(x, 3) - 12*x*x
	}
	return Plot(xs, ys, "x", "f(x)")
}

func TestRenderRetinaBundle(t *testing.T) {
	d, err := chapterLine().Render()
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Data["text/plain"]; got != "<Figure 3.5x2.5 in with 1 plot>" {
		t.Errorf("text/plain = %q", got)
	}
	s, ok := d.Data["image/png"].(string)
	if !ok {
		t.Fatalf("image/png missing: %v", d.Data)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 672 || cfg.Height != 480 {
		t.Errorf("PNG is %dx%d, want 672x480", cfg.Width, cfg.Height)
	}
	md, _ := d.Metadata["image/png"].(map[string]any)
	if md["width"] != 336 || md["height"] != 240 {
		t.Errorf("metadata = %v, want width 336 height 240", md)
	}
}

func TestSVGBundle(t *testing.T) {
	d, err := chapterLine().SVG().Render()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := d.Data["image/svg+xml"].(string)
	if !strings.Contains(s, "<svg") || !strings.Contains(s, "\u2212") {
		t.Errorf("SVG lacks <svg or a Unicode minus: %.200s", s)
	}
}

func TestBadDataErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		fig  *Figure
		want string
	}{
		{"mismatched", New().Line([]float64{1, 2}, []float64{1}, "", ""), "len(xs) = 2 but len(ys) = 1"},
		{"empty", New().Line(nil, nil, "", ""), "no points"},
		{"nan", New().Line([]float64{1, 2}, []float64{1, nan}, "", ""), "series 1 (Line): ys[1] is NaN"},
		{"inf", New().Line([]float64{math.Inf(1), 2}, []float64{1, 2}, "", ""), "xs[0] is +Inf"},
		{"nothing", New(), "nothing to plot"},
		{"math", Plot([]float64{1, 2}, []float64{1, 2}, `$\foo x$`, "y"), `x label "$\foo x$" cannot be rendered: formula $\foo x$: unknown command \foo`},
		{"log", New().Line([]float64{1, 2}, []float64{0, 2}, "", "").LogY(), "log axis"},
		{"func nan", New().Func(func(float64) float64 { return nan }, 0, 1, "", ""), "NaN or infinite everywhere"},
	}
	for _, tt := range tests {
		_, err := tt.fig.Render()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.name, err, tt.want)
		}
		if err := tt.fig.SavePNG(t.TempDir() + "/f.png"); err == nil {
			t.Errorf("%s: SavePNG succeeded", tt.name)
		}
	}
}

func TestCallerMistakesPanic(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
	}{
		{"format", func() { New().Line([]float64{1}, []float64{1}, "q", "") }},
		{"xlim", func() { New().XLim(1, 1) }},
		{"func range", func() { New().Func(math.Sin, 1, 0, "", "") }},
		{"size", func() { New().Size(0, 2) }},
		{"legend", func() { New().Legend("somewhere") }},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.HasPrefix(s, "plotting: ") {
					t.Errorf("%s: recovered %v, want a \"plotting: \" panic", tt.name, r)
				}
			}()
			tt.fn()
		}()
	}
}

func TestParseStyle(t *testing.T) {
	tests := []struct {
		in     string
		color  string
		line   bool
		marker byte
		dashes int
	}{
		{"", "", true, 0, 0},
		{"-", "", true, 0, 0},
		{"m--", "#bf00bf", true, 0, 2},
		{"g-.", "#008000", true, 0, 4},
		{"r:", "#ff0000", true, 0, 2},
		{"o", "", false, 'o', 0},
		{"bo-", "#0000ff", true, 'o', 0},
		{"purple", "#800080", true, 0, 0},
		{"C1", "#ff7f0e", true, 0, 0},
	}
	for _, tt := range tests {
		st, err := parseStyle(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		got := ""
		if st.hasColor {
			got = hex(st.color.R, st.color.G, st.color.B)
		}
		if got != tt.color || st.line != tt.line || st.marker != tt.marker || len(st.dashes) != tt.dashes {
			t.Errorf("%q: colour %s line %v marker %q dashes %v, want %s %v %q %d", tt.in, got, st.line, st.marker, st.dashes, tt.color, tt.line, tt.marker, tt.dashes)
		}
	}
}

func hex(r, g, b uint8) string {
	const digits = "0123456789abcdef"
	s := []byte{'#'}
	for _, v := range []uint8{r, g, b} {
		s = append(s, digits[v>>4], digits[v&15])
	}
	return string(s)
}
