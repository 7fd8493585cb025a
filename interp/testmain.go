package interp

import (
	"errors"
	"flag"
	"io"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"
)

// testingMain is testing.Main for cells: it runs the tests as compiled Go
// does (testing.MainStart, then M.Run, which prints PASS or FAIL and
// what the tests logged) and ends the cell as os.Exit(code) does,
// instead of ending the process. What the testing package prints to
// os.Stdout goes to the cell: os.Stdout is the cells' own while the tests
// run (the kernel itself writes nothing there). The testing package's flags are
// registered on flag.CommandLine with their defaults: the process's own
// arguments are the kernel's, not a test binary's, so they are not
// parsed (flag.CommandLine is marked parsed with none, once).
func (r *rt) testingMain(match func(pat, str string) (bool, error), tests []testing.InternalTest, benchmarks []testing.InternalBenchmark, examples []testing.InternalExample) {
	m := testing.MainStart(cellTestDeps(match), tests, benchmarks, nil, examples)
	testFlags.Do(func() {
		if !flag.Parsed() {
			_ = flag.CommandLine.Parse(nil)
		}
	})
	for _, name := range testFiles {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			prev := f.Value.String()
			_ = f.Value.Set("")
			defer func() { _ = f.Value.Set(prev) }()
		}
	}
	if r.stdout != nil {
		prev := os.Stdout
		os.Stdout = r.stdout
		defer func() { os.Stdout = prev }()
	}
	panic(exitCode(m.Run()))
}

var testFlags sync.Once

// testFiles are the testing flags that name files of a test binary's own
// (its log for go test's cache, profiles): a cell's tests write none.
// Under go test, testing.Main in a cell would otherwise have truncated
// and closed the log of the process's own tests.
var testFiles = []string{"test.testlogfile", "test.cpuprofile", "test.memprofile", "test.blockprofile",
	"test.mutexprofile", "test.trace", "test.coverprofile", "test.gocoverdir", "test.outputdir"}

// errCellTest is what the abilities of a test binary that a cell does not
// have answer (profiles, test logs, fuzzing).
var errCellTest = errors.New("testing: not available to testing.Main in a cell")

// cellTestDeps is what testing.MainStart needs of its caller, as the
// testing package's own deps for testing.Main give it: test name matching
// and nothing else.
type cellTestDeps func(pat, str string) (bool, error)

// corpusEntry is the testing package's (an alias of this struct type).
type corpusEntry = struct {
	Parent     string
	Path       string
	Data       []byte
	Values     []any
	Generation int
	IsSeed     bool
}

func (f cellTestDeps) MatchString(pat, str string) (bool, error)   { return f(pat, str) }
func (f cellTestDeps) StartCPUProfile(io.Writer) error             { return errCellTest }
func (f cellTestDeps) StopCPUProfile()                             {}
func (f cellTestDeps) WriteProfileTo(string, io.Writer, int) error { return errCellTest }
func (f cellTestDeps) ModulePath() string                          { return "" }
func (f cellTestDeps) ImportPath() string                          { return "" }
func (f cellTestDeps) StartTestLog(io.Writer)                      {}
func (f cellTestDeps) StopTestLog() error                          { return nil } // no log was started; testing exits the process on an error
func (f cellTestDeps) SetPanicOnExit0(bool)                        {}
func (f cellTestDeps) CoordinateFuzzing(time.Duration, int64, time.Duration, int64, int, []corpusEntry, []reflect.Type, string, string) error {
	return errCellTest
}
func (f cellTestDeps) RunFuzzWorker(func(corpusEntry) error) error { return errCellTest }
func (f cellTestDeps) ReadCorpus(string, []reflect.Type) ([]corpusEntry, error) {
	return nil, errCellTest
}
func (f cellTestDeps) CheckCorpus([]any, []reflect.Type) error { return nil }
func (f cellTestDeps) ResetCoverage()                          {}
func (f cellTestDeps) SnapshotCoverage()                       {}
func (f cellTestDeps) InitRuntimeCoverage() (mode string, tearDown func(string, string) (string, error), snapcov func() float64) {
	return
}
