package interp

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/front"
	"github.com/gocalc/gocalc/interp/internal/modules"
)

// check type-checks cell cur with go/types against the session, before
// yaegi sees it: a cell that Go rejects fails with the Go compiler's
// errors, at the cell's own lines, and runs nothing.
func (in *Interpreter) check(ctx context.Context, cur int, items []cells.Item) (*front.Result, error) {
	if len(items) == 0 {
		return nil, nil
	}
	in.front.Forget(cur)
	pieces := toPieces(items)
	t0 := time.Now()
	live := in.live()
	in.pruneLowered(cur, live)
	res := in.front.Check(cur, pieces, live, in.imports, true)
	in.checkTime += time.Since(t0)
	if u := res.Unsupported(); len(res.Errors) == 0 && len(u) > 0 {
		// Go accepts the cell but the interpreter would crash on it.
		e := in.checkError(u, cur)
		e.Name = ErrUnsupported
		for i, l := range e.Traceback {
			if rest, ok := strings.CutPrefix(l, ErrCompile+": "); ok {
				e.Traceback[i] = ErrUnsupported + ": " + rest
			}
		}
		return nil, e
	}
	if len(res.Errors) == 0 {
		reps, used := res.FmtLowering()
		iters, usedByIters := res.IterLowering()
		builtins, usedByBuiltins := res.RuntimeLowering()
		shifts, usedByShifts := res.ShiftLowering()
		bools, usedByBools := res.BoolLowering()
		blanks, usedByBlanks := res.BlankFieldLowering()
		consts, usedByConsts := res.ConstLowering()
		defers, usedByDefers := res.DeferLowering()
		in.dbgs.mu.Lock()
		all := in.dbgs.panics && in.dbgs.onStop != nil
		in.dbgs.mu.Unlock()
		bounds, usedByBounds := res.CheckLowering(all)
		// After the others: a variable a literal takes by its address is
		// written inside their replacements of the same expression.
		closures, usedByClosures := res.ClosureLowering()
		bounds = append(bounds, closures...)
		embeds, _ := res.EmbeddedLowering()
		defers = append(defers, embeds...)
		ranges, usedByRanges := res.RangeKinds()
		if sw := res.IfaceSwitches(); len(sw) > 0 {
			// Keyed by their switch keyword, which no range statement
			// shares.
			if ranges == nil {
				ranges = map[[2]int]string{}
			}
			for k, v := range sw {
				ranges[k] = v
			}
		}
		vars, usedByVars := res.MultiVarTypes()
		selects, usedBySelects := res.SelectTypes()
		for k, v := range selects {
			if ranges == nil {
				ranges = map[[2]int]string{}
			}
			ranges[k] = v
		}
		refs, imports := res.PkgRefs()
		// Last: the other lowerings write the copies' names too.
		monoReps, monos, usedByMonos := res.MonoLowering()
		bounds = append(front.DropShadowed(bounds, monoReps), monoReps...)
		for _, l := range []*[]front.Replacement{&reps, &iters, &builtins, &shifts, &bools, &blanks, &consts, &defers} {
			*l = front.DropShadowed(*l, monoReps)
		}
		// Generic functions of packages interpreted from source run
		// compiled where their type arguments allow (where no other
		// lowering meets their calls).
		insts, instImports, err := in.compiledInstances(ctx, res, concat(reps, iters, builtins, shifts, bools, blanks, consts, defers, bounds))
		if err != nil {
			return nil, err
		}
		for _, m := range []map[string]string{used, usedByIters, usedByRanges, usedByBuiltins, usedByShifts, usedByBools, usedByBlanks, usedByConsts, usedByVars, usedBySelects, usedByDefers, usedByBounds, usedByClosures, usedByMonos} {
			for a, p := range m {
				imports[a] = p
			}
		}
		if len(insts) > 0 {
			iters = append(iters, insts...)
			refs = outsideSpans(refs, insts)
			var srcs []string
			for _, r := range concat(reps, iters, builtins, shifts, bools, blanks, consts, defers, bounds) {
				srcs = append(srcs, r.Src)
			}
			for _, src := range ranges {
				srcs = append(srcs, src)
			}
			for a, p := range imports {
				if m := modules.Lookup(p); m != nil && m.Source && !aliasUsed(a, refs, srcs) {
					delete(imports, a) // all its uses run compiled: no need to interpret it
				}
			}
			for a, p := range instImports {
				imports[a] = p
			}
		}
		// Packages the interpreter lacks (iter, say, once its uses are
		// lowered) are not imported, and their names stay as written.
		cat := packages()
		for a, p := range imports {
			if _, ok := cat.name(p); !ok {
				delete(imports, a)
			}
		}
		kept := refs[:0]
		for _, r := range refs {
			if _, ok := imports[r.Alias]; ok {
				kept = append(kept, r)
			}
		}
		if err := in.importAliases(imports); err != nil {
			for _, p := range imports {
				if m := modules.Lookup(p); m != nil && m.Source {
					// A package interpreted from source that yaegi
					// cannot interpret: say so (importing it again
					// would only report an import cycle).
					in.dirty = true // yaegi may keep half of the package: start afresh
					v := fmt.Sprintf("this cell needs %s interpreted from source (it uses a generic type or constraint of the package, or calls a generic function with a type declared in a cell, which compiled code cannot have), and the interpreter fails on the package's code: %s", p, modules.RealPaths(err.Error()))
					return nil, &engine.Error{Name: ErrImport, Value: v, Traceback: []string{ErrImport + ": " + v}}
				}
			}
			// The interpreter failed to import a package: the cell runs
			// as written, and the interpreter says what is wrong.
			delete(in.lowered, cur)
		} else {
			in.lowered.Set(cur, concat(reps, iters, builtins, shifts, bools, blanks, consts, defers, bounds), kept, ranges, vars, monos)
		}
		in.lastCheck = res
		in.keepCheck(cur, res)
		return res, nil
	}
	return nil, in.checkError(res.Errors, cur)
}

// pruneLowered forgets the lowering of cells whose declarations the
// session no longer holds (a rebuild replays only those).
func (in *Interpreter) pruneLowered(cur int, live []front.Live) {
	keep := map[int]bool{cur: true}
	for _, l := range live {
		keep[l.Cell] = true
	}
	for n := range in.lowered {
		if !keep[n] {
			delete(in.lowered, n)
		}
	}
}

// importAliases imports packages into the interpreter under their
// aliases (alias -> path), once per interpreter.
func (in *Interpreter) importAliases(imports map[string]string) error {
	var b strings.Builder
	for a, p := range imports {
		if in.aliasGen[a] == in.gen {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("import (\n")
		}
		fmt.Fprintf(&b, "\t%s %q\n", a, p)
	}
	if b.Len() == 0 {
		return nil
	}
	b.WriteString(")\n")
	if _, err := in.y.Eval(b.String()); err != nil {
		return err
	}
	for a, p := range imports {
		in.aliasGen[a] = in.gen
		in.aliases[a] = p
	}
	return nil
}

// live lists the session's declarations for the front end.
func (in *Interpreter) live() []front.Live {
	out := make([]front.Live, 0, len(in.sess.decls)+len(in.sess.vars))
	for _, es := range [][]*cells.Entry{in.sess.decls, in.sess.vars} {
		for _, e := range es {
			out = append(out, front.Live{Cell: e.Cell, Piece: front.Piece{Kind: pieceKind(e.Kind), Text: e.Text, Line: e.Line, Col: e.Col}})
		}
	}
	return out
}

// toPieces gives a cell's items to the front end.
func toPieces(items []cells.Item) []front.Piece {
	pieces := make([]front.Piece, len(items))
	for i, it := range items {
		pieces[i] = front.Piece{Kind: pieceKind(it.Kind), Text: it.Text, Line: it.Line, Col: it.Col}
	}
	return pieces
}

// editedCell is code being edited, cut at byte offset end with its open
// brackets closed, as pieces for the front end, and the line and column
// (1-based) of byte offset at.
func editedCell(code string, end, at int) (pieces []front.Piece, line, col int) {
	line = strings.Count(code[:at], "\n") + 1
	col = at - strings.LastIndexByte(code[:at], '\n')
	return toPieces(cells.CellItems(front.Closed(code, end), lookupCell)), line, col
}

func pieceKind(k cells.ItemKind) front.Kind {
	switch k {
	case cells.ItemImport:
		return front.Import
	case cells.ItemDecl:
		return front.Decl
	case cells.ItemVar:
		return front.Var
	}
	return front.Stmt
}

// maxErrors is how many compile errors a cell shows, as the Go compiler
// stops after ten.
const maxErrors = 10

// checkError is the CompileError of a cell the type checker rejected.
func (in *Interpreter) checkError(errs []front.Error, cur int) *engine.Error {
	e := &engine.Error{Name: ErrCompile, Value: errs[0].Error()}
	for i, ce := range errs {
		if i == maxErrors {
			e.Traceback = append(e.Traceback, fmt.Sprintf("(and %d more errors)", len(errs)-maxErrors))
			break
		}
		e.Traceback = append(e.Traceback, ErrCompile+": "+ce.Error())
		if ce.Line > 0 {
			e.Traceback = append(e.Traceback, in.sourceLine(in.clamp(&pos{cur, ce.Line, ce.Col}))...)
		}
	}
	return e
}

// concat is the replacements of the front end's lowerings, together.
func concat(lists ...[]front.Replacement) []front.Replacement {
	var out []front.Replacement
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// keepCheck keeps the check of cell cur for the debugger (the types of
// its functions' locals) when the cell may declare a function, and
// forgets the checks of cells that no longer declare anything the
// session holds: only functions of live cells can have frames.
func (in *Interpreter) keepCheck(cur int, res *front.Result) {
	live := map[int]bool{}
	for _, es := range [][]*cells.Entry{in.sess.decls, in.sess.vars} {
		for _, e := range es {
			live[e.Cell] = true
		}
	}
	for c := range in.cellChecks {
		if !live[c] {
			delete(in.cellChecks, c)
		}
	}
	if strings.Contains(in.sources[cur], "func") {
		in.cellChecks[cur] = res
	}
}
