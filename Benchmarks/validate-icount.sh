#!/bin/bash
# Instruction counts (callgrind) of validation against the bare reader, per API, on 4 MB slices
# of the shared corpus: reproducible on a shared machine where timings are not (to about ±0.3%:
# the member-name hash is keyed per process, so name-table probes vary a little between runs).
#   Benchmarks/validate-icount.sh [pubnub fullstory frontier pace]
# Needs valgrind and the peer corpus (`make bench-peers` generates it). The release bench binary
# is copied and stripped of debug info (valgrind 3.19 cannot read Swift 6.3's).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/.bench-cache/peers/corpus/ndjson"
SLICES="$ROOT/.bench-cache/slices"
command -v valgrind >/dev/null || { echo "validate-icount: valgrind not found"; exit 0; }
[ -f "$CORPUS/pubnub.ndjson" ] || { echo "validate-icount: no corpus in $CORPUS (run make bench-peers once)"; exit 0; }
(cd "$ROOT" && swift build -c release --product PayloadLintBench >&2)
mkdir -p "$SLICES"
BIN="$SLICES/PayloadLintBench"
cp "$ROOT/.build/release/PayloadLintBench" "$BIN" && strip --strip-debug "$BIN"
for api in ${@:-pubnub fullstory frontier pace}; do
  [ -f "$SLICES/$api.ndjson" ] || python3 -c "
import sys; d=open('$CORPUS/$api.ndjson','rb').read(4000000); open('$SLICES/$api.ndjson','wb').write(d[:d.rindex(b'\n')+1])"
  count() { BENCH_CORPUS="$SLICES" BENCH_RUNS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      --toggle-collect="$1" "$BIN" validate "$api" 2>&1 | awk '/Collected/ {print $4}'; }
  v=$(count '*010ValidationC0O8validate*')
  r=$(count '*7Measure*stream*')   # the warm-up and one timed run: two passes
  python3 -c "v=$v; r=$r/2; print('%-10s validation %7.1f M instructions  bare reader %6.1f M  reader/validation %3.0f%%' % ('$api', v/1e6, r/1e6, 100*r/v))"
done
