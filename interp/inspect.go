package interp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	yaegi "github.com/traefik/yaegi/interp"
)

var _ engine.Inspector = (*Interpreter)(nil)

// typeOf returns the type of a Go expression in the session as yaegi
// prints it, with "main." removed from cell types ("P", "*ad.Var",
// "[]float64"), or "" when the expression does not compile. The
// expression is compiled, never run: the type comes from yaegi's error
// for assigning it to a struct type that no value has. The caller holds
// in.mu.
func (in *Interpreter) typeOf(expr string) string {
	in.compiles++
	return typeIn(in.y, expr)
}

// typeIn is typeOf in a given yaegi interpreter.
func typeIn(y *yaegi.Interpreter, expr string) string {
	src := "package main\nfunc main() {\nfunc() {\nvar _ struct{ _gocalc int } = " + expr + "\n}()\n}\n"
	f, err := parser.ParseFile(y.FileSet(), cells.SrcName, src, 0)
	if err != nil {
		return ""
	}
	_, err = compileIn(y, f.Decls[0].(*ast.FuncDecl).Body)
	if err == nil {
		return ""
	}
	m := typeRe.FindStringSubmatch(err.Error())
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(m[1], "main.", "")
}

// Inspect describes the name at cursor (in code points): the declaration
// and doc comment of a package, function, type, method or field of the
// standard library and the preloaded packages; the declaration of a func
// or type declared in a cell; the type and value of a session variable.
func (in *Interpreter) Inspect(code string, cursor, detail int) (d display.Data, found bool) {
	defer func() {
		if recover() != nil {
			d, found = display.Data{}, false
		}
	}()
	off := byteOffset(code, cursor)
	chain := chainAt(code, off)
	if !in.mu.TryLock() {
		return display.Data{}, false
	}
	defer in.mu.Unlock()
	text, typed := in.describeTyped(code, off)
	if !typed {
		if chain == "" {
			return display.Data{}, false
		}
		text = in.describe(chain)
	}
	if text == "" {
		return display.Data{}, false
	}
	return display.New("text/plain", text), true
}

// chainAt returns the dotted identifier chain around off, up to the end of
// the identifier under the cursor: "strings.ToUpper" in strings.ToUp|per(.
func chainAt(code string, off int) string {
	start, end := off, off
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !isIdent(r) && r != '.' {
			break
		}
		start -= size
	}
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if !isIdent(r) {
			break
		}
		end += size
	}
	return strings.Trim(code[start:end], ".")
}

// describeTyped asks the front end what stands at byte offset off of
// code being edited: a name of a package, or the function whose call's
// parentheses hold the cursor (plotting.Plot(x, |), with its signature
// and documentation, as the type checker sees them (no cell is run). It
// reports false for names of the session, which describe shows with
// their values.
func (in *Interpreter) describeTyped(code string, off int) (string, bool) {
	end := off
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if !isIdent(r) {
			break
		}
		end += size
	}
	pieces, line, col := editedCell(code, end, off)
	found, ok := in.front.Lookup(lookupCell, pieces, in.live(), in.imports, line, col)
	if !ok || found.DocKey == "" && !found.Call {
		return "", false
	}
	if e, ok := docFor(found.DocKey); ok && found.DocKey != "" {
		return docText(e), true
	}
	return found.Decl, true
}

// lookupCell is the cell number of code being edited.
const lookupCell = 0

// describe returns the text shown for a name chain, or "".
func (in *Interpreter) describe(chain string) string {
	parts := strings.Split(chain, ".")
	// A package, or a name in a package: pkg.Func, pkg.Type.Method.
	if path, ok := in.packagePath(parts[0]); ok {
		key := strings.Join(append([]string{path}, parts[1:]...), ".")
		if e, ok := docFor(key); ok {
			return docText(e)
		}
		if len(parts) == 3 {
			// pkg.Var.Method: the method of the variable's type.
			return in.describeMember(parts[0]+"."+parts[1], parts[2])
		}
		return ""
	}
	if len(parts) == 1 {
		name := parts[0]
		var out []string
		for _, d := range in.sess.decls {
			if contains(d.Keys, name) {
				out = append(out, d.Text)
			}
		}
		if v, ok := in.globals()[name]; ok && v.IsValid() {
			out = append(out, in.describeValue(name, v))
		}
		if len(out) == 0 {
			if e, ok := docFor("builtin." + name); ok {
				return docText(e)
			}
		}
		return strings.Join(out, "\n\n")
	}
	return in.describeMember(strings.Join(parts[:len(parts)-1], "."), parts[len(parts)-1])
}

// describeMember documents the field or method name of expr's type.
func (in *Interpreter) describeMember(expr, name string) string {
	if !in.knownRoot(expr) {
		return ""
	}
	typ := strings.TrimLeft(in.typeOf(expr), "*")
	if typ == "" {
		return ""
	}
	if pkg, t, ok := strings.Cut(typ, "."); ok {
		if path, ok := in.packagePath(pkg); ok {
			if e, ok := docFor(path + "." + t + "." + name); ok {
				return docText(e)
			}
		}
		if member := in.typeOf(expr + "." + name); member != "" {
			return fmt.Sprintf("%s.%s: %s", expr, name, member)
		}
		return ""
	}
	for _, d := range in.sess.decls {
		if contains(d.Keys, typ+"."+name) {
			return d.Text
		}
	}
	if member := in.typeOf(expr + "." + name); member != "" {
		return fmt.Sprintf("%s.%s: %s", expr, name, member)
	}
	return ""
}

// describeValue shows a session variable's type and value.
func (in *Interpreter) describeValue(name string, v reflect.Value) string {
	typ := in.typeOf(name)
	if typ == "" {
		typ = v.Type().String()
	}
	val := "?"
	if v.CanInterface() {
		x := v.Interface()
		val = formatValue(x, fmt.Sprint(x))
	}
	if len(val) > 2000 {
		val = val[:2000] + " ..."
	}
	return fmt.Sprintf("%s: %s = %s", name, typ, val)
}

func docText(e docEntry) string {
	if e.Doc == "" {
		return e.Sig
	}
	return e.Sig + "\n\n" + strings.TrimRight(e.Doc, "\n")
}
