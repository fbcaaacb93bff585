#!/usr/bin/env python3
# Checks the Mermaid output of examples/graph.cpp (the seed's two diagrams): a structural check
# always (declared nodes, edges between them, balanced subgraphs and quotes, the seed's partial
# derivatives on the sweep edges), and Mermaid's own parser when one is available.
# SPDX-License-Identifier: BSL-1.0
"""usage: check_mermaid.py GRAPH_EXAMPLE [--doc PRINTING_MD] [--modules MERMAID_MODULES_DIR]

--doc: the diagrams must appear verbatim in that file (docs/printing.md shows them).
MERMAID_MODULES_DIR (or $TAPELESS_MERMAID_MODULES) is a directory whose node_modules holds
`mermaid` and `jsdom` (npm install mermaid@10 jsdom); without it the parser check is skipped.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The seed's sweep edges (pytorch-autograd-blog.txt), as tapeless labels them.
EXPECTED = [
    ("y = u + v where u = x^3, v = x^2",
     {"∂y/∂u = 1", "∂y/∂v = 1", "∂u/∂x = 3*x^2", "∂v/∂x = 2*x"}),
    ("y = u / x where u = sin(x)",
     {"∂y/∂u = 1/x", "∂y/∂x = -u/x^2", "∂u/∂x = cos(x)"}),
]

NODE = re.compile(r'^(\w+)\["([^"]*)"\]$')
EDGE = re.compile(r'^(\w+) --> (\w+)$')
LABELLED = re.compile(r'^(\w+) -->\|"([^"]*)"\| (\w+)$')
SUBGRAPH = re.compile(r'^subgraph (\w+)\["([^"]*)"\]$')


def structure(title, text, expected_edges):
    errors = []
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if lines[0] != "flowchart TB":
        errors.append("first line is not 'flowchart TB': " + lines[0])
    depth = 0
    declared = set()
    sweep_labels = set()
    edges = 0
    for line in lines[1:]:
        if SUBGRAPH.match(line):
            depth += 1
        elif line == "end":
            depth -= 1
        elif line.startswith("direction "):
            pass
        elif m := NODE.match(line):
            if m.group(1) in declared:
                errors.append("node declared twice: " + line)
            declared.add(m.group(1))
        elif m := EDGE.match(line):
            edges += 1
            for n in (m.group(1), m.group(2)):
                if n not in declared:
                    errors.append("edge to an undeclared node: " + line)
        elif m := LABELLED.match(line):
            edges += 1
            sweep_labels.add(m.group(2))
            for n in (m.group(1), m.group(3)):
                if n not in declared:
                    errors.append("edge to an undeclared node: " + line)
        else:
            errors.append("unexpected line: " + line)
        if depth < 0:
            errors.append("'end' without 'subgraph'")
    if depth != 0:
        errors.append("unbalanced subgraphs")
    if sweep_labels != expected_edges:
        errors.append("sweep edges %s, expected %s" % (sorted(sweep_labels), sorted(expected_edges)))
    if edges == 0:
        errors.append("no edges")
    return errors


PARSER = r"""
import { createRequire } from 'module';
import { pathToFileURL } from 'url';
import fs from 'fs';
const req = createRequire(process.argv[2] + '/');
const { JSDOM } = req('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(pathToFileURL(req.resolve('mermaid')).href)).default;
mermaid.initialize({ startOnLoad: false });
let bad = 0;
for (const file of process.argv.slice(3)) {
  try { await mermaid.parse(fs.readFileSync(file, 'utf8')); console.log('mermaid parsed', file); }
  catch (e) { bad++; console.log('mermaid rejected', file, String(e.message || e)); }
}
process.exit(bad ? 1 : 0);
"""


def main():
    args = sys.argv[1:]
    options = {}
    while len(args) >= 3 and args[-2] in ("--doc", "--modules"):
        options[args[-2]] = args[-1]
        args = args[:-2]
    if len(args) != 1:
        print(__doc__)
        return 2
    out = subprocess.run([args[0]], check=True, capture_output=True).stdout.decode("utf-8")
    # the example prints "%% <to_string>" before each diagram
    parts = re.split(r"^%% (.*)$", out, flags=re.M)[1:]
    diagrams = list(zip(parts[0::2], parts[1::2]))
    if len(diagrams) != len(EXPECTED):
        print("expected %d diagrams, got %d:\n%s" % (len(EXPECTED), len(diagrams), out))
        return 1
    failed = False
    for (title, text), (expected_title, edges) in zip(diagrams, EXPECTED):
        errors = ([] if title == expected_title else ["title %r" % title]) + structure(title, text, edges)
        print("%s: %s" % (title, "structure ok" if not errors else "; ".join(errors)))
        failed = failed or bool(errors)

    if "--doc" in options:
        with open(options["--doc"], encoding="utf-8") as f:
            doc = f.read()
        for title, text in diagrams:
            block = "```mermaid\n" + text.strip("\n") + "\n```"
            if block not in doc:
                print("%s: not shown verbatim in %s" % (title, options["--doc"]))
                failed = True

    modules = options.get("--modules", os.environ.get("TAPELESS_MERMAID_MODULES"))
    if not modules or not shutil.which("node"):
        print("mermaid parser: skipped (set TAPELESS_MERMAID_MODULES to a directory with "
              "node_modules/mermaid and node_modules/jsdom)")
        return 1 if failed else 0
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, (_, text) in enumerate(diagrams):
            files.append(os.path.join(tmp, "seed%d.mmd" % (i + 1)))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(text.strip() + "\n")
        script = os.path.join(tmp, "parse.mjs")
        with open(script, "w", encoding="utf-8") as f:
            f.write(PARSER)
        # a broken diagram must be rejected, or the parser check proves nothing
        broken = os.path.join(tmp, "broken.mmd")
        with open(broken, "w", encoding="utf-8") as f:
            f.write(diagrams[0][1].strip().replace('"]', "]", 1) + "\n")
        good = subprocess.run(["node", script, os.path.abspath(modules)] + files)
        bad = subprocess.run(["node", script, os.path.abspath(modules), broken],
                             capture_output=True)
        if good.returncode != 0:
            failed = True
        if bad.returncode == 0:
            print("mermaid parser accepted a broken diagram: the check is not working")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
