package cells

import (
	"reflect"
	"testing"
)

func TestSplitCell(t *testing.T) {
	type got struct {
		kind ItemKind
		text string
		line int
	}
	tests := []struct {
		code string
		want []got
	}{
		{"import \"fmt\"\nx := 3", []got{{ItemImport, `import "fmt"`, 1}, {ItemStmt, "x := 3", 2}}},
		{"func f() {}\nfunc (p P) M() {}\nfunc() {}()", []got{{ItemDecl, "func f() {}", 1}, {ItemDecl, "func (p P) M() {}", 2}, {ItemStmt, "func() {}()", 3}}},
		{"for i := 0; i < 3; i++ {\n}\nvar v = 1; const c = 2", []got{{ItemStmt, "for i := 0; i < 3; i++ {\n}", 1}, {ItemVar, "var v = 1", 3}, {ItemDecl, "const c = 2", 3}}},
		{"s := \"{\" // }\ntype T struct{ A int }", []got{{ItemStmt, `s := "{" // }`, 1}, {ItemDecl, "type T struct{ A int }", 2}}},
		{"x := 1\n// Doc line.\nfunc g() {}", []got{{ItemStmt, "x := 1", 1}, {ItemDecl, "// Doc line.\nfunc g() {}", 2}}},
	}
	for _, tt := range tests {
		var gots []got
		for _, it := range splitCell(tt.code) {
			gots = append(gots, got{it.Kind, it.Text, it.Line})
		}
		if !reflect.DeepEqual(gots, tt.want) {
			t.Errorf("%q:\n got %v\nwant %v", tt.code, gots, tt.want)
		}
	}
}
