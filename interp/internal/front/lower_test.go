package front

import (
	"flag"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestLoweringGolden")

// TestLoweringGolden applies every lowering the front end computes for a
// cell (testdata/lower/NAME.cell) to the cell's text and compares the result
// with NAME.lowered: the Go that the interpreter is given, before its own
// rewrites. The golden files were checked by hand; -update rewrites them.
func TestLoweringGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/lower/*.cell")
	if len(files) == 0 {
		t.Fatal("no golden cells")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cell := string(src)
			c := NewChecker(short)
			r := c.Check(1, pieces(cell), nil, nil, false)
			if len(r.Errors) > 0 || r.Skipped != "" {
				t.Fatalf("check: %v %s", r.Errors, r.Skipped)
			}
			// A cell named debugger*.cell is lowered as while a debugger
			// stops at panics (every index checked).
			got := lowered(cell, r, strings.HasPrefix(filepath.Base(file), "debugger"))
			golden := strings.TrimSuffix(file, ".cell") + ".lowered"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("lowered:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// lowered applies r's replacements and package renames to the cell's text,
// outermost first, as the interpreter applies them to its AST.
func lowered(cell string, r *Result, allChecks bool) string {
	reps, _ := r.FmtLowering()
	iters, _ := r.IterLowering()
	builtins, _ := r.RuntimeLowering()
	shifts, _ := r.ShiftLowering()
	bools, _ := r.BoolLowering()
	blanks, _ := r.BlankFieldLowering()
	consts, _ := r.ConstLowering()
	defers, _ := r.DeferLowering()
	bounds, _ := r.CheckLowering(allChecks)
	closures, _ := r.ClosureLowering()
	bounds = append(bounds, closures...)
	embeds, _ := r.EmbeddedLowering()
	monos, copies, _ := r.MonoLowering()
	defers = append(defers, embeds...)
	var all []Replacement
	for _, l := range [][]Replacement{reps, iters, builtins, shifts, bools, blanks, consts, defers, bounds} {
		all = append(all, l...)
	}
	all = append(DropShadowed(all, monos), monos...)
	out := applyLowering(cell, r, all)
	// The concrete copies of generic declarations: each its piece (one
	// line of the cell), lowered with the copy's replacements too.
	for _, m := range copies {
		var reps []Replacement
		for _, rep := range all {
			if rep, ok := m.Adapt(rep); ok {
				reps = append(reps, rep)
			}
		}
		reps = append(reps, m.Reps...)
		line := strings.Split(applyLowering(cell, r, reps), "\n")[m.Piece.Line-1]
		f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+line, 0)
		if err != nil || len(f.Decls) != 1 {
			out += "// copy " + m.GoName + ": " + fmt.Sprint(err) + "\n"
			continue
		}
		d := m.Apply(f.Decls[0])
		var b strings.Builder
		format.Node(&b, token.NewFileSet(), d)
		out += "// " + m.GoName + "\n" + b.String() + "\n"
	}
	return out
}

// applyLowering applies replacements and r's package renames to the
// cell's text, outermost first, as the interpreter applies them to its AST.
func applyLowering(cell string, r *Result, all []Replacement) string {
	lines := strings.SplitAfter(cell, "\n")
	offset := func(line, col int) int {
		n := 0
		for i := 0; i < line-1 && i < len(lines); i++ {
			n += len(lines[i])
		}
		return n + col - 1
	}
	type edit struct {
		start, end int
		src        string
	}
	var edits []edit
	for _, rep := range all {
		src := rep.Src
		if rep.Operand {
			// The operand of x.(T) or x.M: the text before its last ".(",
			// or its last "."; of new(x), unsafe.SliceData(x) or
			// maps.Clone(x) or error(x), x.
			text := cell[offset(rep.Line, rep.Col):offset(rep.EndLine, rep.EndCol)]
			var operand string
			switch {
			case strings.HasPrefix(text, "new("):
				operand = text[len("new(") : len(text)-1]
			case strings.HasPrefix(text, "unsafe.SliceData("):
				operand = text[len("unsafe.SliceData(") : len(text)-1]
			case strings.HasPrefix(text, "maps.Clone("):
				operand = text[len("maps.Clone(") : len(text)-1]
			case strings.HasPrefix(text, "error("):
				operand = text[len("error(") : len(text)-1]
			case strings.HasPrefix(text, "len("), strings.HasPrefix(text, "cap("):
				operand = text[len("len(") : len(text)-1]
			case strings.HasSuffix(text, ")"):
				operand = text[:strings.LastIndex(text, ".(")]
			default:
				operand = text[:strings.LastIndex(text, ".")]
			}
			src = strings.ReplaceAll(src, ArgName, operand)
		}
		edits = append(edits, edit{offset(rep.Line, rep.Col), offset(rep.EndLine, rep.EndCol), src})
	}
	refs, _ := r.PkgRefs()
	for _, ref := range refs {
		s := offset(ref.Line, ref.Col)
		edits = append(edits, edit{s, s + len(ref.Name), ref.Alias})
	}
	// Outer edits contain inner ones: apply each inner edit inside the
	// text its outer edit keeps in place of ArgName.
	// Of two edits of one expression, the earlier holds the later, as
	// the interpreter composes them.
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end > edits[j].end
	})
	var apply func(text string, base int, es []edit) string
	apply = func(text string, base int, es []edit) string {
		var b strings.Builder
		pos := base
		for i := 0; i < len(es); {
			e := es[i]
			j := i + 1
			for j < len(es) && es[j].start < e.end {
				j++
			}
			b.WriteString(text[pos-base : e.start-base])
			inner := apply(text[e.start-base:e.end-base], e.start, es[i+1:j])
			b.WriteString(strings.ReplaceAll(e.src, ArgName, inner))
			pos = e.end
			i = j
		}
		b.WriteString(text[pos-base:])
		return b.String()
	}
	return apply(cell, 0, edits)
}
