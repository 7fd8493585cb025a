"""The debugger through jupyter_client: what JupyterLab 4's debugger
sends to start a session, fill its variables panel, and stop a cell at a
breakpoint and step through it (debug_request on control, debug_reply,
debug_event on iopub).

The same sequence runs against ipykernel (with debugpy), so that the test
checks the protocol's shapes and not our reading of them.
"""
from __future__ import annotations

import time
from queue import Empty

import pytest

from kernelclient import run, start, stop

try:
    from ipykernel.compiler import murmur2_x86  # the hash JupyterLab computes too
except ImportError:  # pragma: no cover - ipykernel is in requirements.txt
    murmur2_x86 = None

# Per kernel: the cell that makes a variable, and the row the variables
# panel must show for it.
KERNELS = {
    "gocalc": ("answer := 42\nratio := 0.5", {"answer": ("int", "42"), "ratio": ("float64", "0.5")}),
    "python3": ("answer = 42\nratio = 0.5", {"answer": ("int", "42"), "ratio": ("float", "0.5")}),
}


def have_kernel(name: str) -> bool:
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        KernelSpecManager().get_kernel_spec(name)
    except Exception:
        return False
    if name == "python3":
        try:
            import debugpy  # noqa: F401
        except ImportError:
            return False
    return True


class Debug:
    """Sends DAP requests in debug_request on control and keeps the
    debug_event messages that arrive on iopub."""

    def __init__(self, kc):
        self.kc = kc
        self.seq = 0
        self.events: list[dict] = []
        self.iopub: list[dict] = []  # the other iopub messages, kept for the cells' outputs

    def request(self, command: str, arguments: dict | None = None, timeout: float = 30) -> dict:
        self.seq += 1
        content = {"type": "request", "seq": self.seq, "command": command}
        if arguments is not None:
            content["arguments"] = arguments
        msg = self.kc.session.msg("debug_request", content)
        self.kc.control_channel.send(msg)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no debug_reply to {command}")
            try:
                rep = self.kc.get_control_msg(timeout=left)
            except Empty:
                continue
            if rep["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                assert rep["msg_type"] == "debug_reply", rep["msg_type"]
                self.collect_events()
                return rep["content"]

    def collect_events(self, wait: float = 0.2) -> None:
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            try:
                m = self.kc.get_iopub_msg(timeout=left)
            except Empty:
                return
            if m["msg_type"] == "debug_event":
                self.events.append(m["content"])
            else:
                self.iopub.append(m)

    def wait_event(self, name: str, timeout: float = 30) -> dict:
        """Waits for the next debug_event named name (those already
        collected count) and removes it from the list."""
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e["event"] == name:
                    return self.events.pop(i)
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {name} event; events {self.events}")
            self.collect_events(wait=0.1)

    def finish(self, msg_id: str, timeout: float = 30) -> tuple[dict, list[dict]]:
        """Waits for the end of execute msg_id: its reply and its iopub
        messages (up to idle)."""
        deadline = time.monotonic() + timeout
        while not any(m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                      and m["content"]["execution_state"] == "idle" for m in self.iopub):
            if time.monotonic() > deadline:
                raise TimeoutError("the cell does not end")
            self.collect_events(wait=0.1)
        while True:
            rep = self.kc.get_shell_msg(timeout=max(deadline - time.monotonic(), 0.1))
            if rep["parent_header"].get("msg_id") == msg_id:
                return rep, [m for m in self.iopub if m["parent_header"].get("msg_id") == msg_id]


@pytest.fixture(params=list(KERNELS))
def kernel(request):
    name = request.param
    if not have_kernel(name):
        pytest.skip(f"no {name} kernel with a debugger here")
    km, kc = start(name)
    yield name, kc
    stop(km, kc)


def ok(reply: dict, command: str) -> dict:
    assert reply["type"] == "response", reply
    assert reply["command"] == command, reply
    assert reply["success"] is True, reply.get("message")
    return reply.get("body") or {}


def test_kernel_info_advertises_the_debugger(kernel):
    name, kc = kernel
    kc.kernel_info()
    info = kc.get_shell_msg(timeout=30)["content"]
    assert "debugger" in info.get("supported_features", []), info
    if name == "gocalc":  # for frontends older than supported_features; ipykernel 7 dropped it
        assert info["debugger"] is True


def test_start_and_variables_panel(kernel):
    name, kc = kernel
    cell, want = KERNELS[name]
    assert run(kc, cell).status == "ok"
    dbg = Debug(kc)

    info = ok(dbg.request("debugInfo"), "debugInfo")
    assert info["isStarted"] is False
    body = ok(dbg.request("initialize", {
        "clientID": "jupyterlab", "clientName": "JupyterLab", "adapterID": name, "pathFormat": "path",
        "linesStartAt1": True, "columnsStartAt1": True, "supportsVariableType": True,
        "supportsVariablePaging": True, "supportsRunInTerminalRequest": True, "locale": "en",
    }), "initialize")
    assert isinstance(body.get("exceptionBreakpointFilters", []), list)
    ok(dbg.request("attach", {}), "attach")

    info = ok(dbg.request("debugInfo", {}), "debugInfo")
    assert info["isStarted"] is True
    assert info["hashMethod"] == "Murmur2"
    assert isinstance(info["hashSeed"], int)
    assert isinstance(info["tmpFilePrefix"], str) and isinstance(info["tmpFileSuffix"], str)
    for key in ("breakpoints", "stoppedThreads", "exceptionPaths"):
        assert isinstance(info[key], list), key
    assert info["stoppedThreads"] == []
    assert isinstance(info["richRendering"], bool)

    # The cell's path is the one the frontend computes from debugInfo.
    body = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")
    if murmur2_x86 is not None:
        expected = info["tmpFilePrefix"] + str(murmur2_x86(cell, info["hashSeed"])) + info["tmpFileSuffix"]
        assert body["sourcePath"] == expected

    ok(dbg.request("configurationDone", {}), "configurationDone")
    dbg.collect_events(wait=0.5)
    assert "initialized" in [e["event"] for e in dbg.events], dbg.events
    for e in dbg.events:
        assert e["type"] == "event"

    body = ok(dbg.request("inspectVariables", {}), "inspectVariables")
    rows = {v["name"]: v for v in body["variables"]}
    for var, (typ, value) in want.items():
        assert var in rows, sorted(rows)
        assert rows[var]["type"] == typ, rows[var]
        assert rows[var]["value"] == value, rows[var]
        assert isinstance(rows[var]["variablesReference"], int)

    body = ok(dbg.request("richInspectVariables", {"variableName": "answer"}), "richInspectVariables")
    assert body["data"]["text/plain"] == "42"

    ok(dbg.request("disconnect", {"restart": False, "terminateDebuggee": False}), "disconnect")
    info = ok(dbg.request("debugInfo", {}), "debugInfo")
    assert info["isStarted"] is False
    assert run(kc, "answer").status == "ok", "the kernel runs cells after the debug session"


def test_struct_parts_in_the_panel():
    km, kc = start("gocalc")
    try:
        cell = "type Point struct{ X, Y float64 }\np := &Point{1, 2.5}\nxs := []string{\"a\", \"b\"}"
        assert run(kc, cell).status == "ok"
        dbg = Debug(kc)
        ok(dbg.request("initialize", {"clientID": "test", "adapterID": "gocalc"}), "initialize")
        ok(dbg.request("attach", {}), "attach")
        rows = {v["name"]: v for v in ok(dbg.request("inspectVariables", {}), "inspectVariables")["variables"]}
        assert rows["p"]["type"] == "*Point" and rows["p"]["value"] == "&{1 2.5}", rows["p"]
        assert rows["xs"]["type"] == "[]string", rows["xs"]
        parts = ok(dbg.request("variables", {"variablesReference": rows["p"]["variablesReference"]}), "variables")
        assert [(v["name"], v["type"], v["value"]) for v in parts["variables"]] == [("X", "float64", "1"), ("Y", "float64", "2.5")]
        parts = ok(dbg.request("variables", {"variablesReference": rows["xs"]["variablesReference"]}), "variables")
        assert [(v["name"], v["value"]) for v in parts["variables"]] == [("0", '"a"'), ("1", '"b"')]
        # An *ad.Var unfolds into its value and its gradient.
        assert run(kc, "tape := ad.NewTape()\nw := tape.Var(3)\nloss := w.Mul(w)\nloss.Backward()").status == "ok"
        rows = {v["name"]: v for v in ok(dbg.request("inspectVariables", {}), "inspectVariables")["variables"]}
        assert rows["w"]["type"] == "*ad.Var" and rows["w"]["variablesReference"] > 0, rows["w"]
        parts = ok(dbg.request("variables", {"variablesReference": rows["w"]["variablesReference"]}), "variables")
        assert [(v["name"], v["value"]) for v in parts["variables"]] == [("Value", "3"), ("Grad", "6")], parts
        # No cell is stopped: an honest failure, not a silent success.
        rep = dbg.request("stackTrace", {"threadId": 1})
        assert rep["success"] is False and rep["message"]
    finally:
        stop(km, kc)


# Per kernel: a cell with a function, the line of a breakpoint in it, and
# the cell's output. The lines are the same in both languages.
BREAK_CELLS = {
    "gocalc": "func double(x int) int {\n\ty := x * 2\n\treturn y\n}\na := 20\nb := double(a + 1)\nfmt.Println(\"b =\", b)\n",
    "python3": "def double(x):\n    y = x * 2\n    return y\na = 20\nb = double(a + 1)\nprint(\"b =\", b)\n",
}


def start_session(dbg: Debug, name: str) -> dict:
    ok(dbg.request("initialize", {
        "clientID": "jupyterlab", "clientName": "JupyterLab", "adapterID": name, "pathFormat": "path",
        "linesStartAt1": True, "columnsStartAt1": True, "supportsVariableType": True,
        "supportsVariablePaging": True, "supportsRunInTerminalRequest": True, "locale": "en",
    }), "initialize")
    ok(dbg.request("attach", {}), "attach")
    return ok(dbg.request("debugInfo", {}), "debugInfo")


def locals_of(dbg: Debug, frame_id: int) -> dict[str, dict]:
    scopes = ok(dbg.request("scopes", {"frameId": frame_id}), "scopes")["scopes"]
    assert scopes, "no scopes"
    ref = scopes[0]["variablesReference"]
    assert ref > 0, scopes
    rows = ok(dbg.request("variables", {"variablesReference": ref}), "variables")["variables"]
    return {v["name"]: v for v in rows}


def test_breakpoint_stop_step_continue(kernel):
    """The issue's sequence: initialize, attach, dumpCell, setBreakpoints,
    configurationDone, execute, stopped, stackTrace at the cell's line,
    scopes, variables with the right values, next, continue, and the cell
    completes with its output."""
    name, kc = kernel
    cell = BREAK_CELLS[name]
    dbg = Debug(kc)
    start_session(dbg, name)
    path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
    body = ok(dbg.request("setBreakpoints", {
        "source": {"path": path}, "breakpoints": [{"line": 3}], "lines": [3], "sourceModified": False,
    }), "setBreakpoints")
    assert [(b["verified"], b["line"]) for b in body["breakpoints"]] == [(True, 3)], body
    ok(dbg.request("configurationDone", {}), "configurationDone")
    info = ok(dbg.request("debugInfo", {}), "debugInfo")
    assert [(b["source"], [x["line"] for x in b["breakpoints"]]) for b in info["breakpoints"]] == [(path, [3])]

    msg_id = kc.execute(cell)
    stopped = dbg.wait_event("stopped")["body"]
    assert stopped["reason"] == "breakpoint", stopped
    thread = stopped["threadId"]
    threads = ok(dbg.request("threads", {}), "threads")["threads"]
    assert thread in [t["id"] for t in threads], threads
    assert thread in ok(dbg.request("debugInfo", {}), "debugInfo")["stoppedThreads"]

    frames = ok(dbg.request("stackTrace", {"threadId": thread}), "stackTrace")["stackFrames"]
    top = frames[0]
    assert top["line"] == 3, frames
    assert top["source"]["path"] == path, frames
    assert top["name"] == "double", frames
    if name == "gocalc":  # the caller: the cell's line b := double(a + 1)
        assert [(f["name"], f["line"], f["source"]["path"]) for f in frames[1:]] == [("cell", 6, path)], frames
    rows = locals_of(dbg, top["id"])
    assert rows["x"]["value"] == "21" and rows["y"]["value"] == "42", rows
    if name == "gocalc":
        assert rows["y"]["type"] == "int", rows
    if name == "gocalc":  # ipykernel answers this one with debugpy's evaluate response
        rich = ok(dbg.request("richInspectVariables", {"variableName": "y", "frameId": top["id"]}), "richInspectVariables")
        assert rich["data"].get("text/plain") == "42", rich
    body = ok(dbg.request("evaluate", {"expression": "y", "frameId": top["id"], "context": "repl"}), "evaluate")
    assert body["result"] == "42", body
    scopes = {sc["name"]: sc for sc in ok(dbg.request("scopes", {"frameId": top["id"]}), "scopes")["scopes"]}
    assert "Globals" in scopes, scopes
    rows = ok(dbg.request("variables", {"variablesReference": scopes["Globals"]["variablesReference"]}), "variables")["variables"]
    assert {v["name"]: v["value"] for v in rows}.get("a") == "20", rows

    ok(dbg.request("next", {"threadId": thread}), "next")
    stopped = dbg.wait_event("stopped")["body"]
    assert stopped["reason"] == "step", stopped
    frames = ok(dbg.request("stackTrace", {"threadId": stopped["threadId"]}), "stackTrace")["stackFrames"]
    assert frames and frames[0]["source"]["path"] == path, frames
    assert frames[0]["line"] in (3, 4, 5, 6), frames  # still in double, or back in the cell at its call

    ok(dbg.request("continue", {"threadId": stopped["threadId"]}), "continue")
    if name == "gocalc":
        assert dbg.wait_event("continued")["body"]["threadId"] == stopped["threadId"]
    reply, outputs = dbg.finish(msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    text = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
    assert text == "b = 42\n", outputs
    assert ok(dbg.request("debugInfo", {}), "debugInfo")["stoppedThreads"] == []

    ok(dbg.request("disconnect", {"restart": False, "terminateDebuggee": False}), "disconnect")
    assert run(kc, cell).stream() == "b = 42\n", "without the debugger the cell runs through"


def test_interrupt_and_disconnect_while_stopped():
    """An interrupt ends a stopped cell, a disconnect lets it finish; the
    kernel runs the next cell either way."""
    km, kc = start("gocalc")
    try:
        cell = BREAK_CELLS["gocalc"]
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
        ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 3}]}), "setBreakpoints")
        ok(dbg.request("configurationDone", {}), "configurationDone")

        msg_id = kc.execute(cell)
        dbg.wait_event("stopped")
        km.interrupt_kernel()
        reply, _ = dbg.finish(msg_id)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted", reply["content"]
        assert ok(dbg.request("debugInfo", {}), "debugInfo")["stoppedThreads"] == []
        # The frontend hides "Paused in Debugger" on this event.
        dbg.wait_event("continued")

        msg_id = kc.execute(cell)
        dbg.wait_event("stopped")
        ok(dbg.request("disconnect", {"restart": False, "terminateDebuggee": False}), "disconnect")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "ok", reply["content"]
        assert "b = 42" in "".join(m["content"].get("text", "") for m in outputs)
        assert run(kc, "b").result_text() == "42"
    finally:
        stop(km, kc)


def test_breakpoints_only_where_the_cell_can_stop():
    """A breakpoint on a line where no code runs (the func line, a brace,
    a blank line) is answered verified false with a message; one on a
    statement is verified and stops."""
    km, kc = start("gocalc")
    try:
        cell = BREAK_CELLS["gocalc"]
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
        body = ok(dbg.request("setBreakpoints", {
            "source": {"path": path}, "breakpoints": [{"line": 1}, {"line": 4}, {"line": 6}, {"line": 8}, {"line": 40}],
        }), "setBreakpoints")
        got = [(b["line"], b["verified"]) for b in body["breakpoints"]]
        assert got == [(1, False), (4, False), (6, True), (8, False), (40, False)], body
        for b in body["breakpoints"]:
            if not b["verified"]:
                assert b.get("message"), b
        ok(dbg.request("configurationDone", {}), "configurationDone")

        msg_id = kc.execute(cell)
        stopped = dbg.wait_event("stopped")["body"]
        frames = ok(dbg.request("stackTrace", {"threadId": stopped["threadId"]}), "stackTrace")["stackFrames"]
        assert frames[0]["line"] == 6, frames
        ok(dbg.request("continue", {"threadId": stopped["threadId"]}), "continue")
        reply, _ = dbg.finish(msg_id)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        stop(km, kc)


def test_evaluate_what_a_stopped_frame_can():
    """In a stopped frame, a variable and its parts evaluate, and code
    runs (operators, compiled calls, assignments the cell then sees, the
    functions declared in cells that use no variable or type of the
    session); another function declared in a cell fails with a message
    saying why."""
    km, kc = start("gocalc")
    try:
        cell = ("type Point struct{ X, Y float64 }\n"
                "func norm1(p Point, xs []float64) float64 {\n"
                "\ts := p.X + p.Y\n"
                "\treturn s + xs[0]\n"
                "}\n"
                "func half(x float64) float64 { return x / 2 }\n"
                "fmt.Println(norm1(Point{1, 2}, []float64{0.5}))\n")
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
        ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 4}]}), "setBreakpoints")
        ok(dbg.request("configurationDone", {}), "configurationDone")
        msg_id = kc.execute(cell)
        thread = dbg.wait_event("stopped")["body"]["threadId"]
        frame = ok(dbg.request("stackTrace", {"threadId": thread}), "stackTrace")["stackFrames"][0]["id"]
        # Locals typed as the cell writes them, their parts unfolding.
        rows = locals_of(dbg, frame)
        assert [(n, rows[n]["type"]) for n in ("p", "s", "xs")] == [("p", "Point"), ("s", "float64"), ("xs", "[]float64")], rows
        fields = ok(dbg.request("variables", {"variablesReference": rows["p"]["variablesReference"]}), "variables")["variables"]
        assert [(v["name"], v["type"], v["value"]) for v in fields] == [("X", "float64", "1"), ("Y", "float64", "2")], fields
        for expr, want in [("s", "3"), ("p.Y", "2"), ("xs[0]", "0.5"), ("len(xs)", "1")]:
            body = ok(dbg.request("evaluate", {"expression": expr, "frameId": frame, "context": "repl"}), "evaluate")
            assert body["result"] == want, (expr, body)
        # Code runs: operators, compiled functions, assignments to the
        # frame's variables, which the cell then sees.
        for expr, want, typ in [("s * 2", "6", "float64"), ("math.Max(s, xs[0]) > 1", "true", "bool"),
                                ("strings.Repeat(\"ab\", len(xs))", '"ab"', "string"), ("s = 10", "10", "float64")]:
            body = ok(dbg.request("evaluate", {"expression": expr, "frameId": frame, "context": "repl"}), "evaluate")
            assert (body["result"], body["type"]) == (want, typ), (expr, body)
        # A function declared in a cell that stands on its own runs; one
        # that uses a type of the session cannot while the cell is stopped.
        body = ok(dbg.request("evaluate", {"expression": "half(s) + xs[0]", "frameId": frame, "context": "repl"}), "evaluate")
        assert (body["result"], body["type"]) == ("5.5", "float64"), body
        rep = dbg.request("evaluate", {"expression": "norm1(p, xs)", "frameId": frame, "context": "repl"})
        assert rep["success"] is False and "declared in cells" in rep["message"], rep
        ok(dbg.request("continue", {"threadId": thread}), "continue")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "ok", reply["content"]
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        assert printed == "10.5\n", outputs
    finally:
        stop(km, kc)


def test_stop_at_a_panic():
    """With the "panic" exception filter, a panicking cell stops with
    reason exception and the panic's text; continued, it reports the
    panic as usual, and the kernel runs the next cell."""
    km, kc = start("gocalc")
    try:
        dbg = Debug(kc)
        ok(dbg.request("initialize", {"clientID": "jupyterlab", "adapterID": "gocalc"}), "initialize")
        filters = ok(dbg.request("initialize", {"clientID": "jupyterlab", "adapterID": "gocalc"}), "initialize")["exceptionBreakpointFilters"]
        assert "panic" in [f["filter"] for f in filters], filters
        ok(dbg.request("attach", {}), "attach")
        body = ok(dbg.request("setExceptionBreakpoints", {"filters": ["panic"]}), "setExceptionBreakpoints")
        assert [b["verified"] for b in body["breakpoints"]] == [True], body
        ok(dbg.request("configurationDone", {}), "configurationDone")

        cell = "func at(xs []int, i int) int {\n\treturn xs[i]\n}\nfmt.Println(\"before\")\nat([]int{1}, 3)\n"
        msg_id = kc.execute(cell)
        stopped = dbg.wait_event("stopped")["body"]
        assert stopped["reason"] == "exception", stopped
        assert "index out of range" in stopped["text"], stopped
        info = ok(dbg.request("exceptionInfo", {"threadId": stopped["threadId"]}), "exceptionInfo")
        assert "index out of range" in info["description"], info
        frames = ok(dbg.request("stackTrace", {"threadId": stopped["threadId"]}), "stackTrace")["stackFrames"]
        assert frames[0]["name"] == "at" and frames[0]["line"] == 2, frames
        # Stopped before the panic unwinds: the frame's locals are there.
        local = locals_of(dbg, frames[0]["id"])
        assert local["i"]["value"] == "3" and local["xs"]["value"] == "[1]", local
        ok(dbg.request("continue", {"threadId": stopped["threadId"]}), "continue")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "panic", reply["content"]
        assert reply["content"]["evalue"] == "runtime error: index out of range [3] with length 1", reply["content"]

        # Off again: the same cell fails at once.
        ok(dbg.request("setExceptionBreakpoints", {"filters": []}), "setExceptionBreakpoints")
        assert run(kc, cell).status == "error"
        assert not [e for e in dbg.events if e["event"] == "stopped"], dbg.events
        assert run(kc, "1 + 1").result_text() == "2"
    finally:
        stop(km, kc)


def test_stop_at_a_panic_before_it_unwinds():
    """A cell that runs under the debugger stops at its panic(v) call
    before the panic unwinds: the stack shows the panicking function at
    the panic's line, and its locals with their values. Continued, the
    cell reports the panic."""
    km, kc = start("gocalc")
    try:
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        ok(dbg.request("setExceptionBreakpoints", {"filters": ["panic"]}), "setExceptionBreakpoints")
        cell = ("func check(xs []int, limit int) {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n"
                "\tif total > limit {\n\t\tpanic(fmt.Sprintf(\"total %d over %d\", total, limit))\n\t}\n}\n"
                "check([]int{4, 5, 6}, 10)\nfmt.Println(\"after\")\n")
        path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
        ok(dbg.request("configurationDone", {}), "configurationDone")
        msg_id = kc.execute(cell)
        stopped = dbg.wait_event("stopped")["body"]
        assert stopped["reason"] == "exception" and stopped["text"] == "panic: total 15 over 10", stopped
        frames = ok(dbg.request("stackTrace", {"threadId": stopped["threadId"]}), "stackTrace")["stackFrames"]
        assert frames[0]["name"] == "check" and frames[0]["line"] == 7, frames
        assert frames[0]["source"]["path"] == path, frames
        # Named as JupyterLab names the cell; the path has "ipykernel_",
        # for which JupyterLab 4.4+ shows that name instead of the path.
        name = frames[0]["source"]["name"]
        assert "ipykernel_" in path, path
        local = locals_of(dbg, frames[0]["id"])
        assert local["total"]["value"] == "15" and local["total"]["type"] == "int", local
        assert local["limit"]["value"] == "10", local
        ok(dbg.request("continue", {"threadId": stopped["threadId"]}), "continue")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "error" and reply["content"]["evalue"] == "total 15 over 10", reply["content"]
        assert name == f"Cell [{reply['content']['execution_count']}]", name
        assert not [m for m in outputs if m["msg_type"] == "stream" and "after" in m["content"]["text"]], outputs
        assert not [e for e in dbg.events if e["event"] == "stopped"], dbg.events  # one stop, not a second after

        # A runtime error stops before it unwinds too: an assignment to an
        # entry in a nil map, at the assignment, with the frame's locals;
        # continued, Go's runtime error, which recover sees as Go's.
        cell = ("type Index struct{ pos map[string][]int }\n"
                "func (ix *Index) Add(word string, at int) {\n\tn := len(word)\n\tix.pos[word] = append(ix.pos[word], at+n)\n}\n"
                "var ix Index\nix.Add(\"go\", 1)\nfmt.Println(\"after\")\n")
        msg_id = kc.execute(cell)
        stopped = dbg.wait_event("stopped")["body"]
        assert stopped["reason"] == "exception" and stopped["text"] == "panic: assignment to entry in nil map", stopped
        frames = ok(dbg.request("stackTrace", {"threadId": stopped["threadId"]}), "stackTrace")["stackFrames"]
        assert frames[0]["line"] == 4 and frames[0]["column"] == 2 and "Add" in frames[0]["name"], frames
        local = locals_of(dbg, frames[0]["id"])
        assert local["n"]["value"] == "2" and local["word"]["value"] == '"go"' and local["at"]["value"] == "1", local
        ok(dbg.request("continue", {"threadId": stopped["threadId"]}), "continue")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "error" and reply["content"]["evalue"] == "assignment to entry in nil map", reply["content"]
        assert not [m for m in outputs if m["msg_type"] == "stream" and "after" in m["content"]["text"]], outputs
        assert not [e for e in dbg.events if e["event"] == "stopped"], dbg.events
        cell = ("func put(m map[string]int) (err error) {\n\tdefer func() { err = recover().(runtime.Error) }()\n"
                "\tm[\"a\"]++\n\treturn nil\n}\nfmt.Println(put(nil))\n")
        msg_id = kc.execute("import \"runtime\"\n" + cell)
        stopped = dbg.wait_event("stopped")["body"]
        assert stopped["reason"] == "exception" and stopped["text"] == "panic: assignment to entry in nil map", stopped
        ok(dbg.request("continue", {"threadId": stopped["threadId"]}), "continue")
        reply, outputs = dbg.finish(msg_id)
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        assert reply["content"]["status"] == "ok" and printed == "assignment to entry in nil map\n", (reply["content"], outputs)
    finally:
        stop(km, kc)


def test_pause_a_running_cell():
    """pause stops a cell where it runs (reason pause) while a
    breakpoint is set; an interrupt then ends it. A cell with nothing to
    stop at runs at full speed, and one started before the debugger was
    attached runs without it: both answer pause with an error that says
    why."""
    km, kc = start("gocalc")
    try:
        cell = "n := 0\nfor {\n\tif n < 0 {\n\t\tfmt.Println(\"never\")\n\t}\n\tn++\n\ttime.Sleep(time.Millisecond)\n}\n"
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
        ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 4}]}), "setBreakpoints")
        ok(dbg.request("configurationDone", {}), "configurationDone")
        msg_id = kc.execute(cell)
        deadline = time.monotonic() + 10
        while True:  # until the cell runs under the debugger
            rep = dbg.request("pause", {"threadId": 1})
            if rep["success"]:
                break
            assert time.monotonic() < deadline, (rep["message"], dbg.events)
            time.sleep(0.05)
        stopped = dbg.wait_event("stopped")["body"]
        assert stopped["reason"] == "pause", stopped
        frames = ok(dbg.request("stackTrace", {"threadId": stopped["threadId"]}), "stackTrace")["stackFrames"]
        # Line 1 or 2 when the pause came before the loop started (the
        # cell stops at its next statement).
        assert frames and frames[0]["source"]["path"] == path and 1 <= frames[0]["line"] <= 7, frames
        km.interrupt_kernel()
        reply, _ = dbg.finish(msg_id)
        assert reply["content"]["status"] == "error", reply["content"]

        # Without breakpoints (and no stops at panics), an attached
        # debugger leaves cells at full speed: pause answers why it cannot.
        ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []}), "setBreakpoints")
        loop = "k := 0\nfor k >= 0 {\n\tk++\n\ttime.Sleep(time.Microsecond)\n}\n"
        msg_id = kc.execute(loop)
        time.sleep(0.5)
        rep = dbg.request("pause", {"threadId": 1})
        assert rep["success"] is False and "runs at full speed" in rep["message"], rep
        km.interrupt_kernel()
        reply, _ = dbg.finish(msg_id)
        assert reply["content"]["status"] == "error", reply["content"]

        # A cell started before the debugger was attached runs without it:
        # pause answers an error that says why.
        ok(dbg.request("disconnect", {}), "disconnect")
        msg_id = kc.execute("for {}")
        time.sleep(0.5)
        start_session(dbg, "gocalc")
        rep = dbg.request("pause", {"threadId": 1})
        assert rep["success"] is False and "before the debugger was attached" in rep["message"], rep
        km.interrupt_kernel()
        dbg.finish(msg_id)
        assert run(kc, "n >= 0").result_text() == "true"
    finally:
        stop(km, kc)


def test_restart_while_stopped():
    """A restart while a cell is stopped at a breakpoint gives a fresh
    kernel at once (no waiting for the stopped cell), which runs cells."""
    km, kc = start("gocalc")
    try:
        cell = BREAK_CELLS["gocalc"]
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": cell}), "dumpCell")["sourcePath"]
        ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 3}]}), "setBreakpoints")
        ok(dbg.request("configurationDone", {}), "configurationDone")
        kc.execute(cell)
        dbg.wait_event("stopped")
        t0 = time.monotonic()
        km.restart_kernel(now=False)
        took = time.monotonic() - t0
        kc.wait_for_ready(timeout=60)
        assert took < 4, f"the restart took {took:.1f} s: the stopped kernel did not shut down at once"
        assert run(kc, "b").status == "error", "the new kernel has the old session"
        assert run(kc, "1 + 1").result_text() == "2"
    finally:
        stop(km, kc)


def test_breakpoint_in_a_function_literal_of_an_earlier_cell():
    """f := func(x float64) float64 {...}, as calculus notebooks define
    functions: a breakpoint in its body stops a later cell that calls it,
    in the cell that defined it, and continue finishes the cell."""
    km, kc = start("gocalc")
    try:
        define = "f := func(x float64) float64 {\n\treturn x * x\n}\n"
        assert run(kc, define).status == "ok"
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": define}), "dumpCell")["sourcePath"]
        body = ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 2}]}), "setBreakpoints")
        assert body["breakpoints"][0]["verified"] is True, body
        ok(dbg.request("configurationDone", {}), "configurationDone")
        msg_id = kc.execute("fmt.Println(f(3))\n")
        thread = dbg.wait_event("stopped")["body"]["threadId"]
        frames = ok(dbg.request("stackTrace", {"threadId": thread}), "stackTrace")["stackFrames"]
        assert (frames[0]["line"], frames[0]["source"]["path"]) == (2, path), frames
        assert locals_of(dbg, frames[0]["id"])["x"]["value"] == "3"
        ok(dbg.request("continue", {"threadId": thread}), "continue")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "ok", reply["content"]
        assert "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream") == "9\n"
    finally:
        stop(km, kc)


def test_locals_of_a_function_of_an_earlier_cell_are_typed():
    """A breakpoint in a function an earlier cell declared: its locals
    have their types as that cell writes them (Point, not a struct)."""
    km, kc = start("gocalc")
    try:
        cell1 = ("type Point struct{ X, Y float64 }\n"
                 "func shift(ps []Point, dx float64) []Point {\n"
                 "\tout := make([]Point, len(ps))\n"
                 "\tfor i, p := range ps {\n"
                 "\t\tout[i] = Point{p.X + dx, p.Y}\n"
                 "\t}\n"
                 "\treturn out\n"
                 "}\n")
        assert run(kc, cell1).status == "ok"
        dbg = Debug(kc)
        start_session(dbg, "gocalc")
        path = ok(dbg.request("dumpCell", {"code": cell1}), "dumpCell")["sourcePath"]
        ok(dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 7}]}), "setBreakpoints")
        ok(dbg.request("configurationDone", {}), "configurationDone")
        msg_id = kc.execute("fmt.Println(shift([]Point{{1, 2}}, 0.5))\n")
        thread = dbg.wait_event("stopped")["body"]["threadId"]
        frames = ok(dbg.request("stackTrace", {"threadId": thread}), "stackTrace")["stackFrames"]
        assert frames[0]["name"] == "shift" and frames[0]["source"]["path"] == path and frames[0]["line"] == 7, frames
        rows = locals_of(dbg, frames[0]["id"])
        assert [(n, rows[n]["type"]) for n in ("dx", "out", "ps")] == [("dx", "float64"), ("out", "[]Point"), ("ps", "[]Point")], rows
        elems = ok(dbg.request("variables", {"variablesReference": rows["out"]["variablesReference"]}), "variables")["variables"]
        assert [(v["name"], v["type"], v["value"]) for v in elems] == [("0", "Point", "{1.5 2}")], elems
        ok(dbg.request("continue", {"threadId": thread}), "continue")
        reply, outputs = dbg.finish(msg_id)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        stop(km, kc)
