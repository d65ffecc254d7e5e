#!/usr/bin/env python3
"""Interleaved wall-clock A/B of two payloadlint binaries and yajl's json_verify on the peer
corpus (the 50 MB NDJSON files): ROUNDS rounds of (before, after, json_verify) per API, so that
the machine's drift and its neighbours' load fall on all three alike. Prints the best and the
median wall time of each and after's ratio to yajl.

  Benchmarks/ab-time.py [--gap SECONDS] BEFORE_BIN AFTER_BIN [ROUNDS] [API...]

With APIs named (pubnub, fullstory, frontier, pace), only those are timed. --gap sleeps before
every run, as the peer harness's other tools do between two runs of one tool: on machines that
drop unmapped file pages within seconds (DAMON pageout, BENCHMARKS.md), each run then starts
with the binary partly out of the page cache, as in `make bench-peers`.

Use static builds (`make bench-peers` leaves one in .build-static/release/payloadlint; an older
commit: `git worktree add /tmp/wt REV && cd /tmp/wt && swift build -c release
--static-swift-stdlib --scratch-path /tmp/build-rev --product payloadlint`)."""
import os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, ".bench-cache/peers/corpus/ndjson")
DOCS = {"pubnub": "pubnub.set-uuid-metadata", "fullstory": "fullstory.update-user",
        "frontier": "frontier.update-user", "pace": "pace.update-user"}


def main():
    args = sys.argv[1:]
    gap = 0.0
    if args[:1] == ["--gap"]:
        if len(args) < 2:
            sys.exit(__doc__)
        gap = float(args[1])
        args = args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    before, after = args[0], args[1]
    rounds = int(args[2]) if len(args) > 2 else 15
    only = args[3:]
    unknown = [a for a in only if a not in DOCS]
    if unknown:
        sys.exit(f"ab-time: unknown API {', '.join(unknown)} (known: {', '.join(DOCS)})")
    yajl = shutil.which("json_verify")
    if not os.path.exists(os.path.join(CORPUS, "pubnub.ndjson")):
        sys.exit(f"ab-time: no corpus in {CORPUS} (run make bench-peers once)")
    for api, doc in DOCS.items():
        if only and api not in only:
            continue
        path = os.path.join(CORPUS, api + ".ndjson")
        runs = {"before": [], "after": [], "yajl": []}
        for _ in range(rounds):
            for name, binary in (("before", before), ("after", after)):
                time.sleep(gap)
                start = time.perf_counter()
                subprocess.run([binary, "lint", "--document", doc, "--format", "jsonl", "--quiet",
                                "--now", "1700000000", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                runs[name].append(time.perf_counter() - start)
            if yajl:
                time.sleep(gap)
                with open(path, "rb") as f:
                    start = time.perf_counter()
                    subprocess.run([yajl, "-q", "-s"], stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    runs["yajl"].append(time.perf_counter() - start)
        cells = []
        for name, times in runs.items():
            if times:
                cells.append(f"{name} best {min(times) * 1000:6.1f} median {statistics.median(times) * 1000:6.1f} ms")
        line = f"{api:10s} " + " | ".join(cells)
        if runs["yajl"]:
            line += (f" | after vs yajl {statistics.median(runs['yajl']) / statistics.median(runs['after']):.2f}x (median)"
                     f" {min(runs['yajl']) / min(runs['after']):.2f}x (best)")
        else:
            line += " | json_verify missing (yajl-tools): no ratio"
        print(line, flush=True)


if __name__ == "__main__":
    main()
