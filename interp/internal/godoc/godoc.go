// Package godoc reads the documentation that the interpreter's Inspect
// shows: the signature and doc comment of every exported func, type,
// method, const and var of a package, with go/doc. docgen uses it for
// the preloaded packages, the module importer for imported ones.
package godoc

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"strings"
)

// Entry is the documentation of one name.
type Entry struct {
	Sig string `json:"s"`           // the declaration, without a body
	Doc string `json:"d,omitempty"` // the doc comment
}

// Add reads the package at importPath from the named Go files of dir
// with go/doc and adds the documentation of its exported names to docs,
// keyed "importpath.Name" and "importpath.Type.Method" ("importpath"
// alone for the package).
func Add(docs map[string]Entry, importPath, dir string, goFiles []string) error {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range goFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	var mode doc.Mode
	if importPath == "builtin" {
		mode = doc.AllDecls // its names are lower case
	}
	pkg, err := doc.NewFromFiles(fset, files, importPath, mode)
	if err != nil {
		return err
	}
	key := importPath
	docs[key] = Entry{Sig: "package " + pkg.Name + " // import \"" + importPath + "\"", Doc: pkg.Doc}
	for _, f := range pkg.Funcs {
		docs[key+"."+f.Name] = Entry{Sig: funcSig(fset, f.Decl), Doc: f.Doc}
	}
	for _, t := range pkg.Types {
		docs[key+"."+t.Name] = Entry{Sig: declText(fset, t.Decl), Doc: t.Doc}
		for _, f := range t.Funcs {
			docs[key+"."+f.Name] = Entry{Sig: funcSig(fset, f.Decl), Doc: f.Doc}
		}
		for _, m := range t.Methods {
			docs[key+"."+t.Name+"."+m.Name] = Entry{Sig: funcSig(fset, m.Decl), Doc: m.Doc}
		}
		values(docs, fset, key, t.Consts)
		values(docs, fset, key, t.Vars)
	}
	values(docs, fset, key, pkg.Consts)
	values(docs, fset, key, pkg.Vars)
	return nil
}

func values(docs map[string]Entry, fset *token.FileSet, key string, vs []*doc.Value) {
	for _, v := range vs {
		text := declText(fset, v.Decl)
		for _, n := range v.Names {
			if ast.IsExported(n) || key == "builtin" {
				docs[key+"."+n] = Entry{Sig: text, Doc: v.Doc}
			}
		}
	}
}

func funcSig(fset *token.FileSet, d *ast.FuncDecl) string {
	c := *d
	c.Body = nil
	c.Doc = nil
	return declText(fset, &c)
}

// declText prints a declaration, cut after 40 lines.
func declText(fset *token.FileSet, n ast.Node) string {
	if g, ok := n.(*ast.GenDecl); ok {
		c := *g
		c.Doc = nil
		n = &c
	}
	var b bytes.Buffer
	if err := (&printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}).Fprint(&b, fset, n); err != nil {
		return ""
	}
	lines := strings.Split(b.String(), "\n")
	if len(lines) > 40 {
		lines = append(lines[:40], "\t// ...")
	}
	return strings.Join(lines, "\n")
}
