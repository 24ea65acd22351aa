#!/usr/bin/env bash
# Whole-process comparison on one stack export, each command run in turn N times (default 5):
#   lz check --state EXPORT --out DIR   (every rule, every report)
#   lz check --state EXPORT             (every rule, the summary only)
#   opa eval of the three equivalent Rego rules (OPA_BIN, RULES)
# Prints the median wall time and the median peak resident memory of each, and the ratios to OPA.
# Needs GNU time (/usr/bin/time) and python3. Usage:
#   scripts/bench-process.sh LZ_BINARY EXPORT.json OPA_BINARY RULES.rego [N]
# With the shared comparison inputs: python3 gen.py 10000 > export.json (see BENCHMARKS.md).
set -eu
lz=$1 export=$2 opa=$3 rego=$4 n=${5:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$lz" "$export" "$opa" "$rego" "$n" "$work" <<'PY'
import statistics, subprocess, sys
lz, export, opa, rego, n, work = sys.argv[1:7]
cmds = {
    "lz check --out": [lz, "check", "--state", export, "--out", work + "/out"],
    "lz check": [lz, "check", "--state", export],
    "opa eval": [opa, "eval", "-f", "raw", "-d", rego, "-i", export, "data.pclz.deny"],
}
wall = {k: [] for k in cmds}
rss = {k: [] for k in cmds}
for _ in range(int(n)):
    for k, c in cmds.items():
        r = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", work + "/t"] + c,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        e, m = open(work + "/t").read().split()[-2:]
        wall[k].append(float(e)); rss[k].append(int(m) / 1024)
o_w, o_m = statistics.median(wall["opa eval"]), statistics.median(rss["opa eval"])
for k in cmds:
    w, m = statistics.median(wall[k]), statistics.median(rss[k])
    print(f"{k:15s} wall {w:.2f} s ({w / o_w:.2f}x opa)  peak {m:.0f} MiB ({m / o_m:.2f}x opa)  runs {wall[k]}")
PY
