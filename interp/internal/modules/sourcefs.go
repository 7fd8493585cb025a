package modules

import (
	"io/fs"
	"os"
	"strings"
	"sync"
)

// GoPath is the GOPATH the interpreter is given: under it, src/<import
// path> is the source directory of each package interpreted from source
// (see SourceFS). No such directory exists on disk.
const GoPath = "/gocalc-modules"

var (
	srcMu   sync.RWMutex
	srcDirs = map[string]string{} // import path -> source directory
)

func registerSources(dirs map[string]string) {
	srcMu.Lock()
	defer srcMu.Unlock()
	for p, d := range dirs {
		if _, ok := srcDirs[p]; !ok {
			srcDirs[p] = d
		}
	}
}

// SourceFS is the interpreter's view of source files: the real file
// system, where GoPath/src/<import path> holds the source directory of
// each package interpreted from source.
type SourceFS struct{}

// Open implements fs.FS over absolute paths too, as yaegi expects.
func (SourceFS) Open(name string) (fs.File, error) {
	return os.Open(resolve(name))
}

// resolve maps a path under GoPath to the package source it stands for.
func resolve(name string) string {
	rest, ok := strings.CutPrefix(name, GoPath+"/src/")
	if !ok {
		return name
	}
	srcMu.RLock()
	defer srcMu.RUnlock()
	if d, ok := srcDirs[rest]; ok {
		return d
	}
	if i := strings.LastIndexByte(rest, '/'); i > 0 {
		if d, ok := srcDirs[rest[:i]]; ok {
			return d + rest[i:]
		}
	}
	return name
}

// RealPaths rewrites the paths under GoPath that msg mentions (in an
// interpreter's error) to the source files they stand for.
func RealPaths(msg string) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, GoPath+"/src/")
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i])
		msg = msg[i:]
		j := strings.IndexAny(msg, ": \n\t\"")
		if j < 0 {
			j = len(msg)
		}
		b.WriteString(resolve(msg[:j]))
		msg = msg[j:]
	}
}
