package front

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Type switches on an interface with methods that have a case of an
// interface type or of a type parameter are marked at their switch
// keyword; unwrap unless the operand as written is a call. A switch on
// an empty interface (any(i) too) with a case of an interface or unnamed
// struct type is bound by the rewriter, one with a case of a named
// concrete type is left.
func TestIfaceSwitches(t *testing.T) {
	c := NewChecker(short)
	src := `type I interface{ M() }
type J interface{ M(); N() }
func a(i I) { switch i.(type) { case J: } }
func b(i I) { switch v := I(i).(type) { case J: _ = v }; switch any(i).(type) { case J: } }
func c(e any) { switch e.(type) { case I: } }
func d(i I) { switch i.(type) { case nil: } }
func e[T any](i I) { switch i.(type) { case T: } }
func f(i I) { switch x := i.(type) { case nil, J: _ = x } }
type B bool
func g(e any) { switch e.(type) { case B, int: }; switch e.(type) { case struct{ a int }: }; switch e.(type) { case I, B: } }`
	res := c.Check(1, pieces(src), nil, nil, true)
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var got []string
	for k, v := range res.IfaceSwitches() {
		got = append(got, fmt.Sprintf("%d:%d %s", k[0], k[1], v))
	}
	sort.Strings(got)
	want := []string{"3:15 " + SwitchChainUnwrap, "4:15 " + SwitchChain, "4:58 " + SwitchBind, "5:17 " + SwitchBind,
		"7:22 " + SwitchChainUnwrap, "8:15 " + SwitchChainUnwrap, "10:51 " + SwitchBind}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("switches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
