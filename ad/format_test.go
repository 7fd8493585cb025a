package ad

import (
	"fmt"
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	tp := NewTape()
	x := tp.Var(3)
	y := x.Square()
	y.Backward()
	tests := []struct {
		format string
		arg    any
		want   string
	}{
		{"%.4f", Dual{V: math.Log(3), D: 1.0 / 3}, "1.0986+0.3333ε"},
		{"%v", Dual{V: 1, D: -0.5}, "1-0.5ε"},
		{"%v", Dual{V: 2, D: math.Copysign(0, -1)}, "2+0ε"},
		{"%v", Dual{V: math.NaN(), D: math.Inf(-1)}, "NaN-Infε"},
		{"%.2e", Dual{V: 1234, D: 0.001}, "1.23e+03+1.00e-03ε"},
		{"%s", Dual{V: 0.25, D: 4}, "0.25+4ε"},
		{"%d", Dual{V: 1, D: 2}, "%!d(ad.Dual=1+2ε)"},
		{"%v", x, "3 (grad 6)"},
		{"%.3f", y, "9.000 (grad 1.000)"},
		{"%v", (*Var)(nil), "<nil>"},
		{"%v", Float(0.1), "0.1"},
		{"%.2f", Float(2).Sqrt(), "1.41"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf(tt.format, tt.arg); got != tt.want {
			t.Errorf("Sprintf(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
	if got := fmt.Sprint(Dual{V: 1, D: 2}); got != (Dual{V: 1, D: 2}).String() {
		t.Errorf("Sprint and String differ: %q", got)
	}
}
