"""Time the chapter notebook: `gocalc run` against ipykernel (numpy + matplotlib).

Both sides run the same computations and draw the same figures
(bench/chapter_numpy.ipynb mirrors notebooks/calcul-multivariable.ipynb),
from a cold process each time: gocalc's whole `run` command, and nbclient
starting ipykernel, executing every cell and shutting the kernel down.
Prints medians and the ratio; writes artifacts/bench-chapter.json.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOCALC = os.environ.get("GOCALC_BIN", os.path.join(ROOT, "bin", "gocalc"))
CHAPTER = os.path.join(ROOT, "notebooks", "calcul-multivariable.ipynb")
BASELINE = os.path.join(ROOT, "bench", "chapter_numpy.ipynb")
RUNS = int(os.environ.get("RUNS", "5"))


def time_gocalc():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.ipynb")
        t0 = time.perf_counter()
        subprocess.run([GOCALC, "run", CHAPTER, "-o", out], check=True, capture_output=True)
        return time.perf_counter() - t0


def time_ipykernel():
    nb = nbformat.read(BASELINE, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return time.perf_counter() - t0


def main():
    time_gocalc()  # warm the page cache for the binary
    go = [time_gocalc() for _ in range(RUNS)]
    py = [time_ipykernel() for _ in range(RUNS)]
    res = {
        "runs": RUNS,
        "gocalc_run_s": {"median": statistics.median(go), "min": min(go), "max": max(go)},
        "ipykernel_numpy_s": {"median": statistics.median(py), "min": min(py), "max": max(py)},
    }
    res["ratio_ipykernel_over_gocalc"] = res["ipykernel_numpy_s"]["median"] / res["gocalc_run_s"]["median"]
    print(f"gocalc run, whole chapter:      median {res['gocalc_run_s']['median']*1000:7.0f} ms  (target < 3000 ms)")
    print(f"ipykernel + numpy + matplotlib: median {res['ipykernel_numpy_s']['median']*1000:7.0f} ms")
    print(f"gocalc is {res['ratio_ipykernel_over_gocalc']:.1f}x faster")
    os.makedirs(os.path.join(ROOT, "artifacts"), exist_ok=True)
    with open(os.path.join(ROOT, "artifacts", "bench-chapter.json"), "w") as f:
        json.dump(res, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
