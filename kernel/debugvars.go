package kernel

import (
	"errors"
	"fmt"
	"go/token"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/kernel/internal/dap"
)

// varRef is what a variablesReference lists: a value of the session
// (frame 0) or of a stopped frame, by its path.
type varRef struct {
	frame int
	path  []string
}

// newRef hands out a variablesReference for r.
func (d *debugger) newRef(r varRef) int {
	id := 1
	for k := range d.refs {
		id = max(id, k+1)
	}
	d.refs[id] = r
	return id
}

// inspector is the interpreter's ability to list variables.
func (d *debugger) inspector() (engine.VariableInspector, error) {
	vi, ok := d.exec.(engine.VariableInspector)
	if !ok {
		return nil, errors.New("this interpreter cannot list its variables")
	}
	return vi, nil
}

// list lists the value ref names as panel rows, handing out a reference
// for each row that has parts.
func (d *debugger) list(ref varRef) ([]dap.Variable, error) {
	var vars []engine.Variable
	var err error
	if ref.frame == 0 {
		vi, ierr := d.inspector()
		if ierr != nil {
			return nil, ierr
		}
		vars, err = vi.Variables(ref.path)
	} else {
		dbg, derr := d.stepper()
		if derr != nil {
			return nil, derr
		}
		frame := ref.frame
		if frame == globalsFrame {
			frame = 0
		}
		vars, err = dbg.FrameVariables(frame, ref.path)
	}
	if err != nil {
		return nil, err
	}
	out := make([]dap.Variable, 0, len(vars))
	for _, v := range vars {
		row := dap.Variable{Name: v.Name, Value: v.Value, Type: v.Type}
		if len(ref.path) == 0 && token.IsIdentifier(v.Name) {
			row.EvaluateName = v.Name
		}
		if v.Parts > 0 {
			row.VariablesReference = d.newRef(varRef{frame: ref.frame, path: append(append([]string(nil), ref.path...), v.Name)})
		}
		out = append(out, row)
	}
	return out, nil
}

// inspectVariables lists the session's variables, with no cell stopped.
// JupyterLab asks for them with every message of a running cell: while
// the cell runs, the listing it had before is answered again.
func (d *debugger) inspectVariables(dap.Request) (any, error) {
	if _, err := d.inspector(); err != nil {
		return nil, err
	}
	old := d.refs
	d.refs = map[int]varRef{}
	for ref, r := range old {
		if r.frame != 0 {
			d.refs[ref] = r // a stopped frame's
		}
	}
	vars, err := d.list(varRef{})
	if errors.Is(err, engine.ErrBusy) {
		d.refs = old
		vars, err = d.lastVars, nil
	}
	if err != nil {
		return nil, err
	}
	if vars == nil {
		vars = []dap.Variable{}
	}
	d.lastVars = vars
	return map[string]any{"variables": vars}, nil
}

// variables lists the parts of a variable that inspectVariables (or an
// earlier variables request) handed out a reference for.
func (d *debugger) variables(req dap.Request) (any, error) {
	var args struct {
		Ref int `json:"variablesReference"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	ref, ok := d.refs[args.Ref]
	if !ok {
		return nil, fmt.Errorf("no variable has reference %d (the panel is out of date)", args.Ref)
	}
	vars, err := d.list(ref)
	if err != nil {
		return nil, err
	}
	return map[string]any{"variables": vars}, nil
}

// richInspectVariables answers a session variable's value as a bundle
// (text/plain for now). Names that are not variables ("special
// variables" rows of other kernels) answer an empty bundle.
func (d *debugger) richInspectVariables(req dap.Request) (any, error) {
	var args struct {
		Name  string `json:"variableName"`
		Frame int    `json:"frameId"`
	}
	if err := req.Args(&args); err != nil {
		return nil, err
	}
	empty := map[string]any{"data": map[string]any{}, "metadata": map[string]any{}}
	if !token.IsIdentifier(args.Name) {
		return empty, nil
	}
	var lists []func() ([]engine.Variable, error)
	if dbg, ok := d.exec.(engine.Debugger); ok && len(d.stoppedThreads()) > 0 {
		// A cell is stopped: the frame's locals, then the session's.
		if args.Frame > 0 {
			lists = append(lists, func() ([]engine.Variable, error) { return dbg.FrameVariables(args.Frame, nil) })
		}
		lists = append(lists, func() ([]engine.Variable, error) { return dbg.FrameVariables(0, nil) })
	} else {
		vi, err := d.inspector()
		if err != nil {
			return nil, err
		}
		lists = append(lists, func() ([]engine.Variable, error) { return vi.Variables(nil) })
	}
	for _, list := range lists {
		vars, err := list()
		if err != nil {
			return nil, err
		}
		for _, v := range vars {
			if v.Name == args.Name {
				return map[string]any{"data": map[string]any{"text/plain": v.Value}, "metadata": map[string]any{}}, nil
			}
		}
	}
	return nil, fmt.Errorf("no variable %s in the session", args.Name)
}
