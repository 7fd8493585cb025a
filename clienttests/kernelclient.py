"""Helpers around jupyter_client used by the client tests and the benchmark."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

from jupyter_client.manager import KernelManager


@dataclass
class Execution:
    """What one execute_request produced."""

    reply: dict[str, Any]
    outputs: list[dict[str, Any]] = field(default_factory=list)  # iopub messages between busy and idle

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    def stream(self, name: str = "stdout") -> str:
        return "".join(m["content"]["text"] for m in self.outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)

    def of_type(self, msg_type: str) -> list[dict[str, Any]]:
        return [m for m in self.outputs if m["msg_type"] == msg_type]

    def result_text(self) -> str | None:
        for m in self.of_type("execute_result"):
            return m["content"]["data"].get("text/plain")
        return None


def start(kernel_name: str = "gocalc", **kw: Any):
    """Start a kernel and a ready client; returns (manager, client)."""
    km = KernelManager(kernel_name=kernel_name, **kw)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


def stop(km: KernelManager, kc) -> None:
    """Stop the client and the kernel, if a test has not already."""
    kc.stop_channels()
    if km.has_kernel and km.is_alive():
        km.shutdown_kernel(now=False)
    elif km.has_kernel:
        km.cleanup_resources()


def drain(kc) -> None:
    """Drop every message already waiting on shell and iopub."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.05)
            except Empty:
                break


def collect(kc, msg_id: str, timeout: float = 60.0, stdin=None) -> Execution:
    """Collect the iopub messages of request msg_id up to its idle status,
    and its shell reply. stdin, when given, answers input requests."""
    deadline = time.monotonic() + timeout
    outputs: list[dict[str, Any]] = []
    idle = False
    reply = None
    while not idle or reply is None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no idle/reply for {msg_id} within {timeout}s (idle={idle}, reply={reply is not None})")
        if stdin is not None:
            try:
                req = kc.get_stdin_msg(timeout=0.01)
                kc.input(stdin(req))
            except Empty:
                pass
        if not idle:
            try:
                msg = kc.get_iopub_msg(timeout=min(left, 0.05 if stdin else left))
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif msg["msg_type"] != "execute_input":
                outputs.append(msg)
            continue
        try:
            msg = kc.get_shell_msg(timeout=left)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg
    return Execution(reply, outputs)


def run(kc, code: str, timeout: float = 60.0, **kw: Any) -> Execution:
    """Execute code and wait for its reply and idle."""
    stdin = kw.pop("stdin", None)
    if stdin is not None:
        kw["allow_stdin"] = True
    msg_id = kc.execute(code, **kw)
    return collect(kc, msg_id, timeout=timeout, stdin=stdin)


def rss_kb(pid: int) -> int:
    """Resident memory of a process, in KiB (Linux /proc)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def kernel_pid(km: KernelManager) -> int:
    return km.provisioner.process.pid  # type: ignore[union-attr]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
