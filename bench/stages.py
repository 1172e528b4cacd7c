#!/usr/bin/env python3
"""Where the time goes: milliseconds per MB of each stage of one lint, in this process.

    python bench/stages.py FILE [--runs 3]

Stages: masking, each phase's one-pass scan (dictionaries and patterns), each check, the filter.
One-time costs (loading jieba, building automata) are paid in an untimed first run, so the figures
are the steady state of a long file; ``--first`` shows that first run instead (one-time costs, and
memoised context scores not yet warm: what one lint of a new file costs). CPU time of this process
(less sensitive to other load than wall time); the fastest of ``--runs``.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--first", action="store_true", help="time the first run only")
    a = ap.parse_args()

    from wenlint import checks, engine, formats
    from wenlint.runner import Options, linter_for, settings_for

    linter = linter_for(settings_for(str(a.file), Options()))
    text = a.file.read_text(encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    best: dict[str, float] = {}
    count: dict[str, int] = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.process_time()
            out = fn(*args, **kwargs)
            if hasattr(out, "__next__"):
                out = list(out)
            took[name] += time.process_time() - t
            return out
        return wrapper

    for name, definition in list(checks.CHECKS.items()):
        checks.CHECKS[name] = definition._replace(fn=timed("check " + name, definition.fn))
    for phase, (matcher, _) in enumerate(linter.phases):
        matcher.hits = timed(f"scan phase {phase}", matcher.hits)
    formats.masked_spans = timed("mask", formats.masked_spans)
    engine.formats = formats
    linter._filter = timed("filter", linter._filter)
    for run in range(1 if a.first else a.runs + 1):
        took: dict[str, float] = defaultdict(float)
        t = time.process_time()
        found = linter.lint(text, str(a.file))
        took["total"] = time.process_time() - t
        if run or a.first:  # the first run pays the one-time costs
            for k, v in took.items():
                best[k] = min(best.get(k, v), v)
        count["diagnostics"] = len(found)
    runs = "first run" if a.first else f"best of {a.runs}"
    print(f"{a.file}: {mb:.2f} MB, {count['diagnostics']} diagnostics; ms per MB, {runs}")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {v * 1000 / mb:8.1f}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
