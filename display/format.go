package display

import "sync"

// A Formatter returns a Renderer that shows v, or nil when it does not
// know how to show v. It lets a package show values of types it does not
// own, such as gonum's *plot.Plot, without the interpreter or this
// package importing it.
type Formatter func(v any) Renderer

var formatters struct {
	sync.RWMutex
	list []Formatter
}

// Register adds f to the formatters that RendererFor consults, after
// those registered before it. Packages register their formatters in an
// init function. Register panics on a nil f.
func Register(f Formatter) {
	if f == nil {
		panic("display: Register(nil)")
	}
	formatters.Lock()
	formatters.list = append(formatters.list, f)
	formatters.Unlock()
}

// RendererFor returns the Renderer that shows v: v itself when it
// implements Renderer, else the Renderer of the first registered
// Formatter that knows v. It reports false when there is none, and for a
// nil v.
func RendererFor(v any) (Renderer, bool) {
	if v == nil {
		return nil, false
	}
	if r, ok := v.(Renderer); ok {
		return r, true
	}
	formatters.RLock()
	defer formatters.RUnlock()
	for _, f := range formatters.list {
		if r := f(v); r != nil {
			return r, true
		}
	}
	return nil, false
}
