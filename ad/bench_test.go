package ad

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// The benchmark function of the issue: f(x) = Σ log(e^xᵢ + e^xᵢ₊₁).

func lsePlain(x []float64) float64 {
	var s float64
	for i := 0; i+1 < len(x); i++ {
		s += math.Log(math.Exp(x[i]) + math.Exp(x[i+1]))
	}
	return s
}

func lse[T Scalar[T]](x []T) T {
	s := x[0].Const(0)
	for i := 0; i+1 < len(x); i++ {
		s = s.Add(x[i].Exp().Add(x[i+1].Exp()).Log())
	}
	return s
}

func lseVar(x []*Var) *Var { return lse(x) }

func lseVarDirect(x []*Var) *Var { // without the generic indirection
	s := x[0].Const(0)
	for i := 0; i+1 < len(x); i++ {
		s = s.Add(x[i].Exp().Add(x[i+1].Exp()).Log())
	}
	return s
}

func benchPoint(n int) []float64 {
	r := rand.New(rand.NewPCG(13, uint64(n)))
	x := make([]float64, n)
	for i := range x {
		x[i] = r.Float64()*2 - 1
	}
	return x
}

var sink float64

// batchTime returns the per-call time of f over one batch of at least
// 5 ms.
func batchTime(f func()) float64 {
	iters := 1
	for {
		start := time.Now()
		for range iters {
			f()
		}
		if d := time.Since(start); d >= 5*time.Millisecond {
			return float64(d.Nanoseconds()) / float64(iters)
		}
		iters *= 2
	}
}

// reportRatio reports the cost of target as a multiple of the plain float64
// f on n inputs. The machine is shared, so the two are timed in alternating
// batches and the fastest batch of each is kept: a burst of load from
// elsewhere then inflates neither.
func reportRatio(b *testing.B, n int, target func()) {
	x := benchPoint(n)
	plain := func() { sink += lsePlain(x) }
	tf, tt := math.Inf(1), math.Inf(1)
	for range 5 {
		tf = math.Min(tf, batchTime(plain))
		tt = math.Min(tt, batchTime(target))
	}
	b.ReportMetric(tt/tf, "×f")
}

// measure benchmarks target and reports its cost relative to plain f.
func measure(b *testing.B, n int, target func()) {
	b.ReportAllocs()
	for b.Loop() {
		target()
	}
	reportRatio(b, n, target)
}

// BenchmarkGrad compares ways to get the gradient of f for N = 1000; the
// ×f metric is the cost in units of one plain float64 evaluation of f.
func BenchmarkGrad(b *testing.B) {
	const n = 1000
	x := benchPoint(n)
	dst := make([]float64, n)
	b.Run("f", func(b *testing.B) { measure(b, n, func() { sink += lsePlain(x) }) })
	b.Run("TapeGrad", func(b *testing.B) {
		t := NewTape()
		measure(b, n, func() { t.Grad(dst, lseVarDirect, x) })
	})
	b.Run("TapeGradGeneric", func(b *testing.B) {
		t := NewTape()
		measure(b, n, func() { t.Grad(dst, lseVar, x) })
	})
	b.Run("GradFreshTape", func(b *testing.B) { measure(b, n, func() { Grad(lseVarDirect, x) }) })
	b.Run("DualNPasses", func(b *testing.B) {
		xd := make([]Dual, n)
		measure(b, n, func() {
			for i := range xd {
				xd[i] = Dual{V: x[i]}
			}
			for i := range n {
				xd[i].D = 1
				dst[i] = lse(xd).D
				xd[i].D = 0
			}
		})
	})
	b.Run("fd.Gradient", func(b *testing.B) { measure(b, n, func() { fd.Gradient(dst, lsePlain, x, nil) }) })
	b.Run("fd.GradientCentral", func(b *testing.B) {
		measure(b, n, func() { fd.Gradient(dst, lsePlain, x, &fd.Settings{Formula: fd.Central}) })
	})
}

// BenchmarkHessian compares exact and finite-difference Hessians of f for
// n = 50.
func BenchmarkHessian(b *testing.B) {
	const n = 50
	x := benchPoint(n)
	h := mat.NewSymDense(n, nil)
	b.Run("f", func(b *testing.B) { measure(b, n, func() { sink += lsePlain(x) }) })
	b.Run("Hessian", func(b *testing.B) { measure(b, n, func() { Hessian(lseVarDirect, x) }) })
	b.Run("ProblemHess", func(b *testing.B) { // reused tape and matrix
		p := Problem(lseVarDirect)
		measure(b, n, func() { p.Hess(h, x) })
	})
	b.Run("fd.Hessian", func(b *testing.B) { measure(b, n, func() { fd.Hessian(h, lsePlain, x, nil) }) })
}

func TestGradReusedTapeDoesNotAllocate(t *testing.T) {
	x := benchPoint(1000)
	tp := NewTape()
	dst := make([]float64, len(x))
	tp.Grad(dst, lseVarDirect, x) // grow the tape once
	if a := testing.AllocsPerRun(20, func() { tp.Grad(dst, lseVarDirect, x) }); a != 0 {
		t.Errorf("(*Tape).Grad allocates %g times per call, want 0", a)
	}
	if a := testing.AllocsPerRun(20, func() { tp.Grad(dst, lseVar, x) }); a != 0 {
		t.Errorf("(*Tape).Grad of a generic f allocates %g times per call, want 0", a)
	}
	want := make([]float64, len(x)) // ∂f/∂xᵢ = σ(xᵢ-xᵢ₋₁) + σ(xᵢ-xᵢ₊₁) at the inner points
	for i := range x {
		if i > 0 {
			want[i] += 1 / (1 + math.Exp(x[i-1]-x[i]))
		}
		if i+1 < len(x) {
			want[i] += 1 / (1 + math.Exp(x[i+1]-x[i]))
		}
	}
	if i := closeVec(dst, want, 1e-14); i >= 0 {
		t.Errorf("grad[%d] = %g, want %g", i, dst[i], want[i])
	}
}
