#!/usr/bin/env bash
# The rendering benchmark (bench/README.md, "Rendering"): every chart of the shared corpus
# rendered with `helm template` and with `chartmirror template`, alternately, in the same run,
# with the same flags (release "release", namespace "default", --kube-version 1.31.0, and
# charts.json's render_args where a chart needs them). One process per chart and tool, as a
# user or CI runs them; both outputs go to /dev/null.
#
#   CHARTMIRROR=build/operator/chartmirror bench/render.sh
#
# Environment:
#   RUNS=3            rounds over the corpus; per chart the table shows the median
#   BENCH_HELM=PATH   the helm binary (default: the one e2e/env/install-tools.sh installs)
#   CORPUS=DIR        the corpus (default ../shared/corpus)
#
# Prints a markdown table on stdout: per chart the wall time and peak RSS of each tool, and
# the totals with their ratio. Charts that one of the tools refuses are listed and left out of
# the totals. Progress goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=e2e/env/versions.sh
source "$root/e2e/env/versions.sh"

RUNS="${RUNS:-3}"
CORPUS="${CORPUS:-$root/../shared/corpus}"
HELM="${BENCH_HELM:-$HELM}"
CHARTMIRROR="${CHARTMIRROR:?set CHARTMIRROR to the chartmirror binary}"
[[ -x "$HELM" ]] || { echo "bench/render.sh: no helm at $HELM (make tools)" >&2; exit 2; }
[[ -x "$CHARTMIRROR" ]] || { echo "bench/render.sh: $CHARTMIRROR is not executable" >&2; exit 2; }

python3 - "$HELM" "$CHARTMIRROR" "$CORPUS" "$RUNS" <<'PY'
import json, os, resource, statistics, subprocess, sys, time

helm, chartmirror, corpus, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
render_args = {c["name"]: c.get("render_args") or [] for c in json.load(open(f"{corpus}/charts.json"))}
charts = sorted(f for f in os.listdir(f"{corpus}/repo") if f.endswith(".tgz"))

def measure(binary, tgz, extra):
    """Wall seconds, peak RSS in KiB and exit code of one `template` run."""
    argv = [binary, "template", "release", f"{corpus}/repo/{tgz}", "--namespace", "default",
            "--kube-version", "1.31.0", *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)

results = {}  # tgz -> {"helm": [(wall, rss)], "chartmirror": [...]}
refused = {}
for round_ in range(runs):
    print(f"bench: round {round_ + 1}/{runs}", file=sys.stderr)
    for tgz in charts:
        name = tgz.rsplit("-", 1)[0]
        extra = render_args.get(name, [])
        for tool, binary in (("helm", helm), ("chartmirror", chartmirror)):
            wall, rss, code = measure(binary, tgz, extra)
            if code != 0:
                refused.setdefault(tgz, set()).add(f"{tool} exit {code}")
            results.setdefault(tgz, {}).setdefault(tool, []).append((wall, rss))

print("| chart | helm s | chartmirror s | ratio | helm RSS MiB | chartmirror RSS MiB |")
print("|---|---|---|---|---|---|")
total = {"helm": 0.0, "chartmirror": 0.0}
peak = {"helm": 0, "chartmirror": 0}
for tgz in charts:
    if tgz in refused:
        continue
    row = {}
    for tool in ("helm", "chartmirror"):
        samples = results[tgz][tool]
        wall = statistics.median(w for w, _ in samples)
        rss = max(r for _, r in samples)
        row[tool] = (wall, rss)
        total[tool] += wall
        peak[tool] = max(peak[tool], rss)
    h, c = row["helm"], row["chartmirror"]
    print(f"| {tgz[:-4]} | {h[0]:.3f} | {c[0]:.3f} | {h[0] / c[0]:.1f}× | {h[1] / 1024:.0f} | {c[1] / 1024:.0f} |")
print(f"| **total** | **{total['helm']:.2f}** | **{total['chartmirror']:.2f}** | "
      f"**{total['helm'] / total['chartmirror']:.2f}×** | max {peak['helm'] / 1024:.0f} | "
      f"max {peak['chartmirror'] / 1024:.0f} |")
for tgz, why in sorted(refused.items()):
    print(f"\nleft out: {tgz[:-4]} ({', '.join(sorted(why))})")
PY
