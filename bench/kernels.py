"""Start-up, round-trip and memory of gocalc beside ipykernel, measured by
the same jupyter_client code in one run.

    .venv/bin/python bench/kernels.py [--runs 5] [--cells 300]

Builds nothing: it uses bin/gocalc (or $GOCALC_BIN), installed with
`gocalc install` into a throwaway Jupyter data dir, and the ipykernel of the
Python running this script. Reports, per kernel:
  - start: from KernelManager.start_kernel() to the first kernel_info_reply
    and its idle status (kernel_info is re-sent every 50 ms until answered,
    as nbclient and jupyter_server do);
  - round trip: an empty execute_request until its idle status, p50 and p99,
    through BlockingKernelClient (what notebooks' tools use) and through
    jupyter_client's Session on plain zmq sockets (less client overhead);
  - idle resident memory (VmRSS) after the cells;
  - where the time of jupyter_client's wait_for_ready goes (ready_breakdown):
    launch, the kernel's ports listening, the client connecting, the first
    kernel_info_reply, the first IOPub message, and the 0.2 s IOPub flush.
and the ratios gocalc/ipykernel, against the targets (round trip p50 at
most 1/4 of ipykernel's, start at most 1/5). Writes artifacts/bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

ROOT = Path(__file__).resolve().parent.parent
GOCALC = Path(os.environ.get("GOCALC_BIN", ROOT / "bin" / "gocalc")).resolve()

DATA = tempfile.mkdtemp(prefix="gocalc-bench-")
os.environ["JUPYTER_DATA_DIR"] = DATA
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(DATA, "runtime")
os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(DATA, "config")

from jupyter_client.manager import KernelManager  # noqa: E402  (after the environment is set)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def wait_idle(kc, msg_id: str, deadline: float) -> bool:
    while time.perf_counter() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.0, deadline - time.perf_counter()))
        except Empty:
            return False
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return True
    return False


RECONNECT_IVL_MS = 0  # 0: libzmq's default (100 ms), as every Jupyter client has it


def start_kernel(name: str):
    """Start a kernel; return (manager, client, seconds to first kernel_info_reply + idle)."""
    km = KernelManager(kernel_name=name)
    if RECONNECT_IVL_MS:
        import zmq
        km.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_IVL_MS)
    t0 = time.perf_counter()
    km.start_kernel(stderr=subprocess.DEVNULL)  # ipykernel warns about plain TCP on every start
    kc = km.client()
    kc.start_channels()
    give_up = t0 + 60
    pending: set[str] = set()
    replied: set[str] = set()
    idle: set[str] = set()
    next_send = 0.0
    while time.perf_counter() < give_up:
        now = time.perf_counter()
        if now >= next_send:
            pending.add(kc.kernel_info())
            next_send = now + 0.05
        for get, bucket in ((kc.get_shell_msg, replied), (kc.get_iopub_msg, idle)):
            try:
                msg = get(timeout=0.005)
            except Empty:
                continue
            mid = msg["parent_header"].get("msg_id")
            if mid not in pending:
                continue
            if bucket is replied and msg["msg_type"] == "kernel_info_reply":
                replied.add(mid)
            elif bucket is idle and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle.add(mid)
        if replied & idle:
            elapsed = time.perf_counter() - t0
            # Drain the answers to the extra nudges.
            time.sleep(0.2)
            for get in (kc.get_shell_msg, kc.get_iopub_msg):
                while True:
                    try:
                        get(timeout=0.01)
                    except Empty:
                        break
            return km, kc, elapsed
    raise TimeoutError(f"{name}: no kernel_info_reply within 60s")


def listening(port: int) -> bool:
    """Whether something listens on TCP port (read from /proc/net/tcp, so
    that looking does not connect to the kernel)."""
    suffix = f":{port:04X}"
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(path) as f:
                for line in list(f)[1:]:
                    parts = line.split()
                    if parts[1].endswith(suffix) and parts[3] == "0A":
                        return True
        except OSError:
            pass
    return False


def ready_breakdown(name: str) -> dict:
    """Where the time of jupyter_client's wait_for_ready goes (what nbclient,
    nbconvert and papermill wait for), in seconds from just before
    KernelManager.start_kernel():
      launched:   start_kernel() returned (connection file written, process spawned);
      bound:      the kernel's five ports listen (seen in /proc/net/tcp);
      connected:  the client's channels started (ZeroMQ connects);
      reply:      the first kernel_info_reply reached wait_for_ready;
      iopub:      its first iopub message did (IOPub is subscribed);
      ready:      wait_for_ready returned (after its 0.2 s IOPub flush);
    and how many kernel_info requests it sent (1 unless a reply or the IOPub
    check came too late)."""
    import threading

    km = KernelManager(kernel_name=name)
    if RECONNECT_IVL_MS:
        import zmq
        km.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_IVL_MS)
    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    km.start_kernel(stderr=subprocess.DEVNULL)
    marks["launched"] = time.perf_counter() - t0
    ports = [km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port]
    done = threading.Event()

    def watch():
        while not done.is_set() and time.perf_counter() - t0 < 30:
            if all(listening(p) for p in ports):
                marks["bound"] = time.perf_counter() - t0
                return
            time.sleep(0.0005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    kc = km.client()
    requests = 0
    kernel_info = kc.kernel_info

    def counted_kernel_info(*a, **kw):
        nonlocal requests
        requests += 1
        return kernel_info(*a, **kw)

    kc.kernel_info = counted_kernel_info
    kc.start_channels()
    marks["connected"] = time.perf_counter() - t0
    for channel, mark in ((kc.shell_channel, "reply"), (kc.iopub_channel, "iopub")):
        get = channel.get_msg

        def timed(*a, _get=get, _mark=mark, **kw):
            msg = _get(*a, **kw)
            marks.setdefault(_mark, time.perf_counter() - t0)
            return msg

        channel.get_msg = timed
    try:
        kc.wait_for_ready(timeout=60)
        marks["ready"] = time.perf_counter() - t0
    finally:
        done.set()
        watcher.join()
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    marks["kernel_info_requests"] = requests
    return marks


def round_trips(kc, n: int) -> list[float]:
    times = []
    for i in range(n + 20):
        t0 = time.perf_counter()
        msg_id = kc.execute("", store_history=False)
        if not wait_idle(kc, msg_id, t0 + 30):
            raise TimeoutError("no idle after an empty cell")
        dt = time.perf_counter() - t0
        try:
            kc.get_shell_msg(timeout=5)
        except Empty:
            raise TimeoutError("no execute_reply")
        if i >= 20:  # warm-up
            times.append(dt)
    return times


def round_trips_raw(km, n: int) -> list[float]:
    """Empty cells through jupyter_client's Session on plain blocking zmq
    sockets: the same protocol code without the client's channel threads,
    so that less of the time measured is the client's own."""
    import zmq
    from jupyter_client.session import Session

    ctx = zmq.Context.instance()
    session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme, session=km.session.session)
    shell = ctx.socket(zmq.DEALER)
    iopub = ctx.socket(zmq.SUB)
    for s in (shell, iopub):
        s.linger = 0
    iopub.setsockopt(zmq.SUBSCRIBE, b"")
    shell.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    iopub.connect(f"{km.transport}://{km.ip}:{km.iopub_port}")
    time.sleep(0.3)  # let the subscription reach the kernel
    content = {"code": "", "silent": False, "store_history": False, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    times = []
    try:
        for i in range(n + 20):
            t0 = time.perf_counter()
            msg = session.send(shell, "execute_request", content)
            msg_id = msg["header"]["msg_id"]
            while True:
                if not iopub.poll(30_000):
                    raise TimeoutError("no idle after an empty cell")
                _, frames = session.feed_identities(iopub.recv_multipart())
                m = session.deserialize(frames, content=True)
                if (m["msg_type"] == "status" and m["parent_header"].get("msg_id") == msg_id
                        and m["content"]["execution_state"] == "idle"):
                    break
            dt = time.perf_counter() - t0
            if not shell.poll(5000):
                raise TimeoutError("no execute_reply")
            shell.recv_multipart()
            if i >= 20:
                times.append(dt)
    finally:
        shell.close()
        iopub.close()
    return times


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def measure(name: str, runs: int, cells: int) -> dict:
    starts, trips, raw, rss = [], [], [], []
    for _ in range(runs):
        km, kc, t = start_kernel(name)
        try:
            starts.append(t)
            trips += round_trips(kc, cells)
            raw += round_trips_raw(km, cells)
            time.sleep(0.5)
            rss.append(rss_mb(km.provisioner.process.pid))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    return {
        "start_s": statistics.median(starts),
        "start_all_s": starts,
        "rtt_p50_ms": pct(trips, 50) * 1000,
        "rtt_p99_ms": pct(trips, 99) * 1000,
        "raw_p50_ms": pct(raw, 50) * 1000,
        "raw_p99_ms": pct(raw, 99) * 1000,
        "rss_idle_mb": statistics.median(rss),
        "cells": len(trips),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="kernel starts per kernel")
    ap.add_argument("--cells", type=int, default=300, help="empty cells per start")
    ap.add_argument("--reconnect-ivl", type=int, default=0, metavar="MS",
                    help="the client's zmq reconnect interval for both kernels (default: libzmq's 100 ms)")
    ap.add_argument("--out", default=str(ROOT / "artifacts" / "bench.json"))
    args = ap.parse_args()
    global RECONNECT_IVL_MS
    RECONNECT_IVL_MS = args.reconnect_ivl
    if not GOCALC.exists():
        subprocess.run(["go", "build", "-o", str(GOCALC), "."], cwd=ROOT, check=True)
    subprocess.run([str(GOCALC), "install", "--user"], check=True, stdout=subprocess.DEVNULL)
    try:
        import ipykernel  # noqa: F401
        from jupyter_client.kernelspec import KernelSpecManager
        KernelSpecManager().get_kernel_spec("python3")
    except Exception as e:  # noqa: BLE001
        print(f"ipykernel is needed as the baseline: {e}", file=sys.stderr)
        return 1
    results = {}
    # Interleave the two kernels' runs so that machine noise hits both.
    per = {"gocalc": [], "python3": []}
    for _ in range(args.runs):
        for name in per:
            per[name].append(measure(name, 1, args.cells))
    for name, rs in per.items():
        trips_p50 = statistics.median(r["rtt_p50_ms"] for r in rs)
        results[name] = {
            "start_s": statistics.median(r["start_s"] for r in rs),
            "start_min_s": min(r["start_s"] for r in rs),
            "start_all_s": [r["start_s"] for r in rs],
            "rtt_p50_ms": trips_p50,
            "rtt_p99_ms": statistics.median(r["rtt_p99_ms"] for r in rs),
            "raw_p50_ms": statistics.median(r["raw_p50_ms"] for r in rs),
            "raw_p99_ms": statistics.median(r["raw_p99_ms"] for r in rs),
            "rss_idle_mb": statistics.median(r["rss_idle_mb"] for r in rs),
            "runs": len(rs),
            "cells_per_run": args.cells,
        }
    # Where wait_for_ready's time goes, interleaved again.
    marks = ("launched", "bound", "connected", "reply", "iopub", "ready")
    breakdowns = {"gocalc": [], "python3": []}
    for _ in range(args.runs):
        for name in breakdowns:
            breakdowns[name].append(ready_breakdown(name))
    for name, bs in breakdowns.items():
        results[name]["wait_for_ready_s"] = {m: statistics.median(b[m] for b in bs if m in b) for m in marks}
        results[name]["wait_for_ready_retries"] = sum(b["kernel_info_requests"] > 1 for b in bs)
    g, p = results["gocalc"], results["python3"]
    ratios = {
        "start": g["start_s"] / p["start_s"],
        "rtt_p50": g["rtt_p50_ms"] / p["rtt_p50_ms"],
        "rtt_p99": g["rtt_p99_ms"] / p["rtt_p99_ms"],
        "raw_p50": g["raw_p50_ms"] / p["raw_p50_ms"],
        "raw_p99": g["raw_p99_ms"] / p["raw_p99_ms"],
        "rss_idle": g["rss_idle_mb"] / p["rss_idle_mb"],
    }
    import ipykernel
    results["ipykernel_version"] = ipykernel.__version__
    results["ratios_gocalc_over_ipykernel"] = ratios
    results["targets_met"] = {"start <= 1/5": ratios["start"] <= 0.2, "rtt_p50 <= 1/4": ratios["rtt_p50"] <= 0.25}

    print(f"{'':24}{'gocalc':>12}{'ipykernel ' + ipykernel.__version__:>18}{'ratio':>9}")
    print(f"{'start -> info+idle':24}{g['start_s'] * 1000:>10.0f}ms{p['start_s'] * 1000:>16.0f}ms{ratios['start']:>9.3f}  (target <= 0.2)")
    print(f"{'empty cell p50':24}{g['rtt_p50_ms']:>10.2f}ms{p['rtt_p50_ms']:>16.2f}ms{ratios['rtt_p50']:>9.3f}  (target <= 0.25)")
    print(f"{'empty cell p99':24}{g['rtt_p99_ms']:>10.2f}ms{p['rtt_p99_ms']:>16.2f}ms{ratios['rtt_p99']:>9.3f}")
    print(f"{'  same, Session+zmq p50':24}{g['raw_p50_ms']:>10.2f}ms{p['raw_p50_ms']:>16.2f}ms{ratios['raw_p50']:>9.3f}")
    print(f"{'  same, Session+zmq p99':24}{g['raw_p99_ms']:>10.2f}ms{p['raw_p99_ms']:>16.2f}ms{ratios['raw_p99']:>9.3f}")
    print(f"{'idle RSS':24}{g['rss_idle_mb']:>10.1f}MB{p['rss_idle_mb']:>16.1f}MB{ratios['rss_idle']:>9.3f}")
    print(f"{'start, fastest':24}{g['start_min_s'] * 1000:>10.0f}ms{p['start_min_s'] * 1000:>16.0f}ms")
    print("wait_for_ready, median ms after start_kernel() was called:")
    for m in marks:
        print(f"{'  ' + m:24}{g['wait_for_ready_s'][m] * 1000:>10.0f}ms{p['wait_for_ready_s'][m] * 1000:>16.0f}ms")
    print(f"{'  starts with 2+ kernel_info':24}{g['wait_for_ready_retries']:>12}{p['wait_for_ready_retries']:>18}"
          "  (the first reply's IOPub status came before the client's subscription)")
    print(f"({args.runs} starts each, {args.cells} empty cells per start, interleaved; "
          f"client reconnect interval {args.reconnect_ivl or 'default'} ms)")
    results["reconnect_ivl_ms"] = args.reconnect_ivl
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(DATA, ignore_errors=True)
