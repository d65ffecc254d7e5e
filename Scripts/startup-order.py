#!/usr/bin/env python3
"""Writes Scripts/link/startup-order.txt: the functions a run of payloadlint executes, for lld's
--symbol-ordering-file (`make build` links them first in .text).

Why: on a machine that drops unmapped file pages within seconds (BENCHMARKS.md, fifteenth pass),
each run of a 60 MB static binary starts by faulting its pages back in, and every fault reads an
8 MB readahead window. The code one run executes is a few MB; unordered it lies spread over all
16 MB of .text. Packed at the front, it comes in with the first window.

  Scripts/startup-order.py [--map LINK_MAP] BINARY [CORPUS_DIR]

BINARY: a static payloadlint linked without Scripts/link/layout.ld (`make startup-order` builds
one with LINK_LAYOUT=plain: valgrind cannot read the symbols of the shipped layout). The runs,
under callgrind: one small file (the pre-commit shape: its functions come first, so that a
one-file run needs the fewest pages), every shipped fixture in text and json, and the first
3,000 payloads of each API's NDJSON corpus in jsonl (CORPUS_DIR, default the peers' corpus in
.bench-cache; skipped with a note when absent). Functions are listed by mangled name in three
groups, each sorted, so that the file is deterministic for one build: the small-file run's, then
the other functions of the corpora's validation, then those only the fixtures' text and json
output run (rarer in a linting run: at the end of the ordered code, where a readahead window
ends).

LINK_MAP: lld's map of BINARY's link (-Map; `make startup-order` writes one). lld orders input
sections, and some objects of the toolchain's static libraries keep all their code in one `.text`
(the standard library's is 1.5 MB): naming one function of such an object moves all of it. With
the map, a name defined more than once with a copy in such an object (the compiler's shared
helpers, `objectdestroyTm`, value witnesses like `$sSqwxx`) is left out: ordered, it dragged in
whole objects of which the run executes nothing (the regex parser's, the JSON decoder's, 3 MB in
all), and spread the ordered code over 5.4 MB instead of 3.8. (Ordering each group's names in
such objects after its other functions was measured too: a cold run then read 25 MB, not 17.)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Scripts", "link", "startup-order.txt")
DOCS = {"fullstory": "fullstory.update-user", "pubnub": "pubnub.set-uuid-metadata",
        "frontier": "frontier.update-user", "pace": "pace.update-user"}
NOW = "1700000000"
FUNCTION = re.compile(r"c?fn=\((\d+)\)(?: (.*))?$")


def executed(profile):
    """Names of the functions in a callgrind profile (names are compressed: `fn=(id) name` once,
    `fn=(id)` after)."""
    names, seen = {}, set()
    with open(profile, errors="replace") as f:
        for line in f:
            match = FUNCTION.match(line.rstrip("\n"))
            if match:
                if match.group(2):
                    names[match.group(1)] = match.group(2)
                name = names.get(match.group(1))
                if name:
                    seen.add(name)
    return seen


def defined_functions(binary):
    out = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    return {parts[2] for parts in (line.split() for line in out.splitlines())
            if len(parts) == 3 and parts[1] in "tTwW"}


def whole_object_names(link_map):
    """From lld's map (written with `--no-demangle`, so that names are as `nm` gives them): the
    names defined in a whole-object `.text` input section (named `.text`, not
    `.text.<function>`) that the output `.text` defines more than once."""
    line_format = re.compile(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+( +)(.*)$")
    in_text, whole, definitions = False, False, {}
    wholes = set()
    seen_text = False
    with open(link_map, errors="replace") as f:
        for line in f:
            match = line_format.match(line.rstrip("\n"))
            if not match:
                continue
            indent, name = len(match.group(1)), match.group(2)
            if indent == 1:  # an output section
                in_text = name == ".text"
                seen_text |= in_text
            elif indent <= 9:  # an input section: `archive(object):(section)`
                whole = in_text and name.endswith(":(.text)")
            elif in_text:  # a symbol of the current input section
                definitions[name] = definitions.get(name, 0) + 1
                if whole:
                    wholes.add(name)
    if not seen_text:
        sys.exit(f"startup-order: {link_map}: no output section .text found (not a map written by lld?)")
    return {name for name in wholes if definitions[name] > 1}


def profile(binary, args, work, name):
    path = os.path.join(work, name + ".callgrind")
    # Exit status 1 is expected: the fixtures and corpora hold invalid payloads on purpose.
    status = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={path}",
                             binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if status not in (0, 1) or not os.path.exists(path):
        sys.exit(f"startup-order: {name}: valgrind or payloadlint failed (exit {status})")
    return executed(path)


def main():
    args = sys.argv[1:]
    link_map = None
    if args[:1] == ["--map"]:
        if len(args) < 2:
            sys.exit(__doc__)
        link_map, args = args[1], args[2:]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    binary = args[0]
    corpus = args[1] if len(args) == 2 else os.path.join(ROOT, ".bench-cache", "peers", "corpus", "ndjson")
    if link_map is not None and not os.path.exists(link_map):
        sys.exit(f"startup-order: {link_map}: no such link map")
    # Read before the minutes of profiling, so that a map it cannot use stops it at once.
    dragging = whole_object_names(link_map) if link_map else set()
    missing = [tool for tool in ("valgrind", "nm", "strip") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"startup-order: needs {', '.join(missing)} (Debian: valgrind, binutils)")
    if not os.access(binary, os.X_OK):
        sys.exit(f"startup-order: {binary}: not an executable (make build LINK_LAYOUT=plain builds it)")
    functions = defined_functions(binary)
    with tempfile.TemporaryDirectory() as work:
        # valgrind gives up on the DWARF of the Swift toolchain's static libraries; the symbol
        # table is what names the functions.
        stripped = os.path.join(work, "payloadlint")
        subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
        binary = stripped
        small = os.path.join(work, "small.json")
        with open(small, "w") as f:
            f.write('{"data": {"type": "User"}}\n')
        first = profile(binary, ["lint", "--document", "pace.update-user", "--format", "jsonl", "--quiet",
                                 "--now", NOW, small], work, "small")
        first &= functions
        if len(first) < 100:
            sys.exit(f"startup-order: only {len(first)} named functions in the small run; "
                     "is BINARY linked with Scripts/link/layout.ld (valgrind cannot read its symbols)?")
        rest = set()
        fixtures = os.path.join(ROOT, "Fixtures")
        shown = profile(binary, ["lint", fixtures], work, "fixtures-text")
        shown |= profile(binary, ["lint", "--format", "json", fixtures], work, "fixtures-json")
        for api, doc in DOCS.items():
            source = os.path.join(corpus, api + ".ndjson")
            if not os.path.exists(source):
                print(f"startup-order: no {source}, {api}'s validation path not profiled "
                      "(make bench-peers generates the corpus)", file=sys.stderr)
                continue
            head = os.path.join(work, api + ".ndjson")
            with open(source, "rb") as f, open(head, "wb") as g:
                for _, line in zip(range(3000), f):
                    g.write(line)
            rest |= profile(binary, ["lint", "--document", doc, "--format", "jsonl", "--quiet", "--now", NOW, head],
                            work, api)
    rest = (rest & functions) - first
    shown = (shown & functions) - first - rest
    groups = [sorted(group - dragging) for group in (first, rest, shown)]
    with open(OUT, "w") as f:
        for group in groups:
            f.writelines(name + "\n" for name in group)
    note = (f"; {len((first | rest | shown) & dragging)} left out (defined again in whole objects)" if link_map
            else "; no link map: whole objects not taken into account")
    print(f"startup-order: {len(groups[0])} functions of a one-file run, {len(groups[1])} more of validation, "
          f"{len(groups[2])} more of the fixtures' text and json output{note} -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
