package front

import (
	"archive/zip"
	"bufio"
	"bytes"
	_ "embed" // the export data of the importable packages
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
)

// The export data of the standard library and the preloaded packages,
// one zip entry per import path, made by `go generate ./interp/...`
// (see ../exportgen).
//
//go:embed export.zip
var exportZip []byte

var (
	archiveOnce sync.Once
	archive     map[string]*zip.File
	archiveErr  error
)

// entries indexes the archive on first use: start-up pays nothing.
func entries() (map[string]*zip.File, error) {
	archiveOnce.Do(func() {
		zr, err := zip.NewReader(bytes.NewReader(exportZip), int64(len(exportZip)))
		if err != nil {
			archiveErr = fmt.Errorf("front: reading the embedded export data: %w", err)
			return
		}
		archive = make(map[string]*zip.File, len(zr.File))
		for _, f := range zr.File {
			archive[f.Name] = f
		}
	})
	return archive, archiveErr
}

// Importer imports packages from the embedded export data, decoding each
// one once. It is safe for concurrent use.
type Importer struct {
	mu    sync.Mutex
	fset  *token.FileSet
	pkgs  map[string]*types.Package // shared by every decoded package, complete or not
	whole map[string]bool           // packages decoded from their own entry
}

// NewImporter returns an importer whose positions live in fset.
func NewImporter(fset *token.FileSet) *Importer {
	return &Importer{fset: fset, pkgs: map[string]*types.Package{}, whole: map[string]bool{}}
}

// Export data files of packages that are not embedded (packages of
// modules a cell imported), by import path; shared by every importer of
// the process, as the packages themselves are.
var (
	extraMu sync.RWMutex
	extra   = map[string]string{}
)

// AddExports makes the packages in files (import path -> export data
// file) importable. A path the embedded data has keeps its embedded data.
func AddExports(files map[string]string) {
	extraMu.Lock()
	defer extraMu.Unlock()
	for p, f := range files {
		extra[p] = f
	}
}

func extraFile(path string) string {
	extraMu.RLock()
	defer extraMu.RUnlock()
	return extra[path]
}

// Has tells whether path can be imported.
func Has(path string) bool {
	if path == "unsafe" {
		return true
	}
	es, err := entries()
	return err == nil && es[path] != nil || extraFile(path) != ""
}

// Import implements types.Importer.
func (im *Importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	im.mu.Lock()
	defer im.mu.Unlock()
	if p := im.pkgs[path]; p != nil && im.whole[path] {
		return p, nil
	}
	es, err := entries()
	if err != nil {
		return nil, err
	}
	var data []byte
	if f := es[path]; f != nil {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		if data, err = io.ReadAll(rc); err != nil {
			return nil, err
		}
	} else if file := extraFile(path); file != "" {
		// A file of the go command's build cache: an archive around
		// the export data.
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, err := gcexportdata.NewReader(bufio.NewReader(f))
		if err != nil {
			return nil, fmt.Errorf("front: reading %s: %w", file, err)
		}
		if data, err = io.ReadAll(r); err != nil {
			return nil, err
		}
	} else {
		return nil, fmt.Errorf("package %s is not available in gocalc", path)
	}
	p, err := gcexportdata.Read(bytes.NewReader(data), im.fset, im.pkgs, path)
	if err != nil {
		return nil, fmt.Errorf("front: decoding %s: %w", path, err)
	}
	im.whole[path] = true
	return p, nil
}
