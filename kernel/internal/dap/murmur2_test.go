package dap

import "testing"

// The values are those of the Murmur2 that JupyterLab's debugger and
// ipykernel compute, for their seed and for 0.
func TestMurmur2(t *testing.T) {
	cases := []struct {
		in   string
		seed uint32
		want uint32
	}{
		{"", 0xC70F6907, 3990065800},
		{"", 0, 0},
		{"a", 0xC70F6907, 2167009006},
		{"ab", 0xC70F6907, 2805137849},
		{"abc", 0xC70F6907, 3350977461},
		{"abcd", 0xC70F6907, 804720481},
		{"abcd", 0, 646393889},
		{"x := 3.5\n", 0xC70F6907, 1469322888},
		{"hé ∂f/∂x", 0xC70F6907, 571425688},
		{"hé ∂f/∂x", 0, 3075325395},
		{"print(1)", 0, 3626970123},
	}
	for _, tc := range cases {
		if got := Murmur2(tc.in, tc.seed); got != tc.want {
			t.Errorf("Murmur2(%q, %#x) = %d, want %d", tc.in, tc.seed, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name, in string
		wantCmd  string
		wantErr  bool
	}{
		{"request", `{"seq":3,"type":"request","command":"debugInfo"}`, "debugInfo", false},
		{"with arguments", `{"seq":1,"type":"request","command":"dumpCell","arguments":{"code":"x"}}`, "dumpCell", false},
		{"no command", `{"seq":1,"type":"request"}`, "", true},
		{"not an object", `[1]`, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Decode([]byte(tc.in))
			if (err != nil) != tc.wantErr || r.Command != tc.wantCmd {
				t.Errorf("Decode(%s) = %q, %v; want %q, error %v", tc.in, r.Command, err, tc.wantCmd, tc.wantErr)
			}
		})
	}
}
