"""jupyter_kernel_test's conformance suite, with every sample it supports set."""
from __future__ import annotations

import jupyter_kernel_test as jkt


class GocalcKernelTests(jkt.KernelTests):
    kernel_name = "gocalc"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "to stderr")'

    # Matches are member names; cursor_start points after the dot.
    completion_samples = [
        {"text": "strings.ToUp", "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": "math.Sqr", "matches": {"Sqrt", "Sqrt2", "SqrtE", "SqrtPhi", "SqrtPi"}},
        # cursor_pos counts code points: non-ASCII text before the cursor.
        {"text": 'é := "ü€"\nmath.Sqr', "matches": {"Sqrt", "Sqrt2", "SqrtE", "SqrtPhi", "SqrtPi"}},
    ]
    complete_code_samples = [
        "x := 1",
        'fmt.Println("hi")',
        "func f(a int) int { return a * 2 }",
        "import \"sort\"",
        "",
    ]
    incomplete_code_samples = [
        "func f() {",
        "for i := 0; i < 3; i++ {",
        "x := []int{1,\n2,",
        "s := `raw",
    ]
    invalid_code_samples = [
        "x := )",
        "func ) {",
        "}",
    ]

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "1.5 + 1", "result": "2.5"},
        {"code": '"go" + "calc"', "result": '"gocalc"'},
    ]
    code_display_data = [
        {"code": 'display.HTML("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.Markdown("*x*")', "mime": "text/markdown"},
        {"code": 'display.LaTeX("$x^2$")', "mime": "text/latex"},
    ]

    # Matches only "6 * 7" of code_execute_result.
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "math.Sqrt"
    code_clear_output = "display.Clear()"

    # code_page_something is left unset: pager payloads are not part of
    # the kernel/interpreter contract (engine); documentation is shown
    # through inspect_request instead.



class GocalcIopubWelcomeTests(jkt.IopubWelcomeTests):
    # iopub_welcome (protocol 5.5) needs an XPUB socket that reports
    # subscriptions, which zmq4 v0.17.0 cannot do; gocalc speaks 5.4.
    kernel_name = "gocalc"
    support_iopub_welcome = False
