#!/bin/bash
# Interleaved CPU-time A/B of issue 3's ratio (validation against the bare reader, PubNub corpus):
# ROUNDS rounds of `BENCH=... validate pubnub` for each PayloadLintBench binary given, in turn, so
# that the machine's drift falls on all of them alike. Prints, per binary, the median, lowest and
# highest ratio and the median MB/s of validation and of the bare reader.
#   Benchmarks/ab-validate.sh ROUNDS BENCH_BINARY...
# A binary of another commit: `git worktree add /tmp/wt REV && cd /tmp/wt && swift build -c release
# --product PayloadLintBench --scratch-path /tmp/build-rev`. Needs the peer corpus (`make bench-peers`).
set -euo pipefail
ROUNDS=${1:?usage: ab-validate.sh ROUNDS BENCH_BINARY...}
shift
[ $# -gt 0 ] || { echo "usage: ab-validate.sh ROUNDS BENCH_BINARY..."; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
cd "$ROOT"
for _ in $(seq "$ROUNDS"); do
  for b in "$@"; do
    BENCH_RUNS=7 "$b" validate pubnub 2>&1 | awk -v b="$b" '/pubnub\./ {print b, $3, $4, 100*$4/$3}' >> "$OUT"
  done
done
python3 - "$OUT" "$@" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    b, bare, val, r = line.split()
    rows[b].append((float(bare), float(val), float(r)))
for b in sys.argv[2:]:
    v = rows[b]
    if not v:
        print(f"{b}: no result (no corpus?)")
        continue
    print("%-40s ratio median %.1f%% (%.1f–%.1f)  validation %.1f MB/s  bare %.1f MB/s" % (
        b, statistics.median(x[2] for x in v), min(x[2] for x in v), max(x[2] for x in v),
        statistics.median(x[1] for x in v), statistics.median(x[0] for x in v)))
PY
