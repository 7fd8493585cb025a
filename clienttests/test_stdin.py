"""Input requests: answered with allow_stdin, a clear error without."""
from __future__ import annotations

import pytest

from kernelclient import run, start, stop


@pytest.fixture(scope="module")
def kernel():
    km, kc = start("gocalc")
    yield km, kc
    stop(km, kc)


@pytest.mark.parametrize("code", [
    'name := ""\nfmt.Scanln(&name)\nfmt.Println("hello " + name)',
    'r := bufio.NewReader(os.Stdin)\nline, _ := r.ReadString(\'\\n\')\nfmt.Println("hello " + strings.TrimSpace(line))',
])
def test_input_request_round_trip(kernel, code):
    km, kc = kernel
    prompts = []

    def answer(req):
        assert req["msg_type"] == "input_request"
        prompts.append(req["content"])
        return "Ada"

    ex = run(kc, code, stdin=answer, timeout=20)
    assert ex.status == "ok", ex.reply["content"]
    assert len(prompts) == 1, prompts
    assert prompts[0]["password"] is False
    assert ex.stream("stdout") == "hello Ada\n"


def test_input_without_stdin_is_a_clear_error(kernel):
    km, kc = kernel
    ex = run(kc, 'name := ""\n_, err := fmt.Scanln(&name)\nfmt.Println("error:", err)', allow_stdin=False, timeout=20)
    assert ex.status == "ok", ex.reply["content"]
    text = ex.stream("stdout")
    assert text.startswith("error: "), text
    assert "allow_stdin" in text or "input" in text.lower(), text
    # The kernel asked nobody: no input_request was sent.
    from queue import Empty
    with pytest.raises(Empty):
        kc.get_stdin_msg(timeout=0.2)
