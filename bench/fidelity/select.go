package main

import (
	"go/build"
	"go/build/constraint"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// testDirs are the directories of $GOROOT/test whose top-level files Go's
// own test driver (cmd/internal/testdir) runs; files in other folders,
// such as the x.dir helpers of rundir tests, are not programs of their own.
var testDirs = []string{".", "ken", "chan", "interface", "internal/runtime/sys", "syntax", "dwarf",
	"fixedbugs", "codegen", "abi", "typeparam", "typeparam/mdempsky", "arenas", "simd"}

// program is one `// run` file selected for the benchmark.
type program struct {
	Rel      string // path relative to $GOROOT/test, slash-separated
	Expected string // the .out file's content, "" when there is none
	HasOut   bool
}

// selection is what selectPrograms found.
type selection struct {
	Found    int                 // files whose recipe is `run`, with or without arguments
	Skipped  map[string][]string // reason -> files
	Programs []program
}

// recipe returns the test recipe of a file as testdir reads it: the first
// non-empty line that is not a build constraint, without its "//".
func recipe(src string) string {
	for rest := src; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) {
			continue
		}
		if a := strings.TrimSpace(strings.TrimPrefix(line, "//")); a != "" {
			return a
		}
	}
	return ""
}

// constraintsHold tells whether the build constraints in the header (the
// text before the package clause) hold for goos/goarch with the release
// and tool tags of this Go, as testdir evaluates them. It returns the first
// unsatisfied constraint line.
func constraintsHold(src, goos, goarch string, cgo bool) (bool, string) {
	header, _, _ := strings.Cut(src, "\npackage")
	match := func(tag string) bool {
		switch {
		case tag == goos, tag == goarch, tag == "gc", tag == "test_run":
			return true
		case tag == "unix":
			return goos != "windows" && goos != "plan9" && goos != "js" && goos != "wasip1"
		case tag == "cgo":
			return cgo
		case strings.HasPrefix(tag, "goexperiment."):
			return slices.Contains(build.Default.ToolTags, tag)
		}
		return slices.Contains(build.Default.ReleaseTags, tag)
	}
	for _, line := range strings.Split(header, "\n") {
		if strings.HasPrefix(line, "package ") {
			break
		}
		expr, err := constraint.Parse(line)
		if err != nil {
			continue
		}
		if !expr.Eval(match) {
			return false, strings.TrimSpace(line)
		}
	}
	return true, ""
}

// matches tells whether rel is selected by pattern: a glob (with * ? or [)
// against the path or its base name, otherwise a substring of the path.
// An empty pattern selects everything.
func matches(pattern, rel string) bool {
	if pattern == "" {
		return true
	}
	for _, p := range strings.Split(pattern, ",") {
		if strings.ContainsAny(p, "*?[") {
			if ok, _ := path.Match(p, rel); ok {
				return true
			}
			if ok, _ := path.Match(p, path.Base(rel)); ok {
				return true
			}
		} else if strings.Contains(rel, p) {
			return true
		}
	}
	return false
}

// classifyFile decides what to do with one file's source: "" to run it,
// "not run" when its recipe is not `run`, else the reason to skip it.
func classifyFile(src, goos, goarch string, cgo bool) string {
	r := recipe(src)
	if r != "run" {
		if strings.HasPrefix(r, "run ") {
			return "`// run` with arguments or compiler flags"
		}
		return "not run"
	}
	if ok, line := constraintsHold(src, goos, goarch, cgo); !ok {
		return "build constraint not satisfied on " + goos + "/" + goarch + " (" + line + ")"
	}
	return ""
}

// selectPrograms lists the `// run` programs under testRoot, in path order.
func selectPrograms(testRoot, goos, goarch string, cgo bool) (*selection, error) {
	sel := &selection{Skipped: map[string][]string{}}
	var rels []string
	for _, d := range testDirs {
		ents, err := os.ReadDir(filepath.Join(testRoot, filepath.FromSlash(d)))
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".go") {
				rels = append(rels, path.Join(d, e.Name()))
			}
		}
	}
	sort.Strings(rels)
	for _, rel := range rels {
		b, err := os.ReadFile(filepath.Join(testRoot, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		why := classifyFile(string(b), goos, goarch, cgo)
		if why == "not run" {
			continue
		}
		sel.Found++
		if why != "" {
			// Group constraint skips under one reason; the line is kept in the list.
			reason := why
			if i := strings.Index(why, " ("); i > 0 {
				reason = why[:i]
				rel += " " + why[i+1:]
			}
			sel.Skipped[reason] = append(sel.Skipped[reason], rel)
			continue
		}
		p := program{Rel: rel}
		outFile := filepath.Join(testRoot, filepath.FromSlash(strings.TrimSuffix(rel, ".go")+".out"))
		if ob, err := os.ReadFile(outFile); err == nil {
			p.Expected, p.HasOut = string(ob), true
		}
		sel.Programs = append(sel.Programs, p)
	}
	return sel, nil
}

// sample applies -run, -every/-offset and -limit to the programs, in order.
func sample(ps []program, pattern string, every, offset, limit int) []program {
	var out []program
	n := 0
	for _, p := range ps {
		if !matches(pattern, p.Rel) {
			continue
		}
		i := n
		n++
		if every > 1 && i%every != offset%every {
			continue
		}
		if limit > 0 && len(out) == limit {
			break
		}
		out = append(out, p)
	}
	return out
}
