package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocalc/gocalc/notebook"
)

const sampleNotebook = `{
 "cells": [
  {"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# Titre"]},
  {"cell_type": "code", "execution_count": null, "id": "a", "metadata": {"tags": ["t"]}, "outputs": [],
   "source": ["x := 21\n", "fmt.Println(\"bonjour\")\n", "x * 2"]},
  {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {}, "outputs": [],
   "source": ["display.HTML(\"<b>gras</b>\")"]},
  {"cell_type": "code", "execution_count": null, "id": "c", "metadata": {}, "outputs": [],
   "source": ["undefinedName + 1"]},
  {"cell_type": "code", "execution_count": null, "id": "d", "metadata": {}, "outputs": [],
   "source": ["x + 1"]}
 ],
 "metadata": {"kernelspec": {"name": "gocalc", "display_name": "Go (gocalc)", "language": "go"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`

// silence sends the command's stdout and stderr to files it returns the
// contents of.
func silence(t *testing.T, f func() int) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	o, _ := os.Create(filepath.Join(dir, "stdout"))
	e, _ := os.Create(filepath.Join(dir, "stderr"))
	so, se := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = o, e
	code = f()
	os.Stdout, os.Stderr = so, se
	o.Close()
	e.Close()
	ob, _ := os.ReadFile(o.Name())
	eb, _ := os.ReadFile(e.Name())
	return code, string(ob), string(eb)
}

func TestRunCommandWithInterpreter(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // run changes directory to the notebook's; restore it after
	src := filepath.Join(dir, "nb.ipynb")
	if err := os.WriteFile(src, []byte(sampleNotebook), 0o644); err != nil {
		t.Fatal(err)
	}

	// Without --allow-errors: exit 1 at cell 4, nothing written.
	code, _, stderr := silence(t, func() int { return dispatch([]string{"run", src}) })
	if code != 1 {
		t.Fatalf("exit status %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"cell 4 (In [3]) failed", "undefinedName"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if b, _ := os.ReadFile(src); string(b) != sampleNotebook {
		t.Errorf("a failed run rewrote the notebook")
	}

	// With --allow-errors and -o: every cell runs, the error is an output.
	out := filepath.Join(dir, "out.ipynb")
	code, _, stderr = silence(t, func() int { return dispatch([]string{"run", src, "-o", out, "--allow-errors"}) })
	if code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	nb, err := notebook.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	c := nb.Cells
	if got := c[1].Outputs; len(got) != 2 || got[0]["text"] != "bonjour\n" || got[1]["data"].(map[string]any)["text/plain"] != "42" {
		t.Errorf("cell 2 outputs = %v", got)
	}
	if got := c[2].Outputs; len(got) != 1 || got[0]["output_type"] != "display_data" || got[0]["data"].(map[string]any)["text/html"] != "<b>gras</b>" {
		t.Errorf("cell 3 outputs = %v", got)
	}
	if got := c[3].Outputs; len(got) != 1 || got[0]["output_type"] != "error" {
		t.Errorf("cell 4 outputs = %v", got)
	}
	if got := c[4].Outputs; len(got) != 1 || got[0]["data"].(map[string]any)["text/plain"] != "22" || c[4].ExecutionCount != 4 {
		t.Errorf("cell 5 outputs = %v (count %d)", got, c[4].ExecutionCount)
	}
	if c[1].Metadata["tags"] == nil || c[0].ID != "m" {
		t.Errorf("cell metadata or ids lost: %+v %+v", c[0], c[1])
	}
	if li, _ := nb.Metadata["language_info"].(map[string]any); li["name"] != "go" {
		t.Errorf("language_info = %v", nb.Metadata["language_info"])
	}
}

// TestRunCommandCwd runs the cells in the folder --cwd names, not in the
// notebook's.
func TestRunCommandCwd(t *testing.T) {
	dir, work := t.TempDir(), t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(work, "data.txt"), []byte("here"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "nb.ipynb")
	nb := strings.Replace(sampleNotebook, `"x := 21\n", "fmt.Println(\"bonjour\")\n", "x * 2"`, `"b, err := os.ReadFile(\"data.txt\")\n", "string(b) + \" \" + fmt.Sprint(err)"`, 1)
	if err := os.WriteFile(src, []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.ipynb")
	code, _, stderr := silence(t, func() int {
		return dispatch([]string{"run", src, "-o", out, "--allow-errors", "--cwd", work})
	})
	if code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
	}
	got, err := notebook.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if o := got.Cells[1].Outputs; len(o) != 1 || o[0]["output_type"] != "execute_result" || o[0]["data"].(map[string]any)["text/plain"] != `"here <nil>"` {
		t.Errorf("cell 2 outputs = %v", o)
	}
}
