package plotting

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite the golden images in testdata")

// chapterWireframe returns the chapter's 3D figure: x·exp(-x²-y²) on
// [-2, 2]² (101 x 101, stride 10) and its quadratic approximation at
// (-1, 0) in purple, with matplotlib's dist 12.
func chapterWireframe() *Figure3D {
	X, Y := Meshgrid(Linspace(-2, 2, 101), Linspace(-2, 2, 101))
	Z := Eval(func(x, y float64) float64 { return x * math.Exp(-x*x-y*y) }, X, Y)
	W := Eval(func(x, y float64) float64 {
		return math.Exp(-1) * (-1 - (x + 1) + (x+1)*(x+1) + y*y)
	}, X, Y)
	return New3D().Wireframe(X, Y, Z, 10, "").Wireframe(X, Y, W, 10, "purple").
		XLabel("x").YLabel("y").XLim(-2, 2).YLim(-2, 2).ZLim(-1, 1).Dist(12)
}

// goldenPNG is something that encodes itself as PNG.
type goldenPNG interface {
	PNG(dpi float64) ([]byte, error)
}

// checkGolden compares the figure rendered at dpi with testdata/name. A
// pixel counts as different when a channel differs by more than 64 (so
// that anti-aliasing differences across platforms pass) and the test fails
// when more than 0.2% of the pixels differ: a moved line or label fails.
func checkGolden(t *testing.T, name string, fig goldenPNG, dpi float64) {
	t.Helper()
	b, err := fig.PNG(dpi)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *regen {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -regen to create it)", err)
	}
	n, total, err := diffPixels(b, want)
	if err != nil {
		t.Fatal(err)
	}
	if n*500 > total {
		got := filepath.Join(t.TempDir(), name)
		os.WriteFile(got, b, 0o644)
		t.Errorf("%s: %d of %d pixels differ; the new image is %s", name, n, total, got)
	}
}

// diffPixels counts the pixels of two PNGs whose colours differ by more
// than 64 in some channel.
func diffPixels(a, b []byte) (n, total int, err error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, 0, err
	}
	r := ia.Bounds()
	if r != ib.Bounds() {
		return 0, 0, fmt.Errorf("size %v, golden %v", r.Size(), ib.Bounds().Size())
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if colorDist(ia, ib, x, y) > 64 {
				n++
			}
		}
	}
	return n, r.Dx() * r.Dy(), nil
}

func colorDist(a, b image.Image, x, y int) int {
	r1, g1, b1, _ := a.At(x, y).RGBA()
	r2, g2, b2, _ := b.At(x, y).RGBA()
	d := 0
	for _, p := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}} {
		v := int(p[0]>>8) - int(p[1]>>8)
		if v < 0 {
			v = -v
		}
		d = max(d, v)
	}
	return d
}

func TestGoldenLine(t *testing.T) { checkGolden(t, "chapter_line.png", chapterLine(), RetinaDPI) }

func TestGoldenWireframe(t *testing.T) {
	checkGolden(t, "chapter_wireframe.png", chapterWireframe(), RetinaDPI)
}

func TestGoldenSurface(t *testing.T) {
	f := New3D().SurfaceFunc(func(x, y float64) float64 { return x * math.Exp(-x*x-y*y) }, -2, 2, -2, 2, 41, 2, "coolwarm").
		XLabel("x").YLabel("y").ZLabel("f(x, y)")
	checkGolden(t, "surface.png", f, 96)
}

// TestGoldenDetectsChange makes sure the comparison is not so tolerant
// that a different figure passes.
func TestGoldenDetectsChange(t *testing.T) {
	a, err := chapterWireframe().PNG(96)
	if err != nil {
		t.Fatal(err)
	}
	b, err := chapterWireframe().View(30, -50).PNG(96)
	if err != nil {
		t.Fatal(err)
	}
	n, total, err := diffPixels(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if n*500 <= total {
		t.Errorf("a 10° turn changes only %d of %d pixels", n, total)
	}
}

func BenchmarkLinePNG(b *testing.B) {
	xs := Linspace(-2, 3, 500)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 3*math.Pow(x, 4) - 4*math.Pow(x, 3) - 12*x*x
	}
	for i := 0; i < b.N; i++ {
		if _, err := Plot(xs, ys, "x", "f(x)").Render(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWireframePNG(b *testing.B) {
	f := chapterWireframe()
	for i := 0; i < b.N; i++ {
		if _, err := f.Render(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkContourField(b *testing.B) {
	f := func(x, y float64) float64 { return x*x + 2*y*y }
	grad := func(x, y float64) (float64, float64) { return 2 * x, 4 * y }
	for i := 0; i < b.N; i++ {
		fig := New().Contour(f, -3, 3, -2, 2, 8).GradientField(grad, -3, 3, -2, 2, 13)
		if _, err := fig.Render(); err != nil {
			b.Fatal(err)
		}
	}
}
