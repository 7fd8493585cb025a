"""Protocol features beyond jupyter_kernel_test, through jupyter_client."""
from __future__ import annotations

import time
from queue import Empty

import pytest

from kernelclient import collect, drain, run, start, stop


@pytest.fixture(scope="module")
def kernel():
    km, kc = start("gocalc")
    yield km, kc
    stop(km, kc)


def test_stop_on_error_aborts_queued_cells(kernel):
    km, kc = kernel
    assert run(kc, "counter := 0").status == "ok"
    # The failing cell runs long enough for the next three to be queued.
    first = kc.execute('time.Sleep(300 * time.Millisecond)\npanic("first fails")')
    queued = [kc.execute("counter++") for _ in range(3)]
    assert collect(kc, first).status == "error"
    statuses = [collect(kc, mid).status for mid in queued]
    assert statuses == ["aborted"] * 3, statuses
    assert run(kc, "counter").result_text() == "0"
    # Without stop_on_error, the queue runs on.
    first = kc.execute('time.Sleep(300 * time.Millisecond)\npanic("again")', stop_on_error=False)
    queued = [kc.execute("counter++") for _ in range(2)]
    assert collect(kc, first).status == "error"
    assert [collect(kc, mid).status for mid in queued] == ["ok", "ok"]
    assert run(kc, "counter").result_text() == "2"


def test_silent_execution_publishes_nothing(kernel):
    km, kc = kernel
    drain(kc)
    ex = run(kc, 'fmt.Println("shh")\n40 + 2', silent=True)
    assert ex.status == "ok"
    assert [m["msg_type"] for m in ex.outputs if m["msg_type"] in ("execute_result", "execute_input")] == []
    before = run(kc, "1").reply["content"]["execution_count"]
    run(kc, "2", silent=True)
    after = run(kc, "3").reply["content"]["execution_count"]
    assert after == before + 1, "a silent cell counted"


def test_user_expressions(kernel):
    km, kc = kernel
    assert run(kc, "ux := 20").status == "ok"
    ex = run(kc, "ux = ux + 1", user_expressions={"double": "ux * 2", "bad": "nope +"})
    exprs = ex.reply["content"]["user_expressions"]
    assert exprs["double"]["status"] == "ok"
    assert exprs["double"]["data"]["text/plain"] == "42"
    assert exprs["bad"]["status"] == "error"


def test_is_complete_gives_indent(kernel):
    km, kc = kernel
    kc.is_complete("func f() {")
    reply = kc.get_shell_msg(timeout=5)
    assert reply["content"]["status"] == "incomplete"
    assert isinstance(reply["content"]["indent"], str) and reply["content"]["indent"].strip() == ""


def test_comm_info_and_unknown_comm(kernel):
    km, kc = kernel
    kc.comm_info()
    reply = kc.get_shell_msg(timeout=5)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"]["comms"] == {}
    drain(kc)
    msg = kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "jupyter.widget", "data": {}})
    kc.shell_channel.send(msg)
    deadline = time.monotonic() + 5
    closed = False
    while time.monotonic() < deadline and not closed:
        try:
            m = kc.get_iopub_msg(timeout=0.5)
        except Empty:
            continue
        closed = m["msg_type"] == "comm_close" and m["content"]["comm_id"] == "c-1"
    assert closed, "comm_open for an unknown target was not answered with comm_close"


def test_kernel_info_on_control_while_busy(kernel):
    km, kc = kernel
    msg_id = kc.execute("time.Sleep(1500 * time.Millisecond)")
    time.sleep(0.2)
    t0 = time.monotonic()
    msg = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(msg)
    reply = kc.get_control_msg(timeout=5)
    assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
    assert reply["content"]["language_info"]["name"] == "go"
    assert time.monotonic() - t0 < 0.5, "control waited for the busy shell"
    assert collect(kc, msg_id).status == "ok"


def test_history_survives_restart():
    km, kc = start("gocalc")
    try:
        marker = f"historyMarker{int(time.time() * 1000)} := 1"
        assert run(kc, marker).status == "ok"
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        kc.history(hist_access_type="search", pattern="historyMarker*", output=False, raw=True)
        reply = kc.get_shell_msg(timeout=10)
        assert marker in [h[2] for h in reply["content"]["history"]]
    finally:
        stop(km, kc)


def test_stream_is_flushed_live(kernel):
    """A cell printing a line every 400 ms shows each line as it comes."""
    km, kc = kernel
    drain(kc)
    msg_id = kc.execute('for i := 0; i < 3; i++ {\n\tfmt.Println("tick", i)\n\ttime.Sleep(400 * time.Millisecond)\n}')
    t0 = time.monotonic()
    arrivals = []
    while True:
        m = kc.get_iopub_msg(timeout=10)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "stream":
            arrivals.append((time.monotonic() - t0, m["content"]["text"]))
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    text = "".join(t for _, t in arrivals)
    assert text == "tick 0\ntick 1\ntick 2\n"
    assert len(arrivals) >= 3, arrivals
    assert arrivals[0][0] < 0.3, f"first line arrived after {arrivals[0][0]:.2f}s"
    assert arrivals[1][0] > 0.3, arrivals


def test_silent_failure_does_not_abort_queued_cells(kernel):
    """ipykernel and xeus never abort the queue after a silent execute."""
    km, kc = kernel
    silent = kc.execute('time.Sleep(200 * time.Millisecond)\npanic("silent")', silent=True)
    visible = kc.execute("1 + 1")
    assert collect(kc, silent).status == "error"
    ex = collect(kc, visible)
    assert ex.status == "ok" and ex.result_text() == "2"
