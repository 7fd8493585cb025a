// Command fidelity measures how faithfully gocalc runs Go: it runs Go's own
// `// run` programs from $GOROOT/test with compiled Go, plain yaegi (its
// CLI, at the version go.mod requires) and `gocalc run` (one program per
// notebook, cell 1 = the file as a user pastes it), compares stdout and
// stderr together with the program's .out file (or with nothing, as Go's
// test driver does), and reports pass rates and failure causes.
//
// From the repository root:
//
//	go run ./bench/fidelity                       # everything, one at a time
//	go run ./bench/fidelity -every 4 -j 2         # a deterministic quarter
//	go run ./bench/fidelity -run 'typeparam/*' -limit 20 -v
//	go run ./bench/fidelity -runners gocalc -reuse old.json -compare old.json
//
// It builds bin/gocalc and bin/yaegi first (-build=false to use them as
// they are), writes the report to artifacts/fidelity/report.json and the
// summary to artifacts/fidelity/summary.md. It is a benchmark, not a test:
// go test runs only the unit tests of its pure parts.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	fs := flag.NewFlagSet("fidelity", flag.ContinueOnError)
	goroot := fs.String("goroot", "", "Go tree whose test/ programs to run (default: go env GOROOT)")
	pattern := fs.String("run", "", "select programs whose path under test/ contains one of these comma-separated `substrings`, or matches a glob (path or base name)")
	every := fs.Int("every", 1, "run every `N`th selected program (a deterministic sample)")
	offset := fs.Int("offset", 0, "with -every, start at this index")
	limit := fs.Int("limit", 0, "run at most `N` programs")
	par := fs.Int("j", 1, "programs run in parallel")
	timeout := fs.Duration("timeout", 10*time.Second, "per-program timeout of the interpreters")
	goTimeout := fs.Duration("go-timeout", 30*time.Second, "per-program timeout of compiled Go (the reference; a few programs run the go command)")
	runners := fs.String("runners", "go,yaegi,gocalc", "runners to run, comma-separated")
	gocalc := fs.String("gocalc", "bin/gocalc", "gocalc binary")
	yaegi := fs.String("yaegi", "bin/yaegi", "plain yaegi CLI binary")
	build := fs.Bool("build", true, "build -gocalc from the module root and -yaegi from go.mod's yaegi before running")
	outPath := fs.String("o", "artifacts/fidelity/report.json", "write the JSON report (every program's results) to `FILE`")
	summaryPath := fs.String("summary", "artifacts/fidelity/summary.md", "write the printed summary to `FILE` too")
	reuse := fs.String("reuse", "", "take the outcomes of runners not run from this earlier report `FILE`")
	compare := fs.String("compare", "", "list regressions and improvements against this earlier report `FILE`")
	twice := fs.Bool("twice", true, "run compiled Go twice; a program whose output differs is not usable")
	list := fs.Bool("list", false, "list the selected programs and exit")
	verbose := fs.Bool("v", false, "print each program's outcome as it finishes, and every failure at the end")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "fidelity: unexpected arguments %q\n", fs.Args())
		return 2
	}
	want := map[string]bool{}
	for _, r := range strings.Split(*runners, ",") {
		switch r = strings.TrimSpace(r); r {
		case "go", "yaegi", "gocalc":
			want[r] = true
		case "":
		default:
			fmt.Fprintf(os.Stderr, "fidelity: unknown runner %q (go, yaegi, gocalc)\n", r)
			return 2
		}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintln(os.Stderr, "fidelity:", err)
		return 1
	}
	if *goroot == "" {
		*goroot = goEnv("GOROOT")
	}
	testRoot := filepath.Join(*goroot, "test")
	sel, err := selectPrograms(testRoot, runtime.GOOS, runtime.GOARCH, goEnv("CGO_ENABLED") == "1")
	if err != nil {
		fmt.Fprintln(os.Stderr, "fidelity:", err)
		return 1
	}
	progs := sample(sel.Programs, *pattern, *every, *offset, *limit)
	if *list {
		for _, p := range progs {
			fmt.Println(p.Rel)
		}
		fmt.Fprintf(os.Stderr, "%d found, %d selected\n", sel.Found, len(progs))
		return 0
	}

	modRoot := filepath.Dir(goEnv("GOMOD"))
	if *build {
		if want["gocalc"] {
			if err := goBuild(goBin, modRoot, *gocalc, "."); err != nil {
				fmt.Fprintln(os.Stderr, "fidelity: building gocalc:", err)
				return 1
			}
		}
		if want["yaegi"] {
			if err := goBuild(goBin, modRoot, *yaegi, "github.com/traefik/yaegi/cmd/yaegi"); err != nil {
				fmt.Fprintln(os.Stderr, "fidelity: building yaegi:", err)
				return 1
			}
		}
	}
	cfg := &config{testRoot: testRoot, goBin: goBin, timeout: *timeout, goTimeout: *goTimeout, twice: *twice}
	for _, p := range []*string{gocalc, yaegi} {
		if *p, err = filepath.Abs(*p); err != nil {
			fmt.Fprintln(os.Stderr, "fidelity:", err)
			return 1
		}
	}
	cfg.gocalc, cfg.yaegi = *gocalc, *yaegi
	if cfg.work, err = os.MkdirTemp("", "fidelity-"); err != nil {
		fmt.Fprintln(os.Stderr, "fidelity:", err)
		return 1
	}
	defer os.RemoveAll(cfg.work)

	var old *report
	if *reuse != "" {
		if old, err = readReport(*reuse); err != nil {
			fmt.Fprintln(os.Stderr, "fidelity:", err)
			return 1
		}
	}
	prev := map[string]*result{}
	if old != nil {
		for _, r := range old.Results {
			prev[r.File] = r
		}
	}

	rep := &report{
		Date:     time.Now().UTC().Format("2006-01-02 15:04 MST"),
		Go:       runtime.Version(),
		Yaegi:    moduleVersion(goBin, modRoot, "github.com/traefik/yaegi"),
		Gocalc:   gitCommit(modRoot),
		Args:     args,
		Timeout:  timeout.String(),
		Found:    sel.Found,
		Skipped:  sel.Skipped,
		Runners:  sortedKeys(want),
		Parallel: *par,
		Reused:   *reuse,
	}
	if *every > 1 || *limit > 0 || *pattern != "" {
		rep.Sampled = fmt.Sprintf("-run %q -every %d -offset %d -limit %d: %d of %d", *pattern, *every, *offset, *limit, len(progs), len(sel.Programs))
	}
	rep.Results = make([]*result, len(progs))

	start := time.Now()
	var mu sync.Mutex
	done := 0
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(1, *par); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				p := progs[i]
				r := &result{File: p.Rel}
				if pr := prev[p.Rel]; pr != nil {
					r.Go, r.Yaegi, r.Gocalc = pr.Go, pr.Yaegi, pr.Gocalc
				}
				scratch, err := os.MkdirTemp(cfg.work, "p")
				if err != nil {
					panic(err)
				}
				if want["go"] {
					r.Go = runGo(cfg, p, scratch)
				}
				// The interpreters run only what compiled Go passes.
				if r.usable() {
					if want["yaegi"] {
						r.Yaegi = runYaegi(cfg, p)
					}
					if want["gocalc"] {
						r.Gocalc = runGocalc(cfg, p, scratch)
					}
				}
				os.RemoveAll(scratch)
				mu.Lock()
				rep.Results[i] = r
				done++
				if *verbose {
					fmt.Fprintf(os.Stderr, "[%d/%d] %-40s go=%s yaegi=%s gocalc=%s\n", done, len(progs), p.Rel,
						status(r.Go), status(r.Yaegi), status(r.Gocalc))
				} else if done%25 == 0 || done == len(progs) {
					fmt.Fprintf(os.Stderr, "fidelity: %d/%d programs, %s\n", done, len(progs), time.Since(start).Round(time.Second))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range progs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	rep.Summary = summarize(rep.Results)
	var sb strings.Builder
	printSummary(&sb, rep, *verbose)
	if *compare != "" {
		against, err := readReport(*compare)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fidelity:", err)
			return 1
		}
		printChanges(&sb, *compare, compareReports(against, rep))
	}
	fmt.Fprintf(&sb, "\n%d programs in %s, -j %d\n", len(progs), time.Since(start).Round(time.Second), *par)
	fmt.Print(sb.String())

	if *outPath != "" {
		b, err := json.MarshalIndent(rep, "", " ")
		if err == nil {
			err = writeFile(*outPath, append(b, '\n'))
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "fidelity:", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "fidelity: wrote %s\n", *outPath)
	}
	if *summaryPath != "" {
		if err := writeFile(*summaryPath, []byte(sb.String())); err != nil {
			fmt.Fprintln(os.Stderr, "fidelity:", err)
			return 1
		}
	}
	return 0
}

func status(o *outcome) string {
	switch {
	case o == nil:
		return "-"
	case o.Pass:
		return "pass"
	}
	return fmt.Sprintf("FAIL(%s: %s)", o.Cause, clip(o.Error, 80))
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func goEnv(name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func goBuild(goBin, dir, out, pkg string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	cmd := exec.Command(goBin, "build", "-o", abs, pkg)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func moduleVersion(goBin, dir, mod string) string {
	cmd := exec.Command(goBin, "list", "-m", "-f", "{{.Version}}", mod)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func gitCommit(dir string) string {
	cmd := exec.Command("git", "describe", "--always", "--dirty")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
