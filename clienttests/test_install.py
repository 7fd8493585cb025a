"""`gocalc install` / `uninstall` as Jupyter's own tools see them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

JUPYTER = [sys.executable, "-m", "jupyter"]


def _specs(env) -> dict:
    out = subprocess.run([*JUPYTER, "kernelspec", "list", "--json"], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["kernelspecs"]


def test_prefix_and_sys_prefix_installs_are_found_by_jupyter(gocalc, tmp_path):
    prefix = tmp_path / "prefix"
    venv = tmp_path / "venv"
    env = dict(os.environ, JUPYTER_PATH=f"{prefix}/share/jupyter:{venv}/share/jupyter", VIRTUAL_ENV=str(venv))
    r = subprocess.run([str(gocalc), "install", "--prefix", str(prefix), "--name", "go-prefix"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"{prefix}/share/jupyter/kernels/go-prefix" in r.stdout
    r = subprocess.run([str(gocalc), "install", "--sys-prefix", "--name", "go-venv", "--display-name", "Go in a venv"],
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    specs = _specs(env)
    assert specs["go-prefix"]["resource_dir"] == f"{prefix}/share/jupyter/kernels/go-prefix"
    assert specs["go-venv"]["spec"]["display_name"] == "Go in a venv"
    assert specs["go-venv"]["spec"]["argv"] == [str(gocalc), "kernel", "{connection_file}"]
    assert specs["go-venv"]["spec"]["interrupt_mode"] == "message"
    assert sorted(os.listdir(f"{venv}/share/jupyter/kernels/go-venv")) == ["kernel.json", "logo-32x32.png", "logo-64x64.png"]

    r = subprocess.run([str(gocalc), "uninstall", "--prefix", str(prefix), "--name", "go-prefix"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "go-prefix" not in _specs(env)
    r = subprocess.run([str(gocalc), "uninstall", "--prefix", str(prefix), "--name", "go-prefix"], env=env, capture_output=True, text=True)
    assert r.returncode == 1 and "no kernelspec" in r.stderr


def test_sys_prefix_without_environment_fails_clearly(gocalc):
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX")}
    r = subprocess.run([str(gocalc), "install", "--sys-prefix"], env=env, capture_output=True, text=True)
    assert r.returncode == 1
    assert "VIRTUAL_ENV" in r.stderr and "CONDA_PREFIX" in r.stderr


def test_conflicting_locations_are_refused(gocalc, tmp_path):
    r = subprocess.run([str(gocalc), "install", "--user", "--prefix", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 1
    assert "choose one of" in r.stderr
