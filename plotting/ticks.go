package plotting

import (
	"math"
	"strconv"
	"strings"
)

// tickSteps are matplotlib's MaxNLocator steps, extended by a decade on
// each side as its _extended_steps are.
var tickSteps = []float64{0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20}

// linearTicks returns tick positions for the view interval [lo, hi] with at
// most nbins intervals, following matplotlib's MaxNLocator (steps 1, 2,
// 2.5, 5, 10; at least two ticks inside the interval). Only ticks inside
// the interval are returned.
func linearTicks(lo, hi float64, nbins int) []float64 {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []float64{lo}
	}
	if nbins < 1 {
		nbins = 1
	}
	dv := hi - lo
	scale := math.Pow(10, math.Floor(math.Log10(dv/float64(nbins))))
	raw := dv / float64(nbins)
	istep := len(tickSteps) - 1
	for i, s := range tickSteps {
		if s*scale >= raw*(1-1e-12) {
			istep = i
			break
		}
	}
	var ticks []float64
	for i := istep; i >= 0; i-- {
		step := tickSteps[i] * scale
		best := math.Floor(lo/step) * step
		low := edgeLE(lo-best, step)
		high := edgeGE(hi-best, step)
		var ts []float64
		n := 0
		for k := low; k <= high; k++ {
			t := k*step + best
			// Snap away float noise such as 0.30000000000000004.
			p := math.Pow(10, math.Max(0, 3-math.Floor(math.Log10(step))))
			if r := math.Round(t*p) / p; !math.IsInf(t*p, 0) && !math.IsNaN(r) {
				t = r
			}
			if math.Abs(t) < step*1e-10 {
				t = 0
			}
			ts = append(ts, t)
			if t >= lo-step*1e-10 && t <= hi+step*1e-10 {
				n++
			}
		}
		ticks = ts
		if n >= 2 {
			break
		}
	}
	in := ticks[:0]
	for _, t := range ticks {
		if t >= lo-1e-10*dv && t <= hi+1e-10*dv {
			in = append(in, t)
		}
	}
	return in
}

func edgeLE(x, step float64) float64 {
	d := math.Floor(x / step)
	m := x - d*step
	if math.Abs(m/step-1) < 1e-10 {
		return d + 1
	}
	return d
}

func edgeGE(x, step float64) float64 {
	d := math.Floor(x / step)
	m := x - d*step
	if math.Abs(m/step) < 1e-10 {
		return d
	}
	return d + 1
}

// tickLabels formats linear ticks with a common number of decimals, as
// matplotlib's ScalarFormatter does, using the Unicode minus sign.
func tickLabels(ticks []float64) []string {
	maxAbs := 0.0
	for _, t := range ticks {
		maxAbs = math.Max(maxAbs, math.Abs(t))
	}
	labels := make([]string, len(ticks))
	if maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-4) {
		for i, t := range ticks {
			labels[i] = minus(strconv.FormatFloat(t, 'g', 4, 64))
		}
		return labels
	}
	decimals := 0
	for ; decimals < 10; decimals++ {
		ok := true
		for _, t := range ticks {
			r, _ := strconv.ParseFloat(strconv.FormatFloat(t, 'f', decimals, 64), 64)
			if math.Abs(r-t) > 1e-9*math.Max(maxAbs, 1e-300) {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	for i, t := range ticks {
		labels[i] = minus(strconv.FormatFloat(t, 'f', decimals, 64))
	}
	return labels
}

// minus replaces the ASCII hyphen of a negative number by U+2212, and
// drops the sign of a negative zero.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		if strings.Trim(s[1:], "0.") == "" {
			return s[1:]
		}
		return "\u2212" + s[1:]
	}
	return s
}

// logTicks returns the powers of ten in [lo, hi] (lo > 0) and their labels
// written "10^n", which drawText sets as a power; when the interval holds fewer than two decades it falls
// back to linear ticks.
func logTicks(lo, hi float64, nbins int) ([]float64, []string) {
	a, b := math.Ceil(math.Log10(lo)-1e-10), math.Floor(math.Log10(hi)+1e-10)
	if b-a < 1 {
		t := linearTicks(lo, hi, nbins)
		return t, tickLabels(t)
	}
	stride := math.Ceil((b - a + 1) / float64(nbins+1))
	var ticks []float64
	var labels []string
	for e := a; e <= b; e += stride {
		ticks = append(ticks, math.Pow(10, e))
		labels = append(labels, "10^"+minus(strconv.Itoa(int(e))))
	}
	return ticks, labels
}
