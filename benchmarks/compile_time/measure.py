#!/usr/bin/env python3
# Runs the compile-time sweep (Metabench method): compiles the generated TUs of every shape and
# size with each compiler under /usr/bin/time -v, several times, and appends one CSV row per
# compile, so that an interrupted sweep keeps what it measured. summarize.py turns the rows into
# tables and plot data (minimum over repetitions, include cost subtracted).
# SPDX-License-Identifier: BSL-1.0
"""usage: measure.py --out results.csv [options]

Every repetition runs over all points before the next starts (so a partial sweep still has
whole curves), small sizes first. Each compile is `CXX -std=c++20 FLAGS -I INCLUDE -c TU -o
/dev/null` under `/usr/bin/time -v`; the CSV has wall seconds, CPU seconds (user + sys: less
disturbed than wall time by other jobs on a shared machine) and peak resident memory of the
compiler. The include-only TU (shape 'include') is measured like any other point.
"""
import argparse
import concurrent.futures
import csv
import os
import re
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["compiler", "version", "mode", "shape", "variant", "n", "rep", "status", "wall_s", "cpu_s", "max_rss_kb"]
MODES = {"O2": ["-O2"], "O0": ["-O0"], "syntax": ["-fsyntax-only"]}


def version(cxx):
    out = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0].strip()


def tu_path(workdir, shape, n, variant, seed):
    os.makedirs(workdir, exist_ok=True)
    path = os.path.join(workdir, f"{shape}_{n}_{variant}_{seed}.cpp")
    if not os.path.exists(path):
        args = [sys.executable, os.path.join(HERE, "generate.py"), shape]
        if shape != "include":
            args += [str(n), "--seed", str(seed)]
        args += ["--variant", variant]
        text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    return path


def parse_time_v(text):
    def grab(pattern):
        m = re.search(pattern, text)
        return m.group(1) if m else None

    wall = grab(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)")
    secs = 0.0
    for part in (wall or "0").split(":"):
        secs = secs * 60 + float(part)
    user = float(grab(r"User time \(seconds\): ([0-9.]+)") or 0)
    system = float(grab(r"System time \(seconds\): ([0-9.]+)") or 0)
    rss = int(grab(r"Maximum resident set size \(kbytes\): ([0-9]+)") or 0)
    return secs, user + system, rss


def compile_once(cxx, mode, tu, include, timeout, extra, max_memory_gb=0):
    cmd = ["/usr/bin/time", "-v", cxx, "-std=c++20", *MODES[mode], *extra, "-I", include, "-c", tu, "-o", os.devnull]
    if mode == "syntax":
        cmd = [c for c in cmd if c not in ("-c", "-o", os.devnull)]
    t0 = time.monotonic()
    try:
        limit = None
        if max_memory_gb:
            import resource

            def limit():
                b = int(max_memory_gb * 2**30)
                resource.setrlimit(resource.RLIMIT_AS, (b, b))
        # own process group, so that a timeout also ends the compiler under /usr/bin/time
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=limit, start_new_session=True)
        _, stderr = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return "timeout", time.monotonic() - t0, float("nan"), 0, ""
    wall, cpu, rss = parse_time_v(stderr)
    status = "ok" if p.returncode == 0 else f"rc{p.returncode}"
    return status, wall, cpu, rss, stderr[-2000:] if p.returncode else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--compilers", default="g++-12,clang++-19")
    ap.add_argument("--shapes", default="wide,chain,dag,random")
    ap.add_argument("--sizes", default="25,50,100,200,400,800,1000,1600")
    ap.add_argument("--modes", default="O2,syntax")
    ap.add_argument("--variant", default="plain")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--first-rep", type=int, default=0, help="number of the first repetition (to add repetitions to a CSV)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--include", default=os.path.join(HERE, "..", "..", "include"))
    ap.add_argument("--workdir", default="ctime-tus")
    ap.add_argument("--jobs", type=int, default=1, help="parallel compiles (the machine has 2 cores)")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--max-memory-gb", type=float, default=0, help="address-space limit per compile (0: none)")
    ap.add_argument("--extra", default="", help="more compiler flags, space separated")
    ap.add_argument("--no-include-point", action="store_true")
    a = ap.parse_args()

    compilers = a.compilers.split(",")
    versions = {c: version(c) for c in compilers}
    sizes = [int(s) for s in a.sizes.split(",")]
    points = []
    for rep in range(a.first_rep, a.first_rep + a.reps):
        for n in ([0] if not a.no_include_point else []) + sizes:
            for shape in (["include"] if n == 0 else a.shapes.split(",")):
                for mode in a.modes.split(","):
                    for cxx in compilers:
                        points.append((rep, cxx, mode, shape, n))
    lock = threading.Lock()
    new_file = not os.path.exists(a.out) or os.path.getsize(a.out) == 0
    out = open(a.out, "a", newline="")
    writer = csv.DictWriter(out, FIELDS)
    if new_file:
        writer.writeheader()

    def run(point):
        rep, cxx, mode, shape, n = point
        tu = tu_path(a.workdir, shape, n, a.variant, a.seed)
        status, wall, cpu, rss, err = compile_once(cxx, mode, tu, a.include, a.timeout, a.extra.split(), a.max_memory_gb)
        row = dict(compiler=cxx, version=versions[cxx], mode=mode, shape=shape, variant=a.variant, n=n,
                   rep=rep, status=status, wall_s=f"{wall:.2f}", cpu_s=f"{cpu:.2f}", max_rss_kb=rss)
        with lock:
            writer.writerow(row)
            out.flush()
            print(" ".join(str(row[k]) for k in FIELDS[2:] if k != "version"), cxx, flush=True)
            if err:
                print(err, file=sys.stderr, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for f in [pool.submit(run, p) for p in points]:
            f.result()


if __name__ == "__main__":
    main()
