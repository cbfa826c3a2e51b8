"""What a call costs at the worst depth of Python's frame stack, with and without
config.call_stack's fresh chunk.

    bin/bench call_stack [--calls 20000] [--depths 200]

CPython (up to 3.13.12) frees a 16 KiB frame-stack chunk as soon as the frame that
opened it returns, so a loop whose callee's frame lands across a chunk boundary maps
and unmaps memory on every call (python/cpython#142183). This finds, in this process,
the depth where a loop of small calls is slowest, then times the same loop, in one run
and alternating: at that depth; a few frames deeper (an ordinary depth); and at that
depth again but started through `in_fresh_chunk` (as every request is, by
FreshStackChunkMiddleware). It prints each per-call time and their ratio to the
ordinary depth: the fresh chunk should bring the worst depth back to ~1x.
"""

import argparse
import statistics
import sys
import time


def _leaf(value):
    return value


# A callee's frame bigger than a caller's (_loop_at's): wherever the chunk boundary falls
# in the search, some depth leaves the caller in one chunk and no room for the callee.
_leaf.__code__ = _leaf.__code__.replace(co_stacksize=128)


def _loop_at(depth: int, calls: int) -> float:
    """Seconds for `calls` calls of a small function made `depth` frames down."""
    if depth:
        return _loop_at(depth - 1, calls)
    leaf = _leaf
    started = time.perf_counter()
    for n in range(calls):
        leaf(n)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--depths", type=int, default=200, help="depths searched")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    from config.call_stack import in_fresh_chunk

    print(f"Python {sys.version.split()[0]}; searching depths 0-{args.depths}", flush=True)
    per_depth = [(_loop_at(depth, args.calls // 10), depth) for depth in range(args.depths)]
    slowest, worst = max(per_depth)
    ordinary = worst + 3
    print(f"slowest depth: {worst}", flush=True)
    paths = {
        f"at depth {worst} (the worst)": lambda: _loop_at(worst, args.calls),
        f"at depth {ordinary} (ordinary)": lambda: _loop_at(ordinary, args.calls),
        f"at depth {worst}, in a fresh chunk": lambda: in_fresh_chunk(_loop_at, worst, args.calls),
    }
    timings = {name: [] for name in paths}
    for n in range(args.rounds):
        order = list(paths.items())
        shift = n % len(order)
        for name, run in order[shift:] + order[:shift]:
            timings[name].append(run() / args.calls * 1e9)
    base = statistics.median(timings[f"at depth {ordinary} (ordinary)"])
    width = max(len(name) for name in timings)
    print()
    for name, values in timings.items():
        p50 = statistics.median(values)
        print(f"{name:{width}}   {p50:9.1f} ns a call   {p50 / base:7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
