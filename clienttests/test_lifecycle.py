"""Interrupt, restart and shutdown through jupyter_client's KernelManager."""
from __future__ import annotations

import os
import signal
import time

import pytest

from kernelclient import alive, kernel_pid, run, start, stop


@pytest.fixture
def kernel():
    km, kc = start("gocalc")
    yield km, kc
    stop(km, kc)


def _interrupt_spin(km, kc, interrupt) -> float:
    """Run `for {}`, interrupt it with interrupt(), and return how long the
    cell took to answer after the interrupt."""
    assert run(kc, "kept := 41").status == "ok"
    msg_id = kc.execute("for {}")
    time.sleep(0.5)  # let the loop start
    t0 = time.monotonic()
    interrupt()
    from kernelclient import collect

    ex = collect(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - t0
    assert ex.status == "error", ex.reply
    assert "nterrupt" in ex.reply["content"]["ename"], ex.reply["content"]
    after = run(kc, "kept + 1")
    assert after.status == "ok", after.reply
    assert after.result_text() == "42"
    return elapsed


def test_interrupt_message_mode(kernel):
    km, kc = kernel
    assert km.kernel_spec.interrupt_mode == "message"
    pid = kernel_pid(km)
    elapsed = _interrupt_spin(km, kc, km.interrupt_kernel)
    assert elapsed < 3, f"interrupt took {elapsed:.2f}s"
    assert alive(pid)


def test_interrupt_signal_mode():
    km, kc = start("gocalc-signal")
    try:
        assert km.kernel_spec.interrupt_mode == "signal"
        pid = kernel_pid(km)
        elapsed = _interrupt_spin(km, kc, km.interrupt_kernel)  # sends SIGINT
        assert elapsed < 3
        assert alive(pid)
        # A raw SIGINT, as a terminal's Ctrl-C sends it, does the same.
        elapsed = _interrupt_spin(km, kc, lambda: os.kill(pid, signal.SIGINT))
        assert elapsed < 3
        # SIGINT while idle must not kill the kernel either.
        os.kill(pid, signal.SIGINT)
        time.sleep(0.3)
        assert alive(pid)
        assert run(kc, "kept * 2").result_text() == "82"
    finally:
        stop(km, kc)


def test_restart_clears_state(kernel):
    km, kc = kernel
    assert run(kc, "before := 7").status == "ok"
    old = kernel_pid(km)
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    new = kernel_pid(km)
    assert new != old
    deadline = time.monotonic() + 5
    while alive(old) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(old), "the old kernel process survived the restart"
    ex = run(kc, "before")
    assert ex.status == "error", "a restarted kernel still knows variables of the old one"
    assert run(kc, "3 + 4").result_text() == "7"


def test_shutdown_is_prompt_and_clean(kernel):
    km, kc = kernel
    pid = kernel_pid(km)
    proc = km.provisioner.process
    t0 = time.monotonic()
    reply_id = kc.shutdown()
    reply = kc.get_control_msg(timeout=5) if hasattr(kc, "get_control_msg") else None
    if reply is not None:
        assert reply["parent_header"]["msg_id"] == reply_id
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["restart"] is False
    code = proc.wait(timeout=5)
    elapsed = time.monotonic() - t0
    assert code == 0, f"kernel exited with {code}"
    assert elapsed < 1.5, f"shutdown took {elapsed:.2f}s"
    assert not alive(pid)


def test_sigterm_exits_cleanly(kernel):
    km, kc = kernel
    proc = km.provisioner.process
    t0 = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    code = proc.wait(timeout=5)
    assert code == 0, f"SIGTERM: exit status {code}"
    assert time.monotonic() - t0 < 2
