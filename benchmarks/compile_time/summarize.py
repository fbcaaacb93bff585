#!/usr/bin/env python3
# Turns the rows of measure.py into the tables of docs/compile_time.md and the curves of its
# plots: per point the minimum over repetitions (the least disturbed run on a shared machine),
# minus the include-only TU of the same compiler and mode (Metabench's include-cost subtraction).
# SPDX-License-Identifier: BSL-1.0
"""usage: summarize.py results.csv [more.csv ...] [--plots DIR] [--markdown FILE]

--plots DIR writes DIR/compile_time_MODE.png and DIR/memory_MODE.png with gnuplot (pngcairo);
--markdown FILE writes the tables (time and memory per shape, compiler and N, the number of
repetitions behind each cell, and the growth exponent between successive sizes).
"""
import argparse
import collections
import csv
import math
import os
import subprocess
import tempfile

SHORT = {"g++-12": "g++ 12", "clang++-19": "clang 19"}


def load(paths):
    rows = []
    for p in paths:
        with open(p) as f:
            rows += list(csv.DictReader(f))
    return rows


def reduce(rows):
    """{(compiler, mode, variant, shape, n): (cpu_min, rss_min_kb, reps_ok, reps_failed)}"""
    acc = collections.defaultdict(lambda: [math.inf, math.inf, 0, 0, set()])
    for r in rows:
        key = (r["compiler"], r["mode"], r["variant"], r["shape"], int(r["n"]))
        a = acc[key]
        if r["status"] == "ok":
            a[0] = min(a[0], float(r["cpu_s"]))
            a[1] = min(a[1], int(r["max_rss_kb"]))
            a[2] += 1
        else:
            a[3] += 1
            a[4].add(r["status"])
    return {k: (v[0], v[1], v[2], v[3], ",".join(sorted(v[4]))) for k, v in acc.items()}


def net(table):
    """Include cost subtracted: {(compiler, mode, variant, shape, n): (cpu_s, rss_mb, reps, failed)}"""
    out = {}
    for (cxx, mode, variant, shape, n), (cpu, rss, ok, bad, why) in table.items():
        if shape == "include":
            continue
        base = table.get((cxx, mode, variant, "include", 0))
        if ok == 0 or base is None or base[2] == 0:
            out[(cxx, mode, variant, shape, n)] = (None, None, ok, bad, why)
            continue
        out[(cxx, mode, variant, shape, n)] = (max(cpu - base[0], 0.0), max(rss - base[1], 0) / 1024, ok, bad, why)
    return out


def cell(v):
    cpu, mb, ok, bad, why = v
    if cpu is None:
        return f"failed ({why})" if bad else "–"
    reps = "" if ok >= 3 else f" ({ok}×)"
    return f"{cpu:.2f} s / {mb:.0f} MB{reps}"


def markdown(res, include_rows, mode, variant="plain"):
    keys = [k for k in res if k[1] == mode and k[2] == variant]
    if not keys:
        return ""
    compilers = sorted({k[0] for k in keys})
    shapes = [s for s in ["wide", "chain", "dag", "random"] if any(k[3] == s for k in keys)]
    sizes = sorted({k[4] for k in keys})
    lines = []
    for cxx in compilers:
        base = include_rows.get((cxx, mode, variant, "include", 0))
        base_txt = f"include-only TU: {base[0]:.2f} s / {base[1] / 1024:.0f} MB, subtracted" if base else ""
        lines += [f"**{SHORT.get(cxx, cxx)}, {mode}** ({base_txt}); CPU seconds / peak memory (MB):", "",
                  "| N | " + " | ".join(shapes) + " |", "|---|" + "---|" * len(shapes)]
        for n in sizes:
            lines.append(f"| {n} | " + " | ".join(cell(res.get((cxx, mode, variant, s, n), (None, None, 0, 0, ""))) for s in shapes) + " |")
        lines.append("")
        # growth exponent: time ~ N^k between successive sizes
        lines += [f"Growth exponent k (time ∝ N^k) between successive sizes, {SHORT.get(cxx, cxx)} {mode}:", "",
                  "| from → to | " + " | ".join(shapes) + " |", "|---|" + "---|" * len(shapes)]
        for a, b in zip(sizes, sizes[1:]):
            if a < 100:
                continue
            row = []
            for s in shapes:
                ta = res.get((cxx, mode, variant, s, a), (None,))[0]
                tb = res.get((cxx, mode, variant, s, b), (None,))[0]
                row.append(f"{math.log(tb / ta) / math.log(b / a):.2f}" if ta and tb else "–")
            lines.append(f"| {a} → {b} | " + " | ".join(row) + " |")
        lines.append("")
    return "\n".join(lines)


def plots(res, outdir, mode, variant="plain"):
    keys = sorted(k for k in res if k[1] == mode and k[2] == variant and res[k][0] is not None)
    if not keys:
        return []
    os.makedirs(outdir, exist_ok=True)
    tmp = tempfile.mkdtemp()
    series = collections.defaultdict(list)
    for k in keys:
        series[(k[0], k[3])].append((k[4], res[k][0], res[k][1]))
    files = []
    for (cxx, shape), pts in sorted(series.items()):
        path = os.path.join(tmp, f"{cxx}_{shape}.dat")
        with open(path, "w") as f:
            for n, cpu, mb in sorted(pts):
                f.write(f"{n} {cpu} {mb}\n")
        files.append((cxx, shape, path))
    colors = {"wide": "#1b9e77", "chain": "#d95f02", "dag": "#7570b3", "random": "#e7298a"}
    dash = {"g++-12": 1, "clang++-19": 2}
    outputs = []
    for what, col, ylabel, fname in [("time", 2, "CPU seconds (include cost subtracted)", f"compile_time_{mode}.png"),
                                      ("memory", 3, "peak memory, MB (include cost subtracted)", f"memory_{mode}.png")]:
        out = os.path.join(outdir, fname)
        curves = [f"'{p}' using 1:{col} with linespoints lw 2 pt 7 ps 0.6 dt {dash.get(c, 3)} lc rgb '{colors[s]}' "
                  f"title '{SHORT.get(c, c)} {s}'" for c, s, p in files]
        if mode == "O2":  # the goals of issue 6 at N = 1000 on g++ 12
            goal = 10 if what == "time" else 2048
            curves.append(f"{goal} with lines lc rgb 'red' dt 2 title 'goal at N = 1000 ({goal} {'s' if what == 'time' else 'MB'})'")
        if what == "time":
            # reference slopes through the g++ random point at N = 400, if any
            ref = res.get(("g++-12", mode, variant, "random", 400), (None,))[0]
            if ref:
                curves.append(f"{ref}*(x/400)*log(x)/log(400) with lines lc rgb 'gray' dt 3 title 'N log N'")
                curves.append(f"{ref}*(x/400)**2 with lines lc rgb 'black' dt 3 title 'N^2'")
        script = f"""set terminal pngcairo size 900,600 font ',11'
set output '{out}'
set logscale xy
set grid
set key left top
set xlabel 'unique nodes N'
set ylabel '{ylabel}'
set title 'tapeless: {what} to compile the full gradient ({mode}), minimum of the repetitions'
set xrange [20:2000]
plot {', '.join(curves)}
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
        outputs.append(out)
    return outputs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="+")
    ap.add_argument("--plots")
    ap.add_argument("--markdown")
    a = ap.parse_args()
    table = reduce(load(a.csv))
    res = net(table)
    modes = sorted({k[1] for k in res})
    variants = sorted({k[2] for k in res})
    text = []
    for variant in variants:
        for mode in modes:
            md = markdown(res, table, mode, variant)
            if md:
                text.append(f"### {variant}, {mode}\n\n{md}")
            if a.plots and variant == "plain":
                for p in plots(res, a.plots, mode, variant):
                    print("wrote", p)
    out = "\n".join(text)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(out)
    else:
        print(out)


if __name__ == "__main__":
    main()
