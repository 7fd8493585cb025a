package interp

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/interp/internal/cells"
)

// result is one value of a cell's last expression, as the interpreted
// formatter saw it.
type result struct {
	value    any
	text     string
	renderer display.Renderer
}

// runState is what the host learns while one step of a cell runs.
type runState struct {
	mu      sync.Mutex
	results []result
}

// rt holds the host side of the helpers that rewritten cells call.
type rt struct {
	mu        sync.Mutex
	cur       *runState
	sink      *sink
	cancel    chan struct{}     // closed when the running cell is interrupted
	stdout    *os.File          // the write end of the cells' os.Stdout
	printOut  *pipe             // where print and println write (fmt's too)
	live      counter           // goroutines that cells started and that still run
	steps     counter           // statement programs yaegi runs (see stmtBody)
	running   *runGuard         // the interrupt of the program running now
	guards    map[int]*runGuard // by id, until their step ends
	nextGuard int
	// atPanic, when set, is told of a panic(v) of a cell before it
	// happens (see panicking).
	atPanic func(v any)
	// atFault, when set, is told of a runtime error a check helper is
	// about to raise; it returns true when the debugger will stop the
	// cell before it (see checkedIndex). fault then holds the error,
	// which the interpreter's own panic that follows stands for.
	atFault func(e runtimeError) bool
	// atFaultAt is atFault for a runtime error that the cell's
	// expression at line and col raises.
	atFaultAt func(e runtimeError, line, col int) bool
	fault     atomic.Pointer[runtimeError]
}

// preempt tells the debugger of runtime error e before it is raised
// (see atFault).
func (r *rt) preempt(e runtimeError) bool {
	if f := r.atFault; f != nil && f(e) {
		r.fault.Store(&e)
		return true
	}
	return false
}

// takeFault returns the runtime error that the interpreter's panic v
// stands for after a debugger stopped before it (see checkedIndex), or
// v.
func (r *rt) takeFault(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, "reflect: ") || !strings.Contains(s, "index out of range") {
		return v
	}
	if e := r.fault.Swap(nil); e != nil {
		return *e
	}
	return v
}

// recovered is _gocalc.Recovered (see recovered), with the runtime error
// a debugger stopped before (takeFault).
func (r *rt) recovered(v any) any {
	if r.fault.Load() != nil {
		v = r.takeFault(v)
	}
	return recovered(v)
}

// panicking is _gocalc.Panicking, which a cell's panic(v) calls first
// (front.RuntimeLowering): it tells the debugger, which may stop the
// cell at the panic call, before the panic unwinds its frames.
func (r *rt) panicking(v any) any {
	if f := r.atPanic; f != nil {
		f(v)
	}
	return v
}

// counter counts things that run, and lets one wait until none does.
type counter struct {
	mu   sync.Mutex
	n    int64
	zero chan struct{} // closed when n drops to 0
}

func (c *counter) Add(d int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == 0 && d > 0 {
		c.zero = make(chan struct{})
	}
	c.n += d
	if c.n == 0 && c.zero != nil {
		close(c.zero)
		c.zero = nil
	}
}

func (c *counter) Load() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// wait waits until nothing runs, or d has passed; it reports whether
// nothing runs.
func (c *counter) wait(d time.Duration) bool {
	c.mu.Lock()
	z := c.zero
	c.mu.Unlock()
	if z == nil {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-z:
		return true
	case <-t.C:
		return false
	}
}

// stepBegin and stepEnd bracket every statement program (stmtBody runs
// them in the prelude's _gocalc_step),
// so that an interrupted cell is known to have stopped when it has:
// yaegi's ExecuteWithContext returns at once, and its goroutine goes on
// until it notices the stop at its next node, or returns from the
// compiled call it is in.
//
// stepBegin returns the step's token for stepEnd: negative when the
// cell was interrupted before the step's statements started, which then
// do not run. stepEnd keeps the goroutine of a step that the interrupt
// stopped inside its statements (see runGuard).
func (r *rt) stepBegin() int {
	r.steps.Add(1)
	r.mu.Lock()
	g := r.running
	r.mu.Unlock()
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.begun = true
	if g.asked {
		return -g.id
	}
	return g.id
}

func (r *rt) stepEnd(token int) {
	if token < 0 {
		token = -token
	}
	r.mu.Lock()
	g := r.guards[token]
	delete(r.guards, token)
	r.mu.Unlock()
	park := false
	if g != nil {
		g.mu.Lock()
		g.ended = true
		park = g.parked
		g.mu.Unlock()
	}
	r.steps.Add(-1)
	if park {
		// Never return to yaegi: ExecuteWithContext has returned on the
		// interrupt, and its goroutine would then write its results
		// beside it. One parked goroutine per interrupted step.
		select {}
	}
}

// guardRun installs the guard of a program about to run; the returned
// function removes it once ExecuteWithContext has returned.
func (r *rt) guardRun(g *runGuard) func() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nextGuard++
	g.id = r.nextGuard
	if r.guards == nil {
		r.guards = map[int]*runGuard{}
	}
	r.guards[g.id] = g
	r.running = g
	return func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.running == g {
			r.running = nil
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if !g.parked {
			// A parked step removes its guard in stepEnd; any other
			// program has finished, or never reaches its step.
			delete(r.guards, g.id)
		}
	}
}

// runGuard stops one program that yaegi runs (Interpreter.exec) without
// racing with yaegi: ExecuteWithContext returns at once when its context
// is cancelled, and its goroutine writes the program's results later,
// into the variables ExecuteWithContext has just returned from (a data
// race inside yaegi). So a statement program is stopped only while it is
// inside its step, which then never returns (stepEnd parks its
// goroutine); asked before the step began, the step does not start, and
// the program ends by itself; after it ended, nothing is stopped.
// A program without a step (declarations, a package variable's
// initializer) is stopped as yaegi stops it.
type runGuard struct {
	id     int
	mu     sync.Mutex
	stop   context.CancelFunc // cancels the context ExecuteWithContext watches
	step   bool               // the program runs its statements in a step
	asked  bool               // an interrupt was asked
	begun  bool               // the step began (stepBegin)
	ended  bool               // the step ended (stepEnd)
	parked bool               // stopped inside the step: stepEnd does not return
}

// interrupt stops the program when it can without a race (see runGuard).
func (g *runGuard) interrupt() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.asked = true
	switch {
	case !g.step:
		g.stop()
	case g.begun && !g.ended:
		g.parked = true
		g.stop()
	}
}

func (r *rt) state() *runState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cur
}

// goCall runs f(args...) in a new goroutine; a panic there is reported
// on the cell's stderr instead of killing the kernel. Untyped constant
// arguments arrive with their default type and are converted to the
// parameter's type.
func (r *rt) goCall(f any, args ...any) { r.start(f, args, false) }

// goSlice is goCall for a call ending in xs...
func (r *rt) goSlice(f any, args ...any) { r.start(f, args, true) }

func (r *rt) start(f any, args []any, spread bool) {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func {
		panic(fmt.Sprintf("go: %T is not a function", f))
	}
	ft := fv.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var pt reflect.Type
		switch {
		case ft.IsVariadic() && i >= ft.NumIn()-1 && !spread:
			pt = ft.In(ft.NumIn() - 1).Elem()
		case i < ft.NumIn():
			pt = ft.In(i)
		}
		v := reflect.ValueOf(a)
		if !v.IsValid() && pt != nil {
			v = reflect.Zero(pt)
		} else if pt != nil && v.Type() != pt && !v.Type().AssignableTo(pt) && v.Type().ConvertibleTo(pt) {
			v = v.Convert(pt)
		}
		in[i] = v
	}
	r.live.Add(1)
	go func() {
		debug.SetPanicOnFault(true)
		defer r.live.Add(-1)
		defer func() {
			if p := recover(); p != nil {
				r.goroutinePanic(p)
			}
		}()
		if spread {
			fv.CallSlice(in)
		} else {
			fv.Call(in)
		}
	}()
}

// goroutinePanic reports the panic of a goroutine a cell started (or of
// os.Exit called there) on stderr.
func (r *rt) goroutinePanic(p any) {
	if rv, ok := p.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		p = rv.Interface()
	}
	if code, ok := p.(exitCode); ok {
		r.sink.stream("stderr", fmt.Sprintf("os.Exit(%d) called in a goroutine: the goroutine stopped; gocalc keeps the kernel running\n", int(code)))
		return
	}
	r.sink.stream("stderr", fmt.Sprintf("panic in goroutine (recovered by gocalc): %v\n", p))
}

// guard wraps a function that compiled code runs in a goroutine of its
// own (time.AfterFunc, context.AfterFunc), so that its panic is reported
// instead of killing the kernel.
func (r *rt) guard(f func()) func() {
	return func() {
		defer func() {
			if p := recover(); p != nil {
				r.goroutinePanic(p)
			}
		}()
		f()
	}
}

// show records one value of the cell's last expression. A value of a
// compiled type that a display.Formatter knows (a gonum *plot.Plot) is
// shown richly too.
func (r *rt) show(v any, text string, rend display.Renderer) {
	st := r.state()
	if st == nil {
		return
	}
	if rend == nil {
		rend, _ = display.RendererFor(v)
	}
	st.mu.Lock()
	st.results = append(st.results, result{value: v, text: text, renderer: rend})
	st.mu.Unlock()
}

// sleep is time.Sleep for cells: an interrupt wakes it.
func (r *rt) sleep(d time.Duration) {
	r.mu.Lock()
	c := r.cancel
	r.mu.Unlock()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-c:
	}
}

// selectCases runs a select statement (rewriter.selectSwitch): dirs has
// one letter per clause, r for a receive, s for a send, d for the default,
// and ops two operands per clause, the channel and the value sent. It
// returns the index of the clause chosen, with the value received and
// whether it came from a send; -1 when the cell is interrupted. yaegi
// kept a select's cases in its node, shared by the goroutines running the
// same statement, which then took each other's channels.
func (r *rt) selectCases(dirs string, ops ...any) (int, any, bool) {
	if len(ops) != 2*len(dirs) {
		panic(fmt.Sprintf("select: %d operands for %d clauses", len(ops), len(dirs)))
	}
	r.mu.Lock()
	cancel := r.cancel
	r.mu.Unlock()
	cases := make([]reflect.SelectCase, len(dirs), len(dirs)+1)
	for i := range dirs {
		c := &cases[i]
		switch dirs[i] {
		case 'd':
			c.Dir = reflect.SelectDefault
			continue
		case 's':
			c.Dir = reflect.SelectSend
		default:
			c.Dir = reflect.SelectRecv
		}
		if ops[2*i] == nil {
			continue // a nil channel: never ready
		}
		c.Chan = reflect.ValueOf(ops[2*i])
		if c.Dir == reflect.SelectSend {
			elem := c.Chan.Type().Elem()
			v := reflect.ValueOf(ops[2*i+1])
			switch {
			case !v.IsValid():
				v = reflect.Zero(elem)
			case !v.Type().AssignableTo(elem) && v.Type().ConvertibleTo(elem):
				v = v.Convert(elem)
			}
			c.Send = v
		}
	}
	if cancel != nil {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(cancel)})
	}
	i, v, ok := reflect.Select(cases)
	if i == len(dirs) {
		return -1, nil, false
	}
	if cases[i].Dir != reflect.SelectRecv || !v.IsValid() {
		return i, nil, ok
	}
	return i, v.Interface(), ok
}

// clear implements the clear builtin for maps and slices.
func clearValue(v any) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map:
		rv.Clear()
	case reflect.Slice:
		z := reflect.Zero(rv.Type().Elem())
		for i := 0; i < rv.Len(); i++ {
			rv.Index(i).Set(z)
		}
	case reflect.Invalid:
	default:
		panic(fmt.Sprintf("invalid argument: clear(%v) (argument must be a map or slice, not %s)", v, rv.Type()))
	}
}

// exports returns the helpers as a yaegi symbol table.
func (r *rt) exports() map[string]map[string]reflect.Value {
	helpers := fmtExports()
	helpers["Go"] = reflect.ValueOf(r.goCall)
	helpers["Select"] = reflect.ValueOf(r.selectCases)
	helpers["GoSlice"] = reflect.ValueOf(r.goSlice)
	helpers["Show"] = reflect.ValueOf(r.show)
	helpers["Clear"] = reflect.ValueOf(clearValue)
	helpers["PanicOnFault"] = reflect.ValueOf(func() { debug.SetPanicOnFault(true) })
	helpers["StepBegin"] = reflect.ValueOf(r.stepBegin)
	helpers["StepEnd"] = reflect.ValueOf(r.stepEnd)
	r.builtinExports(helpers)
	return map[string]map[string]reflect.Value{
		cells.RuntimeName + "/" + cells.RuntimeName: helpers,
		"time/time": {
			"Sleep":     reflect.ValueOf(r.sleep),
			"AfterFunc": reflect.ValueOf(func(d time.Duration, f func()) *time.Timer { return time.AfterFunc(d, r.guard(f)) }),
		},
		"context/context": {
			"AfterFunc": reflect.ValueOf(func(ctx context.Context, f func()) func() bool { return context.AfterFunc(ctx, r.guard(f)) }),
		},
	}
}

// prelude is interpreted once in every session. The formatter runs inside
// the interpreter because only there do values of cell-declared types
// keep their String and Render methods.
//
// The prelude's type parameters have names of their own (_gocalcT, not
// T): yaegi lets a generic function's type parameter names leak, and a
// cell's own type T would then break (reflect.Type is nil).
const prelude = `package main

// _gocalc_step runs the statements of a step (stmtBody). The deferred
// call tells the runtime that the step has ended (see rt.stepBegin); it
// stays out of the statements' own function, where yaegi would return a
// cell's value of a type with a Render method empty.
func _gocalc_step(f func()) {
	run := _gocalc.StepBegin()
	defer _gocalc.StepEnd(run)
	if run >= 0 {
		f()
	}
}

func _gocalc_show(vals ...any) {
	for _, v := range vals {
		_gocalc_show1(v)
	}
}

func _gocalc_show1(v any) {
	if v == nil {
		_gocalc.Show(nil, "<nil>", nil)
		return
	}
	if r, ok := v.(display.Renderer); ok {
		_gocalc.Show(v, "", r)
		return
	}
	if s, ok := v.(fmt.Stringer); ok {
		_gocalc.Show(v, s.String(), nil)
		return
	}
	if e, ok := v.(error); ok {
		_gocalc.Show(v, e.Error(), nil)
		return
	}
	_gocalc.Show(v, fmt.Sprint(v), nil)
}

type _gocalc_ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

func _gocalc_min[_gocalcT _gocalc_ordered](a _gocalcT, b ..._gocalcT) _gocalcT {
	for _, x := range b {
		if x != x {
			return x
		}
		if x < a {
			a = x
		}
	}
	return a
}

func _gocalc_max[_gocalcT _gocalc_ordered](a _gocalcT, b ..._gocalcT) _gocalcT {
	for _, x := range b {
		if x != x {
			return x
		}
		if x > a {
			a = x
		}
	}
	return a
}

func _gocalc_less[_gocalcE _gocalc_ordered](a, b _gocalcE) bool {
	return a < b || (a != a && b == b)
}

func _gocalc_slices_Sort[_gocalcE _gocalc_ordered](x []_gocalcE) {
	sort.Slice(x, func(i, j int) bool { return _gocalc_less(x[i], x[j]) })
}

func _gocalc_slices_SortFunc[_gocalcE any](x []_gocalcE, cmp func(a, b _gocalcE) int) {
	sort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

func _gocalc_slices_SortStableFunc[_gocalcE any](x []_gocalcE, cmp func(a, b _gocalcE) int) {
	sort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

func _gocalc_slices_IsSorted[_gocalcE _gocalc_ordered](x []_gocalcE) bool {
	for i := 1; i < len(x); i++ {
		if _gocalc_less(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

func _gocalc_slices_Max[_gocalcE _gocalc_ordered](x []_gocalcE) _gocalcE {
	if len(x) == 0 {
		panic("slices.Max: empty list")
	}
	return _gocalc_max(x[0], x[1:]...)
}

func _gocalc_slices_Min[_gocalcE _gocalc_ordered](x []_gocalcE) _gocalcE {
	if len(x) == 0 {
		panic("slices.Min: empty list")
	}
	return _gocalc_min(x[0], x[1:]...)
}

func _gocalc_slices_MaxFunc[_gocalcE any](x []_gocalcE, cmp func(a, b _gocalcE) int) _gocalcE {
	if len(x) == 0 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) > 0 {
			m = v
		}
	}
	return m
}

func _gocalc_slices_MinFunc[_gocalcE any](x []_gocalcE, cmp func(a, b _gocalcE) int) _gocalcE {
	if len(x) == 0 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) < 0 {
			m = v
		}
	}
	return m
}

func _gocalc_slices_BinarySearch[_gocalcE _gocalc_ordered](x []_gocalcE, target _gocalcE) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return !_gocalc_less(x[i], target) })
	return i, i < len(x) && x[i] == target
}

// Go 1.23's iterator functions, which yaegi's standard library lacks;
// the front end lowers calls of maps.Keys and the others to these
// (front.IterFunc), and iter.Seq[_gocalcV] to the function type it is.

func _gocalc_maps_Keys[_gocalcK comparable, _gocalcV any](m map[_gocalcK]_gocalcV) func(func(_gocalcK) bool) {
	return func(yield func(_gocalcK) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func _gocalc_maps_Values[_gocalcK comparable, _gocalcV any](m map[_gocalcK]_gocalcV) func(func(_gocalcV) bool) {
	return func(yield func(_gocalcV) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func _gocalc_maps_All[_gocalcK comparable, _gocalcV any](m map[_gocalcK]_gocalcV) func(func(_gocalcK, _gocalcV) bool) {
	return func(yield func(_gocalcK, _gocalcV) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}

func _gocalc_maps_Collect[_gocalcK comparable, _gocalcV any](seq func(func(_gocalcK, _gocalcV) bool)) map[_gocalcK]_gocalcV {
	m := map[_gocalcK]_gocalcV{}
	seq(func(k _gocalcK, v _gocalcV) bool {
		m[k] = v
		return true
	})
	return m
}

func _gocalc_maps_Clone[_gocalcK comparable, _gocalcV any](m map[_gocalcK]_gocalcV) map[_gocalcK]_gocalcV {
	if m == nil {
		return nil
	}
	c := make(map[_gocalcK]_gocalcV, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func _gocalc_maps_Insert[_gocalcK comparable, _gocalcV any](m map[_gocalcK]_gocalcV, seq func(func(_gocalcK, _gocalcV) bool)) {
	seq(func(k _gocalcK, v _gocalcV) bool {
		m[k] = v
		return true
	})
}

func _gocalc_slices_All[_gocalcE any](s []_gocalcE) func(func(int, _gocalcE) bool) {
	return func(yield func(int, _gocalcE) bool) {
		for i := 0; i < len(s); i++ {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

func _gocalc_slices_Values[_gocalcE any](s []_gocalcE) func(func(_gocalcE) bool) {
	return func(yield func(_gocalcE) bool) {
		for i := 0; i < len(s); i++ {
			if !yield(s[i]) {
				return
			}
		}
	}
}

func _gocalc_slices_Backward[_gocalcE any](s []_gocalcE) func(func(int, _gocalcE) bool) {
	return func(yield func(int, _gocalcE) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

func _gocalc_slices_AppendSeq[_gocalcE any](s []_gocalcE, seq func(func(_gocalcE) bool)) []_gocalcE {
	seq(func(v _gocalcE) bool {
		s = append(s, v)
		return true
	})
	return s
}

func _gocalc_slices_Collect[_gocalcE any](seq func(func(_gocalcE) bool)) []_gocalcE {
	return _gocalc_slices_AppendSeq([]_gocalcE(nil), seq)
}

func _gocalc_slices_Sorted[_gocalcE _gocalc_ordered](seq func(func(_gocalcE) bool)) []_gocalcE {
	s := _gocalc_slices_Collect(seq)
	_gocalc_slices_Sort(s)
	return s
}

func _gocalc_slices_SortedFunc[_gocalcE any](seq func(func(_gocalcE) bool), cmp func(_gocalcE, _gocalcE) int) []_gocalcE {
	s := _gocalc_slices_Collect(seq)
	_gocalc_slices_SortFunc(s, cmp)
	return s
}

func _gocalc_slices_Chunk[_gocalcE any](s []_gocalcE, n int) func(func([]_gocalcE) bool) {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func([]_gocalcE) bool) {
		for i := 0; i < len(s); i += n {
			end := i + n
			if end > len(s) {
				end = len(s)
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}

func _gocalc_slices_Compact[_gocalcE comparable](s []_gocalcE) []_gocalcE {
	return _gocalc_slices_CompactFunc(s, func(a, b _gocalcE) bool { return a == b })
}

func _gocalc_slices_CompactFunc[_gocalcE any](s []_gocalcE, eq func(_gocalcE, _gocalcE) bool) []_gocalcE {
	if len(s) < 2 {
		return s
	}
	i := 1
	for k := 1; k < len(s); k++ {
		if !eq(s[k], s[k-1]) {
			if i != k {
				s[i] = s[k]
			}
			i++
		}
	}
	var zero _gocalcE
	for k := i; k < len(s); k++ {
		s[k] = zero
	}
	return s[:i]
}

func _gocalc_slices_Delete[_gocalcE any](s []_gocalcE, i, j int) []_gocalcE {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	n := copy(s[i:], s[j:])
	var zero _gocalcE
	for k := i + n; k < len(s); k++ {
		s[k] = zero
	}
	return s[:i+n]
}

// _gocalc_slices_Concat takes its slices as a slice, as _gocalc_cmp_Or
// does its values.
func _gocalc_slices_Concat[_gocalcE any](ss [][]_gocalcE) []_gocalcE {
	size := 0
	for _, s := range ss {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	out := make([]_gocalcE, 0, size)
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}

func _gocalc_slices_Replace[_gocalcE any](s []_gocalcE, i, j int, v ..._gocalcE) []_gocalcE {
	_ = s[i:j] // bounds check
	tail := append([]_gocalcE(nil), s[j:]...)
	out := append(append(s[:i], v...), tail...)
	var zero _gocalcE
	for k := len(out); k < len(s); k++ {
		s[k] = zero
	}
	return out
}

func _gocalc_slices_Repeat[_gocalcE any](x []_gocalcE, count int) []_gocalcE {
	if count < 0 {
		panic("cannot be negative")
	}
	out := make([]_gocalcE, 0, len(x)*count)
	for k := 0; k < count; k++ {
		out = append(out, x...)
	}
	return out
}

// _gocalc_cmp_Or takes its values as a slice: yaegi failed on a generic
// function with a variadic parameter of the type parameter's type
// ("undefined type for T"). front.IterLowering calls it through a
// variadic function literal of the call's type.
func _gocalc_cmp_Or[_gocalcT comparable](vals []_gocalcT) (zero _gocalcT) {
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}

func _gocalc_sync_OnceValue[_gocalcT any](f func() _gocalcT) func() _gocalcT {
	var once sync.Once
	var result _gocalcT
	var p any
	return func() _gocalcT {
		once.Do(func() {
			defer func() {
				p = recover()
				if p != nil {
					panic(p)
				}
			}()
			result = f()
		})
		if p != nil {
			panic(p)
		}
		return result
	}
}

func _gocalc_sync_OnceValues[_gocalcT1, _gocalcT2 any](f func() (_gocalcT1, _gocalcT2)) func() (_gocalcT1, _gocalcT2) {
	var once sync.Once
	var r1 _gocalcT1
	var r2 _gocalcT2
	var p any
	return func() (_gocalcT1, _gocalcT2) {
		once.Do(func() {
			defer func() {
				p = recover()
				if p != nil {
					panic(p)
				}
			}()
			r1, r2 = f()
		})
		if p != nil {
			panic(p)
		}
		return r1, r2
	}
}

func _gocalc_strings_Lines(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for len(s) > 0 {
			i := strings.IndexByte(s, 10)
			line := s
			if i >= 0 {
				line = s[:i+1]
			}
			s = s[len(line):]
			if !yield(line) {
				return
			}
		}
	}
}

func _gocalc_strings_SplitSeq(s, sep string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, part := range strings.Split(s, sep) {
			if !yield(part) {
				return
			}
		}
	}
}

func _gocalc_strings_FieldsSeq(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, f := range strings.Fields(s) {
			if !yield(f) {
				return
			}
		}
	}
}
`
