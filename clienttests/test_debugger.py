"""The debugger's first slice through jupyter_client: what JupyterLab 4's
debugger sends to start a session and fill its variables panel
(debug_request on control, debug_reply, debug_event on iopub).

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
    assert reply["success"] is True, reply
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
        # Not there yet: an honest failure, not a silent success.
        rep = dbg.request("stackTrace", {"threadId": 1})
        assert rep["success"] is False and rep["message"]
    finally:
        stop(km, kc)
