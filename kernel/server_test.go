package kernel

import (
	"reflect"
	"testing"
)

func TestKernelInfoOnShellAndControl(t *testing.T) {
	k := startKernel(t, mockExec{})
	for _, ch := range []string{"shell", "control"} {
		id := k.send(ch, "kernel_info_request", map[string]any{})
		out := k.outputs(id)
		rep := k.reply(ch, id)
		if got, want := types(out), []string{"status:busy", "status:idle"}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: iopub %v, want %v", ch, got, want)
		}
		c := content(rep)
		if rep.Header.MsgType != "kernel_info_reply" || c["status"] != "ok" || c["protocol_version"] != "5.4" {
			t.Errorf("%s: reply %s %v", ch, rep.Header.MsgType, c)
		}
		li := c["language_info"].(map[string]any)
		want := map[string]string{"name": "go", "mimetype": "text/x-go", "file_extension": ".go", "pygments_lexer": "go", "codemirror_mode": "go"}
		for k, v := range want {
			if li[k] != v {
				t.Errorf("language_info.%s = %v, want %q", k, li[k], v)
			}
		}
		if li["version"] == "" || c["banner"] != "gocalc test" {
			t.Errorf("version %v banner %v", li["version"], c["banner"])
		}
		if rep.Header.Session != k.srv.Session() || rep.Header.Version != "5.4" {
			t.Errorf("header %+v", rep.Header)
		}
	}
}

func TestExecuteOutputs(t *testing.T) {
	k := startKernel(t, mockExec{})
	rep, out := k.execute("print hello\neprint oops\ndisplay <b>x</b>\nvalue 42", nil)
	want := []string{"status:busy", "execute_input", "stream", "stream", "display_data", "execute_result", "status:idle"}
	if got := types(out); !reflect.DeepEqual(got, want) {
		t.Fatalf("iopub %v, want %v", got, want)
	}
	if c := content(out[2]); c["name"] != "stdout" || c["text"] != "hello\n" {
		t.Errorf("stdout %v", c)
	}
	if c := content(out[3]); c["name"] != "stderr" || c["text"] != "oops\n" {
		t.Errorf("stderr %v", c)
	}
	if c := content(out[5]); c["execution_count"] != 1.0 || c["data"].(map[string]any)["text/plain"] != "42" {
		t.Errorf("execute_result %v", c)
	}
	if c := content(rep); c["status"] != "ok" || c["execution_count"] != 1.0 {
		t.Errorf("reply %v", c)
	}
	for _, m := range out {
		if m.Header.Session != k.srv.Session() {
			t.Errorf("%s has session %q", m.Header.MsgType, m.Header.Session)
		}
	}
}

func TestExecuteError(t *testing.T) {
	k := startKernel(t, mockExec{})
	rep, out := k.execute("fail boom", nil)
	want := []string{"status:busy", "execute_input", "error", "status:idle"}
	if got := types(out); !reflect.DeepEqual(got, want) {
		t.Fatalf("iopub %v, want %v", got, want)
	}
	c := content(rep)
	if c["status"] != "error" || c["ename"] != "MockError" || c["evalue"] != "boom" {
		t.Errorf("reply %v", c)
	}
	if tb := c["traceback"].([]any); len(tb) != 2 {
		t.Errorf("traceback %v", tb)
	}
}
