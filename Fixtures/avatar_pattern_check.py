#!/usr/bin/env python3
"""Check that the avatar pattern shipped in rules/frontier/update-user.yaml accepts and rejects
exactly what the seed's pattern accepts and rejects (plus the empty string), with PCRE2 itself
(libpcre2-8 through ctypes; UTF mode, default options), and that it stays fast where the seed's
pattern exhausts PCRE2's match limit. Also checks every frontier avatar fixture against it.

Run: python3 Fixtures/avatar_pattern_check.py      (needs libpcre2-8 and PyYAML; a dev tool, not CI)
"""
import ctypes
import itertools
import json
import os
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = r"^data:image/(png|jpg|jpeg|gif);base64,([a-zA-Z0-9+/]+={0,2})+$"
RULE = yaml.safe_load(open(os.path.join(HERE, "..", "rules", "frontier", "update-user.yaml")))
SHIPPED = RULE["body"]["properties"]["avatar"]["pattern"]

L = ctypes.CDLL("libpcre2-8.so.0")
L.pcre2_compile_8.restype = ctypes.c_void_p
L.pcre2_compile_8.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32,
                              ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p]
L.pcre2_match_data_create_from_pattern_8.restype = ctypes.c_void_p
L.pcre2_match_data_create_from_pattern_8.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
L.pcre2_match_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t,
                            ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p]
PCRE2_UTF = 0x00080000
PCRE2_ERROR_NOMATCH = -1


class Regex:
    def __init__(self, pattern):
        err, off = ctypes.c_int(), ctypes.c_size_t()
        b = pattern.encode()
        self.code = L.pcre2_compile_8(b, len(b), PCRE2_UTF, ctypes.byref(err), ctypes.byref(off), None)
        assert self.code, (pattern, err.value, off.value)
        self.md = L.pcre2_match_data_create_from_pattern_8(self.code, None)

    def match(self, s):
        """True / False, or the PCRE2 error code (e.g. -47 match limit)."""
        b = s.encode()
        rc = L.pcre2_match_8(self.code, b, len(b), 0, 0, self.md, None)
        return True if rc >= 0 else False if rc == PCRE2_ERROR_NOMATCH else rc


seed, shipped = Regex(SEED), Regex(SHIPPED)

n = 0
alphabet = ["A", "/", "=", "!", "\n", "\u00e9", "-"]
for prefix in ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/svg;base64,", ""]:
    for k in range(8):
        for t in itertools.product(alphabet, repeat=k):
            s = prefix + "".join(t)
            a, b = seed.match(s), shipped.match(s)
            assert a in (True, False), (repr(s), a)
            assert b == (a or s == ""), (repr(s), a, b)
            n += 1
print("same answer on %d strings" % n)

for body in ["A" * 23 + "!", "A" * 204000 + "!", "A=" * 100000, "AB==" * 50000 + "="]:
    s = "data:image/png;base64," + body
    t = time.time()
    r = shipped.match(s)
    dt = time.time() - t
    assert r in (True, False) and dt < 0.5, (len(s), r, dt)
    print("shipped: %7d chars -> %-5s in %.4fs; seed pattern -> %s" % (len(s), r, dt, seed.match(s)))

for fn in sorted(os.listdir(os.path.join(HERE, "frontier"))):
    if not fn.endswith(".json") or fn.endswith((".params.json", ".expect.json")):
        continue
    body = json.load(open(os.path.join(HERE, "frontier", fn)))
    if not isinstance(body, dict) or not isinstance(body.get("avatar"), str):
        continue
    expect = json.load(open(os.path.join(HERE, "frontier", fn[:-5] + ".expect.json")))
    want = not any(e["code"] == "pattern_mismatch" and e["pointer"] == "/avatar" for e in expect)
    assert shipped.match(body["avatar"]) == want, fn
print("frontier avatar fixtures agree")
