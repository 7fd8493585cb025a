package interp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/front"
	"github.com/gocalc/gocalc/interp/internal/modules"
	"github.com/gocalc/gocalc/interp/symbols"
)

var _ engine.Completer = (*Interpreter)(nil)

var keywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
	"struct", "switch", "type", "var"}

var builtinFuncs = []string{"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
	"min", "new", "panic", "print", "println", "real", "recover"}

var builtinTypes = []string{"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
	"int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr"}

var builtinConsts = []string{"false", "iota", "nil", "true"}

// cand is a completion candidate and its kind, in the words JupyterLab's
// completer shows (function, class, module, instance, keyword).
type cand struct{ name, kind string }

func cands(kind string, names ...string) []cand {
	out := make([]cand, len(names))
	for i, n := range names {
		out[i] = cand{n, kind}
	}
	return out
}

// sourcePackages are the generic packages yaegi compiles from source, with
// the functions cells can call.
var sourcePackages = map[string][]string{
	"slices": {"BinarySearch", "Clip", "Clone", "Compact", "CompactFunc", "Compare", "CompareFunc", "Concat", "Contains",
		"ContainsFunc", "Delete", "DeleteFunc", "Equal", "EqualFunc", "Grow", "Index", "IndexFunc", "Insert", "IsSorted",
		"Max", "MaxFunc", "Min", "MinFunc", "Replace", "Reverse", "Sort", "SortFunc", "SortStableFunc"},
	"maps": {"Clone", "Copy", "DeleteFunc", "Equal", "EqualFunc"},
	"cmp":  {"Compare", "Less", "Ordered"},
}

// Complete returns the completions at cursor (in code points): members of
// a package (strings.ToUp), fields and methods of a value's type
// (fig.Li), and otherwise keywords, builtins, packages and the session's
// names. Replacing code from Start to End with a match gives valid code.
func (in *Interpreter) Complete(code string, cursor int) (c engine.Completion) {
	c = engine.Completion{Start: cursor, End: cursor, Matches: []string{}}
	defer func() {
		if recover() != nil {
			c = engine.Completion{Start: cursor, End: cursor, Matches: []string{}}
		}
	}()
	off := byteOffset(code, cursor)
	start := off
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !isIdent(r) {
			break
		}
		start -= size
	}
	prefix := code[start:off]
	c.Start = cursor - utf8.RuneCountInString(prefix)
	var all []cand
	sigs := map[string]string{}
	if start > 0 && code[start-1] == '.' {
		if ms, ok := in.typedMembers(code, start-1); ok {
			for _, m := range ms {
				all = append(all, cand{m.Name, m.Kind})
				sigs[m.Name] = m.Signature
			}
		} else {
			all = in.members(selectorBefore(code, start-1))
		}
	} else {
		all = in.names()
		in.sessionSignatures(sigs)
	}
	kinds := map[string]string{}
	for _, m := range all {
		if _, seen := kinds[m.name]; !seen && strings.HasPrefix(m.name, prefix) && !cells.Reserved(m.name) {
			kinds[m.name] = m.kind
			c.Matches = append(c.Matches, m.name)
		}
	}
	sort.Strings(c.Matches)
	types := make([]map[string]any, len(c.Matches))
	for i, m := range c.Matches {
		types[i] = map[string]any{"start": c.Start, "end": c.End, "text": m, "type": kinds[m]}
		if sig := sigs[m]; sig != "" {
			types[i]["signature"] = sig
		}
	}
	c.Metadata = map[string]any{"_jupyter_types_experimental": types}
	return c
}

// sessionSignatures gives the session's own names (and the builtins) their
// declarations as the type checker last saw them.
func (in *Interpreter) sessionSignatures(sigs map[string]string) {
	if !in.mu.TryLock() {
		return
	}
	defer in.mu.Unlock()
	if in.lastCheck == nil || in.lastCheck.Pkg == nil {
		return
	}
	qual := func(p *types.Package) string {
		if front.IsSession(p) {
			return ""
		}
		return p.Name()
	}
	scope := in.lastCheck.Pkg.Scope()
	for _, name := range scope.Names() {
		if !cells.Reserved(name) {
			sigs[name] = types.ObjectString(scope.Lookup(name), qual)
		}
	}
}

// typedMembers asks the front end what may follow the expression that
// ends at byte offset dot (a dot) of code being edited, with signatures;
// the cell is type-checked, never run.
func (in *Interpreter) typedMembers(code string, dot int) ([]front.Member, bool) {
	if !in.mu.TryLock() {
		return nil, false
	}
	defer in.mu.Unlock()
	pieces, line, col := editedCell(code, dot, dot)
	ms, ok := in.front.Members(lookupCell, pieces, in.live(), in.imports, line, col)
	return ms, ok && len(ms) > 0
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// byteOffset converts a cursor in code points to a byte offset.
func byteOffset(s string, cursor int) int {
	if cursor <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == cursor {
			return i
		}
		n++
	}
	return len(s)
}

// selectorBefore returns the expression that ends at dot: a chain of
// identifiers, selectors, calls and index expressions (fig, m.T(),
// plotting.New().XLabel("x")), or "" when it is something else.
func selectorBefore(code string, dot int) string {
	i := dot
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:i])
		switch {
		case isIdent(r) || r == '.':
			i -= size
		case r == ')' || r == ']':
			open := matchingOpen(code, i-size)
			if open < 0 {
				return ""
			}
			i = open
		default:
			return strings.Trim(code[i:dot], ".")
		}
	}
	return strings.Trim(code[i:dot], ".")
}

// matchingOpen returns the index of the bracket that the one at close
// closes, or -1. Brackets inside string literals are not told apart; a
// mismatch only loses the completion.
func matchingOpen(code string, close int) int {
	depth := 0
	for j := close; j >= 0; j-- {
		switch code[j] {
		case ')', ']':
			depth++
		case '(', '[':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// knownRoot tells whether an expression starts with a name the session
// or its packages define: only such expressions are compiled to learn
// their type, since compiling an unknown name can leave it declared.
func (in *Interpreter) knownRoot(expr string) bool {
	end := 0
	for end < len(expr) {
		r, size := utf8.DecodeRuneInString(expr[end:])
		if !isIdent(r) {
			break
		}
		end += size
	}
	root := expr[:end]
	if root == "" {
		return false
	}
	if _, ok := in.globals()[root]; ok {
		return true
	}
	if _, ok := in.packagePath(root); ok {
		return true
	}
	for _, d := range in.sess.decls {
		if contains(d.Keys, root) {
			return true
		}
	}
	return false
}

// names lists what an identifier on its own can complete to.
func (in *Interpreter) names() []cand {
	out := cands("keyword", keywords...)
	out = append(out, cands("function", builtinFuncs...)...)
	out = append(out, cands("class", builtinTypes...)...)
	out = append(out, cands("instance", builtinConsts...)...)
	for name := range packages().byName {
		out = append(out, cand{name, "module"})
	}
	if !in.mu.TryLock() {
		return out
	}
	defer in.mu.Unlock()
	for name := range in.imports {
		out = append(out, cand{name, "module"})
	}
	// Session declarations first: their kind beats "instance" for consts.
	for _, d := range in.sess.decls {
		for _, k := range d.Keys {
			if !strings.Contains(k, ".") {
				out = append(out, cand{k, d.Role})
			}
		}
	}
	for name := range in.globals() {
		out = append(out, cand{name, "instance"})
	}
	return out
}

// packagePath returns the import path a name means in cells, if it names
// a package (and no session variable of that name hides it).
func (in *Interpreter) packagePath(name string) (string, bool) {
	if p, ok := in.imports[name]; ok {
		return p, true
	}
	if _, isVar := in.globals()[name]; isVar {
		return "", false
	}
	p, ok := packages().byName[name]
	return p, ok
}

// members lists the exported names of a package, or the fields and
// methods of an expression's type.
func (in *Interpreter) members(expr string) []cand {
	if expr == "" {
		return nil
	}
	if !in.mu.TryLock() {
		return nil
	}
	defer in.mu.Unlock()
	if !strings.ContainsAny(expr, ".()[]") {
		if path, ok := in.packagePath(expr); ok {
			return packageMembers(path)
		}
	}
	if !in.knownRoot(expr) {
		return nil
	}
	return in.typeMembers(in.typeOf(expr))
}

// packageMembers lists a package's exported names.
func packageMembers(path string) []cand {
	if names, ok := sourcePackages[path]; ok {
		return cands("function", names...)
	}
	table := packages().table(path)
	out := make([]cand, 0, len(table))
	for name, v := range table {
		if !ast.IsExported(name) {
			continue
		}
		kind := "instance"
		switch {
		case v.Kind() == reflect.Func:
			kind = "function"
		case v.Kind() == reflect.Pointer && v.IsNil():
			kind = "class"
		}
		out = append(out, cand{name, kind})
	}
	return out
}

// typeMembers lists the fields and methods of a type named as yaegi
// prints it: "*ad.Var", "plotting.Figure", or a cell type "P".
func (in *Interpreter) typeMembers(typ string) []cand {
	name := strings.TrimLeft(typ, "*")
	if name == "" {
		return nil
	}
	if rt := in.reflectType(name); rt != nil {
		var out []cand
		if rt.Kind() == reflect.Interface {
			for i := 0; i < rt.NumMethod(); i++ {
				out = append(out, cand{rt.Method(i).Name, "function"})
			}
			return out
		}
		pt := reflect.PointerTo(rt)
		for i := 0; i < pt.NumMethod(); i++ {
			out = append(out, cand{pt.Method(i).Name, "function"})
		}
		if rt.Kind() == reflect.Struct {
			for i := 0; i < rt.NumField(); i++ {
				if f := rt.Field(i); f.IsExported() {
					out = append(out, cand{f.Name, "instance"})
				}
			}
		}
		return out
	}
	// A type declared in a cell: its methods and fields from the source.
	var out []cand
	for _, d := range in.sess.decls {
		for _, k := range d.Keys {
			if m, ok := strings.CutPrefix(k, name+"."); ok {
				out = append(out, cand{m, "function"})
			}
		}
		if contains(d.Keys, name) {
			out = append(out, cands("instance", structFields(d.Text, name)...)...)
		}
	}
	return out
}

// reflectType finds a compiled type by its qualified name, "ad.Var".
func (in *Interpreter) reflectType(name string) reflect.Type {
	pkg, typ, ok := strings.Cut(name, ".")
	if !ok {
		return nil
	}
	path, ok := in.packagePath(pkg)
	if !ok {
		return nil
	}
	v, ok := packages().table(path)[typ]
	if !ok || !v.IsValid() || v.Kind() != reflect.Pointer || !v.IsNil() {
		return nil
	}
	return v.Type().Elem()
}

// structFields lists the field names of the struct type name declared in
// src.
func structFields(src, name string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, 0)
	if err != nil {
		return nil
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != name {
			return true
		}
		if st, ok := ts.Type.(*ast.StructType); ok {
			for _, fl := range st.Fields.List {
				for _, id := range fl.Names {
					out = append(out, id.Name)
				}
			}
		}
		return false
	})
	return out
}

// table returns the symbol table of a compiled package.
func (c *catalog) table(path string) map[string]reflect.Value {
	name, _ := c.name(path)
	key := path + "/" + name
	if t, ok := stdlibSymbols()[key]; ok {
		return t
	}
	if p := modules.Lookup(path); p != nil {
		return p.Symbols[key]
	}
	return symbols.Symbols[key]
}
