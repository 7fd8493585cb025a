"""Time the three calculus chapters: gocalc against ipykernel (numpy + matplotlib).

Each chapter in notebooks/ has a baseline in bench/ with the same computations
and figures written with numpy and matplotlib (derivatives typed in by hand, as
the source chapters do):

    calcul-une-variable.ipynb   une_variable_numpy.ipynb
    calcul-multivariable.ipynb  chapter_numpy.ipynb
    calcul-integral.ipynb       integral_numpy.ipynb

Three measurements, each from cold processes, RUNS times (median reported):
  1. `gocalc run` on each chapter (the whole command: start, run, write), its
     wall time and its CPU time (which does not depend on the machine's load);
  2. nbclient executing each chapter in this process, starting the kernel
     (gocalc or ipykernel) and shutting it down, per chapter;
  3. one `jupyter nbconvert --execute` command on all three chapters, with the
     gocalc kernelspec and with ipykernel's python3.
The gocalc kernelspec is installed into a throwaway Jupyter data dir.
Prints a table and writes artifacts/bench-chapter.json.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOCALC = os.environ.get("GOCALC_BIN", os.path.join(ROOT, "bin", "gocalc"))
RUNS = int(os.environ.get("RUNS", "5"))
CHAPTERS = [
    ("une-variable", "notebooks/calcul-une-variable.ipynb", "bench/une_variable_numpy.ipynb"),
    ("multivariable", "notebooks/calcul-multivariable.ipynb", "bench/chapter_numpy.ipynb"),
    ("integral", "notebooks/calcul-integral.ipynb", "bench/integral_numpy.ipynb"),
]

_DATA = tempfile.mkdtemp(prefix="gocalc-bench-jupyter-")
os.environ["JUPYTER_DATA_DIR"] = _DATA
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(_DATA, "runtime")
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

import nbformat  # noqa: E402  (after the Jupyter environment is set)
from nbclient import NotebookClient  # noqa: E402


def path(rel):
    return os.path.join(ROOT, rel)


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def gocalc_run(chapter):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([GOCALC, "run", path(chapter), "-o", os.path.join(tmp, "out.ipynb")],
                       check=True, capture_output=True)


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def gocalc_run_cpu(chapter):
    """CPU seconds (user + system) of one `gocalc run`: unlike wall time,
    it does not grow when other processes share the machine."""
    c0 = child_cpu()
    gocalc_run(chapter)
    return child_cpu() - c0


def nbclient(nb_path, kernel):
    nb = nbformat.read(path(nb_path), as_version=4)
    NotebookClient(nb, kernel_name=kernel, timeout=300).execute()


def nbconvert(paths, kernel):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.kernel_name=" + kernel, "--ExecutePreprocessor.timeout=300",
                        "--output-dir", tmp, *[path(p) for p in paths]], check=True, capture_output=True)


def stats(v):
    return {"median": statistics.median(v), "min": min(v), "max": max(v)}


def main():
    subprocess.run([GOCALC, "install", "--user"], check=True, stdout=subprocess.DEVNULL)
    for name, chapter, baseline in CHAPTERS:  # warm the page cache and matplotlib's font cache
        gocalc_run(chapter)
        nbclient(baseline, "python3")

    res = {"runs": RUNS, "chapters": {}}
    for name, chapter, baseline in CHAPTERS:
        res["chapters"][name] = {
            "gocalc_run_s": stats([timed(lambda: gocalc_run(chapter)) for _ in range(RUNS)]),
            "gocalc_run_cpu_s": stats([gocalc_run_cpu(chapter) for _ in range(RUNS)]),
            "nbclient_gocalc_s": stats([timed(lambda: nbclient(chapter, "gocalc")) for _ in range(RUNS)]),
            "nbclient_ipykernel_numpy_s": stats([timed(lambda: nbclient(baseline, "python3")) for _ in range(RUNS)]),
        }
    res["nbconvert_all_three_gocalc_s"] = stats(
        [timed(lambda: nbconvert([c for _, c, _ in CHAPTERS], "gocalc")) for _ in range(RUNS)])
    res["nbconvert_all_three_ipykernel_numpy_s"] = stats(
        [timed(lambda: nbconvert([b for _, _, b in CHAPTERS], "python3")) for _ in range(RUNS)])

    ms = lambda s: f"{s['median'] * 1000:6.0f} ms"
    print(f"{'chapter':14} {'gocalc run':>12} {'(CPU)':>10} {'nbclient gocalc':>16} {'nbclient ipykernel+numpy':>25}")
    for name, r in res["chapters"].items():
        print(f"{name:14} {ms(r['gocalc_run_s']):>12} {ms(r['gocalc_run_cpu_s']):>10} {ms(r['nbclient_gocalc_s']):>16} "
              f"{ms(r['nbclient_ipykernel_numpy_s']):>25}")
    go, py = res["nbconvert_all_three_gocalc_s"], res["nbconvert_all_three_ipykernel_numpy_s"]
    res["ratio_nbconvert_ipykernel_over_gocalc"] = py["median"] / go["median"]
    print(f"all three through nbconvert: gocalc {ms(go)}, ipykernel + numpy + matplotlib {ms(py)} "
          f"({res['ratio_nbconvert_ipykernel_over_gocalc']:.1f}x); medians of {RUNS} cold runs")
    slow = [n for n, r in res["chapters"].items() if r["gocalc_run_s"]["median"] >= 1]
    if slow:
        print("over the 1 s budget for `gocalc run`:", ", ".join(slow))
    os.makedirs(os.path.join(ROOT, "artifacts"), exist_ok=True)
    with open(os.path.join(ROOT, "artifacts", "bench-chapter.json"), "w") as f:
        json.dump(res, f, indent=1)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
