// Command docgen writes the documentation that the interpreter's Inspect
// shows: the signature and doc comment of every exported func, type,
// method, const and var of the given packages, read with go/doc from
// GOROOT and the module cache, as gzip-compressed JSON.
//
// Usage:
//
//	go run ./internal/docgen -o docs.json.gz std gonum.org/v1/gonum/mat ...
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Entry is the documentation of one name.
type Entry struct {
	Sig string `json:"s"`           // the declaration, without a body
	Doc string `json:"d,omitempty"` // the doc comment
}

type listed struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
}

func main() {
	out := flag.String("o", "docs.json.gz", "output file")
	flag.Parse()
	args := append([]string{"list", "-json"}, flag.Args()...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		log.Fatalf("docgen: go list: %v", err)
	}
	docs := map[string]Entry{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			log.Fatal(err)
		}
		if skip(p.ImportPath) || p.Name == "main" {
			continue
		}
		if err := add(docs, p); err != nil {
			log.Printf("docgen: %s: %v", p.ImportPath, err)
		}
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	enc := json.NewEncoder(zw)
	if err := enc.Encode(docs); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("docgen: %d names, %d bytes\n", len(docs), buf.Len())
}

// skip leaves out packages no cell can import.
func skip(path string) bool {
	return strings.Contains(path, "internal") || strings.Contains(path, "vendor") || strings.HasPrefix(path, "cmd/") ||
		strings.HasPrefix(path, "syscall") || strings.HasPrefix(path, "runtime/") || path == "unsafe" || path == "C"
}

func add(docs map[string]Entry, p listed) error {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.ParseComments)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	var mode doc.Mode
	if p.ImportPath == "builtin" {
		mode = doc.AllDecls // its names are lower case
	}
	pkg, err := doc.NewFromFiles(fset, files, p.ImportPath, mode)
	if err != nil {
		return err
	}
	key := p.ImportPath
	docs[key] = Entry{Sig: "package " + pkg.Name + " // import \"" + p.ImportPath + "\"", Doc: pkg.Doc}
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
