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
	"log"
	"os"
	"os/exec"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/godoc"
)

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
	docs := map[string]godoc.Entry{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			log.Fatal(err)
		}
		if skip(p.ImportPath) || p.Name == "main" {
			continue
		}
		if err := godoc.Add(docs, p.ImportPath, p.Dir, p.GoFiles); err != nil {
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
