// Command exportgen writes the type information that the front end's
// type checker imports: the compiler's export data of the given packages
// (and of nothing else), read through `go list -export` and stored one
// entry per import path in a zip archive, so that the interpreter decodes
// only the packages a session uses. Export data are self-contained: a
// package's entry also describes the parts of its dependencies that its
// API mentions.
//
// Usage:
//
//	go run ./internal/exportgen -o internal/front/export.zip std gonum.org/v1/gonum/mat ...
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/gcexportdata"
)

func main() {
	out := flag.String("o", "export.zip", "output file")
	flag.Parse()
	// -trimpath: export data name source files; without it they name
	// this clone's directory, and a clone elsewhere would differ.
	args := append([]string{"list", "-trimpath", "-export", "-f", "{{.ImportPath}}\t{{.Export}}"}, flag.Args()...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		log.Fatalf("exportgen: go list: %v", err)
	}
	type pkg struct{ path, file string }
	var pkgs []pkg
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		path, file, ok := strings.Cut(line, "\t")
		if !ok || file == "" || skip(path) {
			continue
		}
		pkgs = append(pkgs, pkg{path, file})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].path < pkgs[j].path })
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// A fixed time keeps the archive byte-identical from run to run, so
	// that CI can regenerate it and compare.
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range pkgs {
		data, err := exportData(p.file)
		if err != nil {
			log.Fatalf("exportgen: %s: %v", p.path, err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.path, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("exportgen: %d packages, %d bytes\n", len(pkgs), buf.Len())
}

// exportData returns the export data proper of a compiled package file
// (which also holds object code).
func exportData(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// skip leaves out packages no cell can import.
func skip(path string) bool {
	return strings.Contains(path, "internal") || strings.Contains(path, "vendor") || strings.HasPrefix(path, "cmd/") || path == "unsafe"
}
