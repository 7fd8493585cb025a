package kernel

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestGlob(t *testing.T) {
	cases := []struct {
		glob, s string
		want    bool
	}{
		{"*", "", true},
		{"*", "a\nb", true},
		{"1+*", "1+2", true},
		{"1+*", "2+1", false},
		{"1?2*", "1+2+3", true},
		{"1?2*", "12", false},
		{"fmt.Print*", "fmt.Println(x)", true},
		{"*Δ*", "x := Δ", true},
		{"?", "Δ", true},
		{"[ab]x", "bx", true},
		{"[^ab]x", "bx", false},
		{"[!ab]x", "cx", true},
		{"a[", "a[", true},
		{"(.*)", "(.*)", true},
		{"(.*)", "ab", false},
		{`a\b`, `a\b`, true},
	}
	for _, tc := range cases {
		if got := globRegexp(tc.glob).MatchString(tc.s); got != tc.want {
			t.Errorf("glob %q on %q = %v, want %v", tc.glob, tc.s, got, tc.want)
		}
	}
}

func lines(es []historyEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Input)
	}
	return out
}

func TestHistoryQueries(t *testing.T) {
	h, err := openHistory("")
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range []string{"1+1", "1+2", "x := 3", "1+3", "1+1"} {
		h.Add(i+1, in, "")
	}
	cases := []struct {
		name string
		got  []historyEntry
		want []string
	}{
		{"tail 2", h.Tail(2, false), []string{"1+3", "1+1"}},
		{"tail all", h.Tail(0, false), []string{"1+1", "1+2", "x := 3", "1+3", "1+1"}},
		{"tail unique", h.Tail(0, true), []string{"1+2", "x := 3", "1+3", "1+1"}},
		{"search", h.Search("1+*", 0, false), []string{"1+1", "1+2", "1+3", "1+1"}},
		{"search n", h.Search("1+*", 3, false), []string{"1+2", "1+3", "1+1"}},
		{"search unique", h.Search("1+*", 0, true), []string{"1+2", "1+3", "1+1"}},
		{"search unique n", h.Search("1+*", 2, true), []string{"1+3", "1+1"}},
		{"search none", h.Search("y*", 0, false), nil},
		{"range", h.Range(0, 2, 4), []string{"1+2", "x := 3"}},
		{"range open", h.Range(1, 4, 0), []string{"1+3", "1+1"}},
		{"range other session", h.Range(-1, 1, 0), nil},
	}
	for _, tc := range cases {
		if got := lines(tc.got); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestHistoryPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gocalc", "history.jsonl")
	h, err := openHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	h.Add(1, "a := 1", "")
	h.Add(2, "a", "1")
	h.Close()
	// A torn last line (a crash mid-write) is skipped.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"session":1,"li`)
	f.Close()

	h2, err := openHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	defer h2.Close()
	if h2.Session() != 2 {
		t.Errorf("second session numbered %d, want 2", h2.Session())
	}
	h2.Add(1, "b := 2", "")
	want := []historyEntry{{1, 1, "a := 1", ""}, {1, 2, "a", "1"}, {2, 1, "b := 2", ""}}
	if got := h2.Tail(0, false); !reflect.DeepEqual(got, want) {
		t.Errorf("after restart: %+v\nwant %+v", got, want)
	}
	if got := lines(h2.Range(-1, 2, 3)); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("previous session's line 2: %q", got)
	}
}

func TestDefaultHistoryPath(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/data/jup")
	if got, want := DefaultHistoryPath(), filepath.Join("/data/jup", "gocalc", "history.jsonl"); got != want {
		t.Errorf("DefaultHistoryPath = %s, want %s", got, want)
	}
}

func TestHistoryRequestAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	withHistory := func(c *Config) { c.HistoryPath = path }
	k := startKernel(t, mockExec{}, withHistory)
	k.execute("value 1", nil)
	k.execute("print hi", nil)
	k.srv.Shutdown()
	<-k.served
	k.served <- nil

	k2 := startKernel(t, mockExec{}, withHistory)
	k2.execute("value 3", nil)
	ask := func(req map[string]any) []any {
		c := content(k2.reply("shell", k2.send("shell", "history_request", req)))
		if c["status"] != "ok" {
			t.Fatalf("history_reply %v", c)
		}
		return c["history"].([]any)
	}
	tail := ask(map[string]any{"hist_access_type": "tail", "n": 3, "output": false, "raw": true})
	want := []any{[]any{1.0, 1.0, "value 1"}, []any{1.0, 2.0, "print hi"}, []any{2.0, 1.0, "value 3"}}
	if !reflect.DeepEqual(tail, want) {
		t.Errorf("tail %v, want %v", tail, want)
	}
	out := ask(map[string]any{"hist_access_type": "tail", "n": 1, "output": true, "raw": true})
	if !reflect.DeepEqual(out, []any{[]any{2.0, 1.0, []any{"value 3", "3"}}}) {
		t.Errorf("tail with output %v", out)
	}
	rng := ask(map[string]any{"hist_access_type": "range", "session": 1, "start": 2, "stop": 3, "output": false, "raw": true})
	if !reflect.DeepEqual(rng, []any{[]any{1.0, 2.0, "print hi"}}) {
		t.Errorf("range %v", rng)
	}
	search := ask(map[string]any{"hist_access_type": "search", "pattern": "value*", "n": 1, "unique": true})
	if !reflect.DeepEqual(search, []any{[]any{2.0, 1.0, "value 3"}}) {
		t.Errorf("search %v", search)
	}
}
