"""Notebooks executed through the installed kernelspec by nbconvert and
nbclient, and by `gocalc run` in-process; both must agree."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import GOCALC, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
JUPYTER = [sys.executable, "-m", "jupyter"]


def _errors(nb) -> list[str]:
    return [f"cell {i + 1}: {o['ename']}: {o['evalue']}"
            for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.output_type == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_nbconvert_executes_notebook(path, tmp_path):
    out = tmp_path / path.name
    proc = subprocess.run(
        [*JUPYTER, "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=gocalc",
         "--ExecutePreprocessor.timeout=300", "--output", str(out), str(path)],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    nb = nbformat.read(out, as_version=4)
    nbformat.validate(nb)
    assert _errors(nb) == []
    assert nb.metadata.language_info.name == "go"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_gocalc_run_executes_notebook(path, tmp_path):
    out = tmp_path / path.name
    proc = subprocess.run([str(GOCALC), "run", str(path), "-o", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    _check_nbformat_layout(out)
    assert _errors(nbformat.read(out, as_version=4)) == []


def _check_nbformat_layout(path: Path) -> None:
    """The file validates and is byte for byte what nbformat itself writes."""
    text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    again = nbformat.writes(nb)
    if not again.endswith("\n"):
        again += "\n"
    assert text == again, "gocalc run's layout differs from nbformat's"


# A notebook that exercises every kind of output; run by nbclient through
# the kernel and by `gocalc run` in-process, the outputs must be the same.
SAMPLE_CELLS = [
    new_markdown_cell("# Sample\nÉquations: $\\partial f$"),
    new_code_cell('fmt.Println("ligne 1")\nfmt.Println("ligne 2")\nfmt.Fprintln(os.Stderr, "warn")'),
    new_code_cell("x := 21\nx * 2"),
    new_code_cell('display.HTML("<b>gras</b>")\ndisplay.Markdown("*md*")'),
    new_code_cell('h := display.NewHandle()\nh.Show("v1")\nfmt.Println("between")'),
    new_code_cell('h.Update("v2")\nfmt.Println("updated")'),
    # Output before a clear is displayed, not printed: printed text reaches
    # the frontend through a pipe, possibly after the clear.
    new_code_cell('display.Text("gone")\ndisplay.Clear()\nfmt.Println("kept")'),
    new_code_cell('display.Text("old")\ndisplay.ClearOnNext()\nfmt.Println("new")'),
    new_code_cell("   "),
    new_code_cell("undefinedThing + 1"),
    new_code_cell('fmt.Println("after the error")\nx'),
]


def _sample(path: Path) -> None:
    nb = new_notebook(cells=[c.copy() for c in SAMPLE_CELLS], metadata={
        "kernelspec": {"name": "gocalc", "display_name": "Go (gocalc)", "language": "go"}})
    nbformat.write(nb, path)


def _normalized(nb) -> list[list[dict]]:
    """Outputs per cell, with consecutive streams of the same name merged
    (the kernel may split a stream into several messages), and each run of
    consecutive stream outputs sorted by name: the interpreter reads stdout
    and stderr from two pipes, so their relative order is not fixed."""
    cells = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        outs: list[dict] = []
        for o in c.outputs:
            o = json.loads(json.dumps(o))
            view = o.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                view["model_id"] = "<model id>"  # fresh in every run
            if o["output_type"] == "stream" and outs and outs[-1]["output_type"] == "stream" and outs[-1]["name"] == o["name"]:
                outs[-1]["text"] += o["text"]
                continue
            if o["output_type"] == "error":
                o.pop("traceback")
            outs.append(o)
        cells.append((c.execution_count, _sort_stream_runs(outs)))
    return cells


def _sort_stream_runs(outs: list[dict]) -> list[dict]:
    result, run = [], []
    for o in outs + [{"output_type": "end"}]:
        if o["output_type"] == "stream":
            run.append(o)
            continue
        result += sorted(run, key=lambda s: s["name"])
        run = []
        if o["output_type"] != "end":
            result.append(o)
    return result


def test_gocalc_run_matches_nbclient(tmp_path):
    src = tmp_path / "sample.ipynb"
    _sample(src)
    nb = nbformat.read(src, as_version=4)
    NotebookClient(nb, kernel_name="gocalc", timeout=60, allow_errors=True).execute()

    out = tmp_path / "run.ipynb"
    proc = subprocess.run([str(GOCALC), "run", str(src), "-o", str(out), "--allow-errors"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "cell 10 (In [8])" in proc.stderr
    _check_nbformat_layout(out)
    ran = nbformat.read(out, as_version=4)

    want, got = _normalized(nb), _normalized(ran)
    for i, (w, g) in enumerate(zip(want, got)):
        assert g == w, f"code cell {i + 1}: gocalc run {g} != nbclient {w}"
    assert len(got) == len(want)
    # Spot checks on what both produced.
    assert [o["text"] for o in got[0][1]] == ["warn\n", "ligne 1\nligne 2\n"]  # stderr, stdout
    assert got[1][1][0]["data"]["text/plain"] == "42"
    assert got[3][1][0]["data"]["text/plain"] == "v2"  # updated in place by the next cell
    assert [o["text"] for o in got[5][1]] == ["kept\n"]
    assert [o["text"] for o in got[6][1]] == ["new\n"]
    assert got[7][0] is None and got[7][1] == []  # the blank cell is skipped
    assert ran.metadata.language_info.name == "go"
    assert src.read_text() != out.read_text()


def test_gocalc_run_stops_at_first_error(tmp_path):
    src = tmp_path / "fails.ipynb"
    _sample(src)
    before = src.read_bytes()
    proc = subprocess.run([str(GOCALC), "run", str(src)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "cell 10 (In [8])" in proc.stderr
    assert "undefinedThing" in proc.stderr
    assert src.read_bytes() == before, "a failed run must not rewrite the notebook"


def test_gocalc_run_in_place_and_stdout(tmp_path):
    src = tmp_path / "ok.ipynb"
    nb = new_notebook(cells=[new_code_cell('fmt.Println("in place")')])
    nbformat.write(nb, src)
    assert subprocess.run([str(GOCALC), "run", str(src)], capture_output=True, timeout=60).returncode == 0
    done = nbformat.read(src, as_version=4)
    assert done.cells[0].outputs[0].text == "in place\n"
    proc = subprocess.run([str(GOCALC), "run", str(src), "-o", "-"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert nbformat.reads(proc.stdout, as_version=4).cells[0].execution_count == 1


def test_nbconvert_uses_installed_kernelspec(data_dir, gocalc):
    spec = json.loads((data_dir / "kernels" / "gocalc" / "kernel.json").read_text())
    assert spec["argv"] == [str(gocalc), "kernel", "{connection_file}"]
    assert spec["interrupt_mode"] == "message"
    assert spec["language"] == "go"
    listing = subprocess.run([*JUPYTER, "kernelspec", "list", "--json"], capture_output=True, text=True, check=True)
    specs = json.loads(listing.stdout)["kernelspecs"]
    assert Path(specs["gocalc"]["resource_dir"]) == data_dir / "kernels" / "gocalc"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_gocalc_run_matches_kernel_on_notebook(path, tmp_path):
    """The in-process runner and the kernel (through nbclient) give the same
    outputs for the repository's notebooks, figures included."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="gocalc", timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    out = tmp_path / path.name
    proc = subprocess.run([str(GOCALC), "run", str(path), "-o", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    want, got = _normalized(nb), _normalized(nbformat.read(out, as_version=4))
    assert len(got) == len(want)
    for i, (w, g) in enumerate(zip(want, got)):
        assert g == w, f"code cell {i + 1} differs between gocalc run and the kernel"
    # Both save the same widgets' state (nbclient from the kernel's comm messages).
    models = lambda n: sorted(m["model_name"] for m in n.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {}).values())
    assert models(nbformat.read(out, as_version=4)) == models(nb)


def test_gocalc_run_timeout_with_allow_errors_goes_on(tmp_path):
    """As nbconvert with interrupt_on_timeout: the interrupted cell's error
    is recorded and the run goes on."""
    src = tmp_path / "slow.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("for {}"), new_code_cell('fmt.Println("after")')]), src)
    out = tmp_path / "out.ipynb"
    proc = subprocess.run([str(GOCALC), "run", str(src), "-o", str(out), "--timeout", "0.5", "--allow-errors"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "timed out" in proc.stderr
    ran = nbformat.read(out, as_version=4)
    assert ran.cells[0].outputs[-1]["output_type"] == "error"
    assert ran.cells[1].outputs[0]["text"] == "after\n"
    # Without --allow-errors, the timeout still ends the run.
    proc = subprocess.run([str(GOCALC), "run", str(src), "-o", str(out), "--timeout", "0.5"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "timed out" in proc.stderr
