package plotting

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestProjectionMatchesMatplotlib projects the chapter's box corners and
// compares them with the pixels matplotlib 3.6 drew (dpi 200, 3.5x2.5 in,
// dist 12), read from the shared reference file when present and from a
// copy in testdata otherwise.
func TestProjectionMatchesMatplotlib(t *testing.T) {
	path := "../../shared/refs/mpl_corners.txt"
	if _, err := os.Stat(path); err != nil {
		path = "testdata/mpl_corners.txt"
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const dpi = 200
	w, h := 3.5*vg.Inch, 2.5*vg.Inch
	cam := newCamera([3][2]float64{{-2, 2}, {-2, 2}, {-1, 1}}, elevation, azimuth, 12, axesSquare(w, h))
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "(") {
			continue
		}
		var c [3]float64
		var px [2]float64
		fields := strings.Fields(strings.NewReplacer("(", " ", ")", " ", ",", " ").Replace(line))
		if len(fields) != 5 {
			t.Fatalf("bad line %q", line)
		}
		for i, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			if i < 3 {
				c[i] = v
			} else {
				px[i-3] = v
			}
		}
		p := cam.pt(c)
		// Points to pixels, origin at the top left as in the file.
		gx := float64(p.X) * dpi / 72
		gy := float64(h-p.Y) * dpi / 72
		if d := math.Hypot(gx-px[0], gy-px[1]); d > 0.5 {
			t.Errorf("corner %v at (%.1f, %.1f), matplotlib (%.1f, %.1f): %.2f px apart", c, gx, gy, px[0], px[1], d)
		}
		n++
	}
	if n != 6 {
		t.Errorf("read %d corners, want 6", n)
	}
}
