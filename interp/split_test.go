package interp

import (
	"reflect"
	"testing"
)

func TestSplitCell(t *testing.T) {
	type got struct {
		kind itemKind
		text string
		line int
	}
	tests := []struct {
		code string
		want []got
	}{
		{"import \"fmt\"\nx := 3", []got{{itemImport, `import "fmt"`, 1}, {itemStmt, "x := 3", 2}}},
		{"func f() {}\nfunc (p P) M() {}\nfunc() {}()", []got{{itemDecl, "func f() {}", 1}, {itemDecl, "func (p P) M() {}", 2}, {itemStmt, "func() {}()", 3}}},
		{"for i := 0; i < 3; i++ {\n}\nvar v = 1; const c = 2", []got{{itemStmt, "for i := 0; i < 3; i++ {\n}", 1}, {itemVar, "var v = 1", 3}, {itemDecl, "const c = 2", 3}}},
		{"s := \"{\" // }\ntype T struct{ A int }", []got{{itemStmt, `s := "{" // }`, 1}, {itemDecl, "type T struct{ A int }", 2}}},
		{"x := 1\n// Doc line.\nfunc g() {}", []got{{itemStmt, "x := 1", 1}, {itemDecl, "// Doc line.\nfunc g() {}", 2}}},
	}
	for _, tt := range tests {
		var gots []got
		for _, it := range splitCell(tt.code) {
			gots = append(gots, got{it.kind, it.text, it.line})
		}
		if !reflect.DeepEqual(gots, tt.want) {
			t.Errorf("%q:\n got %v\nwant %v", tt.code, gots, tt.want)
		}
	}
}
