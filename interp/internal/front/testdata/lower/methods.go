type NotFound struct{ Key string }
func (e *NotFound) Error() string { return "not found: " + e.Key }
type Acc struct{ n int }
func (a *Acc) Add(k int) { a.n += k }
type Vec [3]float64
func (v *Vec) Scale(k float64) { for i := range v { v[i] *= k } }
func Map[T, U any](xs []T, f func(T) U) []U { return nil }
err := fmt.Errorf("lookup: %w", &NotFound{"x"})
var nf *NotFound
found := errors.As(err, &nf)
add := (*Acc).Add
ys := Map([]int{1}, func(i int) float64 { return 0 })
