package plotting

import (
	"reflect"
	"testing"
)

// The expected ticks are what matplotlib 3.6 shows for these view limits
// and bin counts.
func TestLinearTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		nbins  int
		want   []float64
	}{
		{-2.25, 3.24, 6, []float64{-2, -1, 0, 1, 2, 3}},
		{-35.2, 35.0, 6, []float64{-20, 0, 20}},
		{0, 1, 6, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{-1, 1, 4, []float64{-1, -0.5, 0, 0.5, 1}},
		{0.9, 1.1, 5, []float64{0.9, 0.95, 1, 1.05, 1.1}},
		{-2, 2, 4, []float64{-2, -1, 0, 1, 2}},
	}
	for _, tt := range tests {
		if got := linearTicks(tt.lo, tt.hi, tt.nbins); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("linearTicks(%v, %v, %d) = %v, want %v", tt.lo, tt.hi, tt.nbins, got, tt.want)
		}
	}
}

func TestTickLabels(t *testing.T) {
	tests := []struct {
		in   []float64
		want []string
	}{
		{[]float64{-20, 0, 20}, []string{"\u221220", "0", "20"}},
		{[]float64{-1, -0.5, 0, 0.5, 1}, []string{"\u22121.0", "\u22120.5", "0.0", "0.5", "1.0"}},
		{[]float64{0.9, 0.95, 1}, []string{"0.90", "0.95", "1.00"}},
	}
	for _, tt := range tests {
		if got := tickLabels(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tickLabels(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLogTicks(t *testing.T) {
	at, labels := logTicks(0.005, 2000, 6)
	want := []string{"10^\u22122", "10^\u22121", "10^0", "10^1", "10^2", "10^3"}
	if !reflect.DeepEqual(labels, want) || len(at) != 6 || at[0] != 0.01 {
		t.Errorf("logTicks = %v %q, want 0.01.. %q", at, labels, want)
	}
}
