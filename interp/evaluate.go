package interp

import (
	"context"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
)

var _ engine.Evaluator = (*Interpreter)(nil)

// Evaluate runs expr as a cell whose output is dropped and returns its
// value, for user_expressions. An expression without a value gives an
// empty text/plain bundle.
func (in *Interpreter) Evaluate(ctx context.Context, expr string) (display.Data, error) {
	d, err := in.Execute(ctx, expr, discard{})
	if err != nil {
		return display.Data{}, err
	}
	if d == nil {
		return display.New("text/plain", ""), nil
	}
	return *d, nil
}

// discard is an Output that drops everything.
type discard struct{}

func (discard) Publish(display.Data)               {}
func (discard) Update(display.Data)                {}
func (discard) Clear(bool)                         {}
func (discard) Stream(string, string)              {}
func (discard) Input(string, bool) (string, error) { return "", engine.ErrNoStdin }
