#!/usr/bin/env python3
# tools/check_docs.py must fail on documentation that drifted from the examples, or the docs
# test could never fail: this runs it on small made-up trees, good and bad.
# SPDX-License-Identifier: BSL-1.0
import pathlib
import subprocess
import sys
import tempfile

CHECKER = sys.argv[1]

EXAMPLE = """#include <tapeless/tapeless.hpp>

constexpr tapeless::var<"x"> x;
constexpr auto f = x * x;

int main() {
  const auto g = tapeless::grad(f, tapeless::at(x = 1.0));
  return g[x] == 2.0 ? 0 : 1;
}
"""


def run(doc: str, meson: str = "foreach name : ['ex']\nendforeach\n", name: str = "ex") -> int:
    with tempfile.TemporaryDirectory() as d:
        root = pathlib.Path(d)
        (root / "examples").mkdir()
        (root / "docs").mkdir()
        (root / "examples" / (name + ".cpp")).write_text(EXAMPLE)
        (root / "examples" / "meson.build").write_text(meson)
        (root / "docs" / "a.md").write_text(doc)
        return subprocess.run([sys.executable, CHECKER, "--root", str(root)],
                              stdout=subprocess.DEVNULL).returncode


def block(code: str, language: str = "cpp", marker: str = "") -> str:
    return f"Text.\n\n{marker}\n```{language}\n{code}```\n\nMore text.\n"


cases = [
    # (description, exit status expected, exit status got)
    ("an excerpt, in order", 0, run(block('constexpr tapeless::var<"x"> x;\nconstexpr auto f = x * x;\n'))),
    ("an excerpt from inside main, without its indentation", 0,
     run(block("const auto g = tapeless::grad(f, tapeless::at(x = 1.0));\nreturn g[x] == 2.0 ? 0 : 1;\n"))),
    ("the right marker", 0,
     run(block("constexpr auto f = x * x;\n", marker="<!-- example: examples/ex.cpp -->"))),
    ("non-C++ blocks are exempt", 0, run(block("anything at all\n", language="sh"))),
    ("a changed line", 1, run(block('constexpr tapeless::var<"x"> x;\nconstexpr auto f = x * x * x;\n'))),
    ("lines out of order", 1, run(block('constexpr auto f = x * x;\nconstexpr tapeless::var<"x"> x;\n'))),
    ("a changed indentation inside the block", 1,
     run(block("int main() {\nconst auto g = tapeless::grad(f, tapeless::at(x = 1.0));\n"))),
    ("a marker naming a file that does not exist", 1,
     run(block("constexpr auto f = x * x;\n", marker="<!-- example: examples/other.cpp -->"))),
    ("an example that meson does not build", 1,
     run(block("constexpr auto f = x * x;\n"), meson="foreach name : ['other']\nendforeach\n")),
    ("a c++ block (other spelling) that matches nothing", 1, run(block("int y = 0;\n", language="c++"))),
]
failed = [(what, want, got) for what, want, got in cases if want != got]
for what, want, got in failed:
    print(f"FAIL: {what}: exit status {got}, expected {want}")
print(f"{len(cases) - len(failed)} of {len(cases)} cases as expected")
sys.exit(1 if failed else 0)
