package front

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// ConstLowering lists the replacements that write numeric constant
// expressions as the values Go computes for them, converted to their
// type: 1 << 63 assigned to a uint64 is uint64(9223372036854775808),
// -zero (a float constant 0) is float64(0), the case 1e19 of a switch on
// a uint64 is uint64(10000000000000000000). Go computes constants
// exactly; yaegi computed some of them in int64 or float64 (overflowing,
// or giving -0).
//
// A constant conversion to a string type is written as the string. A
// constant that a select case sends is converted to the channel's element
// type.
//
// Left as they are: literals whose kind fits their type, names,
// untyped float and complex constants (they have no exact literal),
// array lengths, the operands and constant counts of non-constant shifts
// (front.ShiftLowering),
// and the constant declarations that use iota or repeat an earlier line
// implicitly.
func (r *Result) ConstLowering() ([]Replacement, map[string]string) {
	if r == nil || r.Info == nil || r.file == nil {
		return nil, nil
	}
	l := &lowerer{res: r, pkg: r.Pkg, imports: map[string]string{}}
	var out []Replacement
	skip := map[ast.Expr]bool{}
	ast.Inspect(r.file, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok {
			if skip[e] {
				return false
			}
			if rep, ok := l.constant(e); ok {
				out = append(out, rep)
				return false
			}
		}
		switch n := n.(type) {
		case *ast.GenDecl:
			if n.Tok == token.CONST && implicitConst(n) {
				return false
			}
		case *ast.ArrayType:
			if n.Len != nil {
				// An array length is written as an integer literal
				// ([1e1]int is [10]int).
				skip[n.Len] = true
				if rep, ok := l.arrayLen(n.Len); ok {
					out = append(out, rep)
				}
			}
		case *ast.BinaryExpr:
			if n.Op == token.SHL || n.Op == token.SHR {
				if tv, ok := r.Info.Types[n]; ok && tv.Value == nil {
					// A count that is not constant has its constants
					// lowered: yaegi gave the shifted value's type to
					// the constants of a count (uint16(3) & 1), in
					// a3 *= a4 << (uint16(3) & 1 & (uint16(1) << n)).
					skip[n.X] = true
					skip[n.Y] = r.Info.Types[n.Y].Value != nil
				}
			}
		case *ast.AssignStmt:
			if (n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN) && len(n.Rhs) == 1 {
				skip[n.Rhs[0]] = r.Info.Types[n.Rhs[0]].Value != nil
			}
		case *ast.CommClause:
			if send, ok := n.Comm.(*ast.SendStmt); ok {
				if rep, ok := l.sendConst(send); ok {
					out = append(out, rep)
				}
			}
		case *ast.FuncType, *ast.InterfaceType, *ast.MapType, *ast.ChanType, *ast.StructType:
			return false
		}
		return true
	})
	return out, l.imports
}

// sendConst converts the constant a select case sends to the channel's
// element type (case c <- 123, c a chan int32, is case c <- int32(123)):
// yaegi sent an int, and reflect.Select failed.
func (l *lowerer) sendConst(send *ast.SendStmt) (Replacement, bool) {
	tv, ok := l.res.Info.Types[send.Value]
	if !ok || tv.Value == nil || tv.Type == nil {
		return Replacement{}, false
	}
	if _, isConv := ast.Unparen(send.Value).(*ast.CallExpr); isConv {
		return Replacement{}, false
	}
	ch, ok := l.res.Info.Types[send.Chan].Type.Underlying().(*types.Chan)
	if !ok || hasTypeParam(ch.Elem()) || !l.expressible(ch.Elem()) || types.IsInterface(ch.Elem()) {
		return Replacement{}, false
	}
	if _, basic := ch.Elem().Underlying().(*types.Basic); !basic {
		return Replacement{}, false
	}
	return l.span(send.Value, l.localType(ch.Elem())+"("+ArgName+")"), true
}

// implicitConst tells whether a const declaration uses iota or repeats a
// line implicitly.
func implicitConst(d *ast.GenDecl) bool {
	iota := false
	for _, s := range d.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok || len(vs.Values) == 0 {
			return true
		}
		for _, v := range vs.Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Name == "iota" {
					iota = true
				}
				return !iota
			})
		}
	}
	return iota
}

// constant is the replacement of a numeric constant expression by its
// value.
func (l *lowerer) constant(e ast.Expr) (Replacement, bool) {
	tv, ok := l.res.Info.Types[e]
	if !ok || tv.Value == nil || tv.Type == nil || !tv.IsValue() {
		return Replacement{}, false
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok {
		return Replacement{}, false
	}
	if b.Info()&types.IsBoolean != 0 {
		return l.boolConstant(e, tv)
	}
	if b.Info()&types.IsString != 0 {
		return l.stringConversion(e, tv)
	}
	if b.Info()&types.IsNumeric == 0 {
		return Replacement{}, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if !l.convertedConst(x, tv) {
			return Replacement{}, false
		}
	case *ast.BasicLit:
		if x.Kind == token.INT || b.Info()&types.IsInteger == 0 {
			return Replacement{}, false
		}
	case *ast.CallExpr:
		// (A conversion: real(1) and imag(1), builtins' calls yaegi
		// failed on, are written as their values.)
		if fun, ok := l.res.Info.Types[x.Fun]; ok && fun.IsType() && len(x.Args) == 1 {
			if a, isLit := ast.Unparen(x.Args[0]).(*ast.BasicLit); isLit && (a.Kind == token.INT || b.Info()&types.IsInteger == 0) {
				return Replacement{}, false // T(3), T(1.5) already
			}
		}
	}
	untyped := b.Info()&types.IsUntyped != 0
	if hasTypeParam(tv.Type) || !untyped && !l.expressible(tv.Type) {
		return Replacement{}, false
	}
	v := tv.Value
	var lit string
	switch {
	case b.Info()&types.IsInteger != 0:
		v = constant.ToInt(v)
		if v.Kind() != constant.Int {
			return Replacement{}, false
		}
		lit = v.ExactString()
	case untyped:
		// An untyped float that a float64 holds exactly, from real or
		// imag, keeps its kind: 0.0.
		if _, isCall := ast.Unparen(e).(*ast.CallExpr); !isCall || b.Info()&types.IsFloat == 0 {
			return Replacement{}, false
		}
		f, exact := constant.Float64Val(constant.ToFloat(v))
		if !exact {
			return Replacement{}, false
		}
		lit = strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(lit, ".eEnI") {
			lit += ".0"
		}
	case b.Info()&types.IsFloat != 0:
		lit = floatLit(v, b.Kind() == types.Float32)
	case b.Info()&types.IsComplex != 0:
		c64 := b.Kind() == types.Complex64
		lit = "complex(" + floatLit(constant.Real(v), c64) + ", " + floatLit(constant.Imag(v), c64) + ")"
	default:
		return Replacement{}, false
	}
	if untyped {
		return l.span(e, lit), true
	}
	return l.span(e, l.localType(tv.Type)+"("+lit+")"), true
}

// floatLit writes a float constant as the nearest float64 (or float32).
func floatLit(v constant.Value, f32 bool) string {
	v = constant.ToFloat(v)
	if f32 {
		f, _ := constant.Float32Val(v)
		return strconv.FormatFloat(float64(f), 'g', -1, 32)
	}
	f, _ := constant.Float64Val(v)
	if f == 0 {
		return "0" // Go's constants have no negative zero
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// boolConstant writes a constant comparison (chuge > chuge_1) as true or
// false: yaegi computed it at run time, in int64.
func (l *lowerer) boolConstant(e ast.Expr, tv types.TypeAndValue) (Replacement, bool) {
	switch ast.Unparen(e).(type) {
	case *ast.BinaryExpr, *ast.UnaryExpr:
	default:
		return Replacement{}, false
	}
	lit := strconv.FormatBool(constant.BoolVal(tv.Value))
	if b, ok := tv.Type.(*types.Basic); ok && (b.Kind() == types.Bool || b.Kind() == types.UntypedBool) {
		return l.span(e, lit), true
	}
	if hasTypeParam(tv.Type) || !l.expressible(tv.Type) {
		return Replacement{}, false
	}
	return l.span(e, l.localType(tv.Type)+"("+lit+")"), true
}

// convertedConst tells whether a named untyped constant is used as a
// value of another kind (an integer constant as a float64) or is too
// large for an int64: yaegi converted such constants through int64.
func (l *lowerer) convertedConst(x ast.Expr, tv types.TypeAndValue) bool {
	id := calleeIdent(x)
	if id == nil {
		return false
	}
	c, ok := l.res.Info.Uses[id].(*types.Const)
	if !ok {
		return false
	}
	declared, ok := c.Type().(*types.Basic)
	if !ok || declared.Info()&types.IsUntyped == 0 {
		return false
	}
	used := tv.Type.Underlying().(*types.Basic)
	if used.Info()&types.IsUntyped != 0 {
		return false
	}
	if declared.Info()&types.IsInteger != 0 && used.Info()&types.IsInteger == 0 {
		return true
	}
	if v := constant.ToInt(c.Val()); v.Kind() == constant.Int {
		_, exact := constant.Int64Val(v)
		return !exact
	}
	return false
}

// arrayLen writes a constant array length that is not an integer literal
// as one.
func (l *lowerer) arrayLen(e ast.Expr) (Replacement, bool) {
	tv, ok := l.res.Info.Types[e]
	if !ok || tv.Value == nil {
		return Replacement{}, false
	}
	if lit, isLit := ast.Unparen(e).(*ast.BasicLit); isLit && lit.Kind == token.INT {
		return Replacement{}, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return Replacement{}, false
	}
	return l.span(e, v.ExactString()), true
}

// stringConversion writes a constant conversion to a string type
// (string(1<<100), string(rune(65))) as the string it gives: yaegi
// converted the integer through an int.
func (l *lowerer) stringConversion(e ast.Expr, tv types.TypeAndValue) (Replacement, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || tv.Value.Kind() != constant.String {
		return Replacement{}, false
	}
	if ft, ok := l.res.Info.Types[call.Fun]; !ok || !ft.IsType() {
		return Replacement{}, false
	}
	lit := strconv.Quote(constant.StringVal(tv.Value))
	if b, ok := tv.Type.(*types.Basic); ok && (b.Kind() == types.String || b.Kind() == types.UntypedString) {
		return l.span(e, lit), true
	}
	if hasTypeParam(tv.Type) || !l.expressible(tv.Type) {
		return Replacement{}, false
	}
	return l.span(e, l.localType(tv.Type)+"("+lit+")"), true
}
