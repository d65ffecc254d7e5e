#!/usr/bin/env python3
"""Seed corpora for `make fuzz` (written to fuzz-corpus/<target>/, which git ignores).

reader, lint: every payload fixture (Fixtures/**/*.json, *.ndjson, *.jsonl), the JSONTestSuite
inputs and the JSON-Schema-Test-Suite test instances (one file each).
rules: the shipped rule files, and every JSON-Schema-Test-Suite schema wrapped as a rule file
(`id: fuzz.N` + `body: <schema>`).
Usage: make-corpus.py OUT_DIR [CONFORMANCE_DIR]
"""
import glob, hashlib, json, os, sys

out = sys.argv[1]
conformance = sys.argv[2] if len(sys.argv) > 2 else "../shared/conformance"
MAX = {"reader": 4096, "lint": 4096, "rules": 16384}  # -max_len of each target in `make fuzz`


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX[target]:
        return
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


payloads = []
for ext in ("json", "ndjson", "jsonl"):
    payloads += glob.glob(f"Fixtures/**/*.{ext}", recursive=True)
payloads += glob.glob(os.path.join(conformance, "JSONTestSuite/test_parsing/*.json"))
payloads += glob.glob(os.path.join(conformance, "JSONTestSuite/test_transform/*.json"))
for p in payloads:
    data = open(p, "rb").read()
    put("reader", data)
    put("lint", data)

n = 0
for p in sorted(glob.glob(os.path.join(conformance, "JSON-Schema-Test-Suite/draft2020-12/*.json"))):
    try:
        groups = json.load(open(p))
    except ValueError:
        continue
    for g in groups:
        n += 1
        put("rules", "id: fuzz.t%d\nbody: %s\n" % (n, json.dumps(g.get("schema"))))
        for t in g.get("tests", []):
            put("lint", json.dumps(t.get("data")))
            put("reader", json.dumps(t.get("data"), indent=1))

for p in glob.glob("rules/**/*.yaml", recursive=True):
    put("rules", open(p, "rb").read())
