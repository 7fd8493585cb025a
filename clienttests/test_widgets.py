"""Widgets and comms through jupyter_client, as JupyterLab's widget manager
speaks them (ipywidgets protocol 2.1)."""
from __future__ import annotations

import time
from queue import Empty
from typing import Any

import pytest

from kernelclient import drain, run, start, stop

VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def kernel():
    km, kc = start("gocalc")
    yield km, kc
    stop(km, kc)


def until_idle(kc, msg_id: str, timeout: float = 30.0) -> list[dict[str, Any]]:
    """The iopub messages of request msg_id between busy and idle."""
    deadline = time.monotonic() + timeout
    out = []
    while time.monotonic() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.5)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status":
            if m["content"]["execution_state"] == "idle":
                return out
            continue
        out.append(m)
    raise TimeoutError(f"no idle for {msg_id}")


def comm_send(kc, msg_type: str, content: dict[str, Any]) -> list[dict[str, Any]]:
    """Send a comm message as a frontend does; return what it caused."""
    msg = kc.session.msg(msg_type, content)
    kc.shell_channel.send(msg)
    return until_idle(kc, msg["header"]["msg_id"])


def update(kc, comm_id: str, **state: Any) -> list[dict[str, Any]]:
    return comm_send(kc, "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}})


def opened(ex, model: str) -> dict[str, Any]:
    """The comm_open of the model named model among an execution's outputs."""
    for m in ex.of_type("comm_open"):
        if m["content"]["data"]["state"]["_model_name"] == model:
            return m
    raise AssertionError(f"no comm_open of a {model} in {[m['msg_type'] for m in ex.outputs]}")


def comm_info(kc, target: str | None = None) -> dict[str, Any]:
    kc.comm_info(target_name=target)
    while True:
        reply = kc.get_shell_msg(timeout=10)
        if reply["msg_type"] == "comm_info_reply":
            return reply["content"]["comms"]


def test_slider_open_state_and_view(kernel):
    km, kc = kernel
    ex = run(kc, 's := widgets.NewFloatSlider("x₀", -2, 2, 0.1, 0.5)\ns')
    assert ex.status == "ok", ex.reply
    m = opened(ex, "FloatSliderModel")
    c = m["content"]
    assert c["target_name"] == "jupyter.widget"
    assert m["metadata"] == {"version": "2.1.0"}
    st = c["data"]["state"]
    assert st["_model_module"] == "@jupyter-widgets/controls" and st["_model_module_version"] == "2.0.0"
    assert st["_view_name"] == "FloatSliderView"
    assert (st["description"], st["min"], st["max"], st["step"], st["value"]) == ("x₀", -2, 2, 0.1, 0.5)
    assert c["data"]["buffer_paths"] == []
    result = ex.of_type("execute_result")[0]["content"]["data"]
    assert result[VIEW]["model_id"] == c["comm_id"] and result[VIEW]["version_major"] == 2
    assert result["text/plain"].startswith('FloatSlider(description="x₀", value=0.5')


def test_frontend_update_seen_by_value_and_observer(kernel):
    km, kc = kernel
    ex = run(kc, 'u := widgets.NewFloatSlider("u", 0, 2, 0.25, 1)\nvar seen []float64\nu.Observe(func(v float64) { seen = append(seen, v) })\nu.ModelID()')
    comm_id = ex.result_text().strip('"')
    msgs = update(kc, comm_id, value=1.25)
    echo = [m for m in msgs if m["msg_type"] == "comm_msg"]
    assert echo and echo[0]["content"]["data"] == {"method": "echo_update", "state": {"value": 1.25}, "buffer_paths": []}
    # Out of range: clamped, and the frontend gets the clamped value.
    msgs = update(kc, comm_id, value=9)
    methods = [(m["content"]["data"]["method"], m["content"]["data"]["state"]) for m in msgs if m["msg_type"] == "comm_msg"]
    assert methods == [("echo_update", {"value": 9}), ("update", {"value": 2})], methods
    assert run(kc, "fmt.Println(u.Value(), seen)").stream() == "2 [1.25 2]\n"
    # Go changes the value: an update goes to the frontend, the observer runs.
    ex = run(kc, "u.SetValue(0.5)\nfmt.Println(seen)")
    assert ex.stream() == "[1.25 2 0.5]\n"
    ups = [m["content"]["data"] for m in ex.of_type("comm_msg")]
    assert ups == [{"method": "update", "state": {"value": 0.5}, "buffer_paths": []}], ups
    # request_state answers with the whole state.
    msgs = comm_send(kc, "comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}})
    st = msgs[0]["content"]["data"]["state"]
    assert st["_model_name"] == "FloatSliderModel" and st["value"] == 0.5


def test_comm_info_and_close_from_both_sides(kernel):
    km, kc = kernel
    ids = run(kc, 'a := widgets.NewLabel("a")\nb := widgets.NewLabel("b")\nfmt.Println(a.ModelID(), b.ModelID())').stream().split()
    drain(kc)
    widgets = comm_info(kc, "jupyter.widget")
    assert all(widgets[i] == {"target_name": "jupyter.widget"} for i in ids)
    assert comm_info(kc, "no.such.target") == {}
    assert set(ids) <= set(comm_info(kc))
    # The frontend closes a.
    comm_send(kc, "comm_close", {"comm_id": ids[0], "data": {}})
    assert ids[0] not in comm_info(kc)
    # The kernel closes b.
    ex = run(kc, "b.Close()")
    closes = [m["content"]["comm_id"] for m in ex.of_type("comm_close")]
    assert closes == [ids[1]]
    assert ids[1] not in comm_info(kc)


def test_button_click(kernel):
    km, kc = kernel
    ex = run(kc, 'clicks := 0\nbtn := widgets.NewButton("again")\nbtn.OnClick(func() { clicks++ })\nbtn')
    comm_id = opened(ex, "ButtonModel")["content"]["comm_id"]
    for _ in range(2):
        comm_send(kc, "comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})
    assert run(kc, "clicks").result_text() == "2"


def test_interact_rerenders_figure(kernel):
    km, kc = kernel
    ex = run(kc, """x0 := widgets.NewFloatSlider("x₀", -1, 1, 0.5, 0)
widgets.Interact(func(x0 float64) *plotting.Figure {
	return plotting.New().Func(math.Sin, -3, 3, "-", "sin").Line([]float64{x0 - 1, x0 + 1}, []float64{math.Sin(x0) - math.Cos(x0), math.Sin(x0) + math.Cos(x0)}, "--", "tangent")
}, x0)""")
    assert ex.status == "ok", ex.reply
    slider = opened(ex, "FloatSliderModel")["content"]["comm_id"]
    out = opened(ex, "OutputModel")
    assert out["content"]["data"]["state"]["_model_module"] == "@jupyter-widgets/output"
    # The first figure is in the Output's state from the start.
    updates = [m for m in ex.of_type("comm_msg") if m["content"]["comm_id"] == out["content"]["comm_id"]]
    outputs = updates[-1]["content"]["data"]["state"]["outputs"] if updates else out["content"]["data"]["state"]["outputs"]
    first = outputs[0]["data"]["image/png"]
    box = opened(ex, "VBoxModel")["content"]
    assert box["data"]["state"]["children"][-1] == "IPY_MODEL_" + out["content"]["comm_id"]
    assert ex.of_type("execute_result")[0]["content"]["data"][VIEW]["model_id"] == box["comm_id"]
    # Moving the slider re-renders: the Output's outputs are replaced.
    msgs = update(kc, slider, value=1)
    new = [m["content"]["data"]["state"]["outputs"] for m in msgs
           if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == out["content"]["comm_id"]]
    assert len(new) == 1 and len(new[0]) == 1, new
    assert new[0][0]["output_type"] == "display_data" and new[0][0]["data"]["image/png"] != first


def test_control_comm_request_states(kernel):
    """What JupyterLab does after a page reload: every widget comes back."""
    km, kc = kernel
    ex = run(kc, 'cb := widgets.NewCheckbox("on", true)\ncb.ModelID()')
    cb = ex.result_text().strip('"')
    msg = kc.session.msg("comm_open", {"comm_id": "ctl-1", "target_name": "jupyter.widget.control", "data": {}})
    msg["metadata"] = {"version": "1.0.0"}
    kc.shell_channel.send(msg)
    assert [m["msg_type"] for m in until_idle(kc, msg["header"]["msg_id"])] == []  # accepted: no comm_close
    msgs = comm_send(kc, "comm_msg", {"comm_id": "ctl-1", "data": {"method": "request_states"}})
    data = msgs[0]["content"]["data"]
    assert data["method"] == "update_states" and data["buffer_paths"] == []
    entry = data["states"][cb]
    assert entry["model_name"] == "CheckboxModel" and entry["model_module"] == "@jupyter-widgets/controls"
    assert entry["state"]["value"] is True
    comm_send(kc, "comm_close", {"comm_id": "ctl-1", "data": {}})


def test_widget_outputs_saved_by_gocalc_run(gocalc, tmp_path):
    """gocalc run keeps the widgets' state in the notebook's metadata."""
    import json
    import subprocess

    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    nb = new_notebook(cells=[new_code_cell('n := widgets.NewIntSlider("n", 1, 9, 1, 3)\nn'),
                             new_code_cell('n.SetValue(5)')])
    src = tmp_path / "w.ipynb"
    nbformat.write(nb, src)
    proc = subprocess.run([str(gocalc), "run", str(src)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    saved = nbformat.read(src, as_version=4)
    nbformat.validate(saved)
    state = saved.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
    view = saved.cells[0].outputs[0]["data"][VIEW]
    entry = state["state"][view["model_id"]]
    assert entry["model_name"] == "IntSliderModel" and entry["state"]["value"] == 5
    assert json.loads(json.dumps(state))["version_major"] == 2
