package interp

import (
	"reflect"

	yaegi "github.com/traefik/yaegi/interp"
)

// walkable tells whether yaegi's walk over the nodes of p ends. yaegi's
// debugger walks a program's node tree, recursively and without a guard,
// when it starts the program (Interpreter.Debug) and when it marks
// breakpoints (Debugger.SetBreakpoints); the tree of a program that
// instantiates a recursive generic function (func Fact[T Number](n T) T
// { ... Fact(n-1) ... }) holds a cycle, and the walk overflowed the stack,
// which ends the process (a fatal error, not a panic). Such a program runs
// without the debugger.
//
// yaegi has no public view of a program's nodes: walkable follows the
// unexported fields Program.root and node.child through reflection, read
// only (no unsafe). When yaegi's layout is not the one known, it answers
// false: the program runs without the debugger rather than risk the
// process (TestDebugWalkableLayout fails then, loudly).
func walkable(p *yaegi.Program) bool {
	if p == nil {
		return false
	}
	root := reflect.ValueOf(p).Elem().FieldByName("root")
	if !root.IsValid() || root.Kind() != reflect.Pointer || root.IsNil() {
		return false
	}
	childField, ok := root.Type().Elem().FieldByName("child")
	if !ok || childField.Type.Kind() != reflect.Slice || childField.Type.Elem() != root.Type() {
		return false
	}
	const (
		open = 1 // on the path from the root
		done = 2
	)
	state := map[uintptr]uint8{}
	type item struct {
		node reflect.Value
		next int // the next child to visit
	}
	stack := []item{{node: root}}
	state[root.Pointer()] = open
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		children := top.node.Elem().FieldByIndex(childField.Index)
		if top.next >= children.Len() {
			state[top.node.Pointer()] = done
			stack = stack[:len(stack)-1]
			continue
		}
		c := children.Index(top.next)
		top.next++
		if c.IsNil() {
			continue
		}
		switch state[c.Pointer()] {
		case open:
			return false // a cycle: the walk would not end
		case done:
			continue // shared, already seen to end
		}
		state[c.Pointer()] = open
		stack = append(stack, item{node: c})
	}
	return true
}

// debuggable tells whether p can run under yaegi's debugger (walkable),
// remembering the answer for the programs of the session.
func (d *debugState) debuggable(p *yaegi.Program) bool {
	if ok, seen := d.walks[p]; seen {
		return ok
	}
	if d.walks == nil {
		d.walks = map[*yaegi.Program]bool{}
	}
	ok := walkable(p)
	d.walks[p] = ok
	return ok
}

// debuggableLocked is debuggable, taking d.mu.
func (d *debugState) debuggableLocked(p *yaegi.Program) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.debuggable(p)
}

// setPlain records that a program of cell cur starts, and why it runs
// without the debugger ("": it runs with it).
func (d *debugState) setPlain(cur int, why string) {
	d.mu.Lock()
	d.cell, d.plain = cur, why
	d.mu.Unlock()
}

// startCell records that cell cur starts: it runs under the debugger
// when a debug session attached now asks for it (see debugCells).
func (d *debugState) startCell(cur int) {
	d.mu.Lock()
	d.cell, d.plain, d.pauseCell = cur, "", 0
	if !d.wantsDebuggerLocked(cur) {
		d.plain = d.plainReasonLocked()
	}
	d.mu.Unlock()
}

// Why a running cell cannot pause.
const (
	errNotAttached = "the running cell started before the debugger was attached, so it runs without it and cannot pause " +
		"(cells run under the debugger, and can pause, while a debug session is attached); interrupt the kernel to stop it, then run it again"
	errFullSpeed = "the running cell runs at full speed, without the debugger, since no breakpoint is set and panics are not stopped at " +
		"(yaegi's debugger slows a cell down about 300 times), so it cannot pause; set a breakpoint or stop at panics before running a cell " +
		"you want to pause, or interrupt the kernel to stop this one"
	errNotWalkable = "this part of the running cell runs without the debugger, so it cannot pause: it instantiates a recursive " +
		"generic function, whose code yaegi's debugger cannot walk (gocalc's interpreter would crash); interrupt the kernel to stop it"
)
