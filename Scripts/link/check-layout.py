#!/usr/bin/env python3
"""After `make build`: says when the cold-start layout (layout.ld, startup-order.txt) no longer
takes effect, which the linker does not: a toolchain whose ICU object has another name leaves
ICU's data in place, a data section the script does not name stays after .text (so do the entry
code and the PLT if the script's block for them is lost), and an order file whose names the code
no longer has orders nothing.
Warnings only; the binary works either way (only its start from a cold page cache is slower).

  Scripts/link/check-layout.py BINARY
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STALE = 0.2  # share of the order's names missing from the binary that calls for `make startup-order`


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    try:
        sections = subprocess.run(["readelf", "-S", "-W", binary], capture_output=True, text=True, check=True).stdout
        symbols = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"check-layout: cannot read {binary} ({error}); layout not checked", file=sys.stderr)
        return
    warnings = []
    addresses = {}
    for line in sections.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 3 and parts[0].startswith("["):
            try:
                addresses[parts[1]] = int(parts[3], 16)
            except ValueError:
                pass
    text = addresses.get(".text")
    if text is not None and any(addresses.get(name, 0) > text for name in (".data.rel.ro", ".data", ".got.plt")):
        warnings.append("the relocated and writable data were not moved before .text (layout.ld)")
    if text is not None and any(addresses.get(name, 0) > text for name in (".init", ".fini", ".plt")):
        warnings.append("the entry code and the PLT were not moved before .text (layout.ld)")
    if ".rodata.icudata" not in sections:
        warnings.append("ICU's data was not moved (layout.ld names lib_FoundationICU.a:icu_packaged_data.cpp.o; "
                        "this toolchain's differs?)")
    defined = {parts[-1] for parts in (line.split() for line in symbols.splitlines()) if len(parts) == 3}
    with open(os.path.join(HERE, "startup-order.txt")) as f:
        order = [line.strip() for line in f if line.strip()]
    missing = sum(1 for name in order if name not in defined)
    if order and missing / len(order) > STALE:
        warnings.append(f"{missing} of the {len(order)} functions in startup-order.txt are not in the binary: "
                        "run `make startup-order`")
    for warning in warnings:
        print(f"check-layout: warning: {warning}", file=sys.stderr)
    if not warnings:
        print(f"check-layout: cold-start layout in place ({len(order) - missing} of {len(order)} ordered functions found)")


if __name__ == "__main__":
    main()
