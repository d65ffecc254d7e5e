#!/usr/bin/env python3
"""Generate the payload fixtures under Fixtures/<api>/ (deterministic; no arguments).

For every fixture NAME of an api it writes
  <api>/NAME.json            the request body (NAME.ndjson: one body per line)
  <api>/NAME.params.json     {"document": rule id, "params": {"path.uuid": …}, "previous": "previous/NAME.json"?}
  <api>/previous/NAME.json   the previous version of the body, when the fixture has one
  <api>/NAME.expect.json     the diagnostics the engine must produce, all of them:
                             [{"code", "pointer", "in", "severity"} (+ "record" for NDJSON)]

Order of an expect list: parameters first (path, query, header, in the rule's declaration
order), then body findings by the byte offset of the value they point at; a finding about a
missing member takes its parent object's offset. Findings at the same offset are listed in the
rule's keyword order, but that order is not part of the contract: compare them as a multiset.

Run: python3 Fixtures/generate.py   (rewrites every .json/.ndjson under the four folders;
     other files there, such as NAME.expected.jsonl goldens, are left alone)
"""
import json
import os

ROOT = os.path.dirname(os.path.abspath(__file__))
APIS = {
    "fullstory": "fullstory.update-user",
    "pubnub": "pubnub.set-uuid-metadata",
    "frontier": "frontier.update-user",
    "pace": "pace.update-user",
}
SOURCE_RANK = {"path": 0, "query": 1, "header": 2, "body": 3}

FIXTURES = {api: [] for api in APIS}


def fx(api, name, body, expect=(), params=None, previous=None, ascii=False, compact=False,
       ndjson=None):
    """Register one fixture. expect items: (code, pointer[, in][, severity][, record])."""
    FIXTURES[api].append(dict(name=name, body=body, expect=list(expect), params=params,
                              previous=previous, ascii=ascii, compact=compact, ndjson=ndjson))


def E(code, pointer, where="body", severity="error", record=None):
    d = {"code": code, "pointer": pointer, "in": where, "severity": severity}
    if record is not None:
        d["record"] = record
    return d


# --------------------------------------------------------------------------------------------
# Offsets of values in JSON text (to sort expectations by position in the payload).

def value_offsets(text):
    """Map JSON pointer -> byte offset of the value's first byte, for every value in text."""
    data = text.encode("utf-8")
    out = {}
    i = 0

    def ws(i):
        while i < len(data) and data[i] in b" \t\r\n":
            i += 1
        return i

    def string_end(i):  # i at opening quote; returns index after closing quote
        i += 1
        while data[i] != 0x22:
            i += 2 if data[i] == 0x5C else 1
        return i + 1

    def esc(token):
        return token.replace("~", "~0").replace("/", "~1")

    def value(i, ptr):
        i = ws(i)
        out[ptr] = i
        c = data[i]
        if c == 0x7B:  # {
            i = ws(i + 1)
            if data[i] == 0x7D:
                return i + 1
            while True:
                j = string_end(i)
                key = json.loads(data[i:j].decode("utf-8"))
                i = ws(j)
                assert data[i] == 0x3A
                i = value(i + 1, ptr + "/" + esc(key))
                i = ws(i)
                if data[i] == 0x7D:
                    return i + 1
                i = ws(i + 1)
        if c == 0x5B:  # [
            i = ws(i + 1)
            if data[i] == 0x5D:
                return i + 1
            k = 0
            while True:
                i = value(i, ptr + "/" + str(k))
                k += 1
                i = ws(i)
                if data[i] == 0x5D:
                    return i + 1
                i = ws(i + 1)
        if c == 0x22:
            return string_end(i)
        while i < len(data) and data[i] not in b",]} \t\r\n":
            i += 1
        return i

    value(0, "")
    return out


def sort_expect(expect, offsets_by_record):
    declared = []

    def key(item):
        idx, e = item
        if e["in"] != "body":
            return (e.get("record", 0), SOURCE_RANK[e["in"]], 0, idx)
        offs = offsets_by_record[e.get("record", 1)]
        p = e["pointer"]
        while p not in offs:  # a missing member: its parent's offset
            p = p[: p.rfind("/")]
        return (e.get("record", 0), SOURCE_RANK["body"], offs[p], idx)

    return [e for _, e in sorted(enumerate(expect), key=key)]


def dump(value, ascii, compact):
    if compact:
        return json.dumps(value, ensure_ascii=ascii, separators=(",", ":"))
    return json.dumps(value, ensure_ascii=ascii, indent=2)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def emit():
    for api, document in APIS.items():
        folder = os.path.join(ROOT, api)
        # remove what a previous run wrote (payloads and side files), keep anything else
        # (e.g. the integrator's NAME.expected.jsonl goldens)
        for dirpath, _, files in os.walk(folder):
            for fn in files:
                if fn.endswith((".json", ".ndjson")):
                    os.remove(os.path.join(dirpath, fn))
        os.makedirs(os.path.join(folder, "previous"), exist_ok=True)
        for f in FIXTURES[api]:
            name = f["name"]
            if f["ndjson"] is not None:
                lines = [dump(b, f["ascii"], True) for b in f["ndjson"]]
                write(os.path.join(folder, name + ".ndjson"), "\n".join(lines) + "\n")
                offsets = {n + 1: value_offsets(t) for n, t in enumerate(lines)}
            else:
                text = dump(f["body"], f["ascii"], f["compact"]) + "\n"
                write(os.path.join(folder, name + ".json"), text)
                offsets = {1: value_offsets(text)}
            side = {"document": document, "params": f["params"] or {}}
            if f["previous"] is not None:
                write(os.path.join(folder, "previous", name + ".json"),
                      dump(f["previous"], False, False) + "\n")
                side["previous"] = "previous/" + name + ".json"
            write(os.path.join(folder, name + ".params.json"),
                  json.dumps(side, ensure_ascii=False, indent=2) + "\n")
            exp = sort_expect(f["expect"], offsets)
            for e in exp:  # every pointer must exist, or its parent (missing member)
                if e["in"] == "body":
                    offs = offsets[e.get("record", 1)]
                    parent = e["pointer"][: e["pointer"].rfind("/")] if e["pointer"] else ""
                    assert e["pointer"] in offs or parent in offs, (api, name, e)
            write(os.path.join(folder, name + ".expect.json"),
                  json.dumps(exp, ensure_ascii=False, indent=2) + "\n")


def compact_len(v):
    return len(json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def email_of(length, local=64):
    """A syntactically valid address of exactly `length` characters: DNS labels ≤ 63 and a
    domain of at most 253 characters (a longer one is no host name), so past 318 characters the
    local part grows beyond SMTP's 64 (RFC 5322, which the seeds cite, sets no limit there);
    ASCII only."""
    local = max(local, length - 1 - 253)
    domain_len = length - local - 1
    labels, left = [], domain_len - 4  # room for ".com"
    letter = 0
    while left > 0:
        n = min(63, left)
        if left - n == 1:  # never leave a lone dot
            n -= 1
        labels.append(chr(ord("b") + letter) * n)
        letter += 1
        left -= n + 1 if left - n > 0 else n
    addr = "a" * local + "@" + ".".join(labels) + ".com"
    assert len(addr) == length, (len(addr), length)
    assert all(len(l) <= 63 for l in addr.split("@")[1].split("."))
    return addr


def uri_of(length):
    base = "https://example.com/img/"
    return base + "p" * (length - len(base))


# ============================================================================================
# Fullstory — Update User
FS = {"path.id": "987654321"}
fs = lambda name, body, expect=(), params=FS, **kw: fx("fullstory", name, body, expect, params, **kw)

fs("valid-minimal", {"display_name": "Daniel Falko"})
fs("valid-all-members", {
    "uid": "xyz123",
    "display_name": "Daniel Falko",
    "email": "daniel.falko@example.com",
    "properties": {
        "pricing_plan": "paid",
        "popup_help": True,
        "total_spent": 14.55,
        "signup_date": "2023-01-15T00:00:00Z",
        "pets": {"dog_name": "Rex", "dog_age": 4},
        "tags": ["beta", "early_adopter"],
        "orders": [{"sku": "A1", "qty": 2}],
        "nothing": None,
    },
    "schema": {"total_spent": "real", "signup_date": "date", "pets": {"dog_age": "int"},
               "tags": "strs"},
})
fs("missing-path-id", {"uid": "abc"}, [E("required_field", "/id", "path")], params={})
fs("body-not-object", ["uid", "abc"], [E("type_mismatch", "")])
fs("body-empty-object", {})
fs("unknown-member", {"displayName": "Daniel"}, [E("unknown_property", "/displayName", severity="warning")])

# uid / display_name: 256 characters (code points) and 257
fs("uid-256-chars", {"uid": "u" * 256})
fs("uid-257-chars", {"uid": "u" * 257}, [E("too_long", "/uid")])
fs("uid-not-string", {"uid": 123}, [E("type_mismatch", "/uid")])
fs("display-name-256-chars", {"display_name": "d" * 256})
fs("display-name-257-chars", {"display_name": "d" * 257}, [E("too_long", "/display_name")])
# characters vs bytes: 256 emoji = 1,024 bytes, still 256 characters
fs("display-name-256-emoji", {"display_name": "\U0001F600" * 256})
fs("display-name-257-emoji", {"display_name": "\U0001F600" * 257}, [E("too_long", "/display_name")])
# emoji written as \ud83d\ude00 surrogate-pair escapes: one character each
fs("display-name-256-emoji-escaped", {"display_name": "\U0001F600" * 256}, ascii=True)
# combining marks: "e" + U+0301 is 2 code points (1 user-perceived character)
fs("display-name-256-combining", {"display_name": "e\u0301" * 128})
fs("display-name-258-combining", {"display_name": "e\u0301" * 129}, [E("too_long", "/display_name")])
# \u00e9 escapes: 6 bytes of JSON text, 1 character, 2 bytes decoded
fs("display-name-256-escaped", {"display_name": "\u00e9" * 256}, ascii=True)
fs("display-name-257-escaped", {"display_name": "\u00e9" * 257}, [E("too_long", "/display_name")], ascii=True)
# email: 128 and 129
fs("email-128-chars", {"email": email_of(128)})
fs("email-129-chars", {"email": email_of(129)}, [E("too_long", "/email")])
fs("email-malformed", {"email": "daniel at example"}, [E("format_mismatch", "/email", severity="warning")])

# uid immutable once set
fs("uid-changed-once-set", {"uid": "abd"}, [E("immutable_field", "/uid")], previous={"uid": "abc"})
fs("uid-unchanged", {"uid": "abc", "display_name": "New Name"}, previous={"uid": "abc"})
fs("uid-omitted-once-set", {"display_name": "New Name"}, previous={"uid": "abc"})
fs("uid-first-set-previous-empty", {"uid": "abc"}, previous={"uid": ""})
fs("uid-first-set-previous-absent", {"uid": "abc"}, previous={"display_name": "Anon"})
fs("uid-first-set-previous-null", {"uid": "abc"}, previous={"uid": None})
fs("uid-cleared-once-set", {"uid": ""}, [E("immutable_field", "/uid")], previous={"uid": "abc"})
fs("uid-nulled-once-set", {"uid": None},
   [E("type_mismatch", "/uid"), E("immutable_field", "/uid")], previous={"uid": "abc"})

# properties: 500 unique properties, nested ones counted
flat = lambda n: {"p%03d" % i: "v" for i in range(1, n + 1)}
fs("properties-500", {"properties": flat(500)})
fs("properties-501", {"properties": flat(501)}, [E("too_many_properties", "/properties")])
# a parent object is a property too: 1 + 499 = 500, 1 + 500 = 501
fs("properties-500-nested", {"properties": {"group": flat(499)}})
fs("properties-501-nested", {"properties": {"group": flat(500)}}, [E("too_many_properties", "/properties")])
fs("properties-not-object", {"properties": ["a", "b"]}, [E("type_mismatch", "/properties")])

# property values: 8,192 bytes and 8,193
fs("property-value-8192-bytes", {"properties": {"big": "x" * 8192}})
fs("property-value-8193-bytes", {"properties": {"big": "x" * 8193}}, [E("too_many_bytes", "/properties/big")])
# 4,096 × é written as \u00e9: 24,576 bytes of text, 8,192 bytes decoded
fs("property-value-8192-bytes-escaped", {"properties": {"big": "\u00e9" * 4096}}, ascii=True)
fs("property-value-8193-bytes-escaped", {"properties": {"big": "\u00e9" * 4096 + "x"}},
   [E("too_many_bytes", "/properties/big")], ascii=True)
# 2,048 emoji = 8,192 bytes; 2,049 = 8,196 (as raw UTF-8 and as surrogate escapes)
fs("property-value-2048-emoji", {"properties": {"big": "\U0001F600" * 2048}})
fs("property-value-2049-emoji-escaped", {"properties": {"big": "\U0001F600" * 2049}},
   [E("too_many_bytes", "/properties/big")], ascii=True)
# an object value: bytes of its compact JSON text
obj8192 = {"inner": "x" * (8192 - compact_len({"inner": ""}))}
obj8193 = {"inner": "x" * (8193 - compact_len({"inner": ""}))}
assert compact_len(obj8192) == 8192 and compact_len(obj8193) == 8193
fs("property-object-8192-bytes", {"properties": {"obj": obj8192}})
fs("property-object-8193-bytes", {"properties": {"obj": obj8193}}, [E("too_many_bytes", "/properties/obj")])
# a nested member over the limit: itself and its parent property are both too large
fs("property-nested-value-8193-bytes", {"properties": {"obj": {"inner": "x" * 8193}}},
   [E("too_many_bytes", "/properties/obj"), E("too_many_bytes", "/properties/obj/inner")])
fs("property-number-and-null", {"properties": {"n": 12345678901234567890, "z": None, "f": 1.5e-7}})

# property names
fs("property-name-512-chars", {"properties": {"p" * 512: 1}})
fs("property-name-513-chars", {"properties": {"p" * 513: 1}},
   [E("key_path_too_long", "/properties/" + "p" * 513), E("invalid_property_name", "/properties/" + "p" * 513)])
fs("property-names-invalid", {"properties": {
    "1st": 1, "has-dash": 2, "_lead": 3, "with space": 4, "caf\u00e9": 5, "ok_Name_9": 6,
    "nested": {"bad.name": 7, "fine": 8},
}}, [E("invalid_property_name", "/properties/1st"),
     E("invalid_property_name", "/properties/has-dash"),
     E("invalid_property_name", "/properties/_lead"),
     E("invalid_property_name", "/properties/with space"),
     E("invalid_property_name", "/properties/caf\u00e9"),
     E("invalid_property_name", "/properties/nested/bad.name")])
fs("property-name-in-array-object", {"properties": {"orders": [{"sku": "A1"}, {"bad-name": 1}]}},
   [E("invalid_property_name", "/properties/orders/1/bad-name")])

# dotted key paths: 512 and 513 characters
a255, b256, a256 = "a" * 255, "b" * 256, "a" * 256
fs("key-path-512-chars", {"properties": {a255: {b256: 1}}})
fs("key-path-513-chars", {"properties": {a256: {b256: 1}}},
   [E("key_path_too_long", "/properties/%s/%s" % (a256, b256))])
x170, y170, z170, z171 = "x" * 170, "y" * 170, "z" * 170, "z" * 171
fs("key-path-512-chars-three-levels", {"properties": {x170: {y170: {"z" * 170: True}}}})  # 170+1+170+1+170 = 512
fs("key-path-513-chars-three-levels", {"properties": {x170: {y170: {z171: True}}}},
   [E("key_path_too_long", "/properties/%s/%s/%s" % (x170, y170, z171))])
# array indices are not part of a key path: orders.sku
fs("key-path-through-array-512", {"properties": {"o" * 255: [{"s" * 256: 1}]}})
fs("key-path-through-array-513", {"properties": {"o" * 256: [{"s" * 256: 1}]}},
   [E("key_path_too_long", "/properties/%s/0/%s" % ("o" * 256, "s" * 256))])

# schema
fs("schema-nested-mapping", {"properties": {"pets": {"dog_age": 4}}, "schema": {"pets": {"dog_age": "int"}}})
fs("schema-unknown-type-name", {"schema": {"age": "integer", "tags": "strs"}},
   [E("enum_mismatch", "/schema/age", severity="warning")])
fs("schema-entry-not-name-or-mapping", {"schema": {"age": 3, "tags": ["strs"]}},
   [E("type_mismatch", "/schema/age"), E("type_mismatch", "/schema/tags")])
fs("schema-not-object", {"schema": "real"}, [E("type_mismatch", "/schema")])

# ============================================================================================
# PubNub — Set user metadata
PN = {"path.sub_key": "sub-c-demo", "path.uuid": "user-1"}


def pn(name, body, expect=(), params=None, extra=None, **kw):
    p = dict(PN if params is None else params)
    p.update(extra or {})
    fx("pubnub", name, body, expect, p, **kw)


def uuid_case(name, uuid, expect=()):
    pn(name, {"name": "Ann"}, [E(c, "/uuid", "path", s) for c, s in expect], extra={"path.uuid": uuid})


pn("valid-minimal", {"name": "Ann"})
pn("valid-all-members", {
    "name": "John Doe", "externalId": "crm-42", "profileUrl": "https://example.com/john.png",
    "email": "john.doe@example.com", "type": "admin", "status": "active",
    "custom": {"tier": "gold", "visits": 12, "score": -1.5e3, "beta": True, "note": None},
}, extra={"query.include": "custom,type,status", "query.auth": "tok-123"})
# every member exactly at its limit
pn("valid-at-limits", {
    "name": "n" * 2048, "externalId": "e" * 2048, "profileUrl": uri_of(2048),
    "email": email_of(320), "type": "t" * 50, "status": "s" * 50,
})
pn("valid-name-2048-emoji", {"name": "\U0001F600" * 2048})  # 8,192 bytes, 2,048 characters
pn("valid-email-utf8", {"email": "j\u00f6rg@b\u00fccher.example"})  # RFC 6532: UTF-8 allowed
pn("valid-body-id-equals-uuid", {"name": "Ann", "id": "user-1"})
pn("body-not-object", "Ann", [E("type_mismatch", "")])
pn("missing-path-params", {"name": "Ann"},
   [E("required_field", "/sub_key", "path"), E("required_field", "/uuid", "path")], params={})

# uuid: 64 characters, 92 bytes
uuid_case("uuid-64-chars-92-bytes", "\u00e9" * 28 + "a" * 36)
uuid_case("uuid-64-chars-93-bytes", "\u00e9" * 29 + "a" * 35, [("too_many_bytes", "error")])
uuid_case("uuid-64-chars", "a" * 64)
uuid_case("uuid-65-chars", "a" * 65, [("too_long", "error")])
uuid_case("uuid-23-emoji-92-bytes", "\U0001F600" * 23)
uuid_case("uuid-24-emoji-96-bytes", "\U0001F600" * 24, [("too_many_bytes", "error")])
uuid_case("uuid-30-combining-90-bytes", "e\u0301" * 30)  # 60 code points, 90 bytes
uuid_case("uuid-31-combining-93-bytes", "e\u0301" * 31, [("too_many_bytes", "error")])  # 62 code points
uuid_case("uuid-65-chars-131-bytes", "\u00e9" * 65, [("too_long", "error"), ("too_many_bytes", "error")])
uuid_case("uuid-unicode", "\u30e6\u30fc\u30b6\u30fc-1")
uuid_case("uuid-empty", "", [("too_short", "error")])
for label, ch in [("comma", ","), ("slash", "/"), ("backslash", "\\"), ("asterisk", "*"), ("colon", ":")]:
    uuid_case("uuid-forbidden-" + label, "user" + ch + "1", [("forbidden_character", "error")])
uuid_case("uuid-contains-channel", "my-channel-bot", [("forbidden_character", "warning")])
uuid_case("uuid-control-bel", "user\u00071", [("forbidden_character", "error")])
uuid_case("uuid-control-nul", "user\u00001", [("forbidden_character", "error")])
uuid_case("uuid-control-del", "user\u007f1", [("forbidden_character", "error")])
uuid_case("uuid-control-tab", "user\t1", [("forbidden_character", "error")])

# query parameters
pn("include-unknown-value", {"name": "Ann"}, [E("enum_mismatch", "/include/1", "query")],
   extra={"query.include": "custom,foo"})
pn("signature-without-timestamp", {"name": "Ann"}, [E("required_field", "/timestamp", "query")],
   extra={"query.signature": "c2lnbmF0dXJl"})
pn("timestamp-not-integer", {"name": "Ann"}, [E("type_mismatch", "/timestamp", "query")],
   extra={"query.signature": "c2lnbmF0dXJl", "query.timestamp": "12.5"})
# 2001-09-09: always more than 60 s away from the linting machine's clock
pn("timestamp-stale", {"name": "Ann"}, [E("stale_timestamp", "/timestamp", "query", "warning")],
   extra={"query.signature": "c2lnbmF0dXJl", "query.timestamp": "1000000000"})

# body members
pn("name-empty", {"name": ""}, [E("too_short", "/name"), E("blank_value", "/name")])
pn("name-whitespace", {"name": "  \t\n "}, [E("blank_value", "/name")])
pn("name-unicode-whitespace", {"name": "\u00a0\u3000\u2003"}, [E("blank_value", "/name")])
pn("name-2049-chars", {"name": "n" * 2049}, [E("too_long", "/name")])
pn("name-2049-combining", {"name": "e\u0301" * 1024 + "e"}, [E("too_long", "/name")])  # 2,049 code points
pn("name-not-string", {"name": 42}, [E("type_mismatch", "/name")])
pn("external-id-2049-chars", {"name": "Ann", "externalId": "e" * 2049}, [E("too_long", "/externalId")])
pn("profile-url-2049-chars", {"name": "Ann", "profileUrl": uri_of(2049)}, [E("too_long", "/profileUrl")])
pn("profile-url-not-uri", {"name": "Ann", "profileUrl": "not a url"}, [E("format_mismatch", "/profileUrl")])
pn("profile-url-relative", {"name": "Ann", "profileUrl": "/img/john.png"}, [E("format_mismatch", "/profileUrl")])
pn("email-321-chars", {"name": "Ann", "email": email_of(321)}, [E("too_long", "/email")])
pn("email-with-display-name", {"name": "Ann", "email": "John Doe <john@example.com>"},
   [E("format_mismatch", "/email")])
pn("type-51-chars", {"name": "Ann", "type": "t" * 51}, [E("too_long", "/type")])
pn("status-51-chars", {"name": "Ann", "status": "s" * 51}, [E("too_long", "/status")])
pn("custom-non-scalar", {"custom": {"tier": "gold", "tags": ["a", "b"], "address": {"city": "Berlin"}}},
   [E("type_mismatch", "/custom/tags"), E("type_mismatch", "/custom/address")])
pn("custom-not-object", {"custom": ["gold"]}, [E("type_mismatch", "/custom")])
pn("unknown-members", {"name": "Ann", "eTag": "AbCdEf", "updated": "2024-01-01T00:00:00Z"},
   [E("unknown_property", "/eTag", severity="warning"), E("unknown_property", "/updated", severity="warning")])
pn("body-id-differs-from-uuid", {"id": "user-2", "name": "Ann"},
   [E("inconsistent_value", "/id", severity="warning")])

# ============================================================================================
# Raystack Frontier — Update user.  `unique` spans the payloads linted together: every name and
# email below is distinct, except the duplicates in duplicates.ndjson.
FR = {"path.id": "2e5a4c7e-0b1f-4d3a-9a55-6a1c0b3d9f10"}
fr = lambda name, body, expect=(), params=FR, **kw: fx("frontier", name, body, expect, params, **kw)

fr("valid-seed-example", {
    "name": "johndoe", "email": "john.doe@raystack.org",
    "metadata": {"label": {"key1": "value1"}, "description": "User Description"},
    "title": "John Doe", "avatar": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAA",
})
fr("valid-empty-object", {})
fr("valid-empty-title-and-avatar", {"title": "", "avatar": ""})
fr("valid-title-any-utf8", {"title": "J\u00f6rg \U0001F600 D\u0153 \u2713 \u6771\u4eac e\u0301"})
fr("valid-name-dashes-underscores", {"name": "Jane_Doe-2", "email": "jane@raystack.org"})
fr("valid-avatar-padding-groups", {"avatar": "data:image/gif;base64,AB==CD=E"})
fr("valid-avatar-jpeg", {"avatar": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQg="})
fr("valid-avatar-jpg-no-padding", {"avatar": "data:image/jpg;base64,QUJD"})
fr("valid-metadata-empty", {"metadata": {}})
fr("missing-path-id", {"title": "x"}, [E("required_field", "/id", "path")], params={})
fr("body-not-object", None, [E("type_mismatch", "")])
fr("unknown-member", {"state": "disabled"}, [E("unknown_property", "/state", severity="warning")])

fr("name-starts-with-digit", {"name": "1john"}, [E("pattern_mismatch", "/name")])
fr("name-with-space", {"name": "john doe"}, [E("pattern_mismatch", "/name")])
fr("name-non-ascii-letter", {"name": "j\u00f6rg"}, [E("pattern_mismatch", "/name")])
fr("name-starts-with-dash", {"name": "-john"}, [E("pattern_mismatch", "/name")])
fr("name-empty", {"name": ""}, [E("pattern_mismatch", "/name")])
fr("name-not-string", {"name": 7}, [E("type_mismatch", "/name")])
fr("email-malformed", {"email": "john.doe@"}, [E("format_mismatch", "/email")])

fr("metadata-label-value-not-string", {"metadata": {"label": {"team": "core", "level": 3}}},
   [E("type_mismatch", "/metadata/label/level")])
fr("metadata-description-not-string", {"metadata": {"description": ["a"]}},
   [E("type_mismatch", "/metadata/description")])
fr("metadata-member-not-in-metaschema", {"metadata": {"role": "lead"}},
   [E("unknown_property", "/metadata/role")])
fr("metadata-not-object", {"metadata": "label"}, [E("type_mismatch", "/metadata")])

fr("avatar-three-padding-characters", {"avatar": "data:image/png;base64,AB==="}, [E("pattern_mismatch", "/avatar")])
fr("avatar-svg", {"avatar": "data:image/svg+xml;base64,PHN2Zz4="}, [E("pattern_mismatch", "/avatar")])
fr("avatar-empty-body", {"avatar": "data:image/png;base64,"}, [E("pattern_mismatch", "/avatar")])
fr("avatar-starts-with-padding", {"avatar": "data:image/png;base64,=AB"}, [E("pattern_mismatch", "/avatar")])
fr("avatar-plain-url", {"avatar": "https://example.com/a.png"}, [E("pattern_mismatch", "/avatar")])
fr("avatar-not-string", {"avatar": 5}, [E("type_mismatch", "/avatar")])
# the seed's pattern needs > 10^7 steps here (PCRE2 match limit); the shipped one is linear
fr("avatar-catastrophic-24-chars", {"avatar": "data:image/png;base64," + "A" * 23 + "!"},
   [E("pattern_mismatch", "/avatar")])
# ~200 KB: exactly 204,799 bytes (the largest size allowed), bad last character
prefix = "data:image/png;base64,"
big = prefix + "A" * (204799 - len(prefix) - 1) + "!"
assert len(big.encode()) == 204799
fr("avatar-200kb-bad-last-char", {"avatar": big}, [E("pattern_mismatch", "/avatar")], compact=True)

fx("frontier", "duplicates", None, [
    E("not_unique", "/name", record=2),
    E("not_unique", "/email", record=3),
], FR, ndjson=[
    {"name": "dup-user", "email": "dup@raystack.org"},
    {"name": "dup-user", "email": "other@raystack.org"},
    {"name": "dup-user-2", "email": "dup@raystack.org"},
])

# ============================================================================================
# PACE — Update user (JSON:API)
UID = "c0daf39b-4df5-4241-9e7d-b1b85f829090"
PA = {"path.userId": UID, "header.Content-Type": "application/vnd.api+json"}
ATTRS = ["firstName", "lastName", "email", "phoneNumber", "pictureUrl", "gender", "birthDate",
         "address", "locale", "zoneInfo"]
ADDR = ["country", "locality", "street", "houseNo", "additionalAddressLink", "region", "postalCode"]


def address(**over):
    a = {"country": "DE", "locality": "Karlsruhe", "street": "Haid-und-Neu-Stra\u00dfe", "houseNo": 18,
         "additionalAddressLink": "z.H. John Smith", "region": "BW", "postalCode": 76131}
    a.update(over)
    return {k: v for k, v in a.items() if v is not OMIT}


OMIT = object()


def attributes(**over):
    a = {"firstName": "John", "lastName": "Smith", "email": "user@example.com",
         "phoneNumber": "+1 (425) 555-1212",
         "pictureUrl": "https://api.pace.cloud/user/img/uztqwenbqw87t123jhg87t6876",
         "gender": "male", "createdAt": "2021-09-01T23:12:56Z",
         "birthDate": "1997-07-21T00:00:00.000Z", "address": address(),
         "locale": "de-DE", "zoneInfo": "Europe/Berlin"}
    a.update(over)
    return {k: v for k, v in a.items() if v is not OMIT}


def doc(attrs=None, type_="User", id_=UID):
    return {"data": {"type": type_, "id": id_, "attributes": attributes() if attrs is None else attrs}}


def pa(name, body, expect=(), params=None, extra=None, **kw):
    p = dict(PA if params is None else params)
    p.update(extra or {})
    fx("pace", name, body, expect, p, **kw)


AT = "/data/attributes/"
pa("valid-seed-example", doc(), extra={"header.Accept": "application/vnd.api+json"})
pa("explicit-nulls", doc({k: None for k in ATTRS}),
   [E("type_mismatch", AT + k) for k in ATTRS])
pa("valid-without-headers", doc(), params={"path.userId": UID})
pa("valid-accept-wildcards", doc(), extra={"header.Accept": "text/html, application/*;q=0.5"})
pa("valid-accept-any", doc(), extra={"header.Accept": "*/*"})
pa("valid-content-type-case", doc(), extra={"header.Content-Type": "Application/VND.API+JSON"})
pa("valid-createdAt-unchanged", doc(), previous=doc())
pa("valid-createdAt-omitted", doc(attributes(createdAt=OMIT)), previous=doc())
pa("valid-jsonapi-members", {"jsonapi": {"version": "1.1"}, "meta": {"requestId": "r1"},
                             "data": dict(doc()["data"], relationships={}, meta={})})

pa("cleared-attributes", doc({"firstName": "John", "lastName": "Smith"}),
   [E("cleared_field", AT + k, severity="info") for k in ATTRS[2:]])
pa("cleared-address-members", doc(attributes(address={"country": "DE"})),
   [E("cleared_field", AT + "address/" + k, severity="info") for k in ADDR[1:]])
pa("unknown-attribute", doc(attributes(firstName=OMIT, firstname="John")),
   [E("cleared_field", AT + "firstName", severity="info"),
    E("unknown_property", AT + "firstname", severity="warning")])

pa("type-not-User", doc(type_="user"), [E("enum_mismatch", "/data/type")])
pa("id-differs-from-path", doc(id_="11111111-2222-4333-8444-555555555555"),
   [E("inconsistent_value", "/data/id")])
pa("id-not-uuid", doc(id_="12345"), [E("format_mismatch", "/data/id"), E("inconsistent_value", "/data/id")])
pa("path-userId-not-uuid", doc(), [E("format_mismatch", "/userId", "path"), E("inconsistent_value", "/data/id")],
   extra={"path.userId": "not-a-uuid"})
# without the parameter, `equals` has nothing to compare: only the missing parameter is reported
pa("missing-path-userId", doc(), [E("required_field", "/userId", "path")],
   params={"header.Content-Type": "application/vnd.api+json"})

pa("content-type-json", doc(), [E("unsupported_media_type", "/Content-Type", "header")],
   extra={"header.Content-Type": "application/json"})
pa("content-type-with-charset", doc(), [E("unsupported_media_type", "/Content-Type", "header")],
   extra={"header.Content-Type": "application/vnd.api+json; charset=utf-8"})
pa("accept-json-only", doc(), [E("not_acceptable", "/Accept", "header")],
   extra={"header.Accept": "application/json"})
pa("accept-jsonapi-q0", doc(), [E("not_acceptable", "/Accept", "header")],
   extra={"header.Accept": "application/vnd.api+json;q=0, text/html"})

pa("body-not-object", [doc()], [E("type_mismatch", "")])
pa("missing-data", {"meta": {}}, [E("required_field", "/data")])
pa("missing-type-id-attributes", {"data": {}},
   [E("required_field", "/data/type"), E("required_field", "/data/id"), E("required_field", "/data/attributes")])
pa("attribute-formats", doc(attributes(
    email="user(at)example.com", pictureUrl="img/john.png", birthDate="1997-07-21",
    address=address(country="DEU"), locale="de_DE", zoneInfo="Europe/Berln")),
   [E("format_mismatch", AT + "email"), E("format_mismatch", AT + "pictureUrl"),
    E("format_mismatch", AT + "birthDate"), E("format_mismatch", AT + "address/country"),
    E("format_mismatch", AT + "locale"), E("format_mismatch", AT + "zoneInfo")])
pa("house-number-and-postal-code-strings", doc(attributes(address=address(houseNo="18a", postalCode="01067"))),
   [E("type_mismatch", AT + "address/houseNo")])
pa("postal-code-boolean", doc(attributes(address=address(postalCode=True))),
   [E("type_mismatch", AT + "address/postalCode")])
pa("house-number-fraction", doc(attributes(address=address(houseNo=18.5))),
   [E("type_mismatch", AT + "address/houseNo")])
pa("attribute-types", doc(attributes(firstName=1, gender=False, address="Karlsruhe")),
   [E("type_mismatch", AT + "firstName"), E("type_mismatch", AT + "gender"), E("type_mismatch", AT + "address")])
pa("createdAt-changed", doc(attributes(createdAt="2020-01-01T00:00:00Z")),
   [E("immutable_field", AT + "createdAt")], previous=doc())

if __name__ == "__main__":
    emit()
    for api in APIS:
        for fn in sorted(os.listdir(os.path.join(ROOT, api))):
            path = os.path.join(ROOT, api, fn)
            if os.path.isfile(path) and os.path.getsize(path) >= 100_000:
                assert fn == "avatar-200kb-bad-last-char.json", fn
    print("fixtures:", {api: len(v) for api, v in FIXTURES.items()})
