package interp

import (
	"strconv"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// The helpers below check what front.CheckLowering and
// front.RuntimeLowering rewrote (indices of index and slice expressions,
// shift counts, the length and capacity of make), and panic with the
// runtime error compiled Go gives, index and length included (reflect's
// panics say neither).

// boundsInt is a bound as Go's runtime prints it: signed, or the bits of
// an unsigned value.
func boundsInt(v int64, unsigned bool) string {
	if unsigned {
		return strconv.FormatUint(uint64(v), 10)
	}
	return strconv.FormatInt(v, 10)
}

// inRange tells whether 0 <= v <= limit (v < limit when strict).
func inRange(v int64, unsigned bool, limit int, strict bool) bool {
	if !unsigned && v < 0 || unsigned && uint64(v) > uint64(limit) {
		return false
	}
	if strict {
		return v < int64(limit)
	}
	return v <= int64(limit)
}

// boundsPanic panics with Go's wording of a failed bounds check: format
// holds %x (and %y), and neg is the format used when x is negative.
func boundsPanic(format, neg string, x int64, xu bool, y string) {
	panic(boundsError(format, neg, x, xu, y))
}

// boundsError is the runtime error of a failed bounds check (see
// boundsPanic).
func boundsError(format, neg string, x int64, xu bool, y string) runtimeError {
	f := format
	if !xu && x < 0 {
		f = neg
	}
	msg := ""
	for i := 0; i < len(f); i++ {
		if f[i] == '%' && i+1 < len(f) {
			switch f[i+1] {
			case 'x':
				msg += boundsInt(x, xu)
				i++
				continue
			case 'y':
				msg += y
				i++
				continue
			}
		}
		msg += f[i : i+1]
	}
	return runtimeError{"runtime error: " + msg}
}

// index checks x[i] for a signed i and returns i.
func index(i int64, length int) int {
	if !inRange(i, false, length, true) {
		boundsPanic("index out of range [%x] with length %y", "index out of range [%x]", i, false, strconv.Itoa(length))
	}
	return int(i)
}

// checkedIndex is _gocalc.Index: index, except that when a debugger
// stops the cell at this panic before it happens (rt.atFault), the bad
// index is returned: the cell stops at the index expression, whose
// frame is intact, and once resumed, the index expression panics
// (with reflect's words, which the panic's report and recover replace
// by the runtime error kept in rt.fault).
func (r *rt) checkedIndex(i int64, length int) int {
	if inRange(i, false, length, true) {
		return int(i)
	}
	if r.preempt(boundsError("index out of range [%x] with length %y", "index out of range [%x]", i, false, strconv.Itoa(length))) {
		return int(i)
	}
	return index(i, length)
}

// checkedIndexU is _gocalc.IndexU, as checkedIndex.
func (r *rt) checkedIndexU(i uint64, length int) int {
	if inRange(int64(i), true, length, true) {
		return int(i)
	}
	if r.preempt(boundsError("index out of range [%x] with length %y", "", int64(i), true, strconv.Itoa(length))) {
		return -1 // a panic of reflect's too, with the index out of int's range
	}
	return indexU(i, length)
}

// divisor is _gocalc.Divisor, the divisor of an integer division in a
// cell lowered for a debugger that stops at panics: it returns d; when d
// is 0, it first tells the debugger (rt.atFault), which stops the cell
// at the division, whose frame is intact; the division then panics as
// Go's does.
func (r *rt) divisor(d int64) int64 {
	if d == 0 {
		if f := r.atFault; f != nil {
			f(runtimeError{"runtime error: integer divide by zero"})
		}
	}
	return d
}

// deref is _gocalc.Deref, which a pointer that a cell lowered for a
// debugger that stops at panics dereferences goes through
// (front.CheckLowering(all)): it returns 0, the index of the pointer in
// the lowered [1]*T{p}[...]; when the pointer is nil, it first tells the
// debugger (rt.atFault), which stops the cell at the dereference, whose
// frame is intact (line and col are the dereference's, which the stop
// reports); the dereference then fails, and the interpreter's
// panic reads as Go's runtime error (recovered, panicMessage).
func (r *rt) deref(isNil bool, line, col int) int {
	if isNil {
		if f := r.atFaultAt; f != nil {
			f(runtimeError{"runtime error: invalid memory address or nil pointer dereference"}, line, col)
		}
	}
	return 0
}

// mapWrite is _gocalc.MapWrite, as deref for the key of an element of a
// map that is assigned: when the map is nil, the debugger stops the cell
// at the assignment first, which then panics with Go's own runtime
// error (the interpreter assigns through reflect).
func (r *rt) mapWrite(isNil bool, line, col int) int {
	if isNil {
		if f := r.atFaultAt; f != nil {
			f(runtimeError{"assignment to entry in nil map"}, line, col)
		}
	}
	return 0
}

// indexU checks x[i] for an unsigned i and returns i.
func indexU(i uint64, length int) int {
	if !inRange(int64(i), true, length, true) {
		boundsPanic("index out of range [%x] with length %y", "", int64(i), true, strconv.Itoa(length))
	}
	return int(i)
}

// slice checks x[lo:hi] or x[lo:hi:max] in Go's order (the limit first,
// then each bound against the next) and returns lo, or hi with
// front.SliceRetHigh. limit is cap(x) for a slice, len(x) otherwise.
func slice(flags int, lo, hi, max int64, limit int) int {
	lu, hu, mu := flags&front.SliceLoUnsigned != 0, flags&front.SliceHiUnsigned != 0, flags&front.SliceMaxUnsigned != 0
	word := "length"
	if flags&front.SliceCapacity != 0 {
		word = "capacity"
	}
	if flags&front.SliceThree != 0 {
		switch {
		case !inRange(max, mu, limit, false):
			boundsPanic("slice bounds out of range [::%x] with "+word+" %y", "slice bounds out of range [::%x]", max, mu, strconv.Itoa(limit))
		case !inRange(hi, hu, int(max), false):
			boundsPanic("slice bounds out of range [:%x:%y]", "slice bounds out of range [:%x:]", hi, hu, boundsInt(max, mu))
		case !inRange(lo, lu, int(hi), false):
			boundsPanic("slice bounds out of range [%x:%y:]", "slice bounds out of range [%x::]", lo, lu, boundsInt(hi, hu))
		}
	} else {
		switch {
		case !inRange(hi, hu, limit, false):
			boundsPanic("slice bounds out of range [:%x] with "+word+" %y", "slice bounds out of range [:%x]", hi, hu, strconv.Itoa(limit))
		case !inRange(lo, lu, int(hi), false):
			boundsPanic("slice bounds out of range [%x:%y]", "slice bounds out of range [%x:]", lo, lu, boundsInt(hi, hu))
		}
	}
	if flags&front.SliceRetHigh != 0 {
		return int(hi)
	}
	return int(lo)
}

// maxAlloc is the largest allocation Go's runtime makes (1<<48 on 64-bit
// Linux, where the address space has 48 bits).
const maxAlloc = 1 << 48

// tooBig tells whether n elements of size bytes cannot be allocated.
func tooBig(n, size int64) bool {
	if n < 0 {
		return true
	}
	if size == 0 {
		return false
	}
	return n > maxAlloc/size
}

// makeLen checks the length of make([]T, n) (T of size bytes) and
// returns it.
func makeLen(n, size int64) int {
	if tooBig(n, size) {
		panic(runtimeError{"runtime error: makeslice: len out of range"})
	}
	return int(n)
}

// makeCap checks the length and capacity of make([]T, n, c) as Go's
// runtime does (a length that is itself bad is reported first) and
// returns c.
func makeCap(n, c, size int64) int {
	if tooBig(c, size) || n < 0 || n > c {
		if tooBig(n, size) {
			panic(runtimeError{"runtime error: makeslice: len out of range"})
		}
		panic(runtimeError{"runtime error: makeslice: cap out of range"})
	}
	return int(c)
}

// shiftCount checks a signed shift count.
func shiftCount(n int64) uint64 {
	if n < 0 {
		panic(runtimeError{"runtime error: negative shift amount"})
	}
	return uint64(n)
}

// unhashable panics as Go's runtime does on a map key of type typ, which
// is not comparable, put in an interface (front's unhashableKey).
func unhashable(_ any, typ string) any {
	panic(runtimeError{"runtime error: hash of unhashable type " + typ})
}
