package widgets

// Box lays out widgets in a row (HBox) or a column (VBox).
type Box struct{ base }

func newBox(kind string, children []Widget) *Box {
	refs := make([]any, len(children))
	for i, c := range children {
		if c == nil {
			panic("widgets: a nil child in " + kind)
		}
		refs[i] = ref(c)
	}
	return &Box{base{newModel(kind, kind+"Model", controlsModule, controlsVer, map[string]any{
		"children": refs, "box_style": "",
	})}}
}

// NewHBox lays children out in a row.
func NewHBox(children ...Widget) *Box { return newBox("HBox", children) }

// NewVBox lays children out in a column.
func NewVBox(children ...Widget) *Box { return newBox("VBox", children) }
