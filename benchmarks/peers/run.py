#!/usr/bin/env python3
"""Runs the peers benchmark (bench_peers, bench_peers_Og, bench_peers_O0 of a meson build with
-Dbenchmarks=true) and prints markdown tables: the hand-written gradient in ns (or instructions)
per gradient, every library as a ratio to it, and the goal column: the fastest tape-based peer
divided by the fastest tapeless formulation.

usage: run.py [--build DIR] [--binaries bench_peers,bench_peers_Og,bench_peers_O0]
              [--mode time|callgrind] [--min-time 0.2] [--repetitions 3] [--calls 200]
              [--libraries REGEX]

--mode time uses Google Benchmark (median CPU time of the repetitions); --mode callgrind runs
the binary once under `valgrind --tool=callgrind` (bench_peers --callgrind=N) and reports
instructions per gradient, libm and allocations included, the cost of an empty call
subtracted: stable on shared machines. The binary checks every gradient against the
hand-written one before it measures anything, and fails if one disagrees.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

COLUMNS = ["tapeless", "tapeless vec", "Sacado SFad", "Sacado ELRFad", "Eigen AutoDiff",
           "ceres Jet", "Boost autodiff", "Sacado Rad", "ADOL-C", "ADOL-C replay"]
TAPELESS = ["tapeless", "tapeless vec"]


def library_kinds(exe):
    out = subprocess.run([exe, "--list"], check=True, capture_output=True, text=True).stdout
    tape = set()
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2] == "tape":
            tape.add(parts[0])
    return tape


def measure_time(exe, args):
    cmd = [exe, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}",
           f"--benchmark_repetitions={args.repetitions}", "--benchmark_report_aggregates_only=true"]
    if args.libraries:
        cmd.append(f"--libraries={args.libraries}")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    results, order = {}, []
    for b in data["benchmarks"]:
        if b.get("aggregate_name", "median") != "median":
            continue
        problem, library = b["run_name"].split(" | ")
        if problem not in order:
            order.append(problem)
        results[(problem, library)] = b["cpu_time"] * scale[b["time_unit"]]
    context = data["context"]
    return results, order, f"{context.get('compiler', '?')}, {context.get('optimization', '?')}"


def measure_callgrind(exe, args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
               f"--callgrind-out-file={out}", exe, f"--callgrind={args.calls}"]
        if args.libraries:
            cmd.append(f"--libraries={args.libraries}")
        subprocess.run(cmd, check=True, capture_output=True)
        dumps = []
        for path in glob.glob(out + "*"):
            text = open(path, encoding="utf-8", errors="replace").read()
            m = re.search(r"^desc: Trigger: Client Request: (.*)$", text, re.M)
            t = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            part = re.search(r"^part: (\d+)", text, re.M)
            if m and t:
                dumps.append((int(part.group(1)) if part else 0, m.group(1), int(t.group(1))))
    dumps.sort()
    overhead = next((c for _, name, c in dumps if name == "(call overhead)"), 0) / args.calls
    results, order = {}, []
    for _, name, count in dumps:
        if name == "(call overhead)":
            continue
        problem, library = name.split(" | ")
        if problem not in order:
            order.append(problem)
        results[(problem, library)] = max(count / args.calls - overhead, 1.0)
    return results, order, None


def table(results, order, tape, unit):
    present = [c for c in COLUMNS if any((p, c) in results for p in order)]
    head = ["function", f"hand ({unit})"] + present + ["fastest tape-based ÷ tapeless"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in order:
        hand = results.get((p, "hand"))
        row = [p, f"{hand:.1f}" if hand is not None else "–"]
        for c in present:
            v = results.get((p, c))
            row.append("–" if v is None or hand is None else f"{v / hand:.2f}")
        tl = [results[(p, c)] for c in TAPELESS if (p, c) in results]
        tp = [results[(p, c)] for c in present if c in tape and (p, c) in results]
        row.append(f"{min(tp) / min(tl):.1f}" if tl and tp else "–")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--binaries", default="bench_peers,bench_peers_Og,bench_peers_O0")
    ap.add_argument("--mode", choices=["time", "callgrind"], default="time")
    ap.add_argument("--min-time", default="0.2")
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--libraries", default="")
    args = ap.parse_args()
    for name in args.binaries.split(","):
        exe = os.path.join(args.build, "benchmarks", "peers", name)
        if not os.path.exists(exe):
            print(f"{exe}: not built (meson compile -C {args.build} {name})", file=sys.stderr)
            return 1
        tape = library_kinds(exe)
        if args.mode == "time":
            results, order, context = measure_time(exe, args)
            print(f"\n{name} ({context}): CPU time per gradient, ratio to hand-written\n")
            print(table(results, order, tape, "ns"))
        else:
            results, order, _ = measure_callgrind(exe, args)
            print(f"\n{name}: instructions per gradient (callgrind), ratio to hand-written\n")
            print(table(results, order, tape, "instr."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
