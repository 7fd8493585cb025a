"""Robustness through jupyter_client: forged and replayed messages, garbage
on every socket, heartbeat while busy, a 200,000-line flood, memory over
thousands of cells."""
from __future__ import annotations

import json
import os
import random
import time

import pytest
import zmq
from jupyter_client.session import Session

from kernelclient import alive, collect, kernel_pid, rss_kb, run, start, stop


@pytest.fixture(scope="module")
def kernel():
    km, kc = start("gocalc")
    yield km, kc
    stop(km, kc)


def _socket(km, kind: int, port: int) -> zmq.Socket:
    ctx = zmq.Context.instance()
    s = ctx.socket(kind)
    s.linger = 0
    s.connect(f"{km.transport}://{km.ip}:{port}")
    return s


def _shell_request(session: Session, code: str) -> dict:
    return session.msg("execute_request", {
        "code": code, "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
    })


def test_forged_unsigned_and_replayed_messages_are_not_executed(kernel, tmp_path):
    km, kc = kernel
    assert run(kc, "hits := 0").status == "ok"
    shell = _socket(km, zmq.DEALER, km.shell_port)
    try:
        # Wrong key: signed, but not with the connection file's key.
        forged = Session(key=b"not-the-key", username="mallory")
        forged.send(shell, _shell_request(forged, "hits = hits + 100"))
        # Unsigned: a session without a key sends an empty signature.
        unsigned = Session(key=b"", username="mallory")
        unsigned.send(shell, _shell_request(unsigned, "hits = hits + 10000"))
        # Replay: a correctly signed message sent twice, byte for byte.
        good = Session(key=km.session.key, username="tester", session=km.session.session)
        msg = _shell_request(good, "hits = hits + 1")
        frames = good.serialize(msg)
        shell.send_multipart(frames)
        shell.send_multipart(frames)
        got = []
        poller = zmq.Poller()
        poller.register(shell, zmq.POLLIN)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if poller.poll(100):
                got.append(shell.recv_multipart())
        replies = [good.deserialize(good.feed_identities(f)[1]) for f in got]
        assert [r["parent_header"]["msg_id"] for r in replies] == [msg["header"]["msg_id"]], replies
    finally:
        shell.close()
    ex = run(kc, "hits")
    assert ex.result_text() == "1", "forged, unsigned or replayed code ran: hits = " + str(ex.result_text())


def test_garbage_on_every_socket_is_survived(kernel):
    km, kc = kernel
    pid = kernel_pid(km)
    rng = random.Random(20261126)
    key = km.session.key
    good = Session(key=key, session=km.session.session)

    def junk_frames():
        n = rng.randint(1, 8)
        frames = [rng.randbytes(rng.randint(0, 300)) for _ in range(n)]
        if rng.random() < 0.5:
            frames.insert(rng.randint(0, len(frames)), b"<IDS|MSG>")
        return frames

    def wellframed_bad_json():
        # Correct delimiter and a valid signature over invalid JSON parts.
        parts = [b"{not json", b"[]", b"null", b"\xff\xfe"]
        sig = good.sign(parts)
        return [b"<IDS|MSG>", sig, *parts]

    def wrong_shapes():
        hdr = json.dumps({"msg_id": "x", "msg_type": "execute_request", "session": "s", "username": "u",
                          "date": "2026-01-01T00:00:00Z", "version": "5.4"}).encode()
        variants = [
            [hdr, b"{}", b"{}", b'{"code": 5}'],             # code of the wrong type
            [hdr, b"{}", b"{}", b"[]"],                         # content not an object
            [b'{"msg_type": 3}', b"{}", b"{}", b"{}"],         # header fields of the wrong type
            [hdr, b"{}", b"{}", b'{"code": "1", "user_expressions": [1]}'],
        ]
        out = []
        for parts in variants:
            out.append([b"<IDS|MSG>", good.sign(parts), *parts])
        return out

    for port, kind in ((km.shell_port, zmq.DEALER), (km.control_port, zmq.DEALER), (km.stdin_port, zmq.DEALER)):
        s = _socket(km, kind, port)
        try:
            for _ in range(200):
                s.send_multipart(junk_frames())
            s.send_multipart([b""])
            s.send_multipart([b"<IDS|MSG>"])
            s.send_multipart([b"<IDS|MSG>", b"", b"", b"", b"", b""])
            s.send_multipart(wellframed_bad_json())
            for frames in wrong_shapes():
                s.send_multipart(frames)
            s.send_multipart([rng.randbytes(1 << 20)])  # one 1 MiB frame
        finally:
            time.sleep(0.2)
            s.close()
    hb = _socket(km, zmq.REQ, km.hb_port)
    try:
        hb.send(rng.randbytes(1000))
        assert hb.poll(2000), "heartbeat silent after garbage"
        hb.recv()
    finally:
        hb.close()
    time.sleep(0.5)
    assert alive(pid), "the kernel died of garbage"
    kc.kernel_info()
    reply = kc.get_shell_msg(timeout=5)
    assert reply["msg_type"] == "kernel_info_reply"
    ex = run(kc, "6 * 7")
    assert ex.result_text() == "42"


def test_raw_tcp_garbage_and_bad_subscriptions_are_survived(kernel):
    """Bytes that are not ZMTP at all, a valid greeting followed by junk, and
    junk frames from an XSUB on iopub: the kernel must keep serving."""
    import socket

    km, kc = kernel
    pid = kernel_pid(km)
    rng = random.Random(7)
    ports = [km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port]
    greeting = b"\xff" + b"\x00" * 8 + b"\x7f" + b"\x03\x00" + b"NULL" + b"\x00" * 16 + b"\x00" + b"\x00" * 31
    for port in ports:
        for payload in (rng.randbytes(4096), greeting + rng.randbytes(512), greeting[:10], b"\x00" * 64,
                        greeting + b"\x04\xff" + b"\x05READY" + rng.randbytes(300)):
            with socket.create_connection((km.ip, port), timeout=2) as c:
                try:
                    c.sendall(payload)
                    c.settimeout(0.2)
                    c.recv(1024)
                except OSError:
                    pass
    xsub = _socket(km, zmq.XSUB, km.iopub_port)
    try:
        for _ in range(100):
            xsub.send_multipart([rng.randbytes(rng.randint(0, 64)) for _ in range(rng.randint(1, 3))])
        xsub.send(b"\x01")  # a real subscription after the junk
        time.sleep(0.3)
    finally:
        xsub.close()
    assert alive(pid), "the kernel died of raw garbage"
    ex = run(kc, "6 * 7")
    assert ex.result_text() == "42"
    hb = _socket(km, zmq.REQ, km.hb_port)
    try:
        hb.send(b"still there?")
        assert hb.poll(2000)
        assert hb.recv() == b"still there?"
    finally:
        hb.close()


def test_heartbeat_answers_while_busy(kernel):
    km, kc = kernel
    msg_id = kc.execute("for {}")
    time.sleep(0.3)
    hb = _socket(km, zmq.REQ, km.hb_port)
    worst = 0.0
    try:
        for i in range(10):
            t0 = time.monotonic()
            hb.send(b"ping %d" % i)
            assert hb.poll(1000), f"no heartbeat within 1s while a cell spins (ping {i})"
            assert hb.recv() == b"ping %d" % i
            worst = max(worst, time.monotonic() - t0)
            time.sleep(0.05)
    finally:
        hb.close()
        km.interrupt_kernel()
        collect(kc, msg_id, timeout=10)
    assert worst < 0.5, f"slowest heartbeat {worst:.3f}s"


def test_flood_of_200000_lines_arrives_whole(kernel, artifacts):
    km, kc = kernel
    n = 200_000
    t0 = time.monotonic()
    ex = run(kc, f"for i := 0; i < {n}; i++ {{ fmt.Println(i) }}", timeout=300)
    elapsed = time.monotonic() - t0
    assert ex.status == "ok", ex.reply["content"]
    streams = ex.of_type("stream")
    text = ex.stream("stdout")
    expected = "".join(f"{i}\n" for i in range(n))
    assert len(text) == len(expected)
    assert text == expected, "lines lost, duplicated or out of order"
    assert len(streams) < n / 100, f"{len(streams)} stream messages for {n} lines"
    (artifacts / "flood.txt").write_text(f"{n} lines in {len(streams)} stream messages, {elapsed:.2f}s\n")
    print(f"\nflood: {n} lines in {len(streams)} stream messages, {elapsed:.2f}s")


def test_memory_flat_over_2000_cells(kernel, artifacts):
    """Resident memory after a warm-up, then every 500 cells: it must level
    off (measured here: ~90 MiB from 1,000 to 8,000 such cells)."""
    km, kc = kernel
    pid = kernel_pid(km)
    cell = "v := make([]float64, 1000)\nfor j := range v { v[j] = float64(j) }\ns := fmt.Sprint(len(v))\n_ = s"
    for _ in range(500):  # warm up: caches, history file, allocator, the interpreter's compaction cycle
        assert run(kc, cell).status == "ok"
    samples = [rss_kb(pid)]
    t0 = time.monotonic()
    for i in range(2000):
        ex = run(kc, cell)
        assert ex.status == "ok", ex.reply["content"]
        if (i + 1) % 500 == 0:
            samples.append(rss_kb(pid))
    elapsed = time.monotonic() - t0
    mib = [round(k / 1024, 1) for k in samples]
    report = (f"RSS after 500 warm-up cells, then every 500 cells up to 2000 more: {mib} MiB "
              f"(last - first {mib[-1] - mib[0]:+.1f} MiB); 2000 cells in {elapsed:.1f}s\n")
    (artifacts / "memory.txt").write_text(report)
    print("\n" + report)
    assert samples[-1] - samples[0] < 25 * 1024, report
    assert max(samples) - samples[0] < 40 * 1024, report
