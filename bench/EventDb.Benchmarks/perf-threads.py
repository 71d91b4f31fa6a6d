#!/usr/bin/env python3
"""CPU time per thread of the logger, and each thread's top functions by self time, from `perf script` output.

    perf script -i perf.data | python3 bench/EventDb.Benchmarks/perf-threads.py ROUNDS EVENTS_PER_ROUND [TOP]

Prints milliseconds of CPU time per 100,000 events. The recording must be `perf record -F 2000 -g` of `--quick`
(docs/performance.md has the command); ROUNDS is the number of rounds recorded (the ones EVENTDB_PERF_SKIP left out do
not count). A thread is named by a frame only it runs (the insert thread's InsertRunner.Run, the writer's
WriterLoop.Run, ...): perf records no thread names while its events are switched off, and SQLite's frames have no frame
pointers, so a sample in SQLite is placed by its thread id, which some other sample of that thread names.
"""
import collections
import re
import sys

HZ = 2000.0
ROLES = [("inserts", "InsertRunner::Run"), ("writer", "WriterLoop::Run"), ("checkpoint", "WalCheckpointer"),
         ("producer", "AddRange")]


def clean(symbol, library):
    symbol = re.sub(r"\+0x[0-9a-f]+$", "", symbol)
    if symbol.startswith("[unknown]"):
        return "[unknown " + library.split("/")[-1] + "]"
    for marker, prefix in (("kernel", "kernel: "), ("libc", "libc: "), ("libe_sqlite3", "sqlite: ")):
        if marker in library:
            return prefix + symbol
    symbol = re.sub(r"\[(OptimizedTier1OSR|OptimizedTier1|QuickJitted|Optimized|Tier0|Instrumented\w*)\]$", "", symbol)
    symbol = re.sub(r"^(instance )?\S+ \[[^\]]+\] ", "", symbol)  # return type and assembly
    return re.sub(r"\(.*\)$", "", symbol)[:90]


def main():
    rounds, events = int(sys.argv[1]), int(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    role_of_thread, samples = {}, []
    for block in sys.stdin.read().split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) < 2:
            continue
        thread = lines[0].split()[1]
        for role, frame in ROLES:
            if any(frame in line for line in lines[1:]):
                role_of_thread.setdefault(thread, role)
                break
        leaf = re.match(r"\s*[0-9a-f]+ (.*) \((.*)\)$", lines[1])
        samples.append((thread, clean(*leaf.groups()) if leaf else lines[1].strip()))
    total, functions = collections.Counter(), collections.defaultdict(collections.Counter)
    for thread, function in samples:
        role = role_of_thread.get(thread, "other (JIT, runtime)")
        total[role] += 1
        functions[role][function] += 1
    per_100k = lambda count: count / HZ * 1000.0 / rounds / (events / 100_000)
    print(f"ms of CPU time per 100,000 events ({rounds} rounds of {events:,})")
    for role, count in total.most_common():
        print(f"== {role}: {per_100k(count):.1f} ms")
        for function, n in functions[role].most_common(top):
            print(f"   {per_100k(n):6.1f}  {function}")


if __name__ == "__main__":
    main()
