#!/usr/bin/env python3
# Every C++ code block in the documentation must be code that compiles and runs: this script
# checks that each ```cpp block of README.md and docs/*.md appears in an example program under
# examples/ that examples/meson.build builds and runs as a test.
# SPDX-License-Identifier: BSL-1.0
"""Check that the documentation's C++ code blocks come from tested example programs.

The rule, for every fenced block whose language is C++ (```cpp, ```c++, ```cxx, ```cc,
```hpp); other blocks (sh, text, mermaid, dot, none) are exempt:

* The block's lines, without blank lines and trailing white space, occur in the same order in
  one example file examples/NAME.cpp (other lines may come between them, so a block may show
  an excerpt), verbatim except for one common indentation: a block may show code from inside
  a function without its indentation.
* That file is built and run as a test: its NAME appears, quoted ('NAME'), in
  examples/meson.build.
* An HTML comment on the last non-blank line before the block,
  `<!-- example: examples/NAME.cpp -->`, names the file: then only that file is searched (and
  readers see where the whole program is). Without it every example is searched.

Exit status 0 when every block matches, 1 otherwise (each failure is listed with its file and
line), 2 on usage errors. `--list` prints which example each block matched.
"""
from __future__ import annotations

import argparse
import pathlib
import re
import sys

CPP_LANGUAGES = {"cpp", "c++", "cxx", "cc", "hpp", "h++"}
# Owned by their own checks: accuracy.md's tables are generated, map_reduce.md's sketches are
# tested by tests/map_reduce.
DEFAULT_SKIP = {"docs/accuracy.md", "docs/map_reduce.md"}
MARKER = re.compile(r"^\s*<!--\s*example:\s*(\S+?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^\s`]*)")


class Block:
    def __init__(self, doc: str, line: int, language: str, lines: list[str], pinned: str | None):
        self.doc, self.line, self.language, self.lines, self.pinned = doc, line, language, lines, pinned


def code_blocks(doc: str, text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, with the example each one pins (if any)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    last_nonblank = ""
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                last_nonblank = lines[i]
            i += 1
            continue
        indent, fence, language = m.group(1), m.group(2), m.group(3).lower()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not (
            lines[i].strip().startswith(fence[0] * len(fence))
            and lines[i].strip().strip(fence[0]) == ""
        ):
            # strip the fence's own indentation (blocks inside list items)
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        marker = MARKER.match(last_nonblank)
        blocks.append(Block(doc, start + 1, language, body, marker.group(1) if marker else None))
        last_nonblank = ""
        i += 1
    return blocks


def significant(lines: list[str]) -> list[str]:
    return [line.rstrip() for line in lines if line.strip()]


def indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def occurs_in_order(block: list[str], source: list[str]) -> bool:
    """True if every block line, shifted by one common indentation, is a source line, in order."""
    if not block:
        return True
    first = block[0]
    shifts = {indentation(s) - indentation(first) for s in source if s.strip() == first.strip()}
    for shift in sorted(s for s in shifts if s >= 0):
        pad = " " * shift
        k = 0
        for s in source:
            if s == pad + block[k]:
                k += 1
                if k == len(block):
                    return True
    return False


def registered_examples(root: pathlib.Path) -> set[str]:
    """Example names that examples/meson.build mentions (and so builds and runs)."""
    build = root / "examples" / "meson.build"
    if not build.is_file():
        return set()
    return set(re.findall(r"'([A-Za-z0-9_./-]+)'", build.read_text(encoding="utf-8")))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parent.parent),
                        help="the repository root (default: this script's parent directory)")
    parser.add_argument("--list", action="store_true", help="print the example of every block")
    parser.add_argument("docs", nargs="*",
                        help="Markdown files relative to the root (default: README.md and "
                             "docs/*.md, without " + ", ".join(sorted(DEFAULT_SKIP)) + ")")
    args = parser.parse_args(argv)
    root = pathlib.Path(args.root)
    if not (root / "examples").is_dir():
        print(f"check_docs: {root} has no examples/ directory", file=sys.stderr)
        return 2

    if args.docs:
        docs = args.docs
    else:
        docs = ["README.md"] if (root / "README.md").is_file() else []
        docs += sorted(str(p.relative_to(root)) for p in (root / "docs").glob("*.md")
                       if str(p.relative_to(root)) not in DEFAULT_SKIP)

    registered = registered_examples(root)
    examples = {str(p.relative_to(root)): significant(p.read_text(encoding="utf-8").splitlines())
                for p in sorted((root / "examples").glob("*.cpp"))}

    failures: list[str] = []
    checked = 0
    for doc in docs:
        path = root / doc
        if not path.is_file():
            failures.append(f"{doc}: no such file")
            continue
        for block in code_blocks(doc, path.read_text(encoding="utf-8")):
            if block.language not in CPP_LANGUAGES:
                continue
            checked += 1
            where = f"{doc}:{block.line}"
            lines = significant(block.lines)
            first = lines[0].strip() if lines else "(empty)"
            if block.pinned is not None:
                if block.pinned not in examples:
                    failures.append(f"{where}: the marker names {block.pinned}, which is not an "
                                    f"example file (examples/*.cpp)")
                    continue
                candidates = [block.pinned]
            else:
                candidates = list(examples)
            found = [name for name in candidates if occurs_in_order(lines, examples[name])]
            if not found:
                target = block.pinned or "any example in examples/"
                failures.append(f"{where}: C++ block ({len(lines)} lines, first: {first!r}) does "
                                f"not occur in {target}; copy it, in order, into an example "
                                f"program that runs as a test")
                continue
            built = [name for name in found if pathlib.PurePath(name).stem in registered]
            if not built:
                failures.append(f"{where}: the block occurs in {', '.join(found)}, which "
                                f"examples/meson.build does not build and run")
                continue
            if args.list:
                print(f"{where}: {built[0]}")

    for failure in failures:
        print(failure)
    print(f"check_docs: {checked} C++ blocks in {len(docs)} files, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
