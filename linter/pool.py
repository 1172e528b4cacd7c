"""Run files through :func:`wenlint.runner.process`, in this process or in a pool of workers,
yielding the results in the order of the files."""
from __future__ import annotations

import os
import sys

from wenlint.config import ConfigError
from wenlint.packs import PackError
from wenlint.runner import Options, linter_for, process, settings_for

PARALLEL_MIN_BYTES = 256 * 1024  # less input than this is linted faster than worker processes start


def _process_star(args):
    path, opts, walked = args
    return process(path, opts, walked=walked)


def run_all(files: list[str], opts: Options, jobs: int, stdin_name: str | None, progress: bool,
            walked: set[str] = frozenset(), sink=None):
    """Yield each file's result, in the order of ``files``, as soon as it is ready. Files linted in
    this process write their text report to ``sink``; workers return theirs in the result."""
    disk = [f for f in files if f != "-"]
    if "-" in files:
        yield process("-", opts, sys.stdin.buffer.read(), stdin_name or "-", sink=sink)
    if jobs > 1 and len(disk) > 1 and _total_size(disk) >= PARALLEL_MIN_BYTES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:  # load the rules before forking, so workers inherit them
            linter_for(settings_for(disk[0], opts))
        except (ConfigError, PackError, OSError):
            pass
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            chunk = max(1, min(16, len(disk) // (jobs * 8)))
            done = pool.map(_process_star, [(f, opts, f in walked) for f in disk], chunksize=chunk)
            for i, r in enumerate(done):
                _progress(progress, i + 1, len(disk))
                yield r
    else:
        for i, f in enumerate(disk):
            r = process(f, opts, walked=f in walked, sink=sink)
            _progress(progress, i + 1, len(disk))
            yield r
    if progress and disk:
        sys.stderr.write("\r\033[K")


def _total_size(paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass  # reported when the file is read
        if total >= PARALLEL_MIN_BYTES:
            break
    return total


def _progress(on: bool, done: int, total: int) -> None:
    if on and total > 1 and (done % 20 == 0 or done == total):
        sys.stderr.write(f"\rwenlint: {done}/{total} files")
        sys.stderr.flush()
