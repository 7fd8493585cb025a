package front

import (
	"strings"
	"testing"
)

func TestSelectTypes(t *testing.T) {
	cell := `type P struct{ x, y int }
type E struct{}
func (E) Error() string { return "" }
a, b := make(chan int), make(chan *P)
var q *P
select {
case v := <-a:
	_ = v
case q = <-b:
case a <- 1:
case <-b:
default:
}
errs := make(chan error)
select {
case err := <-errs:
	_ = err
}
es := make(chan E)
select {
case es <- E{}:
}
select {}
`
	r := NewChecker(short).Check(1, pieces(cell), nil, nil, false)
	if len(r.Errors) > 0 || r.Skipped != "" {
		t.Fatalf("check: %v %s", r.Errors, r.Skipped)
	}
	got, _ := r.SelectTypes()
	want := map[[2]int]string{{6, 1}: SelectMark + strings.Join([]string{"int", "*P", "", "", ""}, SelectSep)}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("select at %v: got %q, want %q", k, got[k], v)
		}
	}
}
