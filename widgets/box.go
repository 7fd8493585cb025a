package widgets

import (
	"fmt"
	"strings"
)

// Box lays out widgets in a row (HBox) or a column (VBox).
type Box struct{ base }

func newBox(kind string, children []Widget, classes ...any) *Box {
	refs := make([]any, len(children))
	for i, c := range children {
		if c == nil {
			panic("widgets: a nil child in " + kind)
		}
		refs[i] = ref(c)
	}
	m := newModel(kind, kind+"Model", controlsModule, controlsVer, map[string]any{
		"children": refs, "box_style": "", "_dom_classes": append([]any{}, classes...),
	})
	kids := append([]Widget(nil), children...)
	m.describe = func() string {
		parts := make([]string, len(kids))
		for i, c := range kids {
			parts[i] = fmt.Sprint(c)
		}
		return kind + "(" + strings.Join(parts, ", ") + ")"
	}
	return &Box{base{m}}
}

// NewHBox lays children out in a row.
func NewHBox(children ...Widget) *Box { return newBox("HBox", children) }

// NewVBox lays children out in a column.
func NewVBox(children ...Widget) *Box { return newBox("VBox", children) }
