"""Shared set-up for the client tests: they drive the built gocalc binary
through real Jupyter clients (jupyter_client, jupyter_kernel_test, nbclient,
nbconvert).

The kernelspec is installed with `gocalc install` into a throwaway Jupyter
data dir, which JUPYTER_DATA_DIR and JUPYTER_PATH point at for this process
and every subprocess it starts, so nothing outside it is touched.
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOCALC = Path(os.environ.get("GOCALC_BIN", ROOT / "bin" / "gocalc")).resolve()
ARTIFACTS = ROOT / "artifacts"

if not GOCALC.exists():
    subprocess.run(["go", "build", "-o", str(GOCALC), "."], cwd=ROOT, check=True)

_DATA = tempfile.mkdtemp(prefix="gocalc-clienttests-")
atexit.register(shutil.rmtree, _DATA, ignore_errors=True)
os.environ["JUPYTER_DATA_DIR"] = _DATA
os.environ["JUPYTER_PATH"] = _DATA
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(_DATA, "runtime")
# Keep the user's config (and its kernel settings) out of the tests.
os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(_DATA, "config")
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

subprocess.run([str(GOCALC), "install", "--user"], check=True, stdout=subprocess.DEVNULL)
SPEC_DIR = Path(_DATA) / "kernels" / "gocalc"

# A second kernelspec for the same binary whose interrupts are signals
# (SIGINT), the mode jupyter_client uses when interrupt_mode is "signal".
_signal_dir = Path(_DATA) / "kernels" / "gocalc-signal"
shutil.copytree(SPEC_DIR, _signal_dir)
_spec = json.loads((SPEC_DIR / "kernel.json").read_text())
_spec["interrupt_mode"] = "signal"
_spec["display_name"] = "Go (gocalc, signal interrupts)"
(_signal_dir / "kernel.json").write_text(json.dumps(_spec, indent=1))


@pytest.fixture(scope="session")
def gocalc() -> Path:
    """The path of the gocalc binary under test."""
    return GOCALC


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The throwaway Jupyter data dir holding the kernelspecs."""
    return Path(_DATA)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """A git-ignored folder for reports (numbers measured by the tests)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_report_header(config):
    return [f"gocalc binary: {GOCALC}", f"jupyter data dir: {_DATA}", f"python: {sys.version.split()[0]}"]
