package modules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
)

// host describes how the running binary was built: a plugin must be built
// with the same toolchain, the same flags and the same versions of every
// package the two share, or the runtime refuses to load it.
type host struct {
	goVersion string            // runtime.Version()
	main      string            // the main module's path
	deps      map[string]string // module path -> version, as linked into the binary
	replaced  map[string]bool   // modules replaced in the binary's build (cannot be reproduced)
	flags     []string          // go build flags that change compiled packages (-race, -trimpath, -tags=...)
	cgo       bool              // CGO_ENABLED=1: plugins need cgo in the host
	env       []string          // GOARCH=..., GOAMD64=...: settings that must match
	key       string            // a digest of all of the above
}

var (
	hostOnce sync.Once
	hostInfo host
)

// thisHost reads the binary's build information once.
func thisHost() *host {
	hostOnce.Do(func() {
		h := host{goVersion: runtime.Version(), deps: map[string]string{}, replaced: map[string]bool{}}
		bi, ok := debug.ReadBuildInfo()
		if ok {
			h.main = bi.Main.Path
			for _, d := range bi.Deps {
				if d.Replace != nil {
					h.replaced[d.Path] = true
					continue
				}
				h.deps[d.Path] = d.Version
			}
			for _, s := range bi.Settings {
				switch s.Key {
				case "-race", "-msan", "-asan", "-trimpath":
					if s.Value == "true" {
						h.flags = append(h.flags, s.Key)
					}
				case "-tags":
					h.flags = append(h.flags, "-tags="+s.Value)
				case "-gcflags":
					h.flags = append(h.flags, "-gcflags="+s.Value)
				case "CGO_ENABLED":
					h.cgo = s.Value == "1"
				case "GOARCH", "GOOS", "GOAMD64", "GOARM64", "GOARM", "GO386", "GOEXPERIMENT":
					h.env = append(h.env, s.Key+"="+s.Value)
				}
			}
		}
		if ok && len(bi.Deps) == 0 && bi.Main.Path != "" {
			// A test binary records no dependencies: it runs inside its
			// module, whose build list the go command gives.
			h.deps = moduleVersions(bi.Main.Path)
		}
		sort.Strings(h.flags)
		sort.Strings(h.env)
		d := sha256.New()
		fmt.Fprintln(d, h.goVersion, h.main, h.cgo, h.flags, h.env)
		paths := make([]string, 0, len(h.deps))
		for p := range h.deps {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			fmt.Fprintln(d, p, h.deps[p])
		}
		h.key = hex.EncodeToString(d.Sum(nil))[:16]
		hostInfo = h
	})
	return &hostInfo
}

// toolchain is the GOTOOLCHAIN setting that makes the go command build
// with the toolchain that built this binary ("" for a development build).
func (h *host) toolchain() string {
	if strings.HasPrefix(h.goVersion, "go1.") && !strings.ContainsAny(h.goVersion, " +") {
		return h.goVersion
	}
	return ""
}

// goDirective is the go line of generated go.mod files: the language
// version of the running toolchain.
func (h *host) goDirective() string {
	v := strings.TrimPrefix(h.goVersion, "go")
	if i := strings.IndexAny(v, " +-"); i >= 0 {
		v = v[:i]
	}
	if v == "" || !strings.HasPrefix(v, "1.") {
		return "1.26"
	}
	return v
}

// moduleVersions lists the modules (but main) of the packages that the
// test of the package in the working directory links, as the go command
// says (a test binary runs in its package's directory); nothing when it
// cannot say.
func moduleVersions(main string) map[string]string {
	deps := map[string]string{}
	out, err := exec.Command("go", "list", "-deps", "-test", "-f", "{{with .Module}}{{.Path}} {{.Version}}{{end}}", ".").Output()
	if err != nil {
		return deps
	}
	for _, line := range strings.Split(string(out), "\n") {
		p, v, ok := strings.Cut(line, " ")
		if ok && p != main && v != "" {
			deps[p] = v
		}
	}
	return deps
}
