package interp

import (
	"testing"

	"github.com/gocalc/gocalc/engine"
)

func TestIsComplete(t *testing.T) {
	in := newInterp(t)
	tests := []struct{ code, status, indent string }{
		{"", engine.Complete, ""},
		{"x := 1", engine.Complete, ""},
		{"package main\n\nfunc main() {}", engine.Complete, ""},
		{"import \"fmt\"\nfmt.Println(1)", engine.Complete, ""},
		{"func f() {", engine.Incomplete, "    "},
		{"for i := range 3 {\n\tif i > 1 {", engine.Incomplete, "        "},
		{"xs := []int{\n\t1,", engine.Incomplete, "    "},
		{"fmt.Println(", engine.Incomplete, "    "},
		{"x := 1 +", engine.Incomplete, ""},
		{"s := `raw", engine.Incomplete, ""},
		{"/* comment", engine.Incomplete, ""},
		{"x := )", engine.Invalid, ""},
		{"s := \"open", engine.Invalid, ""},
		{"func f() { ]", engine.Invalid, ""},
		{"x := := 2", engine.Invalid, ""},
	}
	for _, tt := range tests {
		status, indent := in.IsComplete(tt.code)
		if status != tt.status || indent != tt.indent {
			t.Errorf("%q: got %s %q, want %s %q", tt.code, status, indent, tt.status, tt.indent)
		}
	}
}
