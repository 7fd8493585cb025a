package notebooks

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gocalc/gocalc/interp"
	"github.com/gocalc/gocalc/notebook"
)

const chapter = "calcul-multivariable.ipynb"

// execute runs a fresh copy of the named notebook and returns it with its outputs.
func execute(t *testing.T, name string) *notebook.Notebook {
	t.Helper()
	nb, err := notebook.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	x, err := interp.New(interp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := notebook.Run(ctx, nb, x, notebook.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %d cells failed; first: %v", name, len(res.Errors), res.Errors[0])
	}
	return nb
}

// text returns a cell's stream and text/plain outputs, joined.
func text(c *notebook.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		switch o["output_type"] {
		case "stream":
			b.WriteString(joined(o["text"]))
		case "execute_result", "display_data":
			if d, ok := o["data"].(map[string]any); ok {
				b.WriteString(joined(d["text/plain"]))
				b.WriteString("\n")
			}
		case "error":
			b.WriteString(fmt.Sprintf("ERROR %v: %v\n", o["ename"], o["evalue"]))
		}
	}
	return b.String()
}

// joined turns an nbformat multiline string (a string or a list of strings) into one string.
func joined(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, "")
	case []any:
		var b strings.Builder
		for _, s := range v {
			b.WriteString(fmt.Sprint(s))
		}
		return b.String()
	}
	return ""
}

// cellWith returns the first code cell whose source contains all of the fragments.
func cellWith(t *testing.T, nb *notebook.Notebook, fragments ...string) *notebook.Cell {
	t.Helper()
next:
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		for _, f := range fragments {
			if !strings.Contains(c.Source, f) {
				continue next
			}
		}
		return c
	}
	t.Fatalf("no code cell contains %q", fragments)
	return nil
}

// pngSize decodes the cell's image/png output and returns its pixel size.
func pngSize(t *testing.T, c *notebook.Cell) (w, h int) {
	t.Helper()
	for _, o := range c.Outputs {
		d, ok := o["data"].(map[string]any)
		if !ok || d["image/png"] == nil {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(joined(d["image/png"]), "\n", ""))
		if err != nil {
			t.Fatalf("image/png is not base64: %v", err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("image/png does not decode: %v", err)
		}
		return cfg.Width, cfg.Height
	}
	t.Fatalf("cell has no image/png output:\n%s", c.Source)
	return 0, 0
}

// TestChapterValues checks the chapter's results against reference values
// computed independently (DESIGN.md): they are typed here, not taken from
// gocalc's output.
func TestChapterValues(t *testing.T) {
	nb := execute(t, chapter)

	// Linear approximation of log(e^x + e^y) near (0, log 2).
	lin := text(cellWith(t, nb, "ad.ValueAndGrad(f, x0)"))
	for _, want := range []string{"[0.333333, 0.666667]", "approximation : 1.0819456", "valeur exacte : 1.0821242"} {
		if !strings.Contains(lin, want) {
			t.Errorf("linear approximation cell: missing %q in\n%s", want, lin)
		}
	}

	// Critical points of 3x⁴ − 4x³ − 12x².
	crit := text(cellWith(t, nb, "ad.Derivative(poly, x)"))
	for _, want := range []string{"x = -1 : f(x) = -5\n", "x =  0 : f(x) = 0\n", "x =  2 : f(x) = -32\n", "minimum global sur [−2, 3] : x = 2\n"} {
		if !strings.Contains(crit, want) {
			t.Errorf("critical points cell: missing %q in\n%s", want, crit)
		}
	}

	// The chain rule by hand, forward then backward, and with ad.
	at := "en -1, 0, -2, 1 vaut"
	forward := text(cellWith(t, nb, "dudw, dvdw :="))
	backward := text(cellWith(t, nb, "dfda, dfdb :="))
	auto := text(cellWith(t, nb, "f.Backward()"))
	if !strings.Contains(forward, "f "+at+" 1024\n") || !strings.Contains(forward, "df/dw "+at+" -4096\n") {
		t.Errorf("forward chain rule cell:\n%s", forward)
	}
	for name, out := range map[string]string{"backward by hand": backward, "ad": auto} {
		if !strings.Contains(out, "f "+at+" 1024\n") {
			t.Errorf("%s: f is not 1024:\n%s", name, out)
		}
		for _, v := range []string{"w", "x", "y", "z"} {
			if want := "df/d" + v + " " + at + " -4096\n"; !strings.Contains(out, want) {
				t.Errorf("%s: missing %q in\n%s", name, want, out)
			}
		}
	}
	if backward != auto {
		t.Errorf("ad disagrees with the hand computation:\nby hand:\n%s\nad:\n%s", backward, auto)
	}

	// Hessian of x·exp(−x²−y²) at (−1, 0) is diag(2/e, 2/e).
	hess := text(cellWith(t, nb, "ad.Hessian(fh, x0h)"))
	twoOverE := fmt.Sprintf("%.6f", 2/math.E)
	if twoOverE != "0.735759" {
		t.Fatalf("2/e formats as %s", twoOverE)
	}
	for _, want := range []string{"⎡0.735759  0.000000⎤", "⎣0.000000  0.735759⎦", "∇f(−1, 0) = [-0.367879, 0.000000]"} {
		if !strings.Contains(hess, want) {
			t.Errorf("Hessian cell: missing %q in\n%s", want, hess)
		}
	}
	// The quadratic built from ad agrees with the text's formula, not the source's 2(x+1)² + 2y².
	wantQ := fmt.Sprintf("q(−0.9, 0.2) = %.6f, formule du texte : %.6f", math.Exp(-1)*(-1-0.1+0.01+0.04), math.Exp(-1)*(-1-0.1+0.01+0.04))
	if !strings.Contains(hess, wantQ) {
		t.Errorf("quadratic approximation: missing %q in\n%s", wantQ, hess)
	}

	// Matrix calculus identities checked numerically.
	mc := text(cellWith(t, nb, "NormSq()"))
	for _, label := range []string{"écart max, xᵀAx : ", "écart max, ‖X − UV‖² : "} {
		i := strings.Index(mc, label)
		if i < 0 {
			t.Errorf("matrix calculus cell: missing %q in\n%s", label, mc)
			continue
		}
		var dev float64
		if _, err := fmt.Sscanf(mc[i+len(label):], "%g", &dev); err != nil || dev > 1e-12 {
			t.Errorf("%s%v (err %v), want ≤ 1e-12", label, dev, err)
		}
	}

	// Both figures of the chapter are there, at 2x pixels for 3.5x2.5 in.
	for _, frag := range []string{"plotting.Plot(xs, ys, \"x\", \"f(x)\")", "plotting.New3D()"} {
		if w, h := pngSize(t, cellWith(t, nb, frag)); w != 672 || h != 480 {
			t.Errorf("figure of %q is %dx%d px, want 672x480", frag, w, h)
		}
	}
}

// TestCommittedOutputsAreFresh runs every notebook and compares its text
// outputs with those committed; figures must be present where they were.
func TestCommittedOutputsAreFresh(t *testing.T) {
	names, err := filepath.Glob("*.ipynb")
	if err != nil || len(names) == 0 {
		t.Fatalf("no notebooks found (%v)", err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			committed, err := notebook.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			fresh := execute(t, name)
			if len(committed.Cells) != len(fresh.Cells) {
				t.Fatalf("cell count changed: %d committed, %d fresh", len(committed.Cells), len(fresh.Cells))
			}
			for i, c := range committed.Cells {
				if c.Type != "code" {
					continue
				}
				f := fresh.Cells[i]
				if c.ExecutionCount != f.ExecutionCount {
					t.Errorf("cell %d: execution count %d committed, %d fresh", i+1, c.ExecutionCount, f.ExecutionCount)
				}
				if got, want := text(f), text(c); got != want {
					t.Errorf("cell %d: stale text output; run `gocalc run notebooks/%s` and commit.\ncommitted:\n%s\nfresh:\n%s", i+1, name, want, got)
				}
				if got, want := mimeTypes(f), mimeTypes(c); !reflect.DeepEqual(got, want) {
					t.Errorf("cell %d: output types %v committed, %v fresh", i+1, want, got)
				}
			}
		})
	}
}

// mimeTypes lists each output's type and, for rich outputs, its MIME types.
func mimeTypes(c *notebook.Cell) []string {
	var out []string
	for _, o := range c.Outputs {
		s := fmt.Sprint(o["output_type"])
		if d, ok := o["data"].(map[string]any); ok {
			for _, m := range []string{"image/png", "text/html", "text/plain"} {
				if d[m] != nil {
					s += " " + m
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// countImages counts the image/png outputs of a notebook.
func countImages(nb *notebook.Notebook) int {
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if d, ok := o["data"].(map[string]any); ok && d["image/png"] != nil {
				n++
			}
		}
	}
	return n
}
