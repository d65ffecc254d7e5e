#!/usr/bin/env bash
# make bench-peers: payloadlint and the validators people would use instead, timed in one run on
# the same bytes (../shared/bench: corpus generator, JSON Schema versions of the rules, harness).
#
#   Benchmarks/bench-peers.sh [--quick] [--install] [harness options, e.g. --docs pubnub --sections validate]
#
# ../shared is read-only, so the harness is copied into .bench-cache/peers (outside git) and runs
# there; the corpus is generated once and cached beside it. payloadlint is the harness's
# "subject": its rows, ratios to every peer and to simdjson, and the labelled invalid payloads it
# caught are printed with the peers'. A peer missing on the machine is skipped with its reason
# (--install installs the missing ones: apt + pip).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
if [ ! -d "$SHARED" ]; then
  echo "bench-peers: $SHARED is absent (a clone without ../shared); nothing to compare against"
  exit 0
fi
WORK="$ROOT/.bench-cache/peers"
mkdir -p "$WORK"
for f in gen_corpus.py harness.py run_peers.sh setup.sh requirements.txt BASELINE.md; do
  install -m 0755 "$SHARED/$f" "$WORK/$f"
done
for d in peers schemas tools; do
  rm -rf "${WORK:?}/$d"
  cp -r "$SHARED/$d" "$WORK/$d"
  chmod -R u+w "$WORK/$d"
done

(cd "$ROOT" && make --no-print-directory build >&2)
BIN="$ROOT/.build-static/release/payloadlint"
# A fixed clock keeps the PubNub timestamp rule reproducible; --quiet: errors only, as the
# peers report only what makes a payload invalid.
NOW=1700000000
exec "$WORK/run_peers.sh" "$@" \
  --subject-name payloadlint \
  --subject-ndjson "$BIN lint --document {doc_id} --format jsonl --quiet --now $NOW {file}" \
  --subject-files "$BIN lint --format jsonl --quiet --now $NOW --document {doc_id} {files}" \
  --subject-single "$BIN lint --document {doc_id} --format jsonl --quiet --now $NOW {file}" \
  --doc-map fullstory=fullstory.update-user,pubnub=pubnub.set-uuid-metadata,frontier=frontier.update-user,pace=pace.update-user
