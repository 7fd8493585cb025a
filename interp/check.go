package interp

import (
	"fmt"
	"strings"
	"time"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/front"
)

// check type-checks cell cur with go/types against the session, before
// yaegi sees it: a cell that Go rejects fails with the Go compiler's
// errors, at the cell's own lines, and runs nothing.
func (in *Interpreter) check(cur int, items []item) (*front.Result, error) {
	if len(items) == 0 {
		return nil, nil
	}
	in.front.Forget(cur)
	pieces := make([]front.Piece, len(items))
	for i, it := range items {
		pieces[i] = front.Piece{Kind: pieceKind(it.kind), Text: it.text, Line: it.line, Col: it.col}
	}
	t0 := time.Now()
	res := in.front.Check(cur, pieces, in.live(), in.imports, true)
	in.checkTime += time.Since(t0)
	if len(res.Errors) == 0 {
		reps, used := res.FmtLowering()
		refs, imports := res.PkgRefs()
		for a, p := range used {
			imports[a] = p
		}
		if in.importAliases(imports) != nil {
			// A package the front end knows but the interpreter lacks:
			// the cell runs as written, and the interpreter says so.
			delete(in.lowered, cur)
		} else {
			in.lowered.set(cur, reps, refs)
		}
		in.lastCheck = res
		return res, nil
	}
	return nil, in.checkError(res.Errors, cur)
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
	for _, es := range [][]*entry{in.sess.decls, in.sess.vars} {
		for _, e := range es {
			out = append(out, front.Live{Cell: e.cell, Piece: front.Piece{Kind: pieceKind(e.kind), Text: e.text, Line: e.line, Col: e.col}})
		}
	}
	return out
}

func pieceKind(k itemKind) front.Kind {
	switch k {
	case itemImport:
		return front.Import
	case itemDecl:
		return front.Decl
	case itemVar:
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
