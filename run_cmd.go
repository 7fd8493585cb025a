package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp"
	"github.com/gocalc/gocalc/notebook"
)

// durationFlag accepts a Go duration ("90s", "2m") or a number of seconds,
// as nbconvert's --ExecutePreprocessor.timeout takes.
type durationFlag struct{ d time.Duration }

func (f *durationFlag) String() string { return f.d.String() }

func (f *durationFlag) Set(s string) error {
	if secs, err := strconv.ParseFloat(s, 64); err == nil {
		f.d = time.Duration(secs * float64(time.Second))
	} else if f.d, err = time.ParseDuration(s); err != nil {
		return fmt.Errorf("%q is neither a duration (90s, 2m) nor a number of seconds", s)
	}
	if f.d < 0 {
		return errors.New("the timeout cannot be negative")
	}
	return nil
}

func runCommand(args []string) int {
	fs := newFlagSet("run", "NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout D] [--allow-errors] [--cwd DIR]",
		"Execute every code cell of an nbformat 4 notebook in order, in this process, with the\n"+
			"interpreter and display path the kernel uses, and save the outputs (streams, displays,\n"+
			"results, errors). Without -o the notebook is updated in place, like\n"+
			"'jupyter nbconvert --to notebook --execute --inplace'; '-o -' writes to stdout.\n"+
			"Cells run in the notebook's folder (--cwd chooses another). At the first failing cell, gocalc prints the\n"+
			"cell's number, error and traceback, writes nothing, and exits with status 1;\n"+
			"with --allow-errors errors are recorded as outputs and the run goes on.")
	out := fs.String("o", "", "write the executed notebook to `FILE` instead of NOTEBOOK (- for stdout)")
	fs.StringVar(out, "output", "", "same as -o `FILE`")
	var timeout durationFlag
	fs.Var(&timeout, "timeout", "interrupt a cell that runs longer than this (90s, 2m, or seconds); none by default")
	allowErrors := fs.Bool("allow-errors", false, "record failing cells' errors and keep going; exit 0")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	cwd := fs.String("cwd", "", "run the cells in `DIR` instead of the notebook's folder (as papermill's --cwd)")
	pos, code, done := parse(fs, args, 1, 1)
	if done {
		return code
	}
	in := pos[0]
	dest := *out
	if dest == "" {
		dest = in
	}
	if dest != "-" {
		abs, err := filepath.Abs(dest)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gocalc run: %v\n", err)
			return 1
		}
		dest = abs
	}
	nb, err := notebook.Read(in)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocalc run: %v\n", err)
		return 1
	}
	// Cells run where the notebook is, as nbconvert starts its kernel there,
	// or in the folder asked for.
	dir := filepath.Dir(in)
	if *cwd != "" {
		dir = *cwd
	}
	if dir != "." {
		if err := os.Chdir(dir); err != nil {
			fmt.Fprintf(os.Stderr, "gocalc run: %v\n", err)
			return 1
		}
	}

	x, err := interp.New(interp.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocalc run: starting the interpreter: %v\n", err)
		return 1
	}
	if c, ok := any(x).(engine.Closer); ok {
		defer c.Close()
	}
	// Ctrl-C interrupts the running cell and ends the run.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	start := time.Now()
	res, err := notebook.Run(ctx, nb, x, notebook.Options{
		Timeout:      timeout.d,
		AllowErrors:  *allowErrors,
		LanguageInfo: languageInfo(),
	})
	if err != nil {
		reportRunError(in, nb, err)
		return 1
	}
	if dest == "-" {
		b, err := notebook.Marshal(nb)
		if err == nil {
			_, err = os.Stdout.Write(b)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gocalc run: %v\n", err)
			return 1
		}
	} else if err := notebook.Write(dest, nb); err != nil {
		fmt.Fprintf(os.Stderr, "gocalc run: writing %s: %v\n", dest, err)
		return 1
	}
	for _, ce := range res.Errors {
		fmt.Fprintf(os.Stderr, "gocalc run: %s: %v (kept as its output: --allow-errors)\n", in, ce)
	}
	if !*quiet {
		where := dest
		if dest == "-" {
			where = "stdout"
		}
		fmt.Fprintf(os.Stderr, "gocalc run: %s: %d code cells in %.2fs, %d errors; wrote %s\n",
			in, res.Executed, time.Since(start).Seconds(), len(res.Errors), where)
	}
	return 0
}

// reportRunError prints a failed run: the cell's position, the first
// lines of its source, the error and its traceback.
func reportRunError(path string, nb *notebook.Notebook, err error) {
	var ce *notebook.CellError
	if !errors.As(err, &ce) {
		fmt.Fprintf(os.Stderr, "gocalc run: %s: %v\n", path, err)
		return
	}
	what := "failed"
	if ce.TimedOut {
		what = "timed out"
	}
	fmt.Fprintf(os.Stderr, "gocalc run: %s: cell %d (In [%d]) %s:\n", path, ce.Index, ce.ExecutionCount, what)
	lines := strings.Split(strings.TrimRight(nb.Cells[ce.Index-1].Source, "\n"), "\n")
	for i, l := range lines {
		if i == 8 {
			fmt.Fprintf(os.Stderr, "    ... (%d more lines)\n", len(lines)-i)
			break
		}
		fmt.Fprintf(os.Stderr, "    %s\n", l)
	}
	// The traceback, or the error alone when there is none.
	fmt.Fprintln(os.Stderr, engine.TracebackText(ce.Err))
}

// languageInfo is the language_info the kernel sends in kernel_info_reply,
// which nbclient copies into an executed notebook's metadata.
func languageInfo() map[string]any {
	return map[string]any{
		"name":            "go",
		"version":         strings.TrimPrefix(runtime.Version(), "go"),
		"mimetype":        "text/x-go",
		"file_extension":  ".go",
		"pygments_lexer":  "go",
		"codemirror_mode": "go",
	}
}
