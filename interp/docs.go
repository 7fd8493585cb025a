package interp

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the documentation database
	"encoding/json"
	"os"
	"sync"
)

// The documentation of the standard library and the preloaded packages,
// and the symbol tables of the preloaded packages, are generated; one
// command regenerates both: go generate ./interp/...
//go:generate go run ./internal/docgen -o docs.json.gz std builtin gonum.org/v1/gonum/mat gonum.org/v1/gonum/floats gonum.org/v1/gonum/stat gonum.org/v1/gonum/diff/fd gonum.org/v1/gonum/optimize gonum.org/v1/gonum/integrate gonum.org/v1/plot gonum.org/v1/plot/plotter gonum.org/v1/plot/vg gonum.org/v1/plot/vg/draw github.com/gocalc/gocalc/ad github.com/gocalc/gocalc/plotting github.com/gocalc/gocalc/display github.com/gocalc/gocalc/widgets

//go:embed docs.json.gz
var docsGz []byte

// docEntry is the documentation of one name: its declaration and its doc
// comment.
type docEntry struct {
	Sig string `json:"s"`
	Doc string `json:"d,omitempty"`
}

var (
	docsOnce sync.Once
	docsMap  map[string]docEntry
)

// docs returns the documentation database, keyed "importpath.Name" and
// "importpath.Type.Method" ("importpath" alone for the package). It is
// decoded on first use, not at start-up.
func docs() map[string]docEntry {
	docsOnce.Do(func() {
		docsMap = map[string]docEntry{}
		zr, err := gzip.NewReader(bytes.NewReader(docsGz))
		if err != nil {
			return
		}
		_ = json.NewDecoder(zr).Decode(&docsMap)
	})
	return docsMap
}

// The documentation of packages imported from modules, added as they are
// imported (for every session of the process, as the packages are).
var (
	modDocsMu sync.RWMutex
	modDocs   = map[string]docEntry{}
	modDocsOf = map[string]bool{} // files read
)

// addModuleDocs adds the documentation in a module package's docs file.
func addModuleDocs(file string) {
	if file == "" {
		return
	}
	modDocsMu.Lock()
	defer modDocsMu.Unlock()
	if modDocsOf[file] {
		return
	}
	modDocsOf[file] = true
	b, err := os.ReadFile(file)
	if err != nil {
		return
	}
	var m map[string]docEntry
	if json.Unmarshal(b, &m) == nil {
		for k, e := range m {
			modDocs[k] = e
		}
	}
}

// docFor returns the documentation of key, from the generated database
// or an imported module's.
func docFor(key string) (docEntry, bool) {
	if e, ok := docs()[key]; ok {
		return e, true
	}
	modDocsMu.RLock()
	defer modDocsMu.RUnlock()
	e, ok := modDocs[key]
	return e, ok
}
