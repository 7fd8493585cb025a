package interp

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The programs in testdata/programs are whole Go programs, each ending in
// an // Output: comment, in the manner of yaegi's own _test programs.
// Pasted into a cell, each must print what compiled Go prints; the second
// test checks the expected output against compiled Go itself (when the go
// command is there), so that no expectation comes from the interpreter.
func TestPrograms(t *testing.T) {
	for _, file := range programFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, want := readProgram(t, file)
			in := newInterp(t)
			_, rec, err := run(t, in, src)
			if err != nil {
				t.Fatalf("error: %v\n%s", err, strings.Join(errTraceback(err), "\n"))
			}
			if got := rec.stream("stdout"); got != want {
				t.Errorf("output:\n%s\nwant (compiled Go's):\n%s", got, want)
			}
		})
	}
}

func TestProgramsCompiled(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil || testing.Short() {
		t.Skip("no go command, or -short")
	}
	for _, file := range programFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, want := readProgram(t, file)
			out, err := exec.Command(goCmd, "run", file).CombinedOutput()
			if err != nil {
				t.Fatalf("go run: %v\n%s", err, out)
			}
			if string(out) != want {
				t.Errorf("compiled Go prints:\n%s\nthe file's // Output: says:\n%s", out, want)
			}
		})
	}
}

func programFiles(t *testing.T) []string {
	files, err := filepath.Glob("testdata/programs/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs: %v", err)
	}
	return files
}

// readProgram returns a program and the output its // Output: comment
// gives.
func readProgram(t *testing.T, file string) (src, want string) {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src = string(b)
	i := strings.LastIndex(src, "\n// Output:\n")
	if i < 0 {
		t.Fatalf("%s has no // Output: comment", file)
	}
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimRight(src[i+len("\n// Output:\n"):], "\n"), "\n") {
		l = strings.TrimPrefix(l, "//")
		out.WriteString(strings.TrimPrefix(l, " ") + "\n")
	}
	return src, out.String()
}

func errTraceback(err error) []string {
	if e, ok := err.(interface{ Error() string }); ok {
		return []string{e.Error()}
	}
	return nil
}
