#!/usr/bin/env python3
"""Start-up of payloadlint binaries from a cold page cache: one small file linted (the pre-commit
shape), the binary's pages dropped from the page cache before each cold run.

  Benchmarks/cold-start.py [--rounds N] BINARY [BINARY...]

Prints per binary: its size, the MB of it read from disk by one cold run (page-cache residency
before and after, mincore), the run's major page faults, and the median and best wall time of
cold runs and of warm runs (the same command again at once), the binaries interleaved. Why it
matters: BENCHMARKS.md, fifteenth pass (a machine that drops unmapped file pages within seconds,
with 8 MB readahead windows). Compare `make build` with an older binary or with
`make build LINK_LAYOUT=plain` (copy each out of .build-static first).

Linux only (posix_fadvise, mincore). Shared libraries are left cached: other processes map
libc and its neighbours anyway.
"""
import ctypes
import mmap
import os
import statistics
import sys
import tempfile
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
MAP_FAILED = ctypes.c_void_p(-1).value


def resident_bytes(path):
    """Bytes of the file in the page cache. Mapping it faults nothing in."""
    size = os.path.getsize(path)
    fd = os.open(path, os.O_RDONLY)
    try:
        address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
        if address in (None, MAP_FAILED):
            raise OSError(ctypes.get_errno(), f"mmap {path}")
        try:
            pages = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
            vector = (ctypes.c_ubyte * pages)()
            if libc.mincore(address, size, vector) != 0:
                raise OSError(ctypes.get_errno(), f"mincore {path}")
            return sum(v & 1 for v in vector) * mmap.PAGESIZE
        finally:
            libc.munmap(address, size)
    finally:
        os.close(fd)


def drop(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def run(binary, args):
    """Wall seconds and major faults of one run, output discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(binary, [binary, *args], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"cold-start: {binary} exited {code}")
    return wall, usage.ru_majflt


def main():
    args = sys.argv[1:]
    rounds = 15
    if args[:1] == ["--rounds"]:
        if len(args) < 2 or not args[1].isdigit() or int(args[1]) < 1:
            sys.exit(__doc__)
        rounds = int(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    missing = [b for b in args if not os.access(b, os.X_OK)]
    if missing:
        sys.exit(f"cold-start: not an executable: {', '.join(missing)}")
    os.sync()  # pages still dirty from the link would survive the drop
    with tempfile.TemporaryDirectory() as work:
        small = os.path.join(work, "small.json")
        with open(small, "w") as f:
            f.write('{"data": {"type": "User"}}\n')
        command = ["lint", "--document", "pace.update-user", "--format", "jsonl", "--quiet", "--now", "1700000000", small]
        cold = {b: [] for b in args}
        warm = {b: [] for b in args}
        faults = {b: [] for b in args}
        read = {b: [] for b in args}
        for _ in range(rounds):
            for binary in args:
                drop(binary)
                before = resident_bytes(binary)
                wall, majors = run(binary, command)
                read[binary].append(resident_bytes(binary) - before)
                cold[binary].append(wall)
                faults[binary].append(majors)
                warm[binary].append(run(binary, command)[0])
    print(f"{rounds} rounds, one small file ({' '.join(command[:-1])} FILE)")
    for binary in args:
        print(f"{binary}: {os.path.getsize(binary) / 1e6:.1f} MB, read cold {statistics.median(read[binary]) / 1e6:.1f} MB, "
              f"{statistics.median(faults[binary]):.0f} major faults; "
              f"cold median {statistics.median(cold[binary]) * 1e3:.1f} ms (best {min(cold[binary]) * 1e3:.1f}), "
              f"warm median {statistics.median(warm[binary]) * 1e3:.1f} ms (best {min(warm[binary]) * 1e3:.1f})")


if __name__ == "__main__":
    main()
