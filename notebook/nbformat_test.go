package notebook

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// testdata/nbformat.ipynb was written by nbformat 5.11 (nbformat.writes):
// unicode, a U+2028 line separator, attachments, JSON data, an image, an
// empty code cell and a raw cell.
func TestRoundTripMatchesNbformat(t *testing.T) {
	want, err := os.ReadFile("testdata/nbformat.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("round trip differs from nbformat's layout:\n%s", firstDiff(got, want))
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths differ: got %d lines, want %d", len(g), len(w))
}

func TestParseFields(t *testing.T) {
	b, _ := os.ReadFile("testdata/nbformat.ipynb")
	nb, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Minor != 5 || len(nb.Cells) != 4 {
		t.Fatalf("minor %d, %d cells; want 5 and 4", nb.Minor, len(nb.Cells))
	}
	md := nb.Cells[0]
	if md.ID != "md-1" || md.Type != "markdown" || !strings.HasPrefix(md.Source, "# Dérivées partielles\n\n$") {
		t.Errorf("markdown cell = %+v", md)
	}
	code := nb.Cells[1]
	if code.ExecutionCount != 4 || len(code.Outputs) != 4 || code.Source != "x := 3\nfmt.Println(x)\n" {
		t.Fatalf("code cell = %+v", code)
	}
	if got := code.Outputs[0]["text"]; got != "3\n4\n" {
		t.Errorf("stream text = %q, want joined lines", got)
	}
	data := code.Outputs[1]["data"].(map[string]any)
	if data["image/svg+xml"] != "<svg>\n</svg>\n" {
		t.Errorf("svg = %#v, want joined", data["image/svg+xml"])
	}
	if !reflect.DeepEqual(code.Metadata["tags"], []any{"keep"}) {
		t.Errorf("metadata tags = %#v", code.Metadata["tags"])
	}
	if nb.Cells[2].ExecutionCount != 0 || nb.Cells[2].Source != "" {
		t.Errorf("empty cell = %+v", nb.Cells[2])
	}
}

func TestParseKeepsUnknownFieldsAndNumbers(t *testing.T) {
	in := `{"nbformat": 4, "nbformat_minor": 4, "metadata": {"x": 1.50, "big": 12345678901234567890},
	 "future_field": {"a": 1},
	 "cells": [{"cell_type": "code", "source": "1", "metadata": {}, "outputs": [], "execution_count": null, "mystery": true}]}`
	nb, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].ID != "" {
		t.Errorf("a minor-4 notebook got cell id %q", nb.Cells[0].ID)
	}
	out, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"x": 1.50`, `"big": 12345678901234567890`, `"future_field": {`, `"mystery": true`, `"nbformat_minor": 4`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), `"id"`) {
		t.Errorf("output invented an id for nbformat 4.4:\n%s", out)
	}
}

func TestParseAssignsMissingAndDuplicateIDs(t *testing.T) {
	in := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	 {"cell_type": "markdown", "source": "a", "metadata": {}},
	 {"cell_type": "markdown", "source": "b", "metadata": {}, "id": "same"},
	 {"cell_type": "markdown", "source": "c", "metadata": {}, "id": "same"}]}`
	nb, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{nb.Cells[0].ID, nb.Cells[1].ID, nb.Cells[2].ID}
	valid := regexp.MustCompile(`^[a-zA-Z0-9-_]{1,64}$`)
	if !valid.MatchString(ids[0]) || ids[1] != "same" || ids[2] == "same" || !valid.MatchString(ids[2]) || ids[0] == ids[2] {
		t.Errorf("ids = %q: want a fresh first id, 'same' kept once, a fresh third", ids)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`not json`, "not a JSON notebook"},
		{`[1]`, "not a JSON notebook"},
		{`{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}`, "nbformat 3 is not supported"},
		{`{"nbformat_minor": 5, "metadata": {}, "cells": []}`, `invalid "nbformat"`},
		{`{"nbformat": 4, "nbformat_minor": 5, "cells": []}`, "metadata: missing"},
		{`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}`, `missing "cells"`},
		{`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"source": ""}]}`, `cell 1: missing "cell_type"`},
		{`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 3}]}`, `"source" must be`},
		{`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "", "execution_count": "x"}]}`, `invalid "execution_count"`},
		{`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream"}]}]}`, "cell 1, output 1: a stream needs"},
		{`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []} {}`, "trailing data"},
	} {
		_, err := Parse([]byte(c.in))
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) error = %v, want a ParseError containing %q", c.in, err, c.want)
		}
	}
}

func TestWriteReplacesFileKeepingMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	nb := &Notebook{Metadata: map[string]any{}, Minor: 5, Cells: []*Cell{{ID: "a", Type: "code", Source: "1 + 1", Metadata: map[string]any{}}}}
	if err := Write(path, nb); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "a",
   "metadata": {},
   "outputs": [],
   "source": [
    "1 + 1"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`
	if string(got) != want {
		t.Errorf("written:\n%s\nwant:\n%s", got, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1 (no temporary left)", len(entries))
	}
}

func TestSplitLines(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []any
	}{
		{"", []any{}},
		{"a", []any{"a"}},
		{"a\n", []any{"a\n"}},
		{"a\nb", []any{"a\n", "b"}},
		{"a\r\nb\rc\n\n", []any{"a\r\n", "b\r", "c\n", "\n"}},
		{"x\u2028y\fz", []any{"x\u2028", "y\f", "z"}},
		{"é\u0085ü", []any{"é\u0085", "ü"}},
	} {
		if got := splitLines(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestApplyControl(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain\n", "plain\n"},
		{"10%\r50%\r100%\n", "100%\n"},
		{"a\r\nb\n", "a\r\nb\n"},
		{"abc\b\bd\n", "ad\n"},
		{"line1\nx\ry\nz\r", "line1\ny\nz\r"},
		{"\b\bok", "ok"},
	} {
		if got := applyControl(c.in); got != c.want {
			t.Errorf("applyControl(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
