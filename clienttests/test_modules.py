"""Importing a Go module in a cell, through jupyter_client and `gocalc run`.

The kernel fetches github.com/google/go-cmp with the go command (from the
module proxy), builds it as a plugin into the cache, pins the version in
the kernel directory's go.mod, and a second kernel (a new process) loads
it from the cache. Needs the go command and the module proxy, as CI has.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest

from jupyter_client.manager import KernelManager

from kernelclient import run, stop

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="needs the go command")

IMPORT = 'import "github.com/google/go-cmp/cmp"\nfmt.Println(cmp.Equal([]int{x}, []int{5}))\ncmp.Diff(P{1}, P{2}) != ""'


def start(cwd: str):
    """A kernel running in cwd (the notebook's directory, as JupyterLab starts it)."""
    km = KernelManager(kernel_name="gocalc")
    km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


@pytest.fixture()
def where(tmp_path, monkeypatch):
    """A notebook directory and a module cache of the test's own."""
    nb = tmp_path / "nb"
    nb.mkdir()
    monkeypatch.setenv("GOCALC_CACHE", str(tmp_path / "cache"))
    return nb


def test_import_keeps_state_and_a_new_kernel_loads_from_cache(where, artifacts):
    km, kc = start(str(where))
    try:
        assert run(kc, "x := 5\ntype P struct{ A int }").status == "ok"
        t0 = time.monotonic()
        ex = run(kc, IMPORT, timeout=300)
        first = time.monotonic() - t0
        assert ex.status == "ok", ex.reply["content"]
        out = ex.stream()
        assert "go: fetched and built in" in out and "github.com/google/go-cmp/cmp v0." in out and "compiled" in out, out
        assert out.endswith("true\n"), out
        assert ex.result_text() == "true"
        # The build showed a progress bar (a display with its id).
        assert any("display_id" in m["content"].get("transient", {}) for m in ex.of_type("display_data")), [m["msg_type"] for m in ex.outputs]
        # The session kept its values.
        assert run(kc, "x * 2").result_text() == "10"
        # The standard library's cmp is still there for cells that do not import go-cmp.
        assert run(kc, "cmp.Compare(2, 1)").result_text() == "1"
    finally:
        stop(km, kc)
    gomod = (where / "go.mod").read_text()
    assert "github.com/google/go-cmp v0." in gomod, gomod

    # A new kernel: the pinned version comes from the cache.
    km, kc = start(str(where))
    try:
        run(kc, "x := 5\ntype P struct{ A int }")
        t0 = time.monotonic()
        ex = run(kc, IMPORT, timeout=60)
        cached = time.monotonic() - t0
        assert ex.status == "ok", ex.reply["content"]
        assert "go: loaded github.com/google/go-cmp/cmp" in ex.stream(), ex.stream()
        assert cached < 1.0, f"a cached import took {cached:.2f}s"
    finally:
        stop(km, kc)
    (artifacts / "modules.json").write_text(json.dumps({"first_import_s": round(first, 3), "cached_import_new_kernel_s": round(cached, 3)}, indent=1))


def test_import_errors_keep_the_session(where):
    km, kc = start(str(where))
    try:
        assert run(kc, "kept := 41").status == "ok"
        ex = run(kc, 'import "github.com/gocalc/this-module-does-not-exist/pkg"\nkept = 0', timeout=120)
        assert ex.status == "error"
        c = ex.reply["content"]
        assert c["ename"] == "ImportError", c
        assert "no module provides it" in c["evalue"] or "cannot fetch" in c["evalue"], c["evalue"]
        assert run(kc, "kept + 1").result_text() == "42"
    finally:
        stop(km, kc)


def test_gocalc_run_uses_the_pinned_version(where, gocalc, tmp_path):
    (where / "go.mod").write_text("module notebook\n\ngo 1.26\n\nrequire github.com/google/go-cmp v0.6.0\n")
    nb = {
        "nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "gocalc", "display_name": "Go (gocalc)", "language": "go"}},
        "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [],
                   "source": 'import "github.com/google/go-cmp/cmp"\nfmt.Println(cmp.Equal(1, 1))'}],
    }
    path = where / "mods.ipynb"
    path.write_text(json.dumps(nb))
    env = dict(os.environ)
    p = subprocess.run([str(gocalc), "run", str(path), "-o", str(tmp_path / "out.ipynb")], env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    out = json.loads((tmp_path / "out.ipynb").read_text())
    text = "".join("".join(o.get("text", "")) for o in out["cells"][0]["outputs"] if o["output_type"] == "stream")
    assert "github.com/google/go-cmp/cmp v0.6.0" in text and text.endswith("true\n"), text
