package interp

import (
	"errors"
	"fmt"
	"go/token"
	"reflect"
	"sort"
	"strings"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	yaegi "github.com/traefik/yaegi/interp"
)

// StackTrace lists the frames of stopped goroutine g, innermost first,
// at the lines of their cells (see engine.Debugger).
func (in *Interpreter) StackTrace(g int) ([]engine.Frame, error) {
	d := &in.dbgs
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pstop != nil && g == mainThread {
		return d.pstop.frames, nil
	}
	run, e, err := d.stoppedRun(g)
	if err != nil {
		return nil, err
	}
	if run.frames == nil {
		run.frames = map[int]*yaegi.DebugFrame{}
	}
	var out []engine.Frame
	for _, f := range e.Frames(0, e.FrameDepth()) {
		p := f.Position()
		cell, line := cells.DecodeLine(p.Line)
		if !p.IsValid() || cell == 0 {
			continue
		}
		id := len(run.frames) + 1
		for old, of := range run.frames {
			if of == f {
				id = old
			}
		}
		run.frames[id] = f
		name := f.Name()
		switch name {
		case "<init>":
			name = "cell"
		case "<anonymous>":
			name = "func literal"
		}
		out = append(out, engine.Frame{ID: id, Name: name, Code: in.sources[cell], Line: line, Column: p.Column})
	}
	if at := run.faultAt; at[0] > 0 && len(out) > 0 && g == mainThread {
		out[0].Line, out[0].Column = at[0], at[1]
	}
	if n := len(out); n > 0 && g == mainThread && d.varStep == nil && out[n-1].Name == "func literal" {
		out[n-1].Name = "cell" // the function literal a cell's statements run in
	}
	if at := d.varStep; at != nil && (len(out) == 0 || out[len(out)-1].Name != "cell") {
		// A top-level x := f() runs as a package variable's
		// initialization, which yaegi shows no frame for: the cell's
		// line is a frame of its own, with no locals.
		id := len(run.frames) + 1
		for old, of := range run.frames {
			if of == nil {
				id = old
			}
		}
		run.frames[id] = nil
		out = append(out, engine.Frame{ID: id, Name: "cell", Code: in.sources[at.cell], Line: at.line, Column: at.col})
	}
	return out, nil
}

// FrameVariables lists the variables of a frame StackTrace handed out,
// or with frame 0 the session's, or the parts of one (see
// engine.Debugger).
func (in *Interpreter) FrameVariables(frame int, path []string) (vars []engine.Variable, err error) {
	d := &in.dbgs
	d.mu.Lock()
	defer d.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			vars, err = nil, fmt.Errorf("cannot list the variables: %v", p)
		}
	}()
	if d.pstop != nil && frame != 0 && len(path) > 0 {
		return nil, errPanicFrame
	}
	top, err := in.frameShown(frame)
	if err != nil {
		return nil, err
	}
	return listShown(top, path)
}

// frameShown returns the variables of a stopped frame, sorted by name;
// frame 0 is the session's. It is called with d.mu held.
func (in *Interpreter) frameShown(frame int) ([]shown, error) {
	d := &in.dbgs
	if d.pstop != nil && frame != 0 {
		if frame < 1 || frame > len(d.pstop.frames) {
			return nil, fmt.Errorf("no frame %d (the cell went on)", frame)
		}
		return []shown{}, nil
	}
	if d.pstop == nil && (d.run == nil || len(d.run.stops) == 0) {
		return nil, errors.New("no cell is stopped")
	}
	if frame == 0 {
		// The cell's goroutine is stopped inside Execute: the session is
		// as it left it.
		g, err := stoppedGlobals(in)
		if err != nil {
			return nil, err
		}
		return in.sessionVars(g), nil
	}
	f, ok := d.run.frames[frame]
	if !ok {
		return nil, fmt.Errorf("no frame %d (the cell went on)", frame)
	}
	if f == nil {
		return []shown{}, nil // a top-level definition's line
	}
	// The front end knows the types of the locals of each live cell's
	// code (the check of the cell that declared the function).
	p := f.Position()
	cell, line := cells.DecodeLine(p.Line)
	check := in.cellChecks[cell]
	if check == nil {
		check = in.lastCheck
	}
	top := []shown{}
	seen := map[string]bool{}
	for _, sc := range f.Scopes() {
		for _, v := range sc.Variables() {
			if seen[v.Name] || v.Name == "_" || strings.HasPrefix(v.Name, "_gocalc") || !token.IsIdentifier(v.Name) {
				continue
			}
			seen[v.Name] = true
			n := shown{name: v.Name, v: v.Value}
			if t := check.LocalType(cell, line, p.Column, v.Name); t != nil && typeFits(t, v.Value) {
				n.t = t
			}
			top = append(top, n)
		}
	}
	sort.Slice(top, func(i, j int) bool { return top[i].name < top[j].name })
	return top, nil
}

// stoppedGlobals reads the session's globals while a cell is stopped
// (without the fallback of globals, which would run a program).
func stoppedGlobals(in *Interpreter) (g map[string]reflect.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			g, err = nil, fmt.Errorf("cannot read the session's variables: %v", p)
		}
	}()
	return in.y.Globals(), nil
}

// inVarStep records that the var step starting at first runs (nil: no
// var step runs), for the frame StackTrace shows for it.
func (in *Interpreter) inVarStep(first token.Pos) {
	var at *pos
	if first.IsValid() {
		p := in.y.FileSet().Position(first)
		cell, line := cells.DecodeLine(p.Line)
		at = &pos{cell, line, p.Column}
	}
	in.dbgs.mu.Lock()
	in.dbgs.varStep = at
	in.dbgs.mu.Unlock()
}
